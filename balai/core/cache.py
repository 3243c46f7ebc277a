"""Django's Redis cache backend, with one Redis client per connection pool.

Django 5.2's backend builds a new ``redis.Redis`` client for every cache operation, and a
client sets up its table of response callbacks (a couple of hundred entries) when built.
A page rendered anew asks the cache eight to ten times (version tokens, the site's kept
data, picture renditions), so building clients cost more than talking to Redis. A client
only holds its connection pool, which is shared and safe across threads and forks, so one
client per pool serves every operation the same way.
"""

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient


class _OneClientPerPool(RedisCacheClient):
    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        clients = self.__dict__.setdefault("_clients", {})
        client = clients.get(id(pool))
        if client is None:
            client = clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _OneClientPerPool
