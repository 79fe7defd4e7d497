import datetime
import re

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy

from nmi_site.content.visibility import Visibility
from objectives.models import PlanState, ReportStatus
from tests import factories

pytestmark = pytest.mark.django_db

HIDDEN = "zzhidden"


def report(objective, year, percent, **kwargs):
    return factories.ReportFactory(
        objective=objective,
        period_start=datetime.date(year, 1, 1),
        period_end=datetime.date(year, 6, 30),
        percent_complete=percent,
        approved=True,
        **kwargs,
    )


@pytest.fixture
def world(mission, division, objective):
    """An objective with approved progress and, beside it, everything that
    must stay off public pages."""
    report(objective, 2022, 20)
    report(objective, 2023, 45, status=ReportStatus.AT_RISK)
    factories.ReportFactory(
        objective=objective, period_start=datetime.date(2024, 1, 1), percent_complete=77, narrative=f"{HIDDEN} draft"
    )
    factories.ReportFactory(
        objective=objective,
        period_start=datetime.date(2025, 1, 1),
        percent_complete=78,
        narrative=f"{HIDDEN} submitted",
        submitted=True,
    )
    factories.ReportFactory(
        objective=objective,
        period_start=datetime.date(2026, 1, 1),
        percent_complete=79,
        narrative=f"{HIDDEN} returned",
        returned=True,
    )
    factories.HandoverNoteFactory(objective=objective, summary=f"{HIDDEN} handover", key_contacts=f"{HIDDEN} contact")
    plan = factories.PlanFactory(objective=objective, version=1, change_summary="First agreed version.")
    factories.ActivityFactory(plan=plan, title="Joint assessment", lead_division=division)
    factories.ActivityFactory(
        plan=plan, title="Workshop", lead_nation=factories.NationFactory(name=f"{HIDDEN} nation", visibility="internal")
    )
    draft_plan = factories.PlanFactory(
        objective=objective, version=2, state=PlanState.DRAFT, agreed_on=None, change_summary=f"{HIDDEN} draft plan"
    )
    factories.ActivityFactory(plan=draft_plan, title=f"{HIDDEN} draft activity")
    objective.institutions.add(
        factories.InstitutionFactory(name="Military Academy"),
        factories.InstitutionFactory(name=f"{HIDDEN} institution", visibility=Visibility.PARTNERS),
    )
    objective.supporting_divisions.add(
        factories.DivisionFactory(mission=mission, name=f"{HIDDEN} division", visibility="internal")
    )
    factories.AchievementFactory(division=division, objective=objective, title="Planning Guide written")
    factories.AchievementFactory(
        division=division, objective=objective, title=f"{HIDDEN} achievement", visibility="internal"
    )
    factories.LineOfEffortFactory(objective=objective, title="Faculty development")
    factories.ObjectiveFactory(
        owning_division=division, title=f"{HIDDEN} internal objective", slug="hidden", visibility="internal"
    )
    hidden_division = factories.DivisionFactory(mission=mission, visibility="internal", slug="hidden-division")
    factories.ObjectiveFactory(
        owning_division=hidden_division, title=f"{HIDDEN} objective of a hidden division", slug="orphan"
    )
    return {"plan": plan}


PAGES = [
    ("objectives:dashboard", {}, ["Curriculum development", "LTO 11", "45%", gettext_lazy("At risk")]),
    (
        "objectives:detail",
        {"slug": "lto-11"},
        ["Curriculum development", "Military Academy", "Planning Guide written", "Faculty development", "45%"],
    ),
    ("objectives:plan", {"slug": "lto-11"}, ["Joint assessment", "Workshop", "First agreed version."]),
    ("objectives:plan_version", {"slug": "lto-11", "version": 1}, ["Joint assessment"]),
    ("missions:division_detail", {"slug": "mad"}, ["Curriculum development", "45%"]),
]


def url(name, kwargs, language="en"):
    with translation.override(language):
        return reverse(name, kwargs=kwargs)


