"""CacheService: JSON values with a TTL, on Redis when configured and in memory otherwise."""

from __future__ import annotations

import time
from collections import OrderedDict
from typing import Any, Protocol

import orjson
from prometheus_client import CollectorRegistry, Counter


class CacheBackend(Protocol):
    async def get(self, key: str) -> bytes | None: ...
    async def set(self, key: str, value: bytes, ttl_s: int) -> None: ...
    async def delete(self, *keys: str) -> None: ...
    async def delete_prefix(self, prefix: str) -> None: ...
    async def ping(self) -> bool: ...
    async def close(self) -> None: ...


class MemoryBackend:
    """Bounded LRU with per-entry expiry; for the embedded default and single-process use."""

    def __init__(self, max_entries: int = 10_000) -> None:
        self._entries: OrderedDict[str, tuple[float, bytes]] = OrderedDict()
        self._max_entries = max_entries

    async def get(self, key: str) -> bytes | None:
        entry = self._entries.get(key)
        if entry is None:
            return None
        expires_at, value = entry
        if expires_at <= time.monotonic():
            del self._entries[key]
            return None
        self._entries.move_to_end(key)
        return value

    async def set(self, key: str, value: bytes, ttl_s: int) -> None:
        self._entries[key] = (time.monotonic() + ttl_s, value)
        self._entries.move_to_end(key)
        while len(self._entries) > self._max_entries:
            self._entries.popitem(last=False)

    async def delete(self, *keys: str) -> None:
        for key in keys:
            self._entries.pop(key, None)

    async def delete_prefix(self, prefix: str) -> None:
        for key in [k for k in self._entries if k.startswith(prefix)]:
            del self._entries[key]

    async def ping(self) -> bool:
        return True

    async def close(self) -> None:
        self._entries.clear()


class RedisBackend:
    def __init__(self, client: Any) -> None:
        self._redis = client

    async def get(self, key: str) -> bytes | None:
        return await self._redis.get(key)

    async def set(self, key: str, value: bytes, ttl_s: int) -> None:
        await self._redis.set(key, value, ex=ttl_s)

    async def delete(self, *keys: str) -> None:
        if keys:
            await self._redis.delete(*keys)

    async def delete_prefix(self, prefix: str) -> None:
        # SCAN, not KEYS: never blocks Redis on a large keyspace.
        batch: list[str] = []
        async for key in self._redis.scan_iter(match=_escape_glob(prefix) + "*", count=500):
            batch.append(key)
            if len(batch) >= 500:
                await self._redis.delete(*batch)
                batch.clear()
        if batch:
            await self._redis.delete(*batch)

    async def ping(self) -> bool:
        return bool(await self._redis.ping())

    async def close(self) -> None:
        await self._redis.aclose()


def _escape_glob(text: str) -> str:
    return "".join("\\" + ch if ch in "*?[]\\" else ch for ch in text)


class CacheService:
    """Namespaced JSON cache; the key prefix lets several apps or test workers share one Redis."""

    def __init__(
        self,
        backend: CacheBackend,
        *,
        prefix: str = "patientgen:",
        default_ttl_s: int = 300,
        registry: CollectorRegistry | None = None,
    ) -> None:
        self.backend = backend
        self.prefix = prefix
        self.default_ttl_s = default_ttl_s
        self._hits = Counter(
            "patientgen_cache_hits", "Cache hits", ["namespace"], registry=registry
        )
        self._misses = Counter(
            "patientgen_cache_misses", "Cache misses", ["namespace"], registry=registry
        )

    def _key(self, key: str) -> str:
        return self.prefix + key

    async def get(self, key: str) -> Any | None:
        raw = await self.backend.get(self._key(key))
        namespace = key.split(":", 1)[0]
        if raw is None:
            self._misses.labels(namespace).inc()
            return None
        self._hits.labels(namespace).inc()
        return orjson.loads(raw)

    async def set(self, key: str, value: Any, ttl_s: int | None = None) -> None:
        await self.backend.set(self._key(key), orjson.dumps(value), ttl_s or self.default_ttl_s)

    async def invalidate(self, *keys: str) -> None:
        await self.backend.delete(*(self._key(key) for key in keys))

    async def invalidate_prefix(self, prefix: str) -> None:
        await self.backend.delete_prefix(self._key(prefix))

    async def ping(self) -> bool:
        return await self.backend.ping()

    async def close(self) -> None:
        await self.backend.close()


def create_cache(
    redis_url: str, *, prefix: str, default_ttl_s: int, registry: CollectorRegistry | None = None
) -> CacheService:
    if redis_url:
        from redis.asyncio import Redis

        backend: CacheBackend = RedisBackend(
            Redis.from_url(redis_url, socket_connect_timeout=5, socket_timeout=5)
        )
    else:
        backend = MemoryBackend()
    return CacheService(backend, prefix=prefix, default_ttl_s=default_ttl_s, registry=registry)
