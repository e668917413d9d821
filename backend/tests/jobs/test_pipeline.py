"""PatientGenerationPipeline logic with an in-memory sink: batching, resume, cancel, and the
worker-process path producing exactly what the event-loop path produces."""

from __future__ import annotations

import asyncio
import multiprocessing as mp
import uuid
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

import pytest

from patientgen.jobs.pipeline import Outcome, PatientGenerationPipeline
from patientgen.simulation import BLOCK_SIZE, default_scenario, iter_blocks
from patientgen.storage.patient_sink import RowFormat
from patientgen.storage.rows import block_copy_rows

JOB = uuid.UUID(int=7)


class ListSink:
    """Collects batches; asks to cancel after `cancel_after` batches if given."""

    row_format = RowFormat.TUPLES

    def __init__(self, cancel_after: int | None = None) -> None:
        self.batches: list[list[tuple]] = []
        self.counters: list[tuple[int, int]] = []
        self.cancel_after = cancel_after

    async def write_batch(self, chunks, *, generated: int, batches: int) -> bool:
        await asyncio.sleep(0)
        self.batches.append([row for chunk in chunks for row in chunk])
        self.counters.append((generated, batches))
        return self.cancel_after is not None and len(self.batches) >= self.cancel_after

    @property
    def rows(self) -> list[tuple]:
        return [row for batch in self.batches for row in batch]


class CopySink:
    """Collects the binary COPY bytes of each batch."""

    row_format = RowFormat.COPY_BINARY

    def __init__(self) -> None:
        self.batches: list[bytes] = []
        self.counters: list[tuple[int, int]] = []

    async def write_batch(self, chunks, *, generated: int, batches: int) -> bool:
        self.batches.append(b"".join(bytes(chunk.data) for chunk in chunks))
        self.counters.append((generated, batches))
        return False


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


@pytest.mark.parametrize("where", ["loop", "process", "thread"])
async def test_binary_batches_are_the_blocks_bytes_cut_at_row_edges(pool, where):
    total = BLOCK_SIZE * 2 + 77
    expected = b"".join(
        bytes(block_copy_rows(JOB, block).data)
        for block in iter_blocks(default_scenario(), total, 3)
    )
    sink = CopySink()
    with ThreadPoolExecutor(max_workers=1) as threads:
        executor = {"loop": None, "process": pool, "thread": threads}[where]
        await _run(sink, seed=3, total=total, batch_size=1500, executor=executor)
    assert b"".join(sink.batches) == expected
    assert [g for g, _ in sink.counters] == [1500, 3000, total]
    first_block = block_copy_rows(JOB, next(iter_blocks(default_scenario(), total, 3)))
    assert sink.batches[0] == bytes(first_block.split(1500)[0].data), "exactly rows 0..1499"


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


@pytest.mark.parametrize("sink_type", [ListSink, CopySink])
async def test_resume_after_the_last_row_completes_with_nothing_to_write(sink_type):
    total = BLOCK_SIZE * 2 + 50  # the last block is partial: a resume there skips all of it
    sink = sink_type()
    outcome = await _run(sink, seed=4, total=total, start_at=total, batches_done=3)
    assert outcome is Outcome.COMPLETED
    assert sink.batches == []


async def test_stop_event_ends_after_the_batch_being_written():
    stop = asyncio.Event()

    class StoppingSink(ListSink):
        async def write_batch(self, chunks, *, generated: int, batches: int) -> bool:
            stop.set()  # the process starts shutting down while this batch is written
            return await super().write_batch(chunks, generated=generated, batches=batches)

    sink = StoppingSink()
    outcome = await _run(sink, seed=2, total=50_000, batch_size=1_000, stop_event=stop)
    assert outcome is Outcome.STOPPED
    assert len(sink.batches) == 1, "the batch under way is written, no other"
