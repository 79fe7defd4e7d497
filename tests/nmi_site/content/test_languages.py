"""The API's language: ``lang`` first, then Accept-Language, else English."""

import pytest
from django.test import RequestFactory

from nmi_site.content.languages import api_language


@pytest.mark.parametrize(
    ("query", "header", "expected"),
    [
        ("", "", ("en", False)),
        ("", "ar", ("ar", False)),
        ("", "ar-IQ,ar;q=0.9,en;q=0.5", ("ar", False)),
        ("", "fr-FR,fr;q=0.9,ar;q=0.8", ("ar", False)),
        ("", "fr-FR,de;q=0.9", ("en", False)),
        ("", "*", ("en", False)),
        ("", "en;q=0.3,ar;q=0.9", ("ar", False)),
        ("", "not a header ;;; q=x", ("en", False)),
        ("lang=ar", "en", ("ar", False)),
        ("lang=en", "ar", ("en", False)),
        ("lang=fr", "ar", ("en", True)),
        ("lang=", "ar", ("en", True)),
        ("lang=AR", "", ("en", True)),
    ],
)
def test_the_language_of_an_api_answer(query, header, expected):
    request = RequestFactory().get(f"/api/v1/events/?{query}", HTTP_ACCEPT_LANGUAGE=header)
    assert api_language(request) == expected
