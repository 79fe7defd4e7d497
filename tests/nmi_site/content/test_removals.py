"""Tombstones: a record deleted, or shown to fewer, is noted with its
model, id and levels, and nothing else of it."""

import pytest

from nmi_site.content.removals import Removal, lost_by
from nmi_site.content.visibility import EVERYTHING, PUBLIC_AND_PARTNERS, PUBLIC_ONLY
from outreach.models import Event
from tests import factories

pytestmark = pytest.mark.django_db


def removals():
    return list(Removal.objects.order_by("pk").values_list("model", "record_id", "before", "after"))


def lost(levels):
    return sorted(lost_by(levels).values_list("model", "record_id"))


def test_a_deleted_record_leaves_a_tombstone_for_everyone_who_saw_it(division):
    event = factories.EventFactory(organising_division=division)
    pk = event.pk

    Event.objects.get(pk=pk).delete()

    assert removals() == [("outreach.event", pk, "public", None)]
    assert lost(PUBLIC_ONLY) == lost(PUBLIC_AND_PARTNERS) == lost(EVERYTHING) == [("outreach.event", pk)]


def test_a_deleted_internal_record_is_a_tombstone_for_staff_only(division):
    event = factories.EventFactory(organising_division=division, visibility="internal")
    pk = event.pk

    event.delete()

    assert lost(PUBLIC_ONLY) == lost(PUBLIC_AND_PARTNERS) == []
    assert lost(EVERYTHING) == [("outreach.event", pk)]


def test_a_record_shown_to_fewer_is_lost_to_those_left_out(division):
    event = factories.EventFactory(organising_division=division)
    event = Event.objects.get(pk=event.pk)

    event.visibility = "partners"
    event.save()

    assert lost(PUBLIC_ONLY) == [("outreach.event", event.pk)]
    assert lost(PUBLIC_AND_PARTNERS) == lost(EVERYTHING) == []

    event.visibility = "internal"
    event.save()

    assert lost(PUBLIC_ONLY) == lost(PUBLIC_AND_PARTNERS) == [("outreach.event", event.pk)]
    assert lost(EVERYTHING) == []


def test_a_record_shown_again_leaves_the_tombstones_of_those_who_see_it(division):
    event = factories.EventFactory(organising_division=division, visibility="internal")
    Event.objects.filter(pk=event.pk).update(visibility="public")
    event = Event.objects.get(pk=event.pk)
    event.visibility = "internal"
    event.save()
    assert lost(PUBLIC_ONLY) == lost(PUBLIC_AND_PARTNERS) == [("outreach.event", event.pk)]

    event.visibility = "partners"
    event.save()

    # Partners see it again; the public still does not.
    assert lost(PUBLIC_AND_PARTNERS) == []
    assert lost(PUBLIC_ONLY) == [("outreach.event", event.pk)]

    event.visibility = "public"
    event.save()

    assert removals() == []


def test_a_hidden_parent_leaves_tombstones_for_what_hangs_from_it(division):
    objective = factories.ObjectiveFactory(owning_division=division)
    events = [factories.EventFactory(organising_division=division) for _ in range(3)]
    draft = factories.ReportFactory(objective=objective)
    approved = factories.ReportFactory(objective=objective, approved=True)
    division.refresh_from_db()

    division.visibility = "internal"
    division.save()

    lost_to_public = lost(PUBLIC_ONLY)
    assert ("missions.division", division.pk) in lost_to_public
    assert ("objectives.longtermobjective", objective.pk) in lost_to_public
    assert {("outreach.event", event.pk) for event in events} <= set(lost_to_public)
    assert ("objectives.progressreport", approved.pk) in lost_to_public
    # The draft report was never shown outside: no tombstone names it.
    assert ("objectives.progressreport", draft.pk) not in lost_to_public
    assert not Removal.objects.filter(model="objectives.progressreport", record_id=draft.pk).exists()


def test_work_in_progress_going_back_is_a_tombstone(mission):
    lesson = factories.LessonFactory(mission=mission)

    lesson.stage = "identified"
    lesson.save()

    assert lost(PUBLIC_ONLY) == [("missions.lesson", lesson.pk)]
    assert lost(EVERYTHING) == []


def test_a_save_that_changes_no_level_writes_no_tombstone(division):
    event = Event.objects.get(pk=factories.EventFactory(organising_division=division).pk)
    event.title = "Renamed"
    event.save()

    assert removals() == []


def test_a_tombstone_names_no_content(division):
    event = factories.EventFactory(organising_division=division, title="Secret talks", visibility="partners")

    event.delete()

    (removal,) = Removal.objects.values()
    assert set(removal) == {"id", "model", "record_id", "before", "after", "removed_at"}
    assert "Secret" not in str(removal)
