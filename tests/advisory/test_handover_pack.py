"""The handover pack: one page (and an A4 PDF) built from the records,
holding every section, read in a fixed number of queries; the holders
acknowledge it and the incoming holder ticks the checklist there."""

import datetime
import io
import os

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from advisory import services
from objectives.models import PlanState
from tests import factories
from tests.chromium import CHROMIUM

pytestmark = pytest.mark.django_db

SECTIONS = (
    "Holders over time",
    "Objectives",
    "Open next steps",
    "Latest engagement with each counterpart",
    "Lessons of these objectives",
    "Coming events",
    "First 30 days",
)


def fill(post, objective, number):
    institution = factories.InstitutionFactory(name=f"Ministry {number}")
    post.institutions.add(institution)
    engagement = factories.EngagementFactory(post=post, institution=institution, purpose=f"Purpose {number}")
    factories.NextStepFactory(engagement=engagement, description=f"Step {number}")
    factories.HandoverNoteFactory(objective=objective, summary=f"Note {number}")
    objective.lessons.add(factories.LessonFactory(mission=objective.mission, number=number, title=f"Lesson {number}"))
    factories.EventFactory(
        organising_division=objective.owning_division, title=f"Event {number}", objectives=[objective]
    )


@pytest.fixture
def pack(division, editor):
    post = factories.AdvisoryPostFactory(division=division, title="Advisor to the Director of Training")
    objective = factories.ObjectiveFactory(owning_division=division, title="Curriculum development", number=11)
    post.objectives.add(objective)
    factories.ReportFactory(objective=objective, approved=True, percent_complete=40, narrative="Half the courses run.")
    plan = factories.PlanFactory(objective=objective, state=PlanState.AGREED)
    factories.ActivityFactory(plan=plan, title="Review the curriculum")
    outgoing = factories.TourFactory(
        post=post,
        holder_name="Outgoing advisor",
        starts_on=datetime.date(2026, 1, 1),
        ends_on=datetime.date(2026, 6, 30),
    )
    incoming = factories.TourFactory(
        post=post,
        holder_name="Incoming advisor",
        starts_on=datetime.date(2026, 6, 20),
        ends_on=datetime.date(2026, 12, 31),
    )
    fill(post, objective, 1)
    services.handover_start(user=editor, outgoing=outgoing, incoming=incoming)
    return post


def pack_url(post):
    return reverse("admin:advisory_advisorypost_handover", args=[post.pk])


def test_the_pack_holds_every_section_from_the_records(editor_client, pack):
    page = editor_client.get(pack_url(pack)).text
    for section in SECTIONS:
        assert f">{section}</h2>" in page, section
    for record in (
        "Outgoing advisor",
        "11 days of overlap",
        "Curriculum development",
        "Half the courses run.",
        "Review the curriculum",
        "Step 1",
        "Ministry 1",
        "Purpose 1",
        "Note 1",
        "Lesson 1",
        "Event 1",
        "Meet each counterpart institution",
    ):
        assert record in page, record


def test_the_pack_takes_the_same_number_of_queries_as_records_grow(editor_client, pack):
    objective = pack.objectives.get()
    with CaptureQueriesContext(connection) as few:
        editor_client.get(pack_url(pack))
    for number in range(2, 12):
        fill(pack, objective, number)
        factories.ReportFactory(objective=objective, approved=True)
    with CaptureQueriesContext(connection) as many:
        assert "Step 11" in editor_client.get(pack_url(pack)).text
    assert len(many) == len(few)


def test_holders_acknowledge_and_tick_from_the_pack(editor_client, pack):
    editor_client.post(pack_url(pack), {"action": "acknowledge-outgoing"})
    item = pack.handovers.get().checklist.first()
    response = editor_client.post(pack_url(pack), {"action": "tick", "item": item.pk}, follow=True)

    handover = pack.handovers.get()
    assert handover.outgoing_acknowledged_at is not None
    item.refresh_from_db()
    assert item.done_at is not None
    assert "The checklist is updated." in response.text


def test_a_bad_action_or_item_changes_nothing(editor_client, pack):
    for data in ({"action": "tick", "item": "99999999999999999999"}, {"action": "tick", "item": "x"}, {"action": "?"}):
        response = editor_client.post(pack_url(pack), data, follow=True)
        assert response.status_code == 200
        assert "Nothing was changed." in response.text
    assert not pack.handovers.get().checklist.filter(done_at__isnull=False).exists()


def test_another_divisions_editor_cannot_open_the_pack(client, other_editor, pack):
    client.force_login(other_editor)
    response = client.get(pack_url(pack), follow=True)
    assert "Outgoing advisor" not in response.text


def test_the_post_page_offers_the_pack_and_the_start_of_a_handover(editor_client, division):
    post = factories.AdvisoryPostFactory(division=division)
    today = timezone.localdate()
    factories.TourFactory(post=post, holder_name="Now", starts_on=today - datetime.timedelta(days=100), ends_on=today)
    factories.TourFactory(post=post, holder_name="Next", starts_on=today, ends_on=today + datetime.timedelta(days=180))
    page = editor_client.get(reverse("admin:advisory_advisorypost_change", args=[post.pk]))
    assert pack_url(post) in page.text
    assert "Start the handover from Now to Next" in page.text

    editor_client.post(
        reverse("admin:advisory_advisorypost_workflow", args=[post.pk, "start"]),
        {"token": page.context["workflow_token"]},
    )
    assert post.handovers.count() == 1


@pytest.mark.skipif(not os.path.exists(CHROMIUM), reason=f"Chromium is not installed at {CHROMIUM}")
def test_the_pdf_is_a4_and_holds_the_sections(editor_client, pack):
    response = editor_client.get(reverse("admin:advisory_advisorypost_handover_pdf", args=[pack.pk]))
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    width, height = (round(float(value)) for value in reader.pages[0].mediabox.upper_right)
    assert (width, height) == (595, 842)
    text = "".join("".join(page.extract_text().split()) for page in reader.pages)
    for section in SECTIONS:
        assert "".join(section.split()) in text, section


def test_without_chromium_the_pdf_link_says_why(editor_client, pack, settings):
    settings.CHROMIUM_PATH = "/nonexistent/chromium"
    response = editor_client.get(reverse("admin:advisory_advisorypost_handover_pdf", args=[pack.pk]), follow=True)
    assert response.redirect_chain[-1][0] == pack_url(pack)
    assert "Chromium is not installed" in response.text
