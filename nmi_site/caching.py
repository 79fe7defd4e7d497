"""The anonymous response cache and cheap conditional requests.

Anonymous visitors all see the same public records, so their pages, feeds
and API responses are rendered once and then served from the cache (Redis
in production, a per-process memory cache by default).

Every save or delete of a record the public can see (or could, before the
change) moves one *generation* stamp. A cached entry
records the generation it was rendered in and counts only while the stamp
has not moved, so a change shows on the very next request, in every process
that shares the cache. Entries also expire at the end of a fixed time window
(``ANONYMOUS_CACHE_SECONDS``), which keeps pages that depend on the clock
("upcoming events") current.

The ETag of an anonymous response is derived from the generation, the window
and the request, so a matching ``If-None-Match`` is answered with 304 from a
single cache read, before any view runs.

Signed-in users, partner keys and staff tokens never reach this cache:
a request with a session cookie or an ``Authorization`` header passes by.
"""

import hashlib
import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save, pre_save
from django.dispatch import receiver
from django.http import HttpResponse, HttpResponseNotModified, JsonResponse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _

from nmi_site.models import ContentModel

logger = logging.getLogger(__name__)

GENERATION_KEY = "nmi:content-generation"
ENTRY_KEY = "nmi:anonymous:{}"
# Headers kept with a cached response; the rest are per request.
KEPT_HEADERS = frozenset(
    {"content-type", "content-language", "content-disposition", "vary", "last-modified", "allow", "link"}
)
SAFE_METHODS = frozenset({"GET", "HEAD"})


# Invalidation ------------------------------------------------------------------


def bump_generation():
    """Make every cached anonymous response stale, in every process that
    shares the cache."""
    try:
        cache.set(GENERATION_KEY, time.time_ns(), None)
    except Exception:  # The cache being down must not stop an edit.
        logger.exception("Could not move the content generation")


def content_changed():
    """Call after any change to content that signals do not announce (bulk
    updates, raw SQL). Safe inside a transaction: the stamp moves now, so
    this process stops serving old pages at once, and again on commit, so
    that a page rendered from the old rows meanwhile is not kept."""
    if transaction.get_connection().in_atomic_block:
        bump_generation()
    transaction.on_commit(bump_generation)


def _is_content(model):
    return issubclass(model, ContentModel) and not model._meta.abstract


def _public(model, pks):
    """Whether anonymous visitors see any of these records now."""
    if not pks:
        return False
    return model.objects.visible_to(None).filter(pk__in=pks).exists()


# Only a change the public can see moves the stamp: an edit of an internal
# or partner record must not change what anonymous visitors get, not even
# an ETag, or they could watch for hidden activity.


@receiver(pre_save)
def _note_public_before(sender, instance, raw=False, **kwargs):
    if raw or not _is_content(sender):
        return
    instance._was_public = instance.pk is not None and _public(sender, [instance.pk])


@receiver(post_save)
def _record_saved(sender, instance, raw=False, **kwargs):
    if raw or not _is_content(sender):
        return
    if getattr(instance, "_was_public", False) or _public(sender, [instance.pk]):
        content_changed()


@receiver(post_delete)
def _record_deleted(sender, instance, **kwargs):
    # nmi_site.versioning notes, before the delete, who could see the record.
    if _is_content(sender) and "public" in getattr(instance, "_deleted_for", ()):
        content_changed()


@receiver(m2m_changed)
def _relation_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    if not action.startswith("post_") or not _is_content(type(instance)) or not _is_content(model):
        return
    if not _public(type(instance), [instance.pk]):
        return
    if action == "post_clear" or _public(model, pk_set):
        content_changed()


@receiver(post_migrate)
def _migrated(sender, **kwargs):
    # A data migration may change records without signals.
    bump_generation()


# The cache ---------------------------------------------------------------------


def current_generation():
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, time.time_ns(), None)
        generation = cache.get(GENERATION_KEY)
    return generation


