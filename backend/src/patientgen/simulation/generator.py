"""Seeded block generation: the public entry points.

Block b of a job with seed s draws only from PCG64(SeedSequence([s, b])), so the same
scenario, seed and job size give identical patients whatever the batch size, the number
of workers, or a resume from any block.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator

import numpy as np

from patientgen.simulation.block import PatientBlock
from patientgen.simulation.capacity import waits_for
from patientgen.simulation.clinical import clinical
from patientgen.simulation.compiled import _compiled_from_json, scenario_key
from patientgen.simulation.demographics import demographics
from patientgen.simulation.draws import BLOCK_SIZE, block_rng, draw
from patientgen.simulation.flow import simulate
from patientgen.simulation.injuries import injuries
from patientgen.simulation.measurements import baseline
from patientgen.simulation.scenario import Scenario


def block_count(total_patients: int) -> int:
    return -(-total_patients // BLOCK_SIZE)


def generate_block(
    scenario: Scenario, seed: int, block_index: int, total_patients: int
) -> PatientBlock:
    """Block ``block_index`` of a job of ``total_patients`` patients; pure and synchronous."""
    if seed < 0:
        raise ValueError("seed must be a non-negative integer")
    start = block_index * BLOCK_SIZE
    size = min(BLOCK_SIZE, total_patients - start)
    if block_index < 0 or size <= 0:
        raise ValueError(f"block {block_index} is outside a job of {total_patients} patients")
    key = scenario_key(scenario)
    c = _compiled_from_json(key)
    waits = waits_for(key, total_patients)
    u, z, ints, cu = draw(block_rng(seed, block_index), size)
    inj = injuries(c, u)
    dem = demographics(c, inj.nation, inj.t0, u, z, ints)
    clin = clinical(inj, cu)
    flow = simulate(c, inj, clin, u, waits)
    return PatientBlock(
        start_index=start,
        size=size,
        seed=seed,
        index=np.arange(start, start + size, dtype=np.int64),
        injuries=inj,
        demographics=dem,
        flow=flow,
        clinical=clin,
        normal_vitals=baseline(c, inj.triage, inj.cond, inj.cond2, z),
        care_draws=cu,
        front_names=c.front_names,
        facility_names=c.facility_names,
        event_kinds=tuple(e.kind.value for e in scenario.special_events),
    )


def iter_blocks(
    scenario: Scenario, patients: int, seed: int, start_block: int = 0
) -> Iterator[PatientBlock]:
    for b in range(start_block, block_count(patients)):
        yield generate_block(scenario, seed, b, patients)


async def generate_blocks(
    scenario: Scenario, patients: int, seed: int, start_block: int = 0
) -> AsyncIterator[PatientBlock]:
    """Async variant: yields control to the event loop between blocks."""
    for b in range(start_block, block_count(patients)):
        yield generate_block(scenario, seed, b, patients)
        await asyncio.sleep(0)


__all__ = ["BLOCK_SIZE", "block_count", "generate_block", "generate_blocks", "iter_blocks"]
