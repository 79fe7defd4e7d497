"""The anonymous response cache and cheap conditional requests.

Anonymous visitors all see the same public records, so their pages, feeds
and API responses are rendered once and then served from the cache (Redis
in production, a per-process memory cache by default). Each process also
keeps its latest entries in its own memory.

Every save or delete of a record the public can see (or could, before the
change) moves the public *generation* stamp (``nmi_site.caching.generations``),
which lives in the database. A cached entry records the generation it was
rendered in and counts only while the stamp has not moved, so a change shows
on the very next request, in every process, whether or not the processes
share a cache, and whether or not Redis is reachable (while it is not,
each process renders and keeps its own copies). Entries also expire at the end of a fixed time window
(``ANONYMOUS_CACHE_SECONDS``), which keeps pages that depend on the clock
("upcoming events") current. When a window ends, one request renders the
page again while the others are served the previous window's copy, so
the processes do not all render the same page at once (the copy is used
only while its generation is current: a change is never hidden by it).

Query parameters a view does not read make no new entries: before the
lookup, the query keeps only the parameters the view names in its
``query_params`` (the portal's own views read none unless they name them),
in a fixed order, and the view is given that query. So ``?utm_source=…``
or ``?x=<random>`` is answered from the page's one entry. The API's views
refuse parameters they do not read (``refuses_unknown_parameters``): a
query with one is left as it is, for the view to answer 400 (which is
never stored).

The ETag of an anonymous response is derived from the generation, the window
and the request, so a matching ``If-None-Match`` is answered with 304 from a
single cache read, before any view runs.

Signed-in users, partner keys and staff tokens never reach this cache:
a request with a live signed-in session or an ``Authorization`` header
passes by. A session is known to be live, without asking the database, by
a second cookie that is set at sign-in: a signed fingerprint of the session
key (``SignedInMarkerMiddleware``). A session cookie without it (a stale
one, or junk sent to force renders) is answered like any anonymous request,
from the cache; when such a request is rendered, Django's session
middleware clears the dead cookie, and the page is still stored for
everyone.
"""

import hashlib
import logging
import sys

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.http import HttpResponse, HttpResponseNotModified, JsonResponse, QueryDict
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from redis.exceptions import RedisError

from nmi_site.api.throttling import AnonymousThrottle
from nmi_site.caching.generations import current_generation
from nmi_site.content.clock import clock
from nmi_site.content.languages import api_language

logger = logging.getLogger(__name__)


def log_cache_trouble(message):
    """Log the exception being handled: a cache that cannot be reached is a
    warning (an outage logs one line per request, not a traceback); any
    other error keeps its traceback."""
    error = sys.exc_info()[1]
    if isinstance(error, (RedisError, OSError)):
        logger.warning("%s: %s", message, error)
    else:
        logger.exception(message)


ENTRY_KEY = "nmi:anonymous:{}"
# Held by the one request that renders a page again when its window ends.
RENDER_KEY = "nmi:anonymous-render:{}:{}"
# How long the others may be served the previous window's copy if that
# request never finishes (it gives the key back when it does).
RENDER_LEASE_SECONDS = 60
# Headers not kept with a cached response: this layer sets its own validators.
DROPPED_HEADERS = frozenset({"etag", "cache-control", "set-cookie", "date"})
# Not sent with a 304, which has no body.
BODY_HEADERS = frozenset({"content-type", "content-length", "content-language", "content-disposition"})
SAFE_METHODS = frozenset({"GET", "HEAD"})


def public_generation():
    return current_generation("public")


# The portal's own views: they read no query parameter they do not name.
PORTAL_MODULES = ("missions.", "objectives.", "outreach.", "nmi_site.")
# path → the parameters its view reads (None: all of them), per process.
_read_by_path = {}
PATHS_REMEMBERED = 2000


def parameters_read(path):
    """The query parameters the view at ``path`` reads, or ``None`` when
    that is not known (a view from a library, or no view at all)."""
    if path in _read_by_path:
        return _read_by_path[path]
    try:
        with translation.override(translation.get_language_from_path(path) or settings.LANGUAGE_CODE):
            view = resolve(path).func
    except Resolver404:
        names = None
    else:
        owner = getattr(view, "view_class", None) or getattr(view, "cls", None) or view
        declared = getattr(owner, "query_params", None)
        if callable(declared):
            declared = declared()
        if declared is not None:
            names = frozenset(declared)
        elif getattr(view, "__module__", "").startswith(PORTAL_MODULES):
            names = frozenset()
        else:
            names = None
        if names is not None and getattr(owner, "refuses_unknown_parameters", False):
            names = Refused(names)
    if len(_read_by_path) >= PATHS_REMEMBERED:
        _read_by_path.clear()
    _read_by_path[path] = names
    return names


class Refused(frozenset):
    """The parameters a view reads, when it refuses any other."""