@pytest.mark.parametrize("language", ["en", "ar"])
@pytest.mark.parametrize(("name", "kwargs", "expected"), PAGES)
def test_objective_pages_show_approved_public_records_only(client, world, name, kwargs, expected, language):
    response = client.get(url(name, kwargs, language))

    assert response.status_code == 200
    content = response.content.decode()
    for text in expected:
        # Interface labels (lazy strings here) are translated on Arabic pages.
        with translation.override(language):
            assert str(text) in content
    assert HIDDEN not in content.lower()
    for unapproved in ("77%", "78%", "79%"):
        assert unapproved not in content


@pytest.mark.parametrize(("name", "kwargs", "expected"), PAGES)
def test_objective_pages_have_no_inline_script_or_style_and_no_cookie(client, world, name, kwargs, expected):
    response = client.get(url(name, kwargs))
    content = response.content.decode()

    assert response.cookies == {}
    assert "<script" not in content
    assert "<style" not in content
    assert " style=" not in content


@pytest.mark.parametrize(
    "path",
    [
        "/objectives/hidden/",
        "/objectives/orphan/",
        "/objectives/nope/",
        "/objectives/lto-11/plan/2/",
        "/objectives/lto-11/plan/99/",
    ],
)
def test_hidden_objectives_and_draft_plans_are_404(client, world, path):
    response = client.get(path)

    assert response.status_code == 404
    assert HIDDEN not in response.content.decode().lower()


def test_staff_see_a_draft_plan_but_never_unapproved_progress_on_public_pages(client, world):
    client.force_login(factories.StaffFactory())

    plan = client.get("/objectives/lto-11/plan/2/")
    detail = client.get("/objectives/lto-11/").content.decode()

    assert plan.status_code == 200
    assert "not the current agreed version" in plan.content.decode()
    # Public progress is approved progress, whoever looks.
    assert "77%" not in detail
    assert "handover" not in detail.lower()


def test_objective_without_an_agreed_plan_has_no_plan_page(client, objective):
    assert client.get("/objectives/lto-11/plan/").status_code == 404
    assert "No plan has been agreed yet." in client.get("/objectives/lto-11/").content.decode()


def test_superseded_report_gives_way_to_its_correction(client, objective):
    original = report(objective, 2023, 45, is_superseded=True)
    factories.ReportFactory(
        objective=objective,
        period_start=original.period_start,
        period_end=original.period_end,
        percent_complete=41,
        supersedes=original,
        approved=True,
    )

    content = client.get("/objectives/lto-11/").content.decode()

    assert "41%" in content
    assert "45%" not in content
    assert "This report corrects an earlier one for the same period." in content


def chart(content):
    return re.search(r"<svg.*?</svg>", content, re.S)


def test_chart_with_no_reports_says_so(client, objective):
    content = client.get("/objectives/lto-11/").content.decode()

    assert chart(content) is None
    assert "No approved progress report yet." in content


def test_chart_with_one_report_has_a_point_and_no_line(client, objective):
    report(objective, 2023, 45)

    svg = chart(client.get("/objectives/lto-11/").content.decode()).group(0)

    assert svg.count("<circle") == 1
    assert "<polyline" not in svg
    assert '<title id="chart-title">Progress of Curriculum development over time</title>' in svg
    assert "Percent complete from 1 approved progress report" in svg


def test_chart_with_many_reports_draws_a_line_and_a_data_table(client, objective):
    percents = list(range(10, 94, 7))
    for year, percent in zip(range(2010, 2022), percents, strict=True):
        report(objective, year, percent)

    content = client.get("/objectives/lto-11/").content.decode()
    svg = chart(content).group(0)

    assert svg.count("<circle") == 12
    assert svg.count("<polyline") == 1
    # Labels are thinned so they never overlap; the table has every figure.
    assert svg.count('text-anchor="middle"') == 6
    table = content[content.index(">Approved progress reports</caption>") :]
    assert all(f"{percent}%" in table for percent in percents)
    assert 'role="img" aria-labelledby="chart-title chart-desc"' in svg


def test_chart_points_rise_with_progress(client, objective):
    report(objective, 2022, 10)
    report(objective, 2023, 90)

    svg = chart(client.get("/objectives/lto-11/").content.decode()).group(0)
    (x1, y1), (x2, y2) = [(float(x), float(y)) for x, y in re.findall(r'<circle cx="([\d.]+)" cy="([\d.]+)"', svg)]

    assert x1 < x2
    assert y1 > y2  # SVG y grows downwards: higher progress is higher up


