"""Security: headers on every kind of response, cookies, CSRF, sign-in
lockout and recovery, the second factor, the idle timeout and the
security log."""

import datetime
import logging
import time

import pytest
from axes.models import AccessAttempt
from django.contrib.sessions.models import Session
from django.test import override_settings
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from nmi_site.access.models import SecurityPolicy
from nmi_site.security.headers import ACTIVITY_REFRESH_SECONDS, LAST_ACTIVITY_KEY
from tests import factories

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"

COMMON_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}


@pytest.fixture
def site(division, objective):
    factories.EventFactory(organising_division=division, title="Information day", slug="information-day")
    return objective


def directives(response):
    policy = response["Content-Security-Policy"]
    return {name: values for name, _, values in (part.strip().partition(" ") for part in policy.split(";"))}


STRICT_PAGES = [
    "/",
    "/ar/",
    "/objectives/",
    "/objectives/lto-11/",
    "/events/",
    "/events/information-day/",
    "/search/?q=day",
    "/no-such-page/",
    "/sitemap.xml",
    "/robots.txt",
    "/feeds/events.atom",
    "/calendar/events.ics",
    "/api/v1/",
    "/api/v1/events/",
    "/api/v1/events/999999/",
    "/api/schema/",
    "/static/css/site.css",
]


@pytest.mark.parametrize("path", STRICT_PAGES)
def test_every_kind_of_public_response_has_the_strict_policy_and_security_headers(client, site, path):
    for attempt in ("rendered", "cached"):
        response = client.get(path)
        assert response.status_code in (200, 404), (path, attempt)
        for name, value in COMMON_HEADERS.items():
            assert response[name] == value, (path, attempt, name)
        policy = directives(response)
        assert policy["default-src"] == "'none'"
        assert policy["script-src"] == "'self'"
        assert policy["style-src"] == "'self'"
        assert policy["frame-ancestors"] == "'none'"
        assert "unsafe-inline" not in response["Content-Security-Policy"]
        assert "nonce-" not in response["Content-Security-Policy"]
        assert response["Permissions-Policy"].startswith("accelerometer=()")


@pytest.mark.parametrize("path", ["/admin/login/", "/api/docs/"])
def test_the_admin_and_the_api_docs_have_the_relaxed_policy_only_for_styles_and_images(client, path):
    response = client.get(path)
    assert response.status_code == 200
    policy = directives(response)
    assert policy["style-src"] == "'self' 'unsafe-inline'"
    assert policy["img-src"] == "'self' data:"
    # Scripts stay strict everywhere.
    assert policy["script-src"] == "'self'"
    assert response["X-Frame-Options"] == "DENY"


def test_pages_are_framed_nowhere(client, site):
    response = client.get("/")
    assert response["X-Frame-Options"] == "DENY"
    assert directives(response)["frame-ancestors"] == "'none'"


