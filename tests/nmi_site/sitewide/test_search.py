"""Site-wide search: the page and the API, on SQLite and PostgreSQL."""

import pytest
from django.db import connection
from django.urls import reverse
from rest_framework.test import APIClient

from missions.models import Division, Institution, Lesson
from nmi_site.access.models import KeyScope, PartnerKey
from nmi_site.content.visibility import Visibility
from nmi_site.sitewide.search import KINDS, search
from objectives.models import LongTermObjective
from outreach.models import Event
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(division, objective):
    factories.EventFactory(
        organising_division=division, title="Curriculum seminar", slug="curriculum-seminar", summary="Teaching."
    )
    factories.EventFactory(
        organising_division=division,
        title="Ambassador day",
        slug="ambassador-day",
        summary="A briefing on the curriculum reform for ambassadors.",
    )
    factories.EventFactory(
        organising_division=division, title="Curriculum board (internal)", visibility=Visibility.INTERNAL
    )
    factories.EventFactory(
        organising_division=division, title="Curriculum partner briefing", visibility=Visibility.PARTNERS
    )
    factories.InstitutionFactory(name="National Defence College", acronym="NDC", slug="ndc")
    factories.LessonFactory(mission=division.mission, number=4, title="Curriculum needs local owners")
    return division


def titles(response):
    return [result.title for result in response.context["results"]]


def test_the_search_page_ranks_title_matches_first(client, records):
    response = client.get(reverse("search"), {"q": "curriculum"})

    assert response.status_code == 200
    found = titles(response)
    assert set(found) == {
        "Curriculum development",
        "Curriculum seminar",
        "Ambassador day",
        "Curriculum needs local owners",
    }
    # A match in a description ranks below every match in a title.
    assert found[-1] == "Ambassador day"
    assert 'href="/events/curriculum-seminar/"' in response.text
    assert 'href="/lessons/#lesson-4"' in response.text
    assert "4 results" in response.text


def test_every_word_must_match(client, records):
    assert titles(client.get(reverse("search"), {"q": "curriculum seminar"})) == ["Curriculum seminar"]


def test_acronyms_and_institutions_are_found(client, records):
    response = client.get(reverse("search"), {"q": "NDC"})
    assert titles(response) == ["National Defence College"]
    assert 'href="/about/#institution-ndc"' in response.text
    assert 'id="institution-ndc"' in client.get(reverse("missions:about")).text


def test_results_can_be_limited_to_one_kind(client, records):
    assert titles(client.get(reverse("search"), {"q": "curriculum", "kind": "lesson"})) == [
        "Curriculum needs local owners"
    ]


def test_hidden_records_are_never_found(client, records):
    page = client.get(reverse("search"), {"q": "curriculum"}).text
    assert "internal" not in page.lower().replace("international", "")
    assert "Curriculum partner briefing" not in page


def test_staff_find_everything(administrator_client, records):
    found = titles(administrator_client.get(reverse("search"), {"q": "curriculum"}))
    assert "Curriculum board (internal)" in found
    assert "Curriculum partner briefing" in found


def test_records_of_a_hidden_parent_are_not_found(client, records):
    records.visibility = Visibility.INTERNAL
    records.save()
    found = titles(client.get(reverse("search"), {"q": "curriculum"}))
    assert "Curriculum seminar" not in found
    assert "Curriculum development" not in found


def test_without_words_the_page_explains_itself(client, records):
    response = client.get(reverse("search"))
    assert response.status_code == 200
    assert "Enter one or more words" in response.text
    response = client.get(reverse("search"), {"q": "   "})
    assert response.status_code == 200
    assert "Enter one or more words" in response.text


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"q": "x" * 201}, "at most 200 characters"),
        ({"q": "curriculum", "kind": "secrets"}, "Select a valid choice."),
    ],
)
def test_bad_input_gets_a_field_message(client, records, query, message):
    response = client.get(reverse("search"), query)
    assert response.status_code == 200
    assert message in response.text
    assert 'class="field field--error"' in response.text
    assert response.context["searched"] is False


def test_words_past_the_tenth_are_left_out_with_a_notice(client, records):
    response = client.get(reverse("search"), {"q": "curriculum " + " ".join(["zzz"] * 9) + " seminar"})
    assert response.status_code == 200
    assert "Only the first 10 words were searched." in response.text
    assert titles(response) == []
    response = client.get(reverse("search"), {"q": "curriculum seminar " + " ".join(["seminar"] * 9)})
    assert titles(response) == ["Curriculum seminar"]


def test_text_without_words_finds_nothing_and_nul_characters_are_dropped(client, records):
    response = client.get(reverse("search"), {"q": "!!! ???"})
    assert response.status_code == 200
    assert titles(response) == []
    assert "Nothing matches" in response.text
    assert "Curriculum seminar" in titles(client.get(reverse("search"), {"q": "curri\x00culum seminar"}))


@pytest.mark.parametrize("text", ["'; DROP TABLE", "%_%", "curriculum OR 1=1", '"unclosed', "-curriculum", "<script>"])
def test_hostile_terms_are_plain_words(client, records, text):
    response = client.get(reverse("search"), {"q": text})
    assert response.status_code == 200
    assert "<script>" not in response.text


def test_arabic_pages_search_too(client, records):
    response = client.get("/ar/search/", {"q": "curriculum"})
    assert response.status_code == 200
    assert len(response.context["results"]) == 4


