"""Security headers that Django's own settings do not cover.

The Content-Security-Policy comes from django-csp. Public pages get the
strict policy in ``CONTENT_SECURITY_POLICY``: scripts, styles, images and
fonts from the site's own static files only, with no inline script, no
inline style and no nonce (a nonce would make cached pages invalid).

A few third-party templates need more than that, and only they get it,
through ``CONTENT_SECURITY_POLICY_RELAXED`` in the settings, which maps a
URL prefix to the directives that replace the strict ones under it (see
the settings for which and why).
"""

import time
from dataclasses import asdict

from csp.constants import HEADER
from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import build_policy
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.shortcuts import render
from django.utils.translation import gettext as _


def relaxed_directives(path):
    """The directives that replace the strict ones for ``path``, or ``None``."""
    for prefix, directives in settings.CONTENT_SECURITY_POLICY_RELAXED.items():
        if path.startswith(prefix):
            return directives
    return None


class ScopedCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, with the relaxed policy for the URL prefixes
    that need one.

    The policy depends only on the URL prefix unless a view changes it or a
    nonce is used (neither happens in the portal), so the header is built
    once per prefix and kept, rather than on every response."""

    def __init__(self, get_response):
        super().__init__(get_response)
        self._built = {}

    def process_response(self, request, response):
        plain = (
            not any(
                getattr(response, name, None)
                for name in ("_csp_config", "_csp_update", "_csp_replace", "_csp_exempt", "_csp_config_ro")
            )
            and getattr(request, "_csp_nonce", None) is None
        )
        plain = plain and not getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None)
        if not plain or HEADER in response or (response.status_code in (404, 500) and settings.DEBUG):
            return super().process_response(request, response)
        relaxed = relaxed_directives(request.path_info)
        # Keyed by the settings objects, so a change of settings (in tests)
        # builds the header again.
        key = (id(settings.CONTENT_SECURITY_POLICY), id(relaxed))
        policy = self._built.get(key)
        if policy is None:
            policy = self._built[key] = build_policy(
                **asdict(self.get_policy_parts(request=request, response=response))
            )
        if policy:
            response[HEADER] = policy
        return response

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only:
            return parts
        relaxed = relaxed_directives(request.path_info)
        if relaxed is None:
            return parts
        return PolicyParts(parts.config, parts.update, {**relaxed, **(parts.replace or {})}, parts.nonce)


class PermissionsPolicyMiddleware:
    """Tells browsers that no page of the site uses the camera, microphone,
    location and other powerful features, so no injected content can ask
    for them."""

    header = ", ".join(
        f"{feature}=()"
        for feature in (
            "accelerometer",
            "camera",
            "geolocation",
            "gyroscope",
            "magnetometer",
            "microphone",
            "payment",
            "usb",
        )
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.header)
        return response


def client_ip(request):
    """The client's address: the last one the reverse proxy appended to
    X-Forwarded-For when the site runs behind one (anything before it came
    from the client and proves nothing), else the connection's."""
    if settings.BEHIND_PROXY:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if forwarded:
            return forwarded[-1]
    return request.META.get("REMOTE_ADDR", "")


def locked_out(request, original_response=None, credentials=None):
    """django-axes' answer to a sign-in while the username is locked for
    this address: the admin's layout, 429 and when to try again."""
    seconds = int(settings.AXES_COOLOFF_TIME.total_seconds())
    context = {
        **admin.site.each_context(request),
        "title": _("Sign-in locked"),
        "minutes": max(1, seconds // 60),
    }
    response = render(request, "admin/locked_out.html", context, status=429)
    response["Retry-After"] = str(seconds)
    return response


# Idle timeout ---------------------------------------------------------------

LAST_ACTIVITY_KEY = "_nmi_last_activity"
# How often a signed-in person's session expiry is pushed back: a session
# ends SESSION_COOKIE_AGE after the last request, give or take this much.
ACTIVITY_REFRESH_SECONDS = 60


class IdleTimeoutMiddleware:
    """Signed-in sessions end after ``SESSION_COOKIE_AGE`` seconds without
    a request. Each request pushes the expiry back, writing the session at
    most once a minute rather than on every request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = int(time.time())
            last = request.session.get(LAST_ACTIVITY_KEY)
            if not isinstance(last, int) or now - last >= ACTIVITY_REFRESH_SECONDS:
                # A changed session is saved with a new expiry date.
                request.session[LAST_ACTIVITY_KEY] = now
        return self.get_response(request)


@receiver(user_logged_in, dispatch_uid="nmi_site.security.headers.activity_at_login")
def _activity_at_login(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[LAST_ACTIVITY_KEY] = int(time.time())