@override_settings(SECURE_HSTS_SECONDS=31_536_000, SECURE_HSTS_INCLUDE_SUBDOMAINS=True, SECURE_HSTS_PRELOAD=True)
def test_https_responses_carry_hsts(client, site):
    response = client.get("/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


@override_settings(SESSION_COOKIE_SECURE=True, CSRF_COOKIE_SECURE=True)
def test_staff_cookies_are_secure_httponly_and_same_site(client, administrator):
    page = client.get("/admin/login/", secure=True)
    csrf = page.cookies["csrftoken"]
    assert csrf["secure"] and csrf["httponly"] and csrf["samesite"] == "Lax"
    response = client.post("/admin/login/?next=/admin/", {"username": "admin", "password": PASSWORD}, secure=True)
    assert response.status_code == 302
    session = response.cookies["sessionid"]
    assert session["secure"] and session["httponly"] and session["samesite"] == "Lax"
    # Ends when the browser closes: no Max-Age or Expires.
    assert not session["max-age"] and not session["expires"]


# CSRF ---------------------------------------------------------------------------


def test_a_form_without_its_csrf_token_is_refused_logged_and_changes_nothing(administrator, division, caplog):
    client = factories.Client(enforce_csrf_checks=True)
    client.force_login(administrator)
    with caplog.at_level(logging.WARNING, logger="nmi_site.security"):
        response = client.post(
            f"/admin/missions/division/{division.pk}/change/",
            {"name": "Renamed", "acronym": "X", "slug": "x", "mission": division.mission_id},
        )
    assert response.status_code == 403
    assert "Traceback" not in response.content.decode()
    division.refresh_from_db()
    assert division.name == "Ministerial Advisory Division"
    assert "event=csrf_failure account=admin" in caplog.text


def test_a_forged_csrf_token_is_refused(administrator):
    client = factories.Client(enforce_csrf_checks=True)
    client.get("/admin/login/")
    response = client.post(
        "/admin/login/", {"username": "admin", "password": PASSWORD, "csrfmiddlewaretoken": "forged" * 8}
    )
    assert response.status_code == 403
    assert "_auth_user_id" not in client.session


def test_sign_in_with_the_csrf_token_works(administrator):
    client = factories.Client(enforce_csrf_checks=True)
    page = client.get("/admin/login/")
    token = page.cookies["csrftoken"].value
    response = client.post(
        "/admin/login/?next=/admin/",
        {"username": "admin", "password": PASSWORD, "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


# Lockout ------------------------------------------------------------------------


def sign_in(client, username, password=PASSWORD, code=None, address="10.0.0.1"):
    data = {"username": username, "password": password}
    if code is not None:
        data["otp_token"] = code
    return client.post("/admin/login/?next=/admin/", data, REMOTE_ADDR=address)


@override_settings(AXES_FAILURE_LIMIT=3)
def test_repeated_failures_lock_the_account_for_that_address_and_are_logged(client, administrator, caplog):
    with caplog.at_level(logging.INFO, logger="nmi_site.security"):
        for _ in range(2):
            assert sign_in(client, "admin", "wrong password").status_code == 200
        locked = sign_in(client, "admin", "wrong password")
        assert locked.status_code == 429
        assert "Too many failed sign-ins" in locked.content.decode()
        assert int(locked["Retry-After"]) == 15 * 60
        # Even the right password is refused while locked.
        assert sign_in(client, "admin").status_code == 429
        assert "_auth_user_id" not in client.session
    assert caplog.text.count("event=login_failed account=admin ip=10.0.0.1") >= 3
    assert "event=lockout account=admin ip=10.0.0.1" in caplog.text
    # Another address is not locked out (username and address together).
    assert sign_in(factories.Client(), "admin", address="10.0.0.2").status_code == 302


@override_settings(AXES_FAILURE_LIMIT=3)
def test_a_locked_account_recovers_after_the_cool_off(client, administrator):
    for _ in range(3):
        sign_in(client, "admin", "wrong password")
    assert sign_in(client, "admin").status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=16))
    response = sign_in(client, "admin")
    assert response.status_code == 302
    # A successful sign-in clears the failures.
    assert not AccessAttempt.objects.filter(username="admin").exists()


@override_settings(AXES_FAILURE_LIMIT=3)
def test_an_administrator_can_unlock_an_account(client, administrator, administrator_client):
    other = factories.Client()
    for _ in range(3):
        sign_in(other, "admin", "wrong password")
    attempt = AccessAttempt.objects.get(username="admin")
    response = administrator_client.post(f"/admin/axes/accessattempt/{attempt.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert sign_in(other, "admin").status_code == 302


# Second factor ------------------------------------------------------------------


def code_for(device, offset=0):
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + offset * device.step
    return f"{totp.token():0{device.digits}d}"


def enrol(client):
    page = client.get("/admin/second-factor/")
    assert page.status_code == 200
    device = TOTPDevice.objects.get(confirmed=False)
    return page, device


def test_staff_enrol_an_authenticator_app(administrator_client, caplog):
    page, device = enrol(administrator_client)
    body = page.content.decode()
    assert "<svg" in body
    assert "otpauth" not in body  # the key is in the QR code and typed form only
    wrong_code = "000000" if code_for(device) != "000000" else "111111"
    wrong = administrator_client.post("/admin/second-factor/", {"code": wrong_code})
    assert wrong.status_code == 200
    assert "That code is wrong or has expired" in wrong.content.decode()
    device.refresh_from_db()
    assert not device.confirmed
    # Right after a wrong code, even the right one waits a moment.
    too_soon = administrator_client.post("/admin/second-factor/", {"code": code_for(device)})
    assert "Too many wrong codes" in too_soon.content.decode()
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_timestamp=timezone.now() - datetime.timedelta(minutes=1)
    )
    with caplog.at_level(logging.INFO, logger="nmi_site.security"):
        done = administrator_client.post("/admin/second-factor/", {"code": code_for(device)})
    assert done.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert "event=second_factor_enrolled account=admin" in caplog.text


@pytest.fixture
def enrolled(administrator):
    device = TOTPDevice.objects.create(user=administrator, name="Phone", confirmed=True)
    return device


def test_sign_in_asks_for_the_code_of_those_enrolled(client, enrolled, caplog):
    with caplog.at_level(logging.INFO, logger="nmi_site.security"):
        missing = sign_in(client, "admin")
        wrong = sign_in(client, "admin", code="12345x")
    for response in (missing, wrong):
        assert response.status_code == 200
        assert "_auth_user_id" not in client.session
    assert "Enter the code from your authenticator app." in missing.content.decode()
    assert "That code is wrong or has expired" in wrong.content.decode()
    # Each counts as a failed sign-in.
    assert caplog.text.count("event=login_failed account=admin") == 2
    assert AccessAttempt.objects.get(username="admin").failures_since_start == 2

    response = sign_in(client, "admin", code=code_for(enrolled))
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_a_session_from_before_enrolment_must_sign_in_again(administrator_client, enrolled, caplog):
    with caplog.at_level(logging.INFO, logger="nmi_site.security"):
        response = administrator_client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert "_auth_user_id" not in administrator_client.session
    assert "event=second_factor_missing account=admin" in caplog.text


def test_administrators_can_require_a_second_factor_for_all_staff(administrator, editor):
    administrator_client, editor_client = factories.Client(), factories.Client()
    administrator_client.force_login(administrator)
    editor_client.force_login(editor)
    assert administrator_client.get("/admin/nmi_site/securitypolicy/").status_code == 302
    response = administrator_client.post("/admin/nmi_site/securitypolicy/1/change/", {"require_second_factor": "on"})
    assert response.status_code == 302
    assert SecurityPolicy.current().require_second_factor

    # Staff without one are sent to enrol, whatever admin page they ask for.
    for path in ("/admin/", "/admin/outreach/event/"):
        response = editor_client.get(path)
        assert response.status_code == 302
        assert response["Location"] == "/admin/second-factor/"
    page, device = enrol(editor_client)
    assert "require a second factor for all staff" in page.content.decode()
    editor_client.post("/admin/second-factor/", {"code": code_for(device)})
    assert editor_client.get("/admin/").status_code == 200
    # And it cannot be removed while required.
    assert editor_client.post("/admin/second-factor/", {"code": code_for(device, 1)}).status_code == 200
    assert TOTPDevice.objects.filter(user=editor, confirmed=True).exists()


def test_only_administrators_change_the_security_policy(editor, reviewer):
    for user in (editor, reviewer):
        client = factories.Client()
        client.force_login(user)
        assert client.get("/admin/nmi_site/securitypolicy/").status_code == 403
        assert (
            client.post("/admin/nmi_site/securitypolicy/1/change/", {"require_second_factor": "on"}).status_code == 403
        )
    assert not SecurityPolicy.current().require_second_factor


def test_staff_may_remove_their_own_factor_when_not_required(administrator_client, enrolled):
    session = administrator_client.session
    session["otp_device_id"] = enrolled.persistent_id
    session.save()
    response = administrator_client.post("/admin/second-factor/", {"code": code_for(enrolled)})
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(pk=enrolled.pk).exists()


# Idle timeout -------------------------------------------------------------------


def test_a_session_ends_after_the_idle_time(administrator_client):
    assert administrator_client.get("/admin/").status_code == 200
    Session.objects.update(expire_date=timezone.now() - datetime.timedelta(seconds=1))
    response = administrator_client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_activity_pushes_the_expiry_back_at_most_once_a_minute(administrator_client):
    administrator_client.get("/admin/")
    Session.objects.update(expire_date=timezone.now() + datetime.timedelta(minutes=5))
    administrator_client.get("/admin/")
    # Less than a minute since the last push: not written again.
    assert Session.objects.get().expire_date < timezone.now() + datetime.timedelta(minutes=6)

    session = administrator_client.session
    session[LAST_ACTIVITY_KEY] = int(time.time()) - ACTIVITY_REFRESH_SECONDS
    session.save()
    Session.objects.update(expire_date=timezone.now() + datetime.timedelta(minutes=5))
    administrator_client.get("/admin/")
    assert Session.objects.get().expire_date > timezone.now() + datetime.timedelta(minutes=29)


# The security log ---------------------------------------------------------------


def test_sign_in_and_out_are_logged_with_who_and_where(client, administrator, caplog):
    with caplog.at_level(logging.INFO, logger="nmi_site.security"):
        sign_in(client, "admin")
        client.post("/admin/logout/")
    assert "event=login account=admin ip=10.0.0.1 method=POST path=/admin/login/" in caplog.text
    assert "event=logout account=admin" in caplog.text
    assert PASSWORD not in caplog.text


def test_permission_denials_are_logged(editor_client, other_division, caplog):
    with caplog.at_level(logging.WARNING, logger="nmi_site.security"):
        response = editor_client.get("/admin/nmi_site/securitypolicy/")
    assert response.status_code == 403
    assert "event=permission_denied account=editor" in caplog.text


def test_api_permission_denials_are_logged_without_the_key(client, caplog):
    from nmi_site.access.models import KeyScope, PartnerKey

    partner = factories.PartnerOrganisationFactory()
    _key, secret = PartnerKey.issue(partner=partner, label="Reader", scopes=[KeyScope.API_READ])
    with caplog.at_level(logging.WARNING, logger="nmi_site.security"):
        response = client.post(
            "/api/v1/reports/", {}, HTTP_AUTHORIZATION=f"Bearer {secret}", content_type="application/json"
        )
    assert response.status_code == 403
    assert 'event=permission_denied account="Reader' in caplog.text
    assert secret not in caplog.text


def test_log_lines_are_stamped_in_utc():
    from nmi_site.security.formatters import UTCFormatter

    record = logging.LogRecord("nmi_site.security", logging.INFO, __file__, 1, "event=login", None, None)
    record.created = datetime.datetime(2026, 3, 1, 12, 0, tzinfo=datetime.UTC).timestamp()
    record.msecs = 0
    line = UTCFormatter("%(asctime)s %(message)s").format(record)
    assert line == "2026-03-01T12:00:00.000Z event=login"


# The visibility matrix, across every kind of answer ---------------------------

MATRIX_PATHS = [
    "/events/",
    "/ar/events/",
    "/search/?q=seminar",
    "/feeds/events.atom",
    "/calendar/events.ics",
    "/sitemap.xml",
    "/api/v1/events/",
    "/api/v1/search/?q=seminar",
]


@pytest.fixture
def seminars(division):
    return {
        visibility: factories.EventFactory(
            organising_division=division,
            title=f"{visibility.title()} seminar",
            slug=f"{visibility}-seminar",
            visibility=visibility,
        )
        for visibility in ("public", "partners", "internal")
    }


def shown(response, event):
    text = response.content.decode()
    return event.title in text or f"/events/{event.slug}/" in text


@pytest.mark.parametrize("path", MATRIX_PATHS)
def test_anonymous_visitors_see_public_records_only_rendered_or_cached(client, seminars, path):
    for attempt in ("rendered", "cached"):
        response = client.get(path)
        assert response.status_code == 200, (path, attempt)
        assert shown(response, seminars["public"]), (path, attempt)
        assert not shown(response, seminars["partners"]), (path, attempt)
        assert not shown(response, seminars["internal"]), (path, attempt)


@pytest.mark.parametrize("path", ["/api/v1/events/", "/api/v1/search/?q=seminar", "private-calendar"])
def test_partners_see_public_and_partner_records(client, seminars, path):
    from nmi_site.access.models import KeyScope, PartnerKey

    partner = factories.PartnerOrganisationFactory()
    _key, secret = PartnerKey.issue(partner=partner, label="Partner", scopes=[KeyScope.API_READ, KeyScope.CALENDAR])
    client.get(path if path != "private-calendar" else "/calendar/events.ics")  # fills the anonymous cache
    for _attempt in ("first", "second"):
        if path == "private-calendar":
            response = client.get(f"/calendar/private/{secret}/events.ics")
        else:
            response = client.get(path, HTTP_AUTHORIZATION=f"Bearer {secret}")
        assert response.status_code == 200
        assert shown(response, seminars["public"]) and shown(response, seminars["partners"])
        assert not shown(response, seminars["internal"])


@pytest.mark.parametrize("path", ["/events/", "/search/?q=seminar", "/ar/events/"])
def test_staff_see_every_record_never_the_anonymous_copy(client, administrator, seminars, path):
    client.get(path)  # fills the anonymous cache
    staff = factories.Client()
    staff.force_login(administrator)
    response = staff.get(path)
    assert all(shown(response, event) for event in seminars.values())
    # And the anonymous copy still holds public records only.
    assert not shown(client.get(path), seminars["internal"])


# Until the second factor is confirmed, staff see what the public sees -------

SECOND_FACTOR_PATHS = ["/events/", "/search/?q=seminar", "/calendar/events.ics", "/ar/events/"]


@pytest.mark.parametrize("path", SECOND_FACTOR_PATHS)
def test_an_enrolled_session_without_its_code_sees_public_records_only(administrator, enrolled, seminars, path):
    staff = factories.Client()
    staff.force_login(administrator)

    response = staff.get(path)

    assert shown(response, seminars["public"])
    assert not shown(response, seminars["internal"])
    assert not shown(response, seminars["partners"])


@pytest.mark.parametrize("path", SECOND_FACTOR_PATHS)
def test_a_session_without_the_required_second_factor_sees_public_records_only(editor, seminars, path):
    SecurityPolicy.objects.create(require_second_factor=True)
    staff = factories.Client()
    staff.force_login(editor)

    response = staff.get(path)

    assert not shown(response, seminars["internal"])


def test_a_session_with_its_code_confirmed_sees_every_record(client, enrolled, seminars):
    assert sign_in(client, "admin", code=code_for(enrolled)).status_code == 302

    response = client.get("/events/")

    assert all(shown(response, event) for event in seminars.values())


# The security log -------------------------------------------------------------


def test_a_line_break_in_a_username_cannot_forge_a_log_line(client, caplog):
    with caplog.at_level(logging.INFO, logger="nmi_site.security"):
        sign_in(client, "mallory\r\nevent=login account=admin")

    lines = [record.getMessage() for record in caplog.records if record.name == "nmi_site.security"]
    assert lines
    assert all("\n" not in line and "\r" not in line for line in lines)
    assert 'account="mallory\\u000d\\u000aevent=login account=admin"' in lines[0]


@override_settings(BEHIND_PROXY=True)
def test_behind_a_proxy_the_log_names_the_client_not_the_proxy(client, administrator, caplog):
    with caplog.at_level(logging.INFO, logger="nmi_site.security"):
        client.post(
            "/admin/login/?next=/admin/",
            {"username": "admin", "password": PASSWORD},
            REMOTE_ADDR="10.0.0.254",
            HTTP_X_FORWARDED_FOR="203.0.113.7",
        )

    assert "event=login account=admin ip=203.0.113.7 " in caplog.text
