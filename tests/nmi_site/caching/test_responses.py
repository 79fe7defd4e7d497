"""The anonymous response cache: what it keeps, who it serves, and that
every change to a record shows on the next request."""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db.models import F
from django.test import RequestFactory, override_settings
from django.urls import reverse
from rest_framework.test import APIClient

from nmi_site.access.models import KeyScope, PartnerKey
from nmi_site.caching import generations, responses
from nmi_site.caching.models import Generation
from nmi_site.caching.responses import SIGNED_IN_COOKIE, signed_in_marker
from nmi_site.content.clock import SystemClock, use
from nmi_site.content.visibility import Visibility
from tests import factories

pytestmark = pytest.mark.django_db

# A cached answer reads the generation stamps, where every worker sees them
# (the suite runs without a lease, so on every request).
STAMPS = 1


@pytest.fixture
def event(division):
    return factories.EventFactory(organising_division=division, title="Ambassador day in Baghdad", slug="ambassadors")


def test_a_second_anonymous_request_is_served_without_the_database(client, event, django_assert_num_queries):
    first = client.get(reverse("outreach:upcoming"))
    assert "Ambassador day in Baghdad" in first.text

    with django_assert_num_queries(STAMPS):
        second = client.get(reverse("outreach:upcoming"))

    assert second.status_code == 200
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]
    assert second["Content-Type"] == first["Content-Type"]
    assert "public" in second["Cache-Control"] and "no-cache" in second["Cache-Control"]
    assert not second.cookies