NUMERIC_ATTRIBUTES = ("x", "y", "x1", "x2", "y1", "y2", "cx", "cy", "r", "width", "height", "font-size", "stroke-width")


@pytest.mark.parametrize("prefix", ["", "/ar"])
def test_chart_geometry_is_machine_numbers_in_every_language(client, objective, prefix):
    for year, percent in ((2021, 12), (2022, 47), (2023, 61)):
        report(objective, year, percent)

    svg = chart(client.get(f"{prefix}/objectives/lto-11/").content.decode()).group(0)

    attributes = re.findall(r'\s([a-z-]+)="([^"]*)"', svg)
    numeric = [(name, value) for name, value in attributes if name in NUMERIC_ATTRIBUTES and value != "100%"]
    assert len(numeric) > 30
    for _name, value in numeric:
        float(value)  # "220,0" would not parse
    for pair in re.search(r'points="([^"]+)"', svg).group(1).split():
        x, y = pair.split(",")
        float(x), float(y)
    view_box = re.search(r'viewBox="([^"]+)"', svg).group(1).split()
    assert [float(number) for number in view_box] == [0, 0, 640, 260]


def test_the_arabic_chart_runs_right_to_left_with_its_percentages_on_the_right(client, objective):
    report(objective, 2022, 10)
    report(objective, 2023, 90)

    svg = chart(client.get("/ar/objectives/lto-11/").content.decode()).group(0)
    (x1, _y1), (x2, _y2) = [(float(x), float(y)) for x, y in re.findall(r'<circle cx="([\d.]+)" cy="([\d.]+)"', svg)]
    ticks = re.findall(r'<text x="([\d.]+)" y="[\d.]+" text-anchor="start"[^>]*>([^<]+)</text>', svg)

    assert x1 > x2  # the older report is on the right
    assert [text for _x, text in ticks] == ["0%", "25%", "50%", "75%", "100%"]
    assert all(float(x) > 590 for x, _text in ticks)


def test_indicator_shows_baseline_latest_and_target(client, objective):
    indicator = factories.IndicatorFactory(
        objective=objective, name="Courses reviewed", baseline_value=2, target_value=24
    )
    old = report(objective, 2022, 20)
    new = report(objective, 2023, 30)
    for value, source in ((5, old), (11, new)):
        factories.objectives.Measurement.objects.bulk_create(
            [factories.objectives.Measurement(indicator=indicator, report=source, actual_value=value)]
        )

    content = client.get("/objectives/lto-11/").content.decode()
    row = content[content.index("Courses reviewed") :].split("</tr>")[0]

    assert re.findall(r'<span dir="ltr">([^<]+)</span>', row) == ["2 courses", "11 courses", "24 courses"]


def test_example_data_is_labelled(client, objective):
    report(objective, 2023, 45, is_example=True)

    content = client.get("/objectives/lto-11/").content.decode()

    assert "Example data" in content
    assert '<strong class="tag tag--example">Example</strong>' in content


def test_facts_carry_no_example_label(client, objective):
    report(objective, 2023, 45)

    assert "tag--example" not in client.get("/objectives/lto-11/").content.decode()


# Dashboard filters ---------------------------------------------------------------


@pytest.fixture
def dashboard_world(mission, division, other_division):
    cyber = factories.CapabilityAreaFactory(name="Cyber defence", slug="cyber")
    academy = factories.InstitutionFactory(name="Military Academy", slug="academy")
    first = factories.ObjectiveFactory(owning_division=division, title="Strategy", slug="strategy")
    first.capability_areas.add(cyber)
    second = factories.ObjectiveFactory(
        owning_division=other_division, title="Leadership", slug="leadership", status="completed"
    )
    second.institutions.add(academy)
    factories.CapabilityAreaFactory(name=f"{HIDDEN} area", slug="hidden-area", visibility="internal")
    factories.InstitutionFactory(name=f"{HIDDEN} counterpart", slug="hidden-counterpart", visibility="partners")
    return first, second


