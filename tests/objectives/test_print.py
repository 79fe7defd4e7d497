"""The plan-on-a-page prints on one A4 page, in Chromium's own print engine."""

import datetime
import os
import subprocess
import unicodedata

import pytest
from pypdf import PdfReader

from objectives.models import PlanState
from tests import factories
from tests.chromium import CHROMIUM as CHROMIUM_PATH
from tests.chromium import FLAGS

CHROMIUM = CHROMIUM_PATH if os.path.exists(CHROMIUM_PATH) else None
A4_POINTS = (595, 842)

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)"),
]


def print_to_pdf(url, target):
    subprocess.run(
        [
            CHROMIUM,
            "--headless",
            *FLAGS,
            f"--user-data-dir={target.parent / 'profile'}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={target}",
            url,
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return PdfReader(target)


def printed_text(pages):
    """The text of ``pages`` as comparable whatever fonts are installed:
    compatibility-normalised (Arabic presentation forms become letters) and
    without white space (where a PDF puts spaces between runs of text
    depends on the font)."""
    text = "".join(page.extract_text() for page in pages)
    return "".join(unicodedata.normalize("NFKC", text).split())


def squeezed(text):
    return "".join(text.split())


@pytest.mark.parametrize("language", ["en", "ar"])
def test_plan_with_twelve_activities_prints_on_one_a4_page(live_server, tmp_path, language):
    division = factories.DivisionFactory(name="Professional Security Education Division", acronym="PSE", slug="pse")
    objective = factories.ObjectiveFactory(
        owning_division=division, number=11, slug="lto-11", title="Curriculum, faculty and institutional development"
    )
    plan = factories.PlanFactory(
        objective=objective,
        version=3,
        state=PlanState.AGREED,
        institution=factories.InstitutionFactory(name="Defence University for Military Studies"),
        change_summary="Re-phased after the mid-tour review.",
    )
    italy = factories.NationFactory(name="Italy")
    for order in range(1, 13):
        factories.ActivityFactory(
            plan=plan,
            order=order,
            title=f"Review the staff college curriculum module {order} with the faculty board",
            target=f"2025-Q{order % 4 + 1}",
            lead_division=division,
            lead_nation=italy if order % 3 == 0 else None,
            status="done" if order < 5 else "planned",
            outcome="Agreed with the dean; next review in six months." if order < 5 else "",
        )
    prefix = "/ar" if language == "ar" else ""

    pdf = print_to_pdf(f"{live_server.url}{prefix}/objectives/lto-11/plan/", tmp_path / "plan.pdf")

    assert len(pdf.pages) == 1
    box = pdf.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == A4_POINTS
    text = printed_text(pdf.pages[:1])
    assert squeezed("module 12") in text
    # Navigation is not printed.
    assert squeezed("Lessons learned") not in text
    assert squeezed("الدروس المستفادة") not in text


@pytest.mark.parametrize("language", ["en", "ar"])
def test_objective_page_prints_on_a4_without_navigation(live_server, tmp_path, language):
    division = factories.DivisionFactory(name="Ministerial Advisory Division", acronym="MAD", slug="mad")
    objective = factories.ObjectiveFactory(owning_division=division, number=9, slug="lto-9", title="Strategic planning")
    factories.IndicatorFactory(objective=objective, name="Plans agreed")
    for year in (2022, 2023, 2024):
        factories.ReportFactory(
            objective=objective,
            approved=True,
            period_start=datetime.date(year, 1, 1),
            narrative=f"Narrative of the {year} report.",
        )
    prefix = "/ar" if language == "ar" else ""

    pdf = print_to_pdf(f"{live_server.url}{prefix}/objectives/lto-9/", tmp_path / "objective.pdf")

    for page in pdf.pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == A4_POINTS
    text = printed_text(pdf.pages)
    assert squeezed("Strategic planning") in text
    # The reports print opened, not folded away.
    assert squeezed("Narrative of the 2023 report.") in text
    # Navigation, language links and the skip link are not printed.
    for hidden in ("Lessons learned", "Skip to main content", "الدروس المستفادة", "انتقل إلى المحتوى الرئيسي"):
        assert squeezed(hidden) not in text