def test_a_matching_etag_is_answered_with_304_before_any_view_runs(client, event, django_assert_num_queries):
    etag = client.get(reverse("outreach:detail", args=["ambassadors"]))["ETag"]

    with django_assert_num_queries(STAMPS):
        response = client.get(reverse("outreach:detail", args=["ambassadors"]), HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 304
    assert response["ETag"] == etag
    assert not response.content


def test_head_requests_get_the_headers_without_the_body(client, event):
    client.get(reverse("outreach:upcoming"))
    response = client.head(reverse("outreach:upcoming"))
    assert response.status_code == 200
    assert response.content == b""


def test_saving_a_record_shows_on_the_next_request(client, event):
    assert "Ambassador day in Baghdad" in client.get(reverse("outreach:upcoming")).text
    etag = client.get(reverse("outreach:upcoming"))["ETag"]

    event.title = "Ambassador day in Erbil"
    event.save()

    response = client.get(reverse("outreach:upcoming"), HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert "Ambassador day in Erbil" in response.text
    assert response["ETag"] != etag


def test_an_admin_save_shows_on_the_next_anonymous_request(client, administrator, event):
    assert "Ambassador day in Baghdad" in client.get(reverse("outreach:detail", args=["ambassadors"])).text
    staff = type(client)()
    staff.force_login(administrator)
    change_url = reverse("admin:outreach_event_change", args=[event.pk])
    form = staff.get(change_url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}
    data["edit_version"] = form["edit_version"].value()
    data.update(
        {
            "title_en": "Information day in Basra",
            "starts_at_0": event.starts_at.astimezone().strftime("%Y-%m-%d"),
            "starts_at_1": event.starts_at.astimezone().strftime("%H:%M:%S"),
            "ends_at_0": event.ends_at.astimezone().strftime("%Y-%m-%d"),
            "ends_at_1": event.ends_at.astimezone().strftime("%H:%M:%S"),
            "organising_division": event.organising_division_id,
            "mission": event.mission_id,
        }
    )
    for name in ("nations", "partner_organisations", "institutions", "objectives"):
        data[name] = []
    response = staff.post(change_url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    event.refresh_from_db()
    assert event.title == "Information day in Basra"

    page = client.get(reverse("outreach:detail", args=["ambassadors"]))
    assert "Information day in Basra" in page.text


def test_deleting_or_hiding_a_record_removes_it_at_once(client, division, event):
    other = factories.EventFactory(organising_division=division, title="Seminar on civil oversight")
    page = client.get(reverse("outreach:upcoming")).text
    assert "Seminar on civil oversight" in page and "Ambassador day in Baghdad" in page

    other.delete()
    event.visibility = Visibility.INTERNAL
    event.save()

    page = client.get(reverse("outreach:upcoming")).text
    assert "Seminar on civil oversight" not in page
    assert "Ambassador day in Baghdad" not in page


def test_a_change_of_related_records_shows_at_once(client, event):
    nation = factories.NationFactory(name="Iceland")
    assert "Iceland" not in client.get(reverse("outreach:detail", args=["ambassadors"])).text

    event.nations.add(nation)

    assert "Iceland" in client.get(reverse("outreach:detail", args=["ambassadors"])).text


def test_signed_in_staff_are_never_served_the_anonymous_copy(client, administrator, event):
    hidden = factories.EventFactory(
        organising_division=event.organising_division, title="Internal planning meeting", visibility=Visibility.INTERNAL
    )
    assert "Internal planning meeting" not in client.get(reverse("outreach:upcoming")).text

    staff = type(client)()
    staff.force_login(administrator)
    assert "Internal planning meeting" in staff.get(reverse("outreach:upcoming")).text

    # And what staff saw is not kept for the public.
    assert "Internal planning meeting" not in client.get(reverse("outreach:upcoming")).text
    assert client.get(reverse("outreach:detail", args=[hidden.slug])).status_code == 404


def test_partner_keys_are_never_served_the_anonymous_copy(event):
    factories.EventFactory(
        organising_division=event.organising_division, title="Partner briefing", visibility=Visibility.PARTNERS
    )
    anonymous = APIClient()
    url = reverse("api:event-list")
    assert "Partner briefing" not in anonymous.get(url).content.decode()
    assert "Partner briefing" not in anonymous.get(url).content.decode()

    _, secret = PartnerKey.issue(
        partner=factories.PartnerOrganisationFactory(), label="sync", scopes=[KeyScope.API_READ]
    )
    partner = APIClient()
    partner.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert "Partner briefing" in partner.get(url).content.decode()
    # Nor is the partner's answer kept for anonymous clients.
    assert "Partner briefing" not in anonymous.get(url).content.decode()


def test_a_private_feed_is_never_stored(client, event):
    factories.EventFactory(
        organising_division=event.organising_division, title="Partner briefing", visibility=Visibility.PARTNERS
    )
    _, secret = PartnerKey.issue(
        partner=factories.PartnerOrganisationFactory(), label="feed", scopes=[KeyScope.CALENDAR]
    )
    url = reverse("outreach_feeds:calendar_partner", args=[secret])
    assert "Partner briefing" in client.get(url).content.decode()
    PartnerKey.objects.get().revoke()
    assert client.get(url).status_code == 404


def test_api_answers_are_cached_per_format_and_exports_are_streamed_each_time(event, django_assert_num_queries):
    anonymous = APIClient()
    url = reverse("api:event-list")
    as_json = anonymous.get(url, HTTP_ACCEPT="application/json")
    as_csv = anonymous.get(url, HTTP_ACCEPT="text/csv")
    assert as_json["Content-Type"].startswith("application/json")
    assert as_csv["Content-Type"].startswith("text/csv")

    with django_assert_num_queries(STAMPS):
        again = anonymous.get(url, HTTP_ACCEPT="application/json")
    assert again.content == as_json.content
    # A complete export is written as it is read, never stored whole.
    export = anonymous.get(url, HTTP_ACCEPT="text/csv")
    assert export.streaming
    assert b"".join(export.streaming_content) == b"".join(as_csv.streaming_content)


def test_api_answers_are_cached_per_language(event, django_assert_num_queries):
    event.title_ar = "يوم السفراء في بغداد"
    event.save()
    anonymous = APIClient()
    url = reverse("api:event-list")
    english = anonymous.get(url)
    arabic = anonymous.get(url, HTTP_ACCEPT_LANGUAGE="ar-IQ,ar;q=0.9")
    assert english.json()["results"][0]["title"] == "Ambassador day in Baghdad"
    assert arabic.json()["results"][0]["title"] == "يوم السفراء في بغداد"

    # Served from the cache, each in its own language, however it is asked.
    with django_assert_num_queries(STAMPS):
        again = anonymous.get(url, HTTP_ACCEPT_LANGUAGE="ar")
    assert again.content == arabic.content
    assert again["Content-Language"] == "ar"
    # ?lang= is an address of its own: rendered once, then served.
    assert anonymous.get(url + "?lang=ar").json()["results"][0]["title"] == "يوم السفراء في بغداد"
    with django_assert_num_queries(STAMPS):
        again = anonymous.get(url + "?lang=ar")
    assert again.json()["results"][0]["title"] == "يوم السفراء في بغداد"
    with django_assert_num_queries(STAMPS):
        again = anonymous.get(url, HTTP_ACCEPT_LANGUAGE="fr")
    assert again.content == english.content
    assert again["Content-Language"] == "en"


def test_cached_api_answers_still_count_against_the_anonymous_rate(event, settings):
    rates = {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "anonymous": "3/minute"}
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}
    anonymous = APIClient()
    url = reverse("api:event-list")
    statuses = [anonymous.get(url).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    refused = anonymous.get(url)
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) >= 1
    assert "throttled" in refused.json()["detail"]


class WindowClock(SystemClock):
    """Wall-clock time the test moves by hand, starting at a window's start."""

    now = 1_800_000_000.0

    def time(self):
        return self.now

    def time_ns(self):
        return int(self.now * 1e9)


@pytest.fixture
def window_clock():
    with use(WindowClock()) as window:
        yield window


def test_entries_end_with_their_time_window(client, event, window_clock):
    clock = window_clock
    first = client.get(reverse("outreach:upcoming"))
    # Rows changed without signals, as when time alone moves an event on.
    type(event).objects.filter(pk=event.pk).update(title="Moved on")
    assert client.get(reverse("outreach:upcoming")).content == first.content

    clock.now += 301
    assert "Moved on" in client.get(reverse("outreach:upcoming")).text


def test_bulk_changes_announced_by_content_changed(client, event):
    client.get(reverse("outreach:upcoming"))
    type(event).objects.filter(pk=event.pk).update(title="Renamed in bulk")
    generations.content_changed()
    assert "Renamed in bulk" in client.get(reverse("outreach:upcoming")).text


def test_the_bypass_header_works_only_in_the_benchmark_settings(client, event, settings, django_assert_num_queries):
    client.get(reverse("outreach:upcoming"))
    with django_assert_num_queries(STAMPS):
        client.get(reverse("outreach:upcoming"), HTTP_X_BENCHMARK_NO_CACHE="1")

    settings.ANONYMOUS_CACHE_BYPASS_HEADER = "HTTP_X_BENCHMARK_NO_CACHE"
    response = client.get(reverse("outreach:upcoming"), HTTP_X_BENCHMARK_NO_CACHE="1")
    assert response.status_code == 200
    assert "ETag" not in response


def test_the_cache_can_be_turned_off(client, event, settings):
    settings.ANONYMOUS_CACHE_SECONDS = 0
    client.get(reverse("outreach:upcoming"))
    type(event).objects.filter(pk=event.pk).update(title="Seen at once")
    assert "Seen at once" in client.get(reverse("outreach:upcoming")).text


@pytest.fixture
def others_rendering(window_clock):
    """Let another request hold the claim to render ``url`` again in this
    window, as when it is rendering now; returns the claim's key."""

    def hold(url):
        key = responses.AnonymousRequest(RequestFactory().get(url)).render_key
        cache.set(key, 1, 60)
        return key

    return hold


def test_when_a_window_ends_the_others_get_the_previous_copy_while_one_renders(
    client, event, window_clock, others_rendering, django_assert_num_queries
):
    url = reverse("outreach:upcoming")
    first = client.get(url)
    type(event).objects.filter(pk=event.pk).update(title="Moved on")
    window_clock.now += 301

    claim = others_rendering(url)
    with django_assert_num_queries(STAMPS):
        meanwhile = client.get(url)
    assert meanwhile.status_code == 200 and meanwhile.content == first.content
    assert meanwhile["ETag"] == first["ETag"]
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304

    # The request that renders gives the claim back; the page is then current for everyone.
    cache.delete(claim)
    assert "Moved on" in client.get(url).text
    assert cache.get(claim) is None
    others_rendering(url)
    assert "Moved on" in client.get(url).text


def test_the_previous_copy_never_hides_a_change(client, event, window_clock, others_rendering):
    url = reverse("outreach:upcoming")
    client.get(url)
    window_clock.now += 301
    claim = others_rendering(url)
    event.title = "Renamed in the admin"
    event.save()

    assert "Renamed in the admin" in client.get(url).text
    # The other request's claim is left alone.
    assert cache.get(claim) == 1


def test_only_the_window_just_ended_is_served_while_rendering(client, event, window_clock, others_rendering):
    url = reverse("outreach:upcoming")
    client.get(url)
    type(event).objects.filter(pk=event.pk).update(title="Moved on")
    window_clock.now += 2 * 301
    others_rendering(url)

    assert "Moved on" in client.get(url).text


def test_errors_are_not_stored(client, event):
    assert client.get("/events/not-yet/").status_code == 404
    factories.EventFactory(organising_division=event.organising_division, slug="not-yet", title="Now it exists")
    assert client.get("/events/not-yet/").status_code == 200


def test_a_broken_cache_serves_pages_without_it(client, event, monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(cache, "get", broken)
    response = client.get(reverse("outreach:upcoming"))
    assert response.status_code == 200
    assert "Ambassador day in Baghdad" in response.text


@pytest.fixture
def redis_settings(settings):
    if not factories.reachable(factories.REDIS_URL):
        pytest.skip(f"Redis is not answering at {factories.REDIS_URL}")
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": factories.REDIS_URL,
            "KEY_PREFIX": "nmi-cache-test",
        }
    }
    cache.clear()
    yield settings
    cache.clear()


def test_with_redis_a_save_ends_the_answers_every_process_shares(client, event, redis_settings):
    from django.core.cache.backends.redis import RedisCache

    other_process = RedisCache(factories.REDIS_URL, {"KEY_PREFIX": "nmi-cache-test"})
    url = reverse("outreach:upcoming")
    assert "Ambassador day in Baghdad" in client.get(url).text
    before = generations.current_generation("public")
    assert other_process.get(responses.AnonymousRequest(RequestFactory().get(url)).key)["generation"] == before

    event.title = "Ambassador day in Mosul"
    event.save()

    # The stamp moved where every process reads it: the shared entry is over.
    assert Generation.objects.get(audience="public").stamp != before
    assert "Ambassador day in Mosul" in client.get(url).text


def test_a_change_another_worker_made_ends_this_workers_copies(client, event):
    url = reverse("outreach:upcoming")
    assert "Ambassador day in Baghdad" in client.get(url).text
    # Another worker, with its own memory cache, saves a change: the rows
    # and the stamps change in the database, this process's cache does not.
    type(event).objects.filter(pk=event.pk).update(title="Ambassador day in Basra")
    Generation.objects.filter(audience="public").update(stamp=F("stamp") + 1)

    assert "Ambassador day in Basra" in client.get(url).text


def test_every_worker_gives_the_same_validators_for_the_same_content(client, event):
    url = reverse("outreach:upcoming")
    first = client.get(url)
    # A worker that never saw the page renders it afresh.
    cache.clear()
    responses.clear_local_entries()
    generations.forget_leases()
    other = client.get(url)

    assert other.content == first.content
    assert other["ETag"] == first["ETag"]
    api = client.get("/api/v1/events/", HTTP_ACCEPT="application/json")
    cache.clear()
    responses.clear_local_entries()
    assert client.get("/api/v1/events/", HTTP_ACCEPT="application/json")["ETag"] == api["ETag"]


def test_an_answer_cached_before_a_redis_outage_is_not_served_after_a_change_made_during_it(
    client, event, redis_settings
):
    url = reverse("outreach:detail", args=[event.slug])
    assert client.get(url).status_code == 200  # stored in Redis
    reachable = redis_settings.CACHES
    redis_settings.CACHES = {
        "default": {"BACKEND": "nmi_site.caching.backends.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}
    }
    event.visibility = Visibility.INTERNAL
    event.save()  # Redis is away: the stamp moves in the database all the same
    assert client.get(url).status_code == 404

    redis_settings.CACHES = reachable  # Redis is back, with the old answer
    responses.clear_local_entries()
    assert client.get(url).status_code == 404


@override_settings(ANONYMOUS_CACHE_SECONDS=300)
def test_arabic_and_english_pages_are_kept_apart(client, event):
    english = client.get("/events/")
    arabic = client.get("/ar/events/")
    assert 'lang="ar"' in arabic.text
    assert 'lang="en"' in english.text
    assert client.get("/events/").content == english.content
    assert client.get("/ar/events/").content == arabic.content


def test_an_edit_the_public_cannot_see_leaves_anonymous_answers_alone(client, event):
    hidden = factories.EventFactory(
        organising_division=event.organising_division, title="Internal rehearsal", visibility=Visibility.INTERNAL
    )
    shared = factories.EventFactory(
        organising_division=event.organising_division, title="Partner rehearsal", visibility=Visibility.PARTNERS
    )
    nation = factories.NationFactory()
    hidden_nation = factories.NationFactory(visibility=Visibility.INTERNAL)
    etag = client.get(reverse("outreach:upcoming"))["ETag"]

    hidden.title = "Internal rehearsal, moved"
    hidden.save()
    shared.nations.add(nation)
    shared.delete()
    event.nations.add(hidden_nation)

    assert client.get(reverse("outreach:upcoming"), HTTP_IF_NONE_MATCH=etag).status_code == 304

    # Publishing it is a change the public sees.
    hidden.visibility = Visibility.PUBLIC
    hidden.save()
    response = client.get(reverse("outreach:upcoming"), HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert "Internal rehearsal, moved" in response.text


def test_hiding_a_parent_hides_its_children_at_once(client, division, event):
    assert "Ambassador day in Baghdad" in client.get(reverse("outreach:upcoming")).text
    division.visibility = Visibility.INTERNAL
    division.save()
    assert "Ambassador day in Baghdad" not in client.get(reverse("outreach:upcoming")).text


def test_cached_answers_carry_the_security_headers(client, event):
    first = client.get(reverse("outreach:upcoming"))
    second = client.get(reverse("outreach:upcoming"))
    not_modified = client.get(reverse("outreach:upcoming"), HTTP_IF_NONE_MATCH=first["ETag"])
    for response in (first, second, not_modified):
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["X-Frame-Options"] == "DENY"
        assert response["Referrer-Policy"] == "same-origin"
    assert "Content-Type" not in not_modified


# Generation leases -------------------------------------------------------------


class LeaseClock(SystemClock):
    """A monotonic clock the test moves by hand."""

    def __init__(self):
        self.now = 1000.0
        self.slept = []

    def monotonic(self):
        return self.now

    def sleep(self, seconds):
        self.slept.append(seconds)
        self.now += seconds


@pytest.fixture
def clock(settings):
    settings.GENERATION_LEASE_SECONDS = 0.05
    with use(LeaseClock()) as fake:
        yield fake


def test_a_leased_stamp_is_used_until_the_lease_ends(clock, event):
    first = generations.current_generation("public")
    # Another server moves the stamp: this process may keep its lease...
    Generation.objects.filter(audience="public").update(stamp=first + 1)
    clock.now += 0.049
    assert generations.current_generation("public") == first
    # ...but not a moment past it.
    clock.now += 0.002
    assert generations.current_generation("public") == first + 1


def test_with_a_lease_a_cached_answer_needs_no_query(clock, client, event, django_assert_num_queries):
    url = reverse("outreach:upcoming")
    first = client.get(url)
    with django_assert_num_queries(0):
        assert client.get(url).content == first.content


def test_a_stamp_moved_here_is_seen_here_at_once(clock, event):
    first = generations.current_generation("public")
    event.title = "Ambassador day in Erbil"
    event.save()
    assert generations.current_generation("public") != first


@pytest.mark.django_db(transaction=True)
def test_a_request_that_changes_content_waits_out_the_lease_once(clock, client, administrator):
    event = factories.EventFactory(title="Ambassador day in Baghdad", slug="ambassadors")
    generations.settle()  # the set-up's own changes, made outside a request
    clock.slept.clear()
    client.force_login(administrator)
    url = f"/admin/outreach/event/{event.pk}/change/"
    client.get(reverse("outreach:upcoming"))
    form = factories.form_data(client.get(url))
    assert clock.slept == []  # reading waits for nothing
    form["title_en"] = "Ambassador day in Erbil"
    response = client.post(url, form)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else response
    # The save moved several stamps, and the request waited once, the lease.
    assert clock.slept == [pytest.approx(0.05)]


@pytest.mark.django_db(transaction=True)
def test_outside_a_request_the_wait_comes_before_the_process_ends(clock):
    generations.content_changed()
    generations.content_changed(["public"])
    assert clock.slept == []
    generations.settle()  # what the exit hook runs
    assert clock.slept == [pytest.approx(0.05)]


def test_without_a_lease_every_request_reads_the_stamps(settings, event):
    settings.GENERATION_LEASE_SECONDS = 0.0
    first = generations.current_generation("public")
    Generation.objects.filter(audience="public").update(stamp=first + 1)
    assert generations.current_generation("public") == first + 1


def test_pages_and_saves_work_while_redis_is_away(client, administrator, event, settings):
    settings.CACHES = {
        "default": {"BACKEND": "nmi_site.caching.backends.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}
    }

    assert client.get(reverse("outreach:upcoming")).status_code == 200
    assert client.get(reverse("outreach:detail", args=[event.slug])).status_code == 200
    event.title = "Saved while Redis is away"
    event.save()
    assert "Saved while Redis is away" in client.get(reverse("outreach:detail", args=[event.slug])).text


# Only live signed-in sessions pass the cache by -----------------------------------


def junk_client():
    browser = factories.Client()
    browser.cookies[settings.SESSION_COOKIE_NAME] = "made-up-to-force-a-render"
    return browser


def test_a_junk_session_cookie_is_answered_from_the_cache(client, event, django_assert_num_queries):
    url = reverse("outreach:upcoming")
    first = client.get(url)

    with django_assert_num_queries(STAMPS):
        response = junk_client().get(url)

    assert response.content == first.content
    assert response["ETag"] == first["ETag"]


def test_a_dead_session_cookie_is_cleared_and_its_page_shared(client, event, django_assert_num_queries):
    url = reverse("outreach:upcoming")

    response = junk_client().get(url)

    assert response.status_code == 200
    assert response.cookies[settings.SESSION_COOKIE_NAME].value == ""
    # What it rendered is the anonymous copy, kept for everyone.
    with django_assert_num_queries(STAMPS):
        assert client.get(url).content == response.content


def test_a_session_cookie_without_its_marker_gets_the_public_copy(client, administrator, event):
    hidden = factories.EventFactory(organising_division=event.organising_division, title="Internal seminar")
    hidden.visibility = "internal"
    hidden.save()
    url = reverse("outreach:upcoming")
    client.get(url)  # fills the anonymous cache
    staff = factories.Client()
    staff.force_login(administrator)
    del staff.cookies[SIGNED_IN_COOKIE]

    assert "Internal seminar" not in staff.get(url).text


def test_a_forged_marker_counts_for_nothing(client, event, django_assert_num_queries):
    url = reverse("outreach:upcoming")
    client.get(url)
    forger = junk_client()
    forger.cookies[SIGNED_IN_COOKIE] = "0123456789abcdef:forged"

    with django_assert_num_queries(STAMPS):
        forger.get(url)


def test_signing_in_sets_the_marker_and_signing_out_removes_it(administrator):
    browser = factories.Client()

    signed_in = browser.post("/admin/login/?next=/admin/", {"username": "admin", "password": factories.PASSWORD})

    assert signed_in.status_code == 302
    assert signed_in.cookies[SIGNED_IN_COOKIE].value == signed_in_marker(browser.session.session_key)
    signed_out = browser.post("/admin/logout/")
    assert signed_out.cookies[SIGNED_IN_COOKIE].value == ""


# Query parameters a view does not read ----------------------------------------


@pytest.mark.parametrize("junk", ["utm_source=newsletter", "x=8f1c2e", "page_size=5&fbclid=abc"])
def test_parameters_a_page_does_not_read_make_no_new_entry(client, event, junk, django_assert_num_queries):
    first = client.get("/events/")

    with django_assert_num_queries(STAMPS):
        response = client.get(f"/events/?{junk}")

    assert response.content == first.content
    assert response["ETag"] == first["ETag"]


def test_parameters_a_page_reads_still_count_in_any_order(client, event, django_assert_num_queries):
    factories.EventFactory(
        organising_division=event.organising_division, title="Seminar on logistics", kind="conference"
    )
    filtered = client.get(f"/events/?kind=conference&division={event.organising_division.slug}&junk=1")
    assert "Seminar on logistics" in filtered.text
    assert "Ambassador day in Baghdad" not in filtered.text

    with django_assert_num_queries(STAMPS):
        again = client.get(f"/events/?division={event.organising_division.slug}&kind=conference")

    assert again.content == filtered.content


def test_the_api_refuses_parameters_it_does_not_read_and_stores_nothing_for_them(client, event):
    first = client.get("/api/v1/events/", HTTP_ACCEPT="application/json")

    refused = client.get("/api/v1/events/?cache_buster=1&kind=seminar", HTTP_ACCEPT="application/json")

    assert refused.status_code == 400
    assert list(refused.json()) == ["cache_buster"]
    # Not stored: the same request is refused again, and the list itself is unchanged.
    assert client.get("/api/v1/events/?cache_buster=1", HTTP_ACCEPT="application/json").status_code == 400
    assert client.get("/api/v1/events/", HTTP_ACCEPT="application/json").content == first.content


def test_parameters_the_api_reads_count_in_any_order(client, event, django_assert_num_queries):
    first = client.get("/api/v1/events/?page_size=1&kind=seminar", HTTP_ACCEPT="application/json")
    assert first.json()["count"] == 1

    with django_assert_num_queries(STAMPS):
        again = client.get("/api/v1/events/?kind=seminar&page_size=1", HTTP_ACCEPT="application/json")

    assert again.content == first.content


def test_what_each_view_reads():
    assert responses.parameters_read("/events/") >= {"kind", "division", "page"}
    assert responses.parameters_read("/ar/events/") == responses.parameters_read("/events/")
    assert responses.parameters_read("/api/v1/events/") >= {"page", "page_size", "format", "starts_after", "search"}
    assert responses.parameters_read("/search/") == {"q", "kind", "page"}
    assert responses.parameters_read("/sitemap.xml") == {"p"}
    # The portal's own pages that read no parameter, and views it cannot speak for.
    assert responses.parameters_read("/") == frozenset()
    assert responses.parameters_read("/feeds/events.atom") == frozenset()
    assert responses.parameters_read("/api/schema/") is None
    assert responses.parameters_read("/no-such-page/") is None