def titles(response):
    return [objective.title for objective in response.context["objectives"]]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, ["Strategy", "Leadership"]),
        ({"division": "mad"}, ["Strategy"]),
        ({"division": "tdd"}, ["Leadership"]),
        ({"status": "completed"}, ["Leadership"]),
        ({"capability": "cyber"}, ["Strategy"]),
        ({"counterpart": "academy"}, ["Leadership"]),
        ({"division": "mad", "status": "completed"}, []),
    ],
)
def test_dashboard_filters(client, dashboard_world, query, expected):
    response = client.get("/objectives/", query)

    assert response.status_code == 200
    assert titles(response) == expected


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"division": "no-such-division"}, "division"),
        ({"status": "<script>"}, "status"),
        ({"capability": "hidden-area"}, "capability"),
        ({"counterpart": "hidden-counterpart"}, "counterpart"),
    ],
)
def test_dashboard_refuses_unknown_or_hidden_filter_values_with_a_message(client, dashboard_world, query, field):
    response = client.get("/objectives/", query)

    assert response.status_code == 200
    assert field in response.context["filter"].form.errors
    assert titles(response) == []
    assert "Select a valid choice." in response.content.decode()


def test_dashboard_filter_choices_name_visible_records_only(client, dashboard_world):
    content = client.get("/objectives/").content.decode()

    assert "Cyber defence" in content
    assert HIDDEN not in content.lower()


def test_dashboard_groups_by_division(client, dashboard_world):
    content = client.get("/objectives/").content.decode()

    assert content.index("Ministerial Advisory Division") < content.index("Strategy")
    assert content.index("Training Development Division") < content.index("Leadership")


def test_plan_print_stylesheet_is_linked(client, world):
    content = client.get("/objectives/lto-11/plan/").content.decode()

    assert '<link rel="stylesheet" href="/static/css/print.css" media="print">' in content


def test_plan_history_lists_versions_visible_to_the_viewer(client, world):
    content = client.get("/objectives/lto-11/plan/").content.decode()

    assert "Version 1" in content
    assert "Version 2" not in content


def test_handover_note_changes_do_not_move_the_public_last_updated_stamp(client, objective):
    from objectives.models import HandoverNote, LongTermObjective

    LongTermObjective.objects.update(updated_at=datetime.datetime(2024, 2, 10, 12, tzinfo=datetime.UTC))
    from missions.models import Division, Mission

    Mission.objects.update(updated_at=datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC))
    Division.objects.update(updated_at=datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC))
    note = factories.HandoverNoteFactory(objective=objective)
    HandoverNote.objects.filter(pk=note.pk).update(updated_at=datetime.datetime(2025, 5, 5, tzinfo=datetime.UTC))

    content = client.get("/objectives/").content.decode()

    assert ">10 Feb 2024</time>" in content


def test_the_plan_page_says_what_changed_since_the_previous_version(client, objective):
    old = factories.PlanFactory(objective=objective, version=1, state=PlanState.SUPERSEDED)
    factories.ActivityFactory(plan=old, title="Review the curriculum", target="2024-Q3")
    factories.ActivityFactory(plan=old, title="Train the trainers")
    new = factories.PlanFactory(
        objective=objective,
        version=2,
        state=PlanState.AGREED,
        institution=factories.InstitutionFactory(name="Ministry of Defence"),
        counterpart_role="Director of Training",
    )
    factories.ActivityFactory(plan=new, title="Review the curriculum", target="2025-Q1")
    factories.ActivityFactory(plan=new, title="Open the library")
    new.counterpart_name = "A. Person"
    new.save()

    page = client.get(f"/objectives/{objective.slug}/plan/").text
    arabic = client.get(f"/ar/objectives/{objective.slug}/plan/").text

    assert "What changed since version 1" in page
    assert "Added:</strong> <span>Open the library" in page
    assert "Removed:</strong> <span>Train the trainers" in page
    assert "Changed:</strong> <span>Review the curriculum</span> (target)" in page
    assert "Director of Training" in page
    assert "A. Person" not in page and "A. Person" not in arabic
    assert "What changed since version 1" not in arabic


def test_an_objectives_page_offers_its_indicators_series_for_download(client, objective):
    factories.IndicatorFactory(objective=objective)

    response = client.get(objective.get_absolute_url())

    assert f'href="/api/v1/measurements/?objective={objective.slug}&amp;format=csv" download' in response.text
    assert f'href="/api/v1/measurements/?objective={objective.slug}&amp;format=xlsx" download' in response.text


