"""CacheService: JSON values with a TTL, on Redis when configured and in memory otherwise."""

from __future__ import annotations

import asyncio
import logging
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from typing import Any, Protocol

import orjson
from prometheus_client import CollectorRegistry, Counter
from redis.exceptions import RedisError

log = logging.getLogger("patientgen.cache")
_UNREACHABLE = (RedisError, OSError, asyncio.TimeoutError)


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
    """Namespaced JSON cache; the key prefix lets several apps or test workers share one Redis.

    A cache is never needed for a right answer, so an unreachable backend degrades it to a
    pass-through: reads miss, writes are skipped, and for `retry_after_s` after a failure the
    backend is not even tried (no request waits on a dead Redis's timeouts). What a skipped
    invalidation leaves behind is bounded by TTLs (a job's entry lives 30 s) or checked before
    use (statistics carry the progress they describe). `ping()` always asks the backend, so
    /health tells the truth."""

    def __init__(
        self,
        backend: CacheBackend,
        *,
        prefix: str = "patientgen:",
        default_ttl_s: int = 300,
        registry: CollectorRegistry | None = None,
        retry_after_s: float = 5.0,
    ) -> None:
        self.backend = backend
        self.prefix = prefix
        self.default_ttl_s = default_ttl_s
        self.retry_after_s = retry_after_s
        self._down_until = 0.0
        self._hits = Counter(
            "patientgen_cache_hits", "Cache hits", ["namespace"], registry=registry
        )
        self._misses = Counter(
            "patientgen_cache_misses", "Cache misses", ["namespace"], registry=registry
        )
        self._errors = Counter(
            "patientgen_cache_errors", "Cache operations the backend failed", registry=registry
        )

    def _key(self, key: str) -> str:
        return self.prefix + key

    @property
    def available(self) -> bool:
        return time.monotonic() >= self._down_until

    async def _attempt(self, operation: Callable[[], Awaitable[Any]]) -> Any:
        if not self.available:
            return None
        try:
            return await operation()
        except _UNREACHABLE as exc:
            self._errors.inc()
            if self.available:
                log.warning(
                    "cache unreachable (%s); bypassing it for %.0f s",
                    type(exc).__name__,
                    self.retry_after_s,
                )
            self._down_until = time.monotonic() + self.retry_after_s
            return None

    async def get(self, key: str) -> Any | None:
        raw = await self._attempt(lambda: self.backend.get(self._key(key)))
        namespace = key.split(":", 1)[0]
        if raw is None:
            self._misses.labels(namespace).inc()
            return None
        self._hits.labels(namespace).inc()
        return orjson.loads(raw)

    async def set(self, key: str, value: Any, ttl_s: int | None = None) -> None:
        encoded = orjson.dumps(value)
        ttl = ttl_s or self.default_ttl_s
        await self._attempt(lambda: self.backend.set(self._key(key), encoded, ttl))

    async def invalidate(self, *keys: str) -> None:
        full = [self._key(key) for key in keys]
        await self._attempt(lambda: self.backend.delete(*full))

    async def invalidate_prefix(self, prefix: str) -> None:
        await self._attempt(lambda: self.backend.delete_prefix(self._key(prefix)))

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
