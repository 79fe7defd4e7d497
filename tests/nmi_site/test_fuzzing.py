"""Property-based fuzzing (hypothesis) of the public filters and forms:
whatever a visitor puts in the query string, the answer is a page or a
clear refusal, never a server error, and never shows a hidden record."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nmi_site.content.visibility import Visibility
from tests import factories

pytestmark = pytest.mark.django_db

HIDDEN = "Hidden workshop"

# Text a visitor could send: any characters but NUL (which no HTTP client
# sends in a query string), of any length up to well past the limits.
TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=300)
VALUES = st.one_of(
    TEXT,
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
    st.sampled_from(["", " ", "0", "-1", "2024", "9999", "mad", "seminar", "public", "internal", "%00", "../"]),
)

FORMS = {
    "/events/": ("kind", "year", "division", "partner", "nation", "objective", "page"),
    "/events/past/": ("kind", "year", "division", "partner", "nation", "objective", "page"),
    "/objectives/": ("division", "status", "capability", "counterpart"),
    "/search/": ("q", "kind", "page"),
    "/ar/events/": ("kind", "year", "division", "page"),
    "/api/v1/events/": ("kind", "division", "starts_after", "starts_before", "search", "ordering", "page", "page_size"),
    "/api/v1/objectives/": ("division", "status", "search", "ordering", "page", "page_size"),
}

FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,
    database=None,
)


@pytest.fixture
def site(division, objective):
    factories.EventFactory(organising_division=division, title="Information day", slug="information-day")
    factories.EventFactory(
        organising_division=division, title=HIDDEN, slug="hidden-workshop", visibility=Visibility.INTERNAL
    )
    return objective


def query_strategy(names):
    known = st.dictionaries(st.sampled_from(names), VALUES, max_size=len(names))
    unknown = st.dictionaries(TEXT.filter(lambda name: name.strip() != ""), VALUES, max_size=2)
    return st.tuples(known, unknown).map(lambda pair: {**pair[1], **pair[0]})


@pytest.mark.parametrize("path", list(FORMS))
def test_public_filters_and_forms_never_fail_and_never_leak(site, path):
    client = factories.Client()

    @FUZZ
    @given(query=query_strategy(FORMS[path]))
    def check(query):
        response = client.get(path, query)
        assert response.status_code in (200, 400, 404), (path, query, response.status_code)
        body = response.content.decode()
        assert HIDDEN not in body
        assert "Traceback" not in body

    check()


@FUZZ
@given(path=st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=200))
def test_any_path_is_a_page_or_a_clean_refusal(site, path):
    response = factories.Client().get("/" + path.lstrip("/"))
    assert response.status_code in (200, 301, 302, 400, 404, 405), (path, response.status_code)
    assert HIDDEN not in response.content.decode(errors="replace")


@FUZZ
@given(
    body=st.dictionaries(
        st.one_of(st.sampled_from(["username", "password", "otp_token", "next"]), TEXT),
        st.one_of(TEXT, st.integers().map(str)),
        max_size=6,
    )
)
def test_the_sign_in_form_refuses_any_body_cleanly(administrator, body):
    client = factories.Client()
    response = client.post("/admin/login/", body)
    assert response.status_code in (200, 403, 429)
    assert "_auth_user_id" not in client.session