class AnonymousRequest:
    """What decides an anonymous response: the URL (path and query, host
    and scheme, as pages build absolute links) and, for the API, the
    ``Accept`` header it negotiates on. The language is part of the path."""

    def __init__(self, request):
        self.request = request
        self.is_api = request.path.startswith("/api/")
        parts = [request.scheme, request.META.get("HTTP_HOST", ""), request.get_full_path()]
        if self.is_api:
            parts.append(request.META.get("HTTP_ACCEPT", ""))
        self.digest = hashlib.sha256("\n".join(parts).encode("utf-8", "surrogateescape")).hexdigest()
        self.key = ENTRY_KEY.format(self.digest)
        seconds = settings.ANONYMOUS_CACHE_SECONDS
        now = time.time()
        self.window = int(now // seconds)
        # Entries end with their window.
        self.timeout = int(seconds - now % seconds) + 1

    def etag(self, generation):
        tag = hashlib.sha256(f"{generation}|{self.window}|{self.digest}".encode()).hexdigest()[:32]
        return f'W/"{tag}"'

    def lookup(self):
        """``(generation, entry)`` in one round trip; ``entry`` is ``None``
        unless it was rendered in this generation and window."""
        found = cache.get_many([GENERATION_KEY, self.key])
        generation = found.get(GENERATION_KEY)
        if generation is None:
            return current_generation(), None
        entry = found.get(self.key)
        if entry is None or entry["generation"] != generation or entry["window"] != self.window:
            return generation, None
        return generation, entry

    def store(self, generation, response):
        entry = {
            "generation": generation,
            "window": self.window,
            "status": response.status_code,
            "headers": [(name, value) for name, value in response.items() if name.lower() in KEPT_HEADERS],
            "content": response.content,
        }
        cache.set(self.key, entry, self.timeout)


def is_anonymous(request):
    return settings.SESSION_COOKIE_NAME not in request.COOKIES and "HTTP_AUTHORIZATION" not in request.META


def wants_cache(request):
    if settings.ANONYMOUS_CACHE_SECONDS <= 0 or request.method not in SAFE_METHODS or not is_anonymous(request):
        return False
    if any(request.path.startswith(prefix) for prefix in settings.ANONYMOUS_CACHE_EXCLUDED_PATHS):
        return False
    bypass = settings.ANONYMOUS_CACHE_BYPASS_HEADER
    return not (bypass and bypass in request.META)


def can_store(request, response):
    """Only a plain 200 that is the same for every anonymous visitor."""
    if request.method != "GET" or response.status_code != 200 or response.streaming or response.cookies:
        return False
    # "Vary: Cookie" is expected: views read the (absent) session to learn
    # that the visitor is anonymous, and requests with a session cookie never
    # reach this cache. The language comes from the path alone.
    directives = response.get("Cache-Control", "").lower()
    return not any(word in directives for word in ("private", "no-store", "no-cache"))


def mark_shared(response, etag):
    response["ETag"] = etag
    # Browsers and proxies may keep the page but must ask again each time;
    # the answer is usually a cheap 304.
    patch_cache_control(response, public=True, no_cache=True)


class AnonymousCacheMiddleware:
    """Serves anonymous GET and HEAD requests from the cache, answers
    matching conditional requests with 304, and stores what may be shared.

    It sits just after WhiteNoise, before sessions and authentication, so a
    hit costs one cache read and none of the rest of the stack."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not wants_cache(request):
            return self.get_response(request)
        anonymous = AnonymousRequest(request)
        try:
            generation, entry = anonymous.lookup()
        except Exception:
            logger.exception("The response cache is unavailable; serving without it")
            return self.get_response(request)

        etag = anonymous.etag(generation)
        if entry is not None:
            if anonymous.is_api and (refused := self.throttled(request)) is not None:
                return refused
            if etag in _tags(request.headers.get("If-None-Match", "")):
                response = HttpResponseNotModified()
            else:
                response = HttpResponse(b"" if request.method == "HEAD" else entry["content"], status=entry["status"])
                for name, value in entry["headers"]:
                    response[name] = value
            mark_shared(response, etag)
            return response

        # Tell the API not to compute its own validators: this layer does.
        request.anonymous_cache = True
        response = self.get_response(request)
        if can_store(request, response):
            try:
                anonymous.store(generation, response)
            except Exception:
                logger.exception("Could not store a response in the cache")
            else:
                mark_shared(response, etag)
        return response

    @staticmethod
    def throttled(request):
        """Cached API answers count against the anonymous rate as well."""
        from nmi_site.api.throttling import AnonymousThrottle

        throttle = AnonymousThrottle()
        if throttle.allow_request(request, None):
            return None
        wait = throttle.wait()
        seconds = max(1, int(wait or 1))
        response = JsonResponse(
            {"detail": _("Request was throttled. Expected available in %(seconds)d seconds.") % {"seconds": seconds}},
            status=429,
        )
        response["Retry-After"] = str(seconds)
        patch_vary_headers(response, ("Accept", "Authorization"))
        return response


def _tags(header):
    return {tag.strip() for tag in header.split(",") if tag.strip()}
