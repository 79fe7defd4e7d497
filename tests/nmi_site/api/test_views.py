import logging
import re

import pytest
import redis
from django.core.cache import caches
from django.core.management import call_command
from django.test import RequestFactory, override_settings
from django.utils import timezone

from missions.models import Lesson
from nmi_site.access.models import KeyScope, PartnerKey
from nmi_site.api.throttling import PROCESS_COUNTS, AnonymousThrottle
from nmi_site.content.clock import SystemClock, use
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def lessons(mission):
    return [factories.LessonFactory(mission=mission, number=n + 1, title=f"Lesson {n + 1}") for n in range(25)]


# Pagination -----------------------------------------------------------------------


def test_list_is_paginated_with_links(api, lessons):
    response = api.get("/api/v1/lessons/", {"page": 2})

    body = response.json()
    assert (body["count"], len(body["results"])) == (25, 5)
    assert body["previous"] == "http://testserver/api/v1/lessons/"
    assert body["next"] is None


def test_page_size_up_to_100_is_accepted(api, lessons):
    assert len(api.get("/api/v1/lessons/", {"page_size": 100}).json()["results"]) == 25


@pytest.mark.parametrize("size", ["101", "0", "-1", "abc", "1e3", "²"])
def test_page_size_outside_1_to_100_is_400_naming_the_limit(api, lessons, size):
    response = api.get("/api/v1/lessons/", {"page_size": size})

    assert response.status_code == 400
    assert response.json() == {"page_size": ["Enter a whole number from 1 to 100."]}


@pytest.mark.parametrize("page", ["99", "0", "abc", ""])
def test_a_page_that_does_not_exist_is_a_json_404(api, lessons, page):
    response = api.get("/api/v1/lessons/", {"page": page})

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"


# Errors are JSON -------------------------------------------------------------------


@pytest.mark.parametrize(
    "path", ["/api/v1/nothing-here/", "/api/v1/lessons/abc/", "/api/nope", "/api/v1/lessons/999999/"]
)
def test_everything_under_api_answers_json_even_404s(api, lessons, path):
    response = api.get(path)

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Not found."}


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_read_only_resources_refuse_writes_with_405(api, lessons, method):
    response = getattr(api, method)("/api/v1/lessons/", {}, format="json")

    assert response.status_code == 405
    assert response.json()["detail"].startswith("Method")
    assert Lesson.objects.count() == 25


# Filters, search, ordering ------------------------------------------------------------


@pytest.fixture
def objectives(mission, division, other_division):
    first = factories.ObjectiveFactory(owning_division=division, title="Strategy", slug="strategy", number=3)
    second = factories.ObjectiveFactory(
        owning_division=other_division, title="Leadership", slug="leadership", status="completed"
    )
    return first, second


def titles(response):
    return [item["title"] for item in response.json()["results"]]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"division": "mad"}, ["Strategy"]),
        ({"division": "no-such-division"}, []),
        ({"status": "completed"}, ["Leadership"]),
        ({"number": "3"}, ["Strategy"]),
        ({"search": "lead"}, ["Leadership"]),
        ({"ordering": "-title"}, ["Strategy", "Leadership"]),
        ({"ordering": "title"}, ["Leadership", "Strategy"]),
    ],
)
def test_objective_filters(api, objectives, query, expected):
    response = api.get("/api/v1/objectives/", query)

    assert response.status_code == 200
    assert titles(response) == expected


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"status": "bogus"}, "status"),
        ({"division": "not a slug!"}, "division"),
        ({"updated_since": "yesterday"}, "updated_since"),
        ({"updated_since": ""}, "updated_since"),
        ({"number": "0.5"}, "number"),
        ({"is_example": "maybe"}, "is_example"),
    ],
)
def test_bad_filter_values_are_400_naming_the_field(api, objectives, query, field):
    response = api.get("/api/v1/objectives/", query)

    assert response.status_code == 400
    assert list(response.json()) == [field]


def test_updated_since_returns_records_changed_since(api, objectives):
    from objectives.models import LongTermObjective

    LongTermObjective.objects.filter(slug="strategy").update(updated_at=timezone.now() - timezone.timedelta(days=10))
    since = (timezone.now() - timezone.timedelta(days=1)).isoformat()

    assert titles(api.get("/api/v1/objectives/", {"updated_since": since})) == ["Leadership"]


def test_search_with_nul_characters_is_harmless(api, objectives):
    assert api.get("/api/v1/objectives/", {"search": "Stra\x00tegy"}).status_code == 200


# CSV ------------------------------------------------------------------------------------


def test_errors_are_json_even_when_csv_is_asked_for(api, lessons):
    response = api.get("/api/v1/lessons/", {"format": "csv", "page_size": "500"})

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"


def test_details_are_json_only(api, lessons):
    assert api.get(f"/api/v1/lessons/{lessons[0].pk}/", {"format": "csv"}).status_code == 404


# Throttling -------------------------------------------------------------------------------


@pytest.fixture
def low_rates():
    rates = {"anonymous": "2/minute", "key": "3/minute"}
    from django.conf import settings

    with override_settings(REST_FRAMEWORK={**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}):
        yield


def test_anonymous_clients_are_throttled_with_retry_after(api, lessons, low_rates):
    statuses = [api.get("/api/v1/lessons/").status_code for _ in range(3)]

    response = api.get("/api/v1/lessons/")
    assert statuses == [200, 200, 429]
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert response.json()["detail"].startswith("Request was throttled.")


def test_keys_have_their_own_rate(api, lessons, low_rates):
    _, secret = PartnerKey.issue(partner=factories.PartnerOrganisationFactory(), label="k", scopes=[KeyScope.API_READ])
    keyed = factories.client_with(secret)
    for _ in range(2):
        api.get("/api/v1/lessons/")

    assert api.get("/api/v1/lessons/").status_code == 429
    assert [keyed.get("/api/v1/lessons/").status_code for _ in range(4)] == [200, 200, 200, 429]


# Conditional requests -----------------------------------------------------------------------


def test_a_matching_etag_gets_304(api, lessons):
    first = api.get("/api/v1/lessons/")

    again = api.get("/api/v1/lessons/", HTTP_IF_NONE_MATCH=first["ETag"])

    assert first.status_code == 200
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]
    assert "Last-Modified" in first


