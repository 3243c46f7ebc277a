"""The Redis cache backend keeps one client per connection pool (balai/core/cache.py)."""

from balai.core.cache import RedisCache


def test_every_operation_uses_the_same_client_without_connecting():
    cache = RedisCache("redis://127.0.0.1:1/0", {})
    client = cache._cache.get_client("key")
    assert cache._cache.get_client("other") is client
    assert cache._cache.get_client("key", write=True) is client


def test_each_server_has_its_own_client():
    cache = RedisCache(["redis://127.0.0.1:1/0", "redis://127.0.0.1:2/0"], {})
    writer = cache._cache.get_client(write=True)
    reader = cache._cache.get_client()  # with two servers, reads go to the second
    assert reader is not writer
    assert cache._cache.get_client() is reader
    assert writer.connection_pool.connection_kwargs["port"] == 1
    assert reader.connection_pool.connection_kwargs["port"] == 2
