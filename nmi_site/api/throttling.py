"""The API's request rates, counted in the shared cache (Redis in
production), so a client's rate counts across every server. While the
shared cache is away the count goes on in each process's memory, with a
warning in the log: the limit then holds per process, and no request fails
because Redis is down."""

import logging

from django.core.cache.backends.locmem import LocMemCache
from redis.exceptions import RedisError
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

logger = logging.getLogger(__name__)

# Where this process counts while the shared cache cannot be reached.
PROCESS_COUNTS = LocMemCache("nmi-throttle-fallback", {"MAX_ENTRIES": 10_000})


class SettingsRateThrottle(SimpleRateThrottle):
    """Reads its rate from the settings on each request, not at import, so
    a changed setting takes effect."""

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES[self.scope]

    def allow_request(self, request, view):
        try:
            return super().allow_request(request, view)
        except (RedisError, OSError):
            logger.warning("The shared cache is unavailable: counting %s requests in this process only", self.scope)
            self.cache = PROCESS_COUNTS
            return super().allow_request(request, view)


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
