"""Nothing a visitor can send produces a server error."""

import pytest

pytestmark = pytest.mark.django_db

PATHS = [
    "/structure/%00/",
    "/structure/..%2F..%2Fetc%2Fpasswd/",
    "/structure/" + "a" * 5000 + "/",
    "/structure/<script>alert(1)</script>/",
    "/ar/structure/%E2%80%AE/",
    "/xx/",
    "/fr/about/",
    "/ar/ar/",
    "/static/../settings.py",
    "/sitemap.xml?p=abc",
    "/sitemap.xml?p=999",
    "/robots.txt?x=%00",
    "/?q=%00&page=-1&lang=xx",
    "/timeline/?page=999999999999999999999",
    "/lessons/?" + "x=1&" * 500,
]


@pytest.mark.parametrize("path", PATHS)
def test_hostile_path_is_not_a_server_error(client, path):
    response = client.get(path)

    assert response.status_code < 500


def test_unknown_sitemap_page_is_404(client):
    assert client.get("/sitemap.xml?p=999").status_code == 404


@pytest.mark.parametrize("method", ["post", "put", "delete", "patch"])
def test_public_pages_refuse_unsafe_methods(client, method):
    response = getattr(client, method)("/about/")

    # Either refused by CSRF protection or by the view itself; never a 500.
    assert response.status_code in (403, 405)


def test_unsupported_language_cookie_falls_back_to_english(client):
    client.cookies["django_language"] = "xx"

    response = client.get("/about/")

    assert response.status_code == 200
    assert '<html lang="en" dir="ltr">' in response.content.decode()


def test_arabic_accept_language_does_not_change_english_urls(client):
    response = client.get("/about/", HTTP_ACCEPT_LANGUAGE="ar")

    assert '<html lang="en" dir="ltr">' in response.content.decode()


@pytest.mark.parametrize(
    ("header", "expected"), [("ar", "ar"), ("ar-IQ,en;q=0.5", "ar"), ("fr", "en"), ("xx-!!", "en"), ("", "en")]
)
def test_the_admin_follows_the_browser_language_else_english(client, header, expected):
    response = client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE=header)
    assert response.status_code == 200
    assert f'<html lang="{expected}"' in response.content.decode()


def test_public_pages_keep_the_language_of_their_address(client, mission):
    assert '<html lang="en"' in client.get("/", HTTP_ACCEPT_LANGUAGE="ar").content.decode()