def test_pages_of_results(client, division):
    for number in range(25):
        factories.EventFactory(organising_division=division, title=f"Seminar {number}")
    first = client.get(reverse("search"), {"q": "seminar"})
    second = client.get(reverse("search"), {"q": "seminar", "page": "2"})
    assert len(first.context["results"]) == 20
    assert len(second.context["results"]) == 5
    assert 'href="?q=seminar&amp;page=2"' in first.text
    assert client.get(reverse("search"), {"q": "seminar", "page": "x"}).status_code == 200


@pytest.mark.parametrize("rows", [2, 20])
def test_the_search_page_query_count_is_constant(client, division, rows, django_assert_num_queries):
    for number in range(rows):
        factories.EventFactory(organising_division=division, title=f"Seminar {number}")
        factories.LessonFactory(mission=division.mission, number=number + 1, title=f"Seminar lesson {number}")
    # One query per kind of record, and the "last updated" stamp.
    with django_assert_num_queries(7):
        client.get(reverse("search"), {"q": "seminar"})


# API -------------------------------------------------------------------------------


def test_the_api_searches_with_the_same_ranking(records):
    response = APIClient().get("/api/v1/search/", {"q": "curriculum"})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 4
    first = body["results"][0]
    assert set(first) == {"kind", "id", "title", "summary", "url", "api_url", "rank"}
    assert body["results"][-1]["title"] == "Ambassador day"
    event = next(result for result in body["results"] if result["title"] == "Curriculum seminar")
    assert event["url"] == "http://testserver/events/curriculum-seminar/"
    assert APIClient().get(event["api_url"]).json()["title"] == "Curriculum seminar"


def test_partners_find_partner_records_through_the_api(records):
    _, secret = PartnerKey.issue(partner=factories.PartnerOrganisationFactory(), label="k", scopes=[KeyScope.API_READ])
    partner = APIClient()
    partner.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    found = [result["title"] for result in partner.get("/api/v1/search/", {"q": "curriculum"}).json()["results"]]
    assert "Curriculum partner briefing" in found
    assert "Curriculum board (internal)" not in found
    anonymous = [
        result["title"] for result in APIClient().get("/api/v1/search/", {"q": "curriculum"}).json()["results"]
    ]
    assert "Curriculum partner briefing" not in anonymous


@pytest.mark.parametrize(
    ("query", "field"),
    [({}, "q"), ({"q": ""}, "q"), ({"q": "x" * 201}, "q"), ({"q": "a", "kind": "secrets"}, "kind")],
)
def test_the_api_refuses_bad_input_by_field(records, query, field):
    response = APIClient().get("/api/v1/search/", query)
    assert response.status_code == 400
    assert field in response.json()


@pytest.mark.parametrize("text", ["?!", "\U00051407", " ".join(["word"] * 30), "a\x00b"])
def test_the_api_accepts_any_text_the_schema_allows(records, text):
    response = APIClient().get("/api/v1/search/", {"q": text})
    assert response.status_code == 200
    assert response.json()["count"] == 0


def test_the_api_search_is_in_the_schema():
    schema = APIClient().get("/api/schema/", HTTP_ACCEPT="application/json").json()
    parameters = {parameter["name"] for parameter in schema["paths"]["/api/v1/search/"]["get"]["parameters"]}
    assert {"q", "kind", "page", "page_size"} <= parameters


@pytest.mark.parametrize("rows", [2, 20])
def test_the_api_query_count_is_constant(division, rows, django_assert_num_queries):
    for number in range(rows):
        factories.EventFactory(organising_division=division, title=f"Seminar {number}")
    with django_assert_num_queries(6):
        assert APIClient().get("/api/v1/search/", {"q": "seminar"}).status_code == 200


def test_wildcards_in_a_word_are_plain_characters(client, division):
    factories.EventFactory(organising_division=division, title="Room b_12 briefing")
    factories.EventFactory(organising_division=division, title="Room bx12 briefing")

    assert titles(client.get(reverse("search"), {"q": "b_12"})) == ["Room b_12 briefing"]


def test_what_is_searched_is_kept_by_the_database_whatever_the_write(client, division):
    event = factories.EventFactory(organising_division=division, title="Seminar")
    # A queryset update and a bulk insert go past save(); the stored search
    # document follows them all the same.
    Event.objects.filter(pk=event.pk).update(title_en="Wargaming seminar")
    Event.objects.bulk_create(
        [
            Event(
                mission=division.mission,
                organising_division=division,
                title_en="Wargaming course",
                slug="w",
                starts_at=event.starts_at,
                ends_at=event.ends_at,
                visibility=Visibility.PUBLIC,
            )
        ]
    )

    found = titles(client.get(reverse("search"), {"q": "wargaming"}))
    assert sorted(found) == ["Wargaming course", "Wargaming seminar"]


@pytest.mark.parametrize("model", [Division, Event, Institution, Lesson, LongTermObjective])
def test_every_searched_kind_has_an_indexed_search_document(model):
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            # SQLite matches the stored text with LIKE, which no index serves.
            columns = [
                column.name for column in connection.introspection.get_table_description(cursor, model._meta.db_table)
            ]
            assert "search_document" in columns
            return
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE tablename = %s", [model._meta.db_table])
        assert any("gin (search_document)" in row[0] for row in cursor.fetchall())


def test_every_result_links_to_its_records_page(records, objective):
    found = {(result.kind.slug, result.record.pk): result for result in search("curriculum", None)}
    for kind in KINDS:
        for record in kind.model.objects.visible_to(None):
            result = found.get((kind.slug, record.pk))
            if result is not None and kind.url_name:
                assert result.url == record.get_absolute_url()
    assert {slug for slug, _pk in found} == {"objective", "event", "lesson"}
