"""Helpers for the simulation tests: columnar samples and scenario variants."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from patientgen.simulation import Scenario, iter_blocks

SEED = 20240601


@dataclass
class Sample:
    """Columns of a generated job, concatenated over its blocks."""

    scenario: Scenario
    injury_type: np.ndarray
    triage: np.ndarray
    status: np.ndarray
    final_role: np.ndarray
    front: np.ndarray
    nation: np.ndarray
    event: np.ndarray
    warfare: np.ndarray
    mechanism: np.ndarray
    region: np.ndarray
    cond: np.ndarray
    t0: np.ndarray
    arrive: np.ndarray
    wait: np.ndarray
    end: np.ndarray
    overloaded: np.ndarray

    @property
    def n(self) -> int:
        return self.t0.shape[0]

    def minutes_since_injury(self, times: np.ndarray) -> np.ndarray:
        return (times - self.t0) / 60.0


def make_sample(scenario: Scenario, patients: int, seed: int = SEED) -> Sample:
    blocks = list(iter_blocks(scenario, patients, seed))

    def cat(f: Any) -> np.ndarray:
        return np.concatenate([f(b) for b in blocks])

    return Sample(
        scenario=scenario,
        injury_type=cat(lambda b: b.injury_type),
        triage=cat(lambda b: b.triage),
        status=cat(lambda b: b.final_status),
        final_role=cat(lambda b: b.final_facility),
        front=cat(lambda b: b.front),
        nation=cat(lambda b: b.nationality),
        event=cat(lambda b: b.event),
        warfare=cat(lambda b: b.injuries.warfare),
        mechanism=cat(lambda b: b.injuries.mechanism),
        region=cat(lambda b: b.injuries.region),
        cond=cat(lambda b: b.injuries.cond),
        t0=cat(lambda b: b.injury_time).astype(np.float64),
        arrive=cat(lambda b: b.flow.arrive),
        wait=cat(lambda b: b.flow.wait),
        end=cat(lambda b: b.flow.end),
        overloaded=cat(lambda b: b.overloaded),
    )


def variant(base: Scenario, **changes: Any) -> Scenario:
    """A validated copy of ``base`` with top-level fields replaced (JSON-able values)."""
    data = base.model_dump(mode="json")
    data.update(changes)
    return Scenario.model_validate(data)


def edit(base: Scenario, mutate: Any) -> Scenario:
    """A validated copy of ``base`` after ``mutate(data)`` edits its JSON form in place."""
    data = base.model_dump(mode="json")
    mutate(data)
    return Scenario.model_validate(data)
