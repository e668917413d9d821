"""Helpers for event bus tests: a progress payload, and removing a test's Redis keys."""

from __future__ import annotations


async def delete_prefix(redis_url: str, prefix: str) -> None:
    from redis.asyncio import Redis

    client = Redis.from_url(redis_url)
    try:
        keys = [key async for key in client.scan_iter(match=prefix + "*")]
        if keys:
            await client.delete(*keys)
    finally:
        await client.aclose()


def progress(n: int) -> dict:
    return {
        "generated": n,
        "total": 100,
        "batches": n,
        "rate": 1.0,
        "eta_s": 1.0,
        "status": "running",
    }