def test_the_dashboard_offers_its_objectives_with_its_filters(client, world, division):
    response = client.get("/objectives/", {"division": division.slug})

    assert f'href="/api/v1/objectives/?division={division.slug}&amp;format=csv" download' in response.text


# Results summary and the progress filter ------------------------------------------------------


@pytest.fixture
def standing(division, other_division):
    """Objectives at each progress status (a completed one still active)."""
    made = {}
    for status, owner in (("on_track", division), ("at_risk", division), ("completed", other_division)):
        objective = factories.ObjectiveFactory(owning_division=owner, title=f"Objective {status}")
        factories.ReportFactory(
            objective=objective, approved=True, status=status, percent_complete=100 if status == "completed" else 50
        )
        made[status] = objective
    made["none"] = factories.ObjectiveFactory(owning_division=other_division, title="Objective without report")
    return made


def summary_rows(content, name):
    table = re.search(rf'<caption id="results-{name}-caption">.*?</table>', content, re.S).group(0)
    rows = re.findall(r'<th scope="row">.*?</span> (?:<a [^>]*>)?([^<]+)(?:</a>)?</th>\s*<td>([^<]+)</td>', table)
    total = re.search(r'<tfoot><tr><th scope="row">([^<]+)</th><td>([^<]+)</td>', table).groups()
    return dict([*rows, total])


def test_the_dashboard_says_where_the_mission_stands(client, standing):
    content = client.get("/objectives/", {"division": "nothing-matches-this"}).content.decode()

    # Whatever the filters: the whole mission.
    assert summary_rows(content, "mission") == {
        "On track": "1",
        "At risk": "1",
        "Off track": "0",
        "Completed": "1",
        "No approved report yet": "1",
        "All objectives": "4",
    }
    assert "Progress of each division's objectives" in content


def test_the_dashboard_filters_by_progress_not_by_lifecycle(client, standing):
    completed = client.get("/objectives/", {"progress": "completed"})
    without = client.get("/objectives/", {"progress": "none"})

    assert [objective.title for objective in completed.context["objectives"]] == ["Objective completed"]
    assert [objective.title for objective in without.context["objectives"]] == ["Objective without report"]
    # The objective's own status is its lifecycle, and says so.
    assert "Lifecycle: Active" in completed.content.decode()
    assert client.get("/objectives/", {"progress": "finished"}).context["objectives"] == []


def test_each_status_links_to_its_objectives(client, standing, division):
    content = client.get("/objectives/").content.decode()

    assert '<a href="/objectives/?progress=at_risk">At risk</a>' in content
    assert f'<a href="/objectives/?division={division.slug}&amp;progress=on_track">1</a>' in content


def test_a_division_page_sums_up_its_own_objectives(client, standing, division):
    content = client.get(division.get_absolute_url()).content.decode()

    assert summary_rows(content, "division") == {
        "On track": "1",
        "At risk": "1",
        "Off track": "0",
        "Completed": "0",
        "No approved report yet": "0",
        "All objectives": "2",
    }


def test_the_arabic_summary_is_mirrored_and_in_arabic(client, standing):
    content = client.get("/ar/objectives/").content.decode()

    bars = re.findall(r'<rect x="([0-9.]+)" y="0" width="([0-9.]+)" height="6" class="results__part', content)
    assert float(bars[0][0]) + float(bars[0][1]) == pytest.approx(100)
    assert "لا تقرير معتمد بعد" in content


def test_a_dashboard_row_of_example_data_says_example_once(client, division):
    objective = factories.ObjectiveFactory(owning_division=division, title="Invented objective", is_example=True)
    factories.ReportFactory(objective=objective, approved=True, is_example=True)
    factual = factories.ObjectiveFactory(owning_division=division, title="Real objective")
    factories.ReportFactory(objective=factual, approved=True, is_example=True)

    content = client.get("/objectives/").content.decode()

    rows = dict(re.findall(r'<li class="objective">.*?>([^<]*objective)</a>(.*?)</li>', content, re.S))
    assert rows["Invented objective"].count("tag--example") == 1
    # A real objective with example progress: the progress is labelled.
    assert rows["Real objective"].count("tag--example") == 1
