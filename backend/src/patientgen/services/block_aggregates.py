"""The dashboard's histograms computed from generated blocks in memory, the same figures the
database's grouping-sets scan gives for a stored job (a test holds the two equal). Used by the
scenario preview, which writes nothing."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

import numpy as np

from patientgen.simulation import PatientBlock
from patientgen.simulation.flow_columns import FLOW_PATHS
from patientgen.storage.repositories.patients import (
    COUNT_DIMENSIONS,
    DELAY_COLUMNS,
    STAY_COLUMNS,
    JobAggregates,
)

# Columns of `flow_arrays().values`, in the patients table's order.
_FLOW = ("first_treatment_s", "first_mtf_s", *STAY_COLUMNS)


def _histogram(buckets: np.ndarray) -> Counter:
    values, counts = np.unique(buckets, return_counts=True)
    return Counter(dict(zip(values.tolist(), counts.tolist(), strict=True)))


def _labelled(codes: np.ndarray, labels: tuple[str, ...]) -> Counter:
    """Patients per label of an integer-coded column (counted on the codes: fast)."""
    counts = np.bincount(codes, minlength=len(labels))
    return Counter({labels[i]: int(n) for i, n in enumerate(counts.tolist()) if n})


def aggregate_blocks(blocks: Iterable[PatientBlock]) -> JobAggregates:
    counts: dict[str, Counter] = {dim: Counter() for dim in COUNT_DIMENSIONS}
    paths: Counter = Counter()
    injuries: dict[str, Counter] = {}
    stays: dict[str, Counter] = {col: Counter() for col in STAY_COLUMNS}
    delays: dict[str, dict[str, Counter]] = {col: {} for col in DELAY_COLUMNS}
    for block in blocks:
        for dim in COUNT_DIMENSIONS:
            counts[dim].update(_labelled(getattr(block, dim), block.labels(dim)))
        triage, triages = block.triage, block.labels("triage")
        present_triages = [t for t in range(len(triages)) if (triage == t).any()]
        flow = block.flow_arrays()
        statuses = block.labels("final_status")
        pairs = flow.path * len(statuses) + block.final_status
        for code, n in _histogram(pairs).items():
            paths[(FLOW_PATHS[code // len(statuses)], statuses[code % len(statuses)])] += n
        hours = np.floor_divide(block.injury_time.astype(np.int64), 3600)
        for t in present_triages:
            injuries.setdefault(triages[t], Counter()).update(_histogram(hours[triage == t]))
        for k, column in enumerate(_FLOW):
            present = flow.present[:, k]
            values = flow.values[present, k]
            if column in stays:
                stays[column].update(_histogram(np.floor_divide(values, 3600)))
                continue
            minutes, who = np.floor_divide(values, 60), triage[present]
            for t in present_triages:
                delays[column].setdefault(triages[t], Counter()).update(
                    _histogram(minutes[who == t])
                )
    return JobAggregates(
        counts={dim: dict(sorted(c.items())) for dim, c in counts.items()},
        paths=[(p, s, n) for (p, s), n in paths.items()],
        injuries_per_hour={t: dict(c) for t, c in injuries.items()},
        stays={col: dict(c) for col, c in stays.items()},
        delays={col: {t: dict(c) for t, c in by.items()} for col, by in delays.items()},
    )
