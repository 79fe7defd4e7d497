"""The API answers in the language asked for, with English where a record
has no Arabic, and says so; its errors are translated too."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def events(division):
    translated = factories.EventFactory(
        organising_division=division, title_en="Ambassador day", title_ar="يوم السفراء", slug="ambassadors"
    )
    english_only = factories.EventFactory(organising_division=division, title_en="Information day", slug="info")
    return translated, english_only


def titles(response):
    return sorted(event["title"] for event in response.json()["results"])


@pytest.mark.parametrize(
    ("headers", "query", "language"),
    [
        ({}, "", "en"),
        ({"HTTP_ACCEPT_LANGUAGE": "ar-IQ,ar;q=0.9"}, "", "ar"),
        ({}, "?lang=ar", "ar"),
        ({"HTTP_ACCEPT_LANGUAGE": "ar"}, "?lang=en", "en"),
    ],
)
def test_the_api_answers_in_the_language_asked_for_with_english_fallback(events, headers, query, language):
    response = APIClient().get(reverse("api:event-list") + query, **headers)

    assert response.status_code == 200
    assert response["Content-Language"] == language
    assert "Accept-Language" in response["Vary"]
    expected = ["Information day", "يوم السفراء"] if language == "ar" else ["Ambassador day", "Information day"]
    assert titles(response) == expected


def test_a_detail_answer_is_in_arabic_too(events):
    translated, _english_only = events
    response = APIClient().get(reverse("api:event-detail", args=[translated.pk]), HTTP_ACCEPT_LANGUAGE="ar")
    assert response.json()["title"] == "يوم السفراء"
    assert response["Content-Language"] == "ar"


def test_an_unknown_lang_is_a_field_error_in_english(events):
    response = APIClient().get(reverse("api:event-list") + "?lang=fr", HTTP_ACCEPT_LANGUAGE="ar")
    assert response.status_code == 400
    assert response.json() == {"lang": ["Choose one of: en, ar."]}
    assert response["Content-Language"] == "en"


def test_error_messages_are_translated(events):
    response = APIClient().get(reverse("api:event-detail", args=[999999]), HTTP_ACCEPT_LANGUAGE="ar")
    assert response.status_code == 404
    assert response["Content-Language"] == "ar"
    detail = response.json()["detail"]
    assert any("\u0600" <= character <= "\u06ff" for character in detail), detail
    bad_filter = APIClient().get(reverse("api:event-list") + "?lang=ar&starts_after=never")
    assert bad_filter.status_code == 400
    message = next(iter(bad_filter.json().values()))[0]
    assert any("\u0600" <= character <= "\u06ff" for character in message), message


def test_the_schema_documents_lang_and_accept_language(client):
    schema = client.get(reverse("api-schema"), HTTP_ACCEPT="application/json").json()
    parameters = schema["paths"]["/api/v1/events/"]["get"]["parameters"]
    by_name = {parameter["name"]: parameter for parameter in parameters}
    assert sorted(by_name["lang"]["schema"]["enum"]) == ["ar", "en"]
    assert by_name["Accept-Language"]["in"] == "header"


def test_pages_keep_their_language_from_the_address(client, events):
    response = client.get("/events/", HTTP_ACCEPT_LANGUAGE="ar")
    assert response["Content-Language"] == "en"


# The notice of text shown in English ---------------------------------------------

NOTICE = "Parts of this page are not yet translated into Arabic"


def test_an_arabic_page_with_english_text_says_so_at_the_top(client, events):
    _translated, english_only = events
    page = client.get(f"/ar{english_only.get_absolute_url()}").text
    main = page[page.index("<main") :]
    assert 'class="notice notice--language" role="note"' in main
    assert main.index("notice--language") < main.index("<h1")
    assert "<!--english-notice-->" not in page


def test_a_fully_arabic_page_and_english_pages_have_no_notice(client, events):
    translated, english_only = events
    translated.summary_ar, translated.audience_ar, translated.location_ar = "ملخص", "الجمهور", "بغداد"
    translated.outcome_ar = "النتيجة" if translated.outcome_en else ""
    translated.save()
    # The addresses first: a request leaves its language active in the test.
    arabic_url, english_url = f"/ar{translated.get_absolute_url()}", english_only.get_absolute_url()
    arabic = client.get(arabic_url).text
    english = client.get(english_url).text
    for page in (arabic, english):
        assert "notice--language" not in page
        assert "<!--english-notice-->" not in page
