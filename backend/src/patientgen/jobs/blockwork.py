"""Block -> rows in a generation worker (thread or process). Generation is CPU-bound Python;
running it beside the event loop (which only forwards COPY data and waits for PostgreSQL) keeps
the loop responsive, and in a process uses the second core. Determinism is untouched: block b
depends only on (scenario, seed, b)."""

from __future__ import annotations

import os
import pickle
import threading
import time
import uuid
from functools import lru_cache
from typing import Any

from patientgen.simulation import Scenario, generate_block
from patientgen.storage.patient_sink import RowChunk, RowFormat
from patientgen.storage.rows import block_chunk


def exit_with_parent(parent_pid: int) -> None:
    """Pool initializer: a worker whose server was killed (no clean shutdown) must not linger."""

    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(1.0)
        os._exit(0)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


@lru_cache(maxsize=8)
def _scenario(scenario_json: str) -> Scenario:
    return Scenario.model_validate_json(scenario_json)


def chunk_for_block(
    scenario_json: str,
    seed: int,
    block_index: int,
    total: int,
    job_id: str,
    skip: int,
    row_format: RowFormat,
) -> RowChunk:
    """The block's rows, for a generation thread (no copy between processes)."""
    block = generate_block(_scenario(scenario_json), seed, block_index, total)
    return block_chunk(uuid.UUID(job_id), block, row_format, skip=skip)


def pickled_chunk_for_block(*work: Any) -> bytes:
    """``chunk_for_block(*work)``, pickled here into one buffer: the writer then unpickles it on
    its own thread. (Letting the executor unpickle thousands of small objects on its result
    thread, to be freed on another, fragments the allocator: peak memory then grows with the
    job's size.)"""
    return pickle.dumps(chunk_for_block(*work), pickle.HIGHEST_PROTOCOL)
