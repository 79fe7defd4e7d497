"""The API's request rates, counted in the shared cache (Redis in
production), so a client's rate counts across every server. While the
shared cache is away the count goes on in each process's memory, with a
warning in the log: the limit then holds per process, and no request fails
because Redis is down. Without a shared cache at all (the embedded
default) each worker process counts for itself.

Each client has one counter per fixed window of the rate's period (a
minute for "60/minute"): one ``INCRBY`` (with its expiry, pipelined), a
single round trip to Redis, however high the rate. DRF's own throttles keep
a list of every request's time instead, read and written again on each
request. At high rates a process also adds up its own requests and sends
them together, once it has a hundredth of the limit or 200 ms have passed
(and always once the count is within a tenth of the limit), so a cached
API answer rarely waits for Redis; the limit then holds to within a
hundredth per process."""

import logging

from django.core.cache import DEFAULT_CACHE_ALIAS, caches
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from nmi_site.content.clock import clock

logger = logging.getLogger(__name__)

# Where this process counts while the shared cache cannot be reached.
PROCESS_COUNTS = LocMemCache("nmi-throttle-fallback", {"MAX_ENTRIES": 10_000})


# Sent to the shared counter together, at high rates: the longest a
# process keeps its own count, and the share of the limit it may hold.
BATCH_SECONDS = 0.2
BATCH_SHARE = 0.01
# key → [requests not yet sent, the shared count last read, when it was read]
_unsent = {}


def forget_unsent():
    """Drop this process's unsent counts (tests)."""
    _unsent.clear()


def count_request(cache, key, seconds, limit=1):
    """Add one to the counter ``key`` (kept ``seconds``) and return the
    count as far as this process knows it."""
    if isinstance(cache, RedisCache):
        now = clock().monotonic()
        unsent, shared, read_at = _unsent.get(key, (0, 0, 0.0))
        unsent += 1
        batch = max(1, int(limit * BATCH_SHARE))
        if unsent < batch and now - read_at < BATCH_SECONDS and shared + unsent < 0.9 * limit:
            _unsent[key] = (unsent, shared, read_at)
            return shared + unsent
        stored_key = cache.make_and_validate_key(key)
        client = cache._cache.get_client(stored_key, write=True)
        pipeline = client.pipeline(transaction=False)
        pipeline.incrby(stored_key, unsent)
        pipeline.expire(stored_key, seconds)
        count, _expiry_set = pipeline.execute()
        if len(_unsent) > 10_000:
            _unsent.clear()
        _unsent[key] = (0, int(count), now)
        return int(count)
    cache.add(key, 0, seconds)
    try:
        return cache.incr(key)
    except ValueError:  # expired between the two calls
        cache.set(key, 1, seconds)
        return 1


class SettingsRateThrottle(SimpleRateThrottle):
    """A fixed-window counter per client. Reads its rate from the settings
    on each request, not at import, so a changed setting takes effect."""

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES[self.scope]

    def allow_request(self, request, view):
        if self.rate is None:
            return True
        ident = self.get_cache_key(request, view)
        if ident is None:
            return True
        now = self.timer()
        window = int(now // self.duration)
        self.window_ends = (window + 1) * self.duration
        self.now = now
        key = f"{ident}:{window}"
        try:
            count = count_request(caches[DEFAULT_CACHE_ALIAS], key, self.duration + 1, self.num_requests)
        except (RedisError, OSError):
            logger.warning("The shared cache is unavailable: counting %s requests in this process only", self.scope)
            count = count_request(PROCESS_COUNTS, key, self.duration + 1)
        return count <= self.num_requests

    def wait(self):
        """Seconds until the window ends and the count starts again."""
        return max(0.0, self.window_ends - self.now)


class AnonymousThrottle(SettingsRateThrottle):
    """Clients without a key, by address."""

    scope = "anonymous"

    def get_cache_key(self, request, view):
        # Also asked by the response cache, before DRF wraps the request.
        if getattr(request, "auth", None) is not None:
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class KeyThrottle(SettingsRateThrottle):
    """Clients with a key, by key (never by the secret itself)."""

    scope = "key"

    def get_cache_key(self, request, view):
        if request.auth is None:
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.auth.prefix}
