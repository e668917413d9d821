"""PatientGenerationPipeline logic with an in-memory sink: batching, resume, cancel, and the
worker-process path producing exactly what the event-loop path produces."""

from __future__ import annotations

import asyncio
import multiprocessing as mp
import uuid
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

import pytest

from patientgen.jobs.pipeline import Outcome, PatientGenerationPipeline
from patientgen.simulation import BLOCK_SIZE, default_scenario

JOB = uuid.UUID(int=7)


class ListSink:
    """Collects batches; asks to cancel after `cancel_after` batches if given."""

    def __init__(self, cancel_after: int | None = None) -> None:
        self.batches: list[list[tuple]] = []
        self.counters: list[tuple[int, int]] = []
        self.cancel_after = cancel_after

    async def write_batch(self, rows, *, generated: int, batches: int) -> bool:
        await asyncio.sleep(0)
        self.batches.append(list(rows))
        self.counters.append((generated, batches))
        return self.cancel_after is not None and len(self.batches) >= self.cancel_after

    @property
    def rows(self) -> list[tuple]:
        return [row for batch in self.batches for row in batch]


async def _run(sink, **kwargs) -> Outcome:
    progress = []

    async def on_progress(p) -> None:
        progress.append(p)

    pipeline = PatientGenerationPipeline(job_id=JOB, scenario=default_scenario(), **kwargs)
    outcome = await pipeline.run(sink, on_progress)
    assert [p.generated for p in progress] == [g for g, _ in sink.counters]
    return outcome


@pytest.fixture(scope="module")
def pool():
    with ProcessPoolExecutor(max_workers=1, mp_context=mp.get_context("spawn")) as executor:
        yield executor


async def test_batches_counters_and_order():
    sink = ListSink()
    total = BLOCK_SIZE * 2 + 123
    assert await _run(sink, seed=1, total=total, batch_size=1000) is Outcome.COMPLETED
    assert [len(b) for b in sink.batches] == [1000] * 4 + [total - 4000]
    assert sink.counters[-1] == (total, 5)
    assert [row[1] for row in sink.rows] == list(range(total))


@pytest.mark.parametrize("where", ["process", "thread"])
async def test_workers_make_the_same_rows_as_the_loop(pool, where):
    total = BLOCK_SIZE * 3 + 5
    in_loop, in_worker = ListSink(), ListSink()
    await _run(in_loop, seed=9, total=total, batch_size=700)
    if where == "process":
        await _run(in_worker, seed=9, total=total, batch_size=700, executor=pool)
    else:
        with ThreadPoolExecutor(max_workers=1) as threads:
            await _run(in_worker, seed=9, total=total, batch_size=700, executor=threads)
    assert in_worker.rows == in_loop.rows


@pytest.mark.parametrize("use_pool", [False, True])
async def test_resume_mid_block_continues_exactly(pool, use_pool):
    total, start = BLOCK_SIZE * 2 + 50, BLOCK_SIZE + 333
    executor = pool if use_pool else None
    whole, rest = ListSink(), ListSink()
    await _run(whole, seed=4, total=total, batch_size=500)
    await _run(
        rest, seed=4, total=total, batch_size=500, start_at=start, batches_done=9, executor=executor
    )
    assert rest.rows == whole.rows[start:]
    assert rest.counters[0] == (start + 500, 10)


async def test_sink_cancel_stops_after_that_batch(pool):
    sink = ListSink(cancel_after=2)
    outcome = await _run(sink, seed=2, total=50_000, batch_size=100, executor=pool)
    assert outcome is Outcome.CANCELLED
    assert len(sink.batches) == 2


async def test_cancel_event_stops_before_the_next_batch():
    sink = ListSink()
    event = asyncio.Event()
    event.set()
    assert await _run(sink, seed=2, total=5_000, cancel_event=event) is Outcome.CANCELLED
    assert sink.batches == []
