"""Waiting, bounded, for background tasks to wind down."""

from __future__ import annotations

import asyncio


async def settled(before: set, within_s: float = 2.0, step_s: float = 0.01) -> None:
    """Returns once only the tasks of `before` remain (or `within_s` has passed): a bus watcher
    stops asynchronously after its last reader leaves."""
    for _ in range(int(within_s / step_s)):
        if asyncio.all_tasks() == before:
            return
        await asyncio.sleep(step_s)
