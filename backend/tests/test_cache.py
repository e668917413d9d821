"""One CacheService suite, run against the in-memory backend and a real Redis."""

from __future__ import annotations

import asyncio
import uuid

import pytest
from prometheus_client import CollectorRegistry

from patientgen.cache import CacheService, MemoryBackend, RedisBackend


@pytest.fixture(params=["memory", "redis"])
async def cache(request, redis_url, cache_prefix):
    registry = CollectorRegistry()
    prefix = f"{cache_prefix}cache-{uuid.uuid4().hex[:6]}:"
    if request.param == "memory":
        service = CacheService(MemoryBackend(), prefix=prefix, registry=registry)
    else:
        from redis.asyncio import Redis

        service = CacheService(
            RedisBackend(Redis.from_url(redis_url)), prefix=prefix, registry=registry
        )
    service.test_registry = registry
    yield service
    await service.invalidate_prefix("")
    await service.close()


async def test_get_set_round_trip(cache):
    assert await cache.get("things:1") is None
    await cache.set("things:1", {"a": [1, 2, 3], "b": "x"})
    assert await cache.get("things:1") == {"a": [1, 2, 3], "b": "x"}


async def test_invalidate(cache):
    await cache.set("things:1", 1)
    await cache.invalidate("things:1")
    assert await cache.get("things:1") is None


async def test_invalidate_prefix_only_touches_the_prefix(cache):
    await cache.set("job:1:status", "a")
    await cache.set("job:1:stats", "b")
    await cache.set("job:2:status", "c")
    await cache.invalidate_prefix("job:1:")
    assert await cache.get("job:1:status") is None
    assert await cache.get("job:1:stats") is None
    assert await cache.get("job:2:status") == "c"


async def test_ttl_expires(cache):
    await cache.set("short:1", "v", ttl_s=1)
    assert await cache.get("short:1") == "v"
    await asyncio.sleep(1.2)
    assert await cache.get("short:1") is None


async def test_hit_and_miss_counters(cache):
    await cache.get("ns:missing")
    await cache.set("ns:present", 1)
    await cache.get("ns:present")
    await cache.get("ns:present")
    registry = cache.test_registry
    assert registry.get_sample_value("patientgen_cache_hits_total", {"namespace": "ns"}) == 2
    assert registry.get_sample_value("patientgen_cache_misses_total", {"namespace": "ns"}) == 1


async def test_ping(cache):
    assert await cache.ping() is True


async def test_prefixes_isolate_tenants(redis_url, cache_prefix):
    from redis.asyncio import Redis

    a = CacheService(RedisBackend(Redis.from_url(redis_url)), prefix=cache_prefix + "a:")
    b = CacheService(
        RedisBackend(Redis.from_url(redis_url)),
        prefix=cache_prefix + "b:",
        registry=CollectorRegistry(),
    )
    try:
        await a.set("k", 1)
        assert await b.get("k") is None
    finally:
        await a.invalidate_prefix("")
        await a.close()
        await b.close()
