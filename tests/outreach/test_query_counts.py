"""Event pages, calendars and feeds run the same number of queries as
events grow tenfold."""

import datetime

import pytest
from django.utils import timezone

from tests import factories

pytestmark = pytest.mark.django_db


def populate(division, objective, rows):
    nations = factories.NationFactory.create_batch(3)
    partners = factories.PartnerOrganisationFactory.create_batch(3)
    now = timezone.now()
    for index in range(rows):
        for offset in (index + 1, -index - 1):
            factories.EventFactory(
                organising_division=division,
                starts_at=now + datetime.timedelta(days=offset),
                ends_at=now + datetime.timedelta(days=offset, hours=2),
                nations=nations,
                partner_organisations=partners,
                objectives=[objective],
            )
    factories.EventFactory(organising_division=division, slug="the-event", nations=nations, objectives=[objective])


PAGES = [
    ("/events/", 9),
    ("/events/past/", 9),
    ("/events/?kind=seminar&division=mad", 9),
    ("/events/the-event/", 7),
    ("/calendar/events.ics", 2),
    ("/calendar/kind/seminar.ics", 2),
    ("/feeds/events.atom", 2),
    ("/objectives/lto-11/", 13),
]


@pytest.mark.parametrize("rows", [3, 30])
@pytest.mark.parametrize(("path", "queries"), PAGES)
def test_event_query_count_does_not_grow(client, django_assert_num_queries, division, objective, rows, path, queries):
    populate(division, objective, rows)

    with django_assert_num_queries(queries):
        response = client.get(path)

    assert response.status_code == 200


@pytest.mark.parametrize("rows", [3, 30])
def test_partner_calendar_query_count_does_not_grow(
    client, django_assert_num_queries, division, objective, calendar_key, rows
):
    populate(division, objective, rows)
    _, secret = calendar_key

    # The key, its last-used time, the events.
    with django_assert_num_queries(3):
        client.get(f"/calendar/private/{secret}/events.ics")