def test_detail_etag_gets_304(api, lessons):
    url = f"/api/v1/lessons/{lessons[0].pk}/"
    etag = api.get(url)["ETag"]

    assert api.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_an_edit_of_a_visible_record_changes_the_etag(api, lessons):
    etag = api.get("/api/v1/lessons/")["ETag"]
    lessons[3].title = "Renamed"
    lessons[3].save()

    response = api.get("/api/v1/lessons/", HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 200
    assert response["ETag"] != etag


def test_an_edit_of_a_hidden_record_leaves_the_public_etag_alone(api, mission, lessons):
    hidden = factories.LessonFactory(mission=mission, number=99, visibility="internal")
    etag = api.get("/api/v1/lessons/")["ETag"]

    hidden.title = "Secret change"
    hidden.save()

    assert api.get("/api/v1/lessons/", HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_deleting_a_visible_record_changes_the_etag(api, lessons):
    etag = api.get("/api/v1/lessons/")["ETag"]

    lessons[5].delete()

    assert api.get("/api/v1/lessons/", HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_etag_differs_by_query_and_caller(api, lessons):
    _, secret = PartnerKey.issue(partner=factories.PartnerOrganisationFactory(), label="k", scopes=[KeyScope.API_READ])

    plain = api.get("/api/v1/lessons/")["ETag"]
    second_page = api.get("/api/v1/lessons/", {"page": 2})["ETag"]
    partner = factories.client_with(secret).get("/api/v1/lessons/")["ETag"]

    assert len({plain, second_page, partner}) == 3


def test_a_304_for_a_hidden_record_is_never_given(api, mission):
    hidden = factories.LessonFactory(mission=mission, visibility="internal")

    assert api.get(f"/api/v1/lessons/{hidden.pk}/", HTTP_IF_NONE_MATCH="*").status_code == 404


# Schema and docs --------------------------------------------------------------------------------


def test_schema_generates_without_warnings(tmp_path):
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yml"))

    schema = (tmp_path / "schema.yml").read_text()
    assert "bearer" in schema


def test_schema_documents_error_responses(api):
    schema = api.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    operation = schema["paths"]["/api/v1/objectives/"]["get"]

    assert {"200", "400", "401", "404", "429"} <= set(operation["responses"])
    assert {} in operation["security"]


def test_schema_descriptions_are_the_resources_own_never_a_base_classs(api):
    from nmi_site.api import serializers, views

    schema = api.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").content.decode()

    for base in (views.VisibleViewSetMixin, serializers.ModelSerializer, serializers.SummarySerializer):
        first_line = base.__doc__.strip().splitlines()[0].strip()
        assert first_line not in schema, base.__name__
    # A resource's own docstring still describes it.
    assert "Progress reports." in schema


def test_docs_are_served_from_the_sites_own_static_files(api):
    content = api.get("/api/docs/").content.decode()

    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/" in content
    assert not re.search(r"""(src|href)=["']https?://""", content)


def test_the_docs_page_says_its_language_and_shows_the_key_header_as_written(api):
    content = api.get("/api/docs/").content.decode()
    schema = api.get("/api/schema/", {"format": "json"}).json()

    assert '<html lang="en" dir="ltr">' in content
    # Markdown code, so that <key> is shown rather than taken for markup.
    assert "`Authorization: Bearer <key>`" in schema["info"]["description"]


def test_example_data_is_flagged_in_the_api(api, objective):
    factories.ReportFactory(objective=objective, approved=True, is_example=True)

    report = api.get("/api/v1/reports/").json()["results"][0]
    assert report["is_example"] is True


def test_issue_key_command_prints_a_working_secret(capsys):
    partner = factories.PartnerOrganisationFactory(slug="euam-iraq")

    call_command("issue_key", "--partner", "euam-iraq", "--scope", "api:read", "--secret-only")

    secret = capsys.readouterr().out.strip()
    assert PartnerKey.authenticate(secret, "api:read").partner == partner


def test_partner_keys_cannot_write():
    from django.core.management.base import CommandError

    factories.PartnerOrganisationFactory(slug="euam-iraq")

    with pytest.raises(CommandError, match="Partner keys are read-only"):
        call_command("issue_key", "--partner", "euam-iraq", "--scope", "api:write")


def test_untranslated_empty_text_is_an_empty_string_never_null(api, division, objective):
    from objectives.models import KeyAchievement

    achievement = factories.AchievementFactory(division=division, objective=objective)
    KeyAchievement.objects.filter(pk=achievement.pk).update(summary_en=None, summary_ar=None)

    listed = api.get("/api/v1/achievements/").json()["results"][0]
    detail = api.get(f"/api/v1/achievements/{achievement.pk}/").json()

    assert listed["summary"] == "" and detail["summary"] == ""
    assert listed["title"] == achievement.title


def test_serializers_get_their_own_copies_of_the_fields_built_once(objective):
    from objectives.api.serializers import ObjectiveSerializer

    first, second = ObjectiveSerializer(), ObjectiveSerializer()

    assert list(first.fields) == list(ObjectiveSerializer.Meta.fields)
    assert first.fields["title"] is not second.fields["title"]
    assert first.fields["title"].parent is first and second.fields["title"].parent is second


def test_a_list_request_without_filter_parameters_is_not_filtered(api, objectives):
    everything = api.get("/api/v1/objectives/").json()
    assert everything["count"] == len(objectives)
    assert api.get("/api/v1/objectives/?updated_since=").status_code == 400


# While Redis is away ---------------------------------------------------------------

REDIS_AWAY = {"default": {"BACKEND": "nmi_site.caching.backends.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}}


def test_the_api_answers_while_redis_is_away(api, lessons, settings, caplog):
    settings.CACHES = REDIS_AWAY

    with caplog.at_level(logging.WARNING, logger="nmi_site.api.throttling"):
        response = api.get("/api/v1/lessons/")

    assert response.status_code == 200
    assert response.json()["count"] == len(lessons)
    assert "counting anonymous requests in this process only" in caplog.text


def test_while_redis_is_away_the_rate_holds_in_each_process(api, lessons, settings):
    settings.CACHES = REDIS_AWAY
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anonymous": "2/minute", "key": "2/minute"},
    }
    PROCESS_COUNTS.clear()

    statuses = [api.get("/api/v1/lessons/", REMOTE_ADDR="203.0.113.9").status_code for _ in range(3)]

    assert statuses == [200, 200, 429]


# The rate counters ---------------------------------------------------------------


@pytest.fixture
def redis_rates(settings, monkeypatch):
    """Rate limits counted in Redis at ``rate``; returns the commands of
    every pipeline sent to Redis, as (name, arguments) lists."""
    if not factories.reachable(factories.REDIS_URL):
        pytest.skip(f"Redis is not answering at {factories.REDIS_URL}")
    settings.CACHES = {"default": {"BACKEND": "nmi_site.caching.backends.RedisCache", "LOCATION": factories.REDIS_URL}}
    caches["default"].clear()
    sent = []
    execute = redis.client.Pipeline.execute

    def counted(pipeline, *args, **kwargs):
        sent.append([command[0] for command in pipeline.command_stack])
        return execute(pipeline, *args, **kwargs)

    monkeypatch.setattr(redis.client.Pipeline, "execute", counted)

    def at(rate):
        settings.REST_FRAMEWORK = {
            **settings.REST_FRAMEWORK,
            "DEFAULT_THROTTLE_RATES": {"anonymous": rate, "key": rate},
        }
        return sent

    yield at
    caches["default"].clear()


class StillClock(SystemClock):
    """A monotonic clock that does not move."""

    def monotonic(self):
        return 1000.0


def test_a_request_costs_the_rate_counter_one_round_trip(api, lessons, redis_rates):
    sent = redis_rates("3/minute")

    statuses = [api.get("/api/v1/lessons/", REMOTE_ADDR="203.0.113.7").status_code for _ in range(4)]

    assert statuses == [200, 200, 200, 429]
    # Each request: one pipeline of two commands (INCRBY and EXPIRE), sent at once.
    assert [[command[0] for command in pipeline] for pipeline in sent] == [["INCRBY", "EXPIRE"]] * 4


def test_the_wait_is_the_rest_of_the_window(lessons):
    throttle = AnonymousThrottle()
    throttle.timer = lambda: 120.0 + 45.0  # 45 s into a minute
    assert throttle.allow_request(RequestFactory().get("/api/v1/lessons/", REMOTE_ADDR="203.0.113.8"), None)
    assert throttle.wait() == pytest.approx(15.0)


def test_at_high_rates_a_process_sends_its_count_in_batches(api, lessons, redis_rates):
    sent = redis_rates("1000/minute")

    with use(StillClock()):
        for _ in range(25):
            assert api.get("/api/v1/lessons/", REMOTE_ADDR="203.0.113.5").status_code == 200

    # The first request reads the shared count; then ten at a time (a
    # hundredth of the limit).
    assert [int(pipeline[0][2]) for pipeline in sent] == [1, 10, 10]


# Unknown parameters, links and slugs ------------------------------------------------


@pytest.mark.parametrize(
    "path", ["/api/v1/objectives/", "/api/v1/events/", "/api/v1/lessons/", "/api/v1/search/?q=x&", "/api/v1/removed/"]
)
def test_a_parameter_the_list_does_not_read_is_refused_by_name(api, path, mission):
    separator = "&" if "?" in path else "?"

    response = api.get(f"{path}{separator}owning_division=pse")

    assert response.status_code == 400
    (message,) = response.json()["owning_division"]
    assert message.startswith("Unknown parameter. This address reads: ")
    assert "page_size" in message


def test_a_misspelt_filter_no_longer_returns_everything(api, division, other_division):
    factories.ObjectiveFactory(owning_division=division)
    factories.ObjectiveFactory(owning_division=other_division)

    assert api.get("/api/v1/objectives/", {"owning_division": division.slug}).status_code == 400
    assert api.get("/api/v1/objectives/", {"division": division.slug}).json()["count"] == 1


def test_a_detail_refuses_unknown_parameters_too(api, mission):
    assert api.get(f"/api/v1/missions/{mission.pk}/", {"expand": "all"}).status_code == 400


def test_every_item_links_to_its_page_and_to_itself(api, division):
    objective = factories.ObjectiveFactory(owning_division=division)
    event = factories.EventFactory(organising_division=division)
    lesson = factories.LessonFactory(mission=division.mission, number=7)
    institution = factories.InstitutionFactory()
    plan = factories.PlanFactory(objective=objective)

    def first(path):
        return api.get(path).json()["results"][0]

    assert first("/api/v1/events/")["url"] == f"http://testserver/events/{event.slug}/"
    assert first("/api/v1/events/")["api_url"] == f"http://testserver/api/v1/events/{event.pk}/"
    assert first("/api/v1/objectives/")["url"] == f"http://testserver/objectives/{objective.slug}/"
    assert first("/api/v1/lessons/")["url"] == "http://testserver/lessons/#lesson-7"
    assert first("/api/v1/institutions/")["url"] == f"http://testserver/about/#institution-{institution.slug}"
    assert first("/api/v1/plans/")["url"] == f"http://testserver/objectives/{objective.slug}/plan/{plan.version}/"
    assert first("/api/v1/divisions/")["url"] == f"http://testserver/structure/{division.slug}/"
    assert first("/api/v1/missions/")["url"] == "http://testserver/about/"
    nation = factories.NationFactory()
    # A nation has no page of its own: no page link, only its address here.
    assert first("/api/v1/nations/")["api_url"] == f"http://testserver/api/v1/nations/{nation.pk}/"
    assert "url" not in first("/api/v1/nations/")
    # The detail has them too, and each api_url answers.
    detail = api.get(first("/api/v1/events/")["api_url"])
    assert detail.json()["url"] == f"http://testserver/events/{event.slug}/"
    assert lesson.pk == first("/api/v1/lessons/")["id"]


def test_links_to_pages_are_in_the_answers_language(api, division):
    event = factories.EventFactory(organising_division=division)

    item = api.get("/api/v1/events/", {"lang": "ar"}).json()["results"][0]

    assert item["url"] == f"http://testserver/ar/events/{event.slug}/"
    assert item["api_url"] == f"http://testserver/api/v1/events/{event.pk}/"


def test_a_record_without_a_public_page_has_no_page_link(make_client, division):
    factories.EventFactory(organising_division=division, visibility="partners")
    objective = factories.ObjectiveFactory(owning_division=division)
    factories.PlanFactory(objective=objective, state="draft")
    factories.LessonFactory(mission=division.mission, stage="identified")

    partner = make_client("partner")
    staff = make_client("administrator")

    # A partner reads the partners' event, but its page answers 404 to everyone outside.
    assert partner.get("/api/v1/events/").json()["results"][0]["url"] is None
    assert staff.get("/api/v1/plans/").json()["results"][0]["url"] is None
    assert staff.get("/api/v1/lessons/").json()["results"][0]["url"] is None


@pytest.mark.parametrize(
    ("resource", "make", "key"),
    [
        (
            "events",
            lambda division: factories.EventFactory(organising_division=division, slug="ambassador-day"),
            "slug",
        ),
        ("divisions", lambda division: division, "slug"),
        ("objectives", lambda division: factories.ObjectiveFactory(owning_division=division), "slug"),
        ("nations", lambda division: factories.NationFactory(iso_code="IT"), "iso_code"),
    ],
)
def test_a_detail_is_found_by_slug_as_by_id(api, division, resource, make, key):
    record = make(division)

    by_id = api.get(f"/api/v1/{resource}/{record.pk}/")
    by_slug = api.get(f"/api/v1/{resource}/{getattr(record, key)}/")

    assert by_slug.status_code == 200
    assert by_slug.json() == by_id.json()


def test_a_hidden_record_is_not_found_by_slug(api, make_client, division):
    factories.EventFactory(organising_division=division, slug="closed-meeting", visibility="internal")

    assert api.get("/api/v1/events/closed-meeting/").status_code == 404
    assert make_client("partner").get("/api/v1/events/closed-meeting/").status_code == 404
    assert make_client("administrator").get("/api/v1/events/closed-meeting/").status_code == 200
    # A resource without slugs, and a slug that names nothing, are "not found".
    assert api.get("/api/v1/reports/closed-meeting/").status_code == 404
    assert api.get("/api/v1/events/nothing-here/").status_code == 404


def test_a_slug_two_missions_share_asks_for_the_id(api, division):
    factories.DivisionFactory(mission=factories.MissionFactory(slug="other-mission"), slug=division.slug)

    response = api.get(f"/api/v1/divisions/{division.slug}/")

    assert response.status_code == 404
    assert "by its id" in response.json()["detail"]


@pytest.mark.parametrize(("path", "name"), [("/api/v1/measurements/", "indicator"), ("/api/v1/objectives/", "number")])
def test_a_whole_number_beyond_what_a_database_holds_matches_nothing(api, mission, path, name):
    response = api.get(path, {name: "-594912204850338669264896"})

    assert response.status_code == 200
    assert response.json()["count"] == 0


@pytest.mark.parametrize("value", ["", " ", "\x0c", "\t\n"])
def test_a_typed_filter_given_only_spaces_is_refused_not_ignored(api, mission, value):
    response = api.get("/api/v1/measurements/", {"objective": value})

    assert response.status_code == 400
    assert list(response.json()) == ["objective"]
