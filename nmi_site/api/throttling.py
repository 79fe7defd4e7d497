"""The API's request rates, counted in the shared cache (Redis in
production), so a client's rate counts across every server. While the
shared cache is away the count goes on in each process's memory, with a
warning in the log: the limit then holds per process, and no request fails
because Redis is down. Without a shared cache at all (the embedded
default) each worker process counts for itself.

Each client has one counter per fixed window of the rate's period (a
minute for "60/minute"): one ``INCR`` (with its expiry, pipelined) per
request, a single round trip to Redis, however high the rate. DRF's own
throttles keep a list of every request's time instead, read and written
again on each request."""

import logging

from django.core.cache import DEFAULT_CACHE_ALIAS, caches
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

logger = logging.getLogger(__name__)

# Where this process counts while the shared cache cannot be reached.
PROCESS_COUNTS = LocMemCache("nmi-throttle-fallback", {"MAX_ENTRIES": 10_000})


def count_request(cache, key, seconds):
    """Add one to the counter ``key`` (kept ``seconds``) and return it."""
    if isinstance(cache, RedisCache):
        stored_key = cache.make_and_validate_key(key)
        client = cache._cache.get_client(stored_key, write=True)
        pipeline = client.pipeline(transaction=False)
        pipeline.incr(stored_key)
        pipeline.expire(stored_key, seconds)
        count, _expiry_set = pipeline.execute()
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
            count = count_request(caches[DEFAULT_CACHE_ALIAS], key, self.duration + 1)
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
