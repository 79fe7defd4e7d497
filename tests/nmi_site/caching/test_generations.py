"""Counts kept per generation (nmi_site.caching.generations.count_per_generation):
a list's number of records is counted once per generation of what its
viewer sees, and a change the viewer can see is counted afresh at once."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from nmi_site.caching.generations import KEPT_READS, count_per_generation, kept_per_generation
from nmi_site.content.visibility import Visibility
from outreach.models import Event
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def events(division):
    return [factories.EventFactory(organising_division=division) for _ in range(3)]


def test_a_count_is_read_once_per_generation(events, django_assert_num_queries):
    visible = Event.objects.visible_to(None)
    assert count_per_generation(visible, None) == 3
    # The stamps are read again (no lease in the tests); the count is not.
    with django_assert_num_queries(1):
        assert count_per_generation(visible.all(), None) == 3


def test_a_change_the_viewer_sees_is_counted_at_once(events, division):
    visible = Event.objects.visible_to(None)
    assert count_per_generation(visible, None) == 3
    factories.EventFactory(organising_division=division)
    assert count_per_generation(visible, None) == 4
    events[0].visibility = Visibility.INTERNAL
    events[0].save()
    assert count_per_generation(visible, None) == 3
    events[1].delete()
    assert count_per_generation(visible, None) == 2


def test_each_audience_and_each_query_has_its_own_count(events, division):
    hidden = factories.EventFactory(organising_division=division, visibility=Visibility.PARTNERS)
    staff = factories.StaffFactory()
    assert count_per_generation(Event.objects.visible_to(None), None) == 3
    assert count_per_generation(Event.objects.visible_to(staff), staff) == 4
    assert count_per_generation(Event.objects.visible_to(None).filter(pk=hidden.pk), None) == 0
    assert count_per_generation(Event.objects.visible_to(None).exclude(pk=events[0].pk), None) == 2


def test_a_partner_list_counts_once_and_shows_a_new_event_at_once(events, division, make_client):
    client = make_client("partner")
    assert client.get("/api/v1/events/").json()["count"] == 3
    factories.EventFactory(organising_division=division, visibility=Visibility.PARTNERS)
    assert client.get("/api/v1/events/").json()["count"] == 4
    assert client.get("/api/v1/events/?page_size=1&page=4").status_code == 200


def division_choices(client, path="/objectives/"):
    response = client.get(path)
    return [label for _value, label in response.context["filter"].form.fields["division"].choices][1:]


@pytest.fixture
def rendered_each_time(settings):
    settings.ANONYMOUS_CACHE_SECONDS = 0  # every request renders its page


def test_filter_choices_are_read_once_per_generation_and_follow_every_change(client, division, rendered_each_time):
    first = division_choices(client)
    assert any(division.name in label for label in first)
    with CaptureQueriesContext(connection) as counted:
        assert division_choices(client) == first
    assert not any('"choice_name"' in query["sql"] for query in counted.captured_queries)

    added = factories.DivisionFactory(mission=division.mission, name="Logistics Advisory Division")
    assert any("Logistics Advisory Division" in label for label in division_choices(client))
    added.visibility = Visibility.INTERNAL
    added.save()
    assert not any("Logistics Advisory Division" in label for label in division_choices(client))
    assert not any("Logistics Advisory Division" in label for label in division_choices(client, "/events/"))


def test_each_audience_and_language_has_its_own_choices(client, administrator, division, rendered_each_time):
    hidden = factories.DivisionFactory(mission=division.mission, name="Hidden Cell", visibility=Visibility.INTERNAL)
    factories.DivisionFactory(mission=division.mission, name="Liaison Office", name_ar="مكتب الارتباط")
    assert not any(hidden.name in label for label in division_choices(client))
    assert any("مكتب الارتباط" in label for label in division_choices(client, "/ar/objectives/"))
    assert not any("مكتب الارتباط" in label for label in division_choices(client))
    client.force_login(administrator)
    assert any(hidden.name in label for label in division_choices(client))


def test_a_queryset_that_matches_nothing_counts_nothing(events):
    assert count_per_generation(Event.objects.none(), None) == 0
    assert count_per_generation(Event.objects.filter(pk__in=[]), None) == 0


@pytest.mark.parametrize("kind", ["anonymous", "partner"])
@pytest.mark.parametrize("number", ["-1", "340282366920938463463374607431768211456"])
def test_a_filter_value_no_record_can_have_is_an_empty_list(objective, make_client, kind, number):
    # An objective's number is a small positive integer: Django answers a
    # lookup out of its range with an empty result instead of SQL.
    response = make_client(kind).get(f"/api/v1/objectives/?number={number}")
    assert response.status_code == 200
    assert response.json()["count"] == 0


def test_threads_share_the_kept_reads_safely(events, settings):
    # A long lease: the threads use the stamps read here, without the database.
    settings.GENERATION_LEASE_SECONDS = 3600
    assert count_per_generation(Event.objects.visible_to(None), None) == 3

    def work(offset):
        # More keys than are kept, so threads evict while others read.
        return [kept_per_generation(None, ("thread test", offset, n), lambda n=n: n) for n in range(KEPT_READS)]

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(work, range(8)))
    assert results == [list(range(KEPT_READS))] * 8
