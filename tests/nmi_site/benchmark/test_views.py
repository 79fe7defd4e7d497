"""The benchmark's raw baselines: off unless the benchmark's settings turn
them on, and public records only even then."""

import json

import pytest
from django.test import RequestFactory

from nmi_site.benchmark.views import raw_rows
from nmi_site.content.visibility import Visibility
from tests import factories

pytestmark = pytest.mark.django_db


def test_the_raw_endpoints_are_not_served_by_default(client):
    assert client.get("/benchmark/raw/events/").status_code == 404


@pytest.fixture
def records(division, objective):
    hidden_nation = factories.NationFactory(name="Hidden nation", visibility=Visibility.INTERNAL)
    event = factories.EventFactory(organising_division=division, title="Public seminar")
    event.nations.add(hidden_nation, factories.NationFactory(name="Italy"))
    factories.EventFactory(organising_division=division, title="Partner seminar", visibility=Visibility.PARTNERS)
    factories.ObjectiveFactory(owning_division=division, title="Internal objective", visibility=Visibility.INTERNAL)
    objective.supporting_divisions.add(
        factories.DivisionFactory(name="Hidden division", visibility=Visibility.INTERNAL),
        factories.DivisionFactory(name="Public division"),
    )
    return event


@pytest.mark.parametrize(
    "query", ["events?limit=100&count=1&choices=1&upcoming=1", "objectives?limit=100&count=1&choices=1"]
)
def test_raw_rows_hold_public_records_only(records, query):
    resource, _, parameters = query.partition("?")
    request = RequestFactory().get("/", dict(pair.split("=") for pair in parameters.split("&")))
    body = json.loads(raw_rows(request, resource).content)
    text = json.dumps(body)
    assert body["results"]
    assert body["count"] == len(body["results"])
    for hidden in ("Hidden nation", "Partner seminar", "Internal objective", "Hidden division"):
        assert hidden not in text
    if resource == "events":
        assert [nation["nation__name"] for nation in body["results"][0]["nations"]] == ["Italy"]
    else:
        supporting = [row["division__name"] for row in body["results"][0]["supporting_divisions"]]
        assert supporting == ["Public division"]
        assert set(body["results"][0]) >= {"latest_period_end", "institutions", "capability_areas"}


@pytest.mark.parametrize("query", [{"limit": "0"}, {"limit": "101"}, {"limit": "x"}])
def test_bad_limits_are_not_found(records, query):
    from django.http import Http404

    with pytest.raises(Http404):
        raw_rows(RequestFactory().get("/", query), "events")
    with pytest.raises(Http404):
        raw_rows(RequestFactory().get("/"), "users")


@pytest.mark.parametrize("resource", ["plain-events", "plain-objectives"])
def test_plain_baselines_read_one_table_without_the_visibility_rule(records, resource, django_assert_num_queries):
    request = RequestFactory().get("/", {"limit": "100"})
    with django_assert_num_queries(1) as captured:
        body = json.loads(raw_rows(request, resource).content)
    assert " JOIN " not in captured.captured_queries[0]["sql"].upper()
    model = {"plain-events": "outreach_event", "plain-objectives": "objectives_longtermobjective"}[resource]
    assert model in captured.captured_queries[0]["sql"]
    assert len(body["results"]) >= 1
