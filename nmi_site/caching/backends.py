"""Django's Redis cache, with its client objects kept.

Django's ``RedisCacheClient.get_client`` builds a new ``redis.Redis`` object
for every cache operation (the connection pool is shared, the client is
not); building one copies redis-py's table of response callbacks, which
costs more than the round trip to Redis itself. The client is thread-safe,
so one per connection pool is kept and reused."""

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient


class ReusedClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._clients[index] = self._client(connection_pool=self._get_connection_pool(index))
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient
