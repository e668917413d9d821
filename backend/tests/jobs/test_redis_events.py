"""Many SSE clients of one job share one blocking Redis reader, and when they leave it closes:
no idle reader connections stay open behind them."""

from __future__ import annotations

import asyncio

import httpx
from redis.asyncio import Redis

from tests.support.jobs import scenario_json, wait_for_status
from tests.support.keys import new_key

CLIENTS = 40


async def _watchers(redis: Redis, cache_prefix: str) -> int:
    name = f"patientgen-watch:{cache_prefix}events:"
    return sum(1 for c in await redis.client_list() if c.get("name") == name)


async def test_sse_clients_share_one_reader_that_closes_after_them(
    live_server, pg_engine, redis_url, cache_prefix
):
    key = await new_key(pg_engine, "fanout")
    redis = Redis.from_url(redis_url, decode_responses=True)
    async with httpx.AsyncClient(base_url=live_server.api, timeout=60) as client:
        body = {"scenario": scenario_json(), "patients": 3_000_000, "seed": 8}
        job = (await client.post("/jobs", json=body, headers=key)).json()
        url = f"/jobs/{job['id']}/events"
        baseline = await _watchers(redis, cache_prefix)
        received = [0] * CLIENTS

        async def listen(slot: int) -> None:
            async with client.stream("GET", url, headers=key) as response:
                async for line in response.aiter_lines():
                    if line.startswith("id:"):
                        received[slot] += 1

        listeners = [asyncio.create_task(listen(i)) for i in range(CLIENTS)]
        for _ in range(100):
            if all(received):
                break
            await asyncio.sleep(0.1)
        assert all(received), "every client gets the job's events"
        assert await _watchers(redis, cache_prefix) - baseline <= 1
        for listener in listeners:
            listener.cancel()
        await asyncio.gather(*listeners, return_exceptions=True)
        await client.post(f"/jobs/{job['id']}/cancel", headers=key)
        await wait_for_status(client, f"/jobs/{job['id']}", key)
        for _ in range(100):
            if await _watchers(redis, cache_prefix) <= baseline:
                break
            await asyncio.sleep(0.1)
        assert await _watchers(redis, cache_prefix) <= baseline
    await redis.aclose()
