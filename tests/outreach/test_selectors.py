"""'My work' of events: coming events waiting to be published, past events
without an outcome."""

import datetime

import pytest

from nmi_site.content.visibility import Visibility
from outreach import selectors
from outreach.models import EventStatus
from tests import factories

pytestmark = pytest.mark.django_db

NOW = factories.baghdad(2026, 8, 15, 12)


def lists(user):
    return {work.key: [item.label for item in work.items] for work in selectors.work_for(user, now=NOW)}


def event(division, *, days, **fields):
    start = NOW + datetime.timedelta(days=days)
    return factories.EventFactory(organising_division=division, starts_at=start, **fields)


def test_an_editor_sees_their_divisions_unpublished_coming_events(editor, division, other_division):
    coming = event(division, days=10, visibility=Visibility.INTERNAL)
    event(division, days=10)  # already public
    event(division, days=10, visibility=Visibility.INTERNAL, status=EventStatus.CANCELLED)
    event(division, days=-10, visibility=Visibility.INTERNAL)  # over
    event(other_division, days=10, visibility=Visibility.INTERNAL)

    assert lists(editor)["events_unpublished"] == [str(coming)]


def test_a_reviewer_sees_every_divisions_unpublished_coming_events(reviewer, division, other_division):
    first = event(division, days=10, visibility=Visibility.INTERNAL)
    second = event(other_division, days=20, visibility=Visibility.INTERNAL)

    assert lists(reviewer)["events_unpublished"] == [str(first), str(second)]


def test_past_events_of_my_divisions_without_an_outcome(editor, division, other_division):
    held = event(division, days=-3, status=EventStatus.HELD)
    event(division, days=-5, outcome="Agreed a plan.")
    event(division, days=-5, status=EventStatus.CANCELLED)
    event(other_division, days=-5)
    older = event(division, days=-40)

    work = {item.key: item for item in selectors.work_for(editor, now=NOW)}["events_without_outcome"]
    assert [item.label for item in work.items] == [str(held), str(older)]
    assert work.items[0].url == f"/admin/outreach/event/{held.pk}/change/"
    assert work.items[0].detail == "12 Aug 2026"