def keep_parameters_read(request):
    """Give the view only the query parameters it reads, sorted by name
    (all of them, as sent, when it refuses one of them)."""
    if not request.META.get("QUERY_STRING"):
        return
    names = parameters_read(request.path_info)
    if names is None:
        return
    if isinstance(names, Refused) and not names.issuperset(request.GET):
        return
    kept = sorted(((name, values) for name, values in request.GET.lists() if name in names), key=lambda item: item[0])
    query = urlencode(kept, doseq=True)
    if query != request.META["QUERY_STRING"]:
        request.META["QUERY_STRING"] = query
        request.GET = QueryDict(query)


class AnonymousRequest:
    """What decides an anonymous response: the URL (path and query, host
    and scheme, as pages build absolute links) and, for the API, the
    ``Accept`` header it negotiates on and the language it answers in
    (pages have theirs in the path)."""

    def __init__(self, request):
        self.request = request
        self.is_api = request.path.startswith("/api/")
        parts = [request.scheme, request.META.get("HTTP_HOST", ""), request.get_full_path()]
        if self.is_api:
            parts.append(request.META.get("HTTP_ACCEPT", ""))
            parts.append(api_language(request)[0])
        self.digest = hashlib.sha256("\n".join(parts).encode("utf-8", "surrogateescape")).hexdigest()
        self.key = ENTRY_KEY.format(self.digest)
        seconds = settings.ANONYMOUS_CACHE_SECONDS
        now = clock().time()
        self.window = int(now // seconds)
        # Entries count until their window ends, and are kept through the
        # next one as the copy served while the page is rendered again.
        self.timeout = int(seconds - now % seconds) + 1 + seconds
        self.render_key = RENDER_KEY.format(self.digest, self.window)

    def etag(self, generation, window=None):
        window = self.window if window is None else window
        tag = hashlib.sha256(f"{generation}|{window}|{self.digest}".encode()).hexdigest()[:32]
        return f'W/"{tag}"'

    def lookup(self):
        """``(generation, entry, previous)``: ``entry`` was rendered in
        this generation and window, or is ``None``; ``previous``, when there
        is no ``entry``, is this generation's copy from the window before.
        The generation comes from the database (or this process's lease of
        it); the entry comes from this process's own copy when it has one,
        and the shared cache otherwise, if it can be reached."""
        generation = public_generation()
        local = _local.get(self.digest)
        if self.valid(local, generation):
            return generation, local, None
        try:
            shared = cache.get(self.key)
        except Exception:
            # The shared cache is away: this process's own copies serve.
            log_cache_trouble("The shared cache is unavailable")
            shared = None
        if self.valid(shared, generation):
            _remember(self.digest, shared)
            return generation, shared, None
        previous = next((entry for entry in (shared, local) if self.previous(entry, generation)), None)
        return generation, None, previous

    def valid(self, entry, generation):
        return entry is not None and entry["generation"] == generation and entry["window"] == self.window

    def previous(self, entry, generation):
        return entry is not None and entry["generation"] == generation and entry["window"] == self.window - 1

    def claim_render(self):
        """Whether this request is the one to render the page again (the
        others meanwhile get the previous window's copy). Without the
        shared cache, every request renders."""
        try:
            return cache.add(self.render_key, 1, RENDER_LEASE_SECONDS)
        except Exception:
            log_cache_trouble("The shared cache is unavailable")
            return True

    def release_render(self):
        cache.delete(self.render_key)

    def store(self, generation, response):
        entry = {
            "generation": generation,
            "window": self.window,
            "status": response.status_code,
            "headers": [(name, value) for name, value in response.items() if name.lower() not in DROPPED_HEADERS],
            "content": response.content,
        }
        _remember(self.digest, entry)
        try:
            cache.set(self.key, entry, self.timeout)
        except Exception:
            log_cache_trouble("Could not store a response in the shared cache")


# Each process also keeps its latest entries in memory, so a hit need not
# fetch and unpickle the page from the shared cache: only the generation
# travels. Bounded; the oldest go first.
LOCAL_ENTRIES = 500
_local = {}


def _remember(digest, entry):
    _local.pop(digest, None)
    _local[digest] = entry
    while len(_local) > LOCAL_ENTRIES:
        try:
            del _local[next(iter(_local))]
        except (KeyError, StopIteration, RuntimeError):
            break


def clear_local_entries():
    _local.clear()


# The signed-in marker: a signed fingerprint of the session key.
SIGNED_IN_COOKIE = "nmi_signed_in"
_marker_signer = signing.Signer(salt="nmi_site.caching.signed-in")


def _fingerprint(session_key):
    return hashlib.sha256(session_key.encode()).hexdigest()[:32]


def signed_in_marker(session_key):
    return _marker_signer.sign(_fingerprint(session_key))


def has_live_session(request):
    """Whether the request carries a session cookie together with a valid
    signed-in marker for it: a signed-in member of staff."""
    session_key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
    marker = request.COOKIES.get(SIGNED_IN_COOKIE)
    if not session_key or not marker:
        return False
    try:
        return _marker_signer.unsign(marker) == _fingerprint(session_key)
    except signing.BadSignature:
        return False


def is_anonymous(request):
    return not has_live_session(request) and "HTTP_AUTHORIZATION" not in request.META


class SignedInMarkerMiddleware:
    """Keeps the signed-in marker in step with the session: set while a
    user is signed in, removed once nobody is (after sign-out, or for a
    session that has ended)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        session = getattr(request, "session", None)
        signed_in = user is not None and user.is_authenticated and session is not None and session.session_key
        if signed_in:
            marker = signed_in_marker(session.session_key)
            if request.COOKIES.get(SIGNED_IN_COOKIE) != marker:
                response.set_cookie(
                    SIGNED_IN_COOKIE,
                    marker,
                    secure=settings.SESSION_COOKIE_SECURE,
                    httponly=True,
                    samesite=settings.SESSION_COOKIE_SAMESITE,
                )
        elif SIGNED_IN_COOKIE in request.COOKIES:
            response.delete_cookie(SIGNED_IN_COOKIE, samesite=settings.SESSION_COOKIE_SAMESITE)
        return response


def wants_cache(request):
    if settings.ANONYMOUS_CACHE_SECONDS <= 0 or request.method not in SAFE_METHODS or not is_anonymous(request):
        return False
    if request.path.startswith(settings.ANONYMOUS_CACHE_EXCLUDED_PATHS):
        return False
    bypass = settings.ANONYMOUS_CACHE_BYPASS_HEADER
    return not (bypass and bypass in request.META)


def sets_cookies(response):
    """Whether the response sets a cookie. Removing a dead session cookie
    (Django's session middleware does, for a session that holds nothing)
    does not count: the stored copy never carries cookies."""
    return any(
        not (name == settings.SESSION_COOKIE_NAME and morsel.value == "") for name, morsel in response.cookies.items()
    )


def can_store(request, response):
    """Only a plain 200 that is the same for every anonymous visitor."""
    if request.method != "GET" or response.status_code != 200 or response.streaming or sets_cookies(response):
        return False
    # "Vary: Cookie" is expected: views read the (absent) session to learn
    # that the visitor is anonymous, and requests with a session cookie never
    # reach this cache. The language comes from the path, or for the API
    # is part of the key (AnonymousRequest).
    directives = response.get("Cache-Control", "").lower()
    return not any(word in directives for word in ("private", "no-store", "no-cache"))


def mark_shared(response, etag):
    response["ETag"] = etag
    # Browsers and proxies may keep the page but must ask again each time;
    # the answer is usually a cheap 304.
    response["Cache-Control"] = "public, no-cache"


class AnonymousCacheMiddleware:
    """Serves anonymous GET and HEAD requests from the cache, answers
    matching conditional requests with 304, and stores what may be shared.

    It comes first in the middleware, so a hit costs one cache read and none
    of the rest of the stack. The headers the rest of the stack added when
    the response was rendered (security headers among them) are stored with
    it and sent again."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not wants_cache(request):
            return self.get_response(request)
        claimed = False
        try:
            keep_parameters_read(request)
            anonymous = AnonymousRequest(request)
            generation, entry, previous = anonymous.lookup()
            if previous is not None:
                claimed = anonymous.claim_render()
        except Exception:
            log_cache_trouble("The response cache is unavailable; serving without it")
            return self.get_response(request)

        etag = anonymous.etag(generation)
        if previous is not None and not claimed:
            # Another request is rendering this page for the new window.
            entry, etag = previous, anonymous.etag(generation, previous["window"])
        if entry is not None:
            if anonymous.is_api and (refused := self.throttled(request)) is not None:
                return refused
            if etag in _tags(request.META.get("HTTP_IF_NONE_MATCH", "")):
                response = HttpResponseNotModified()
                headers = [(name, value) for name, value in entry["headers"] if name.lower() not in BODY_HEADERS]
            else:
                response = HttpResponse(b"" if request.method == "HEAD" else entry["content"], status=entry["status"])
                headers = entry["headers"]
            for name, value in headers:
                response[name] = value
            mark_shared(response, etag)
            return response

        # Tell the API not to compute its own validators: this layer does.
        request.anonymous_cache = True
        try:
            response = self.get_response(request)
            if can_store(request, response):
                anonymous.store(generation, response)
                mark_shared(response, etag)

        finally:
            if claimed:
                try:
                    anonymous.release_render()
                except Exception:
                    log_cache_trouble("Could not release the render key")
        return response

    @staticmethod
    def throttled(request):
        """Cached API answers count against the anonymous rate as well."""

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
