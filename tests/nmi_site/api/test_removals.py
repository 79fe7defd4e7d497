"""``/api/v1/removed/``: what a mirror must drop, per caller, without the
content of what was hidden."""

import pytest
from django.utils import timezone

from outreach.models import Event
from tests import factories

pytestmark = pytest.mark.django_db


def ids(response):
    assert response.status_code == 200, response.content
    return [(item["type"], item["id"]) for item in response.json()["results"]]


def test_deleted_and_hidden_records_are_told_to_those_who_saw_them(make_client, division):
    deleted = factories.EventFactory(organising_division=division, title="Cancelled for good")
    hidden = factories.EventFactory(organising_division=division, title="Closed session")
    deleted_pk = deleted.pk
    Event.objects.get(pk=deleted_pk).delete()
    hidden = Event.objects.get(pk=hidden.pk)
    hidden.visibility = "partners"
    hidden.save()

    anonymous, partner, staff = (make_client(kind) for kind in ("anonymous", "partner", "administrator"))

    assert ids(anonymous.get("/api/v1/removed/")) == [("events", deleted_pk), ("events", hidden.pk)]
    # Partners still see the partners' event: only the deletion is theirs.
    assert ids(partner.get("/api/v1/removed/")) == [("events", deleted_pk)]
    assert ids(staff.get("/api/v1/removed/")) == [("events", deleted_pk)]


def test_a_tombstone_says_nothing_of_the_record(api, division):
    event = factories.EventFactory(organising_division=division, title="Closed session", slug="closed-session")
    event.visibility = "internal"
    event.save()

    response = api.get("/api/v1/removed/")

    (item,) = response.json()["results"]
    assert set(item) == {"type", "id", "removed_at"}
    assert "Closed" not in response.content.decode()
    assert "closed-session" not in response.content.decode()


def test_never_shown_records_leave_no_tombstone_outside(make_client, division):
    internal = factories.EventFactory(organising_division=division, visibility="internal")
    internal.delete()
    lesson = factories.LessonFactory(mission=division.mission, stage="observation")
    lesson.delete()

    assert ids(make_client("anonymous").get("/api/v1/removed/")) == []
    assert ids(make_client("partner").get("/api/v1/removed/")) == []


def test_a_sync_since_a_moment_and_of_one_list(api, division):
    old = factories.EventFactory(organising_division=division)
    old.delete()
    moment = timezone.now()
    recent = factories.EventFactory(organising_division=division)
    recent_pk = recent.pk
    recent.delete()
    lesson = factories.LessonFactory(mission=division.mission)
    lesson_pk = lesson.pk
    lesson.delete()

    since = moment.isoformat()

    assert ids(api.get("/api/v1/removed/", {"updated_since": since})) == [("events", recent_pk), ("lessons", lesson_pk)]
    assert ids(api.get("/api/v1/removed/", {"updated_since": since, "type": "lessons"})) == [("lessons", lesson_pk)]
    assert api.get("/api/v1/removed/", {"type": "advisory-posts"}).status_code == 400


def test_a_list_read_since_a_moment_links_to_its_removals(api, division):
    factories.EventFactory(organising_division=division)

    body = api.get("/api/v1/events/", {"updated_since": "2020-01-01T00:00:00Z"}).json()

    assert body["removed"] == "http://testserver/api/v1/removed/?type=events&updated_since=2020-01-01T00%3A00%3A00Z"
    assert "removed" not in api.get("/api/v1/events/").json()


def test_the_removals_list_is_paginated_and_read_in_a_constant_number_of_queries(
    api, division, django_assert_num_queries
):
    for _ in range(3):
        factories.EventFactory(organising_division=division).delete()
    api.get("/api/v1/removed/")
    with django_assert_num_queries(3) as few:
        api.get("/api/v1/removed/", {"page_size": 2, "type": "events"})
    for _ in range(5):
        factories.EventFactory(organising_division=division).delete()
    with django_assert_num_queries(len(few)):
        response = api.get("/api/v1/removed/", {"page_size": 2, "type": "events", "page": 2})
    assert response.json()["count"] == 8
