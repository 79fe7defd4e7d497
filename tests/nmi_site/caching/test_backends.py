"""The production services, exercised when they are running here. Each test
skips with a reason when its service is absent (CI turns skips into
failures, and .ci/run starts the services first)."""

import uuid

import pytest
from django.core.cache.backends.redis import RedisCache

from tests import factories


@pytest.fixture
def redis_cache():
    if not factories.reachable(factories.REDIS_URL):
        pytest.skip(f"Redis is not answering at {factories.REDIS_URL}")
    cache = RedisCache(factories.REDIS_URL, {"KEY_PREFIX": f"nmi-test-{uuid.uuid4().hex}"})
    yield cache
    cache.clear()


def test_redis_cache_shares_values_between_clients(redis_cache):
    other_process = RedisCache(factories.REDIS_URL, {"KEY_PREFIX": redis_cache.key_prefix})

    redis_cache.set("last-updated", "2024-02-10", timeout=60)

    assert other_process.get("last-updated") == "2024-02-10"
    other_process.delete("last-updated")
    assert redis_cache.get("last-updated") is None


def test_the_portal_redis_cache_reuses_its_client(redis_cache):
    from nmi_site.caching.backends import RedisCache as PortalRedisCache

    cache = PortalRedisCache(factories.REDIS_URL, {"KEY_PREFIX": redis_cache.key_prefix})
    cache.set("generation", 7, timeout=60)

    assert cache.get("generation") == 7
    assert redis_cache.get("generation") == 7
    assert cache._cache.get_client() is cache._cache.get_client()
    assert cache._cache.get_client(write=True) is cache._cache.get_client(write=True)
