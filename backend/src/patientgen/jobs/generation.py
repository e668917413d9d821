"""Where patients are generated: a thread beside the event loop, worker processes, or the loop
itself (PATIENTGEN_GENERATION)."""

from __future__ import annotations

import ctypes
import multiprocessing as mp
import os
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor

from patientgen.jobs.blockwork import exit_with_parent

_M_ARENA_MAX = -8  # glibc's mallopt parameter number


def _one_malloc_arena() -> None:
    """Rows are built on the generation thread and freed on the event loop's. With glibc's
    per-thread arenas that pattern fragments memory, so peak RSS would grow with the job's size;
    one shared arena keeps it flat (the same effect as MALLOC_ARENA_MAX=1)."""
    try:
        libc = ctypes.CDLL("libc.so.6")
        libc.mallopt(_M_ARENA_MAX, 1)
    except (OSError, AttributeError):  # not glibc: nothing to tune
        pass


def create_generation_pool(mode: str, workers: int = 1) -> Executor | None:
    if mode == "loop":
        return None
    if mode == "thread":
        _one_malloc_arena()
        return ThreadPoolExecutor(max_workers=workers, thread_name_prefix="generate")
    # "spawn": forking a process that runs an event loop and holds connections is unsafe.
    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=mp.get_context("spawn"),
        initializer=exit_with_parent,
        initargs=(os.getpid(),),
    )
