"""Generated patients -> database rows: typed columns for filters and aggregates, the flow through
the chain flattened for the dashboard, and the whole record as JSON text."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import UTC, datetime
from itertools import repeat

from patientgen.exports.ndjson import encode_record
from patientgen.simulation import PatientBlock
from patientgen.simulation.documents import FLOW_PATHS
from patientgen.storage import copy_binary as cb
from patientgen.storage.patient_sink import RowChunk, RowFormat, TupleRows
from patientgen.storage.tables import PATIENT_COLUMNS

_STAY_SLOTS = {"R1": 0, "R2": 2, "R3": 4, "R4": 6}
_ENDINGS = frozenset({"return_to_duty", "evacuated", "death"})
_TYPED = ("nationality", "front", "injury_type", "triage", "final_status", "final_facility")


def block_chunk(
    job_id: uuid.UUID, block: PatientBlock, row_format: RowFormat, *, skip: int = 0
) -> RowChunk:
    """The block's rows (from ``skip`` on) in the form the sink takes."""
    if row_format is RowFormat.COPY_BINARY:
        return block_copy_rows(job_id, block, skip=skip)
    return TupleRows(block_rows(job_id, block, skip=skip))


def block_rows(job_id: uuid.UUID, block: PatientBlock, *, skip: int = 0) -> list[tuple]:
    """Rows straight from the block's arrays (the fast path: no per-patient dicts).

    The stored document is byte for byte the NDJSON line, so an NDJSON export is a plain
    concatenation and stays identical to offline generation."""
    documents = block.documents()[skip:]
    flows = list(zip(*block.flow_rows()[skip:], strict=True))
    typed = [block.decoded(name)[skip:].tolist() for name in _TYPED]
    indices = block.index[skip:].tolist()
    times = [datetime.fromtimestamp(t, UTC) for t in block.injury_time[skip:].tolist()]
    # Column-wise and zipped in C: a per-row Python tuple build costs more than the COPY itself.
    return list(
        zip(
            repeat(job_id, len(indices)),
            indices,
            *typed,
            times,
            *flows,
            documents,
            strict=True,
        )
    )


def block_copy_rows(job_id: uuid.UUID, block: PatientBlock, *, skip: int = 0) -> cb.CopyRows:
    """``block_rows`` already in PostgreSQL's binary COPY format (see storage/copy_binary.py),
    so that the event loop only forwards bytes."""
    documents = block.document_lines()[skip:]
    n = len(documents)
    if n == 0:  # a resume that starts after the block's last row
        return cb.encode_rows([], [])
    flow = block.flow_arrays()
    values, present = flow.values[skip:], flow.present[skip:]
    fields = [
        cb.field_count(n, len(PATIENT_COLUMNS)),
        cb.uuid_value(n, job_id),
        cb.integers(block.index[skip:], 4),
        *(cb.labelled_text(getattr(block, name)[skip:], block.labels(name)) for name in _TYPED),
        cb.timestamps(block.injury_time[skip:]),
        cb.labelled_text(flow.path[skip:], FLOW_PATHS),
        cb.integers(values[:, 0], 4, present[:, 0]),  # first_treatment_s
        cb.integers(values[:, 1], 4, present[:, 1]),  # first_mtf_s
        *(cb.integers(values[:, k], 8, present[:, k]) for k in range(2, 10)),  # r1_in … r4_out
        cb.length_prefix(documents),
    ]
    return cb.encode_rows(fields, documents)


def _epoch(timestamp: str) -> int:
    return int(datetime.fromisoformat(timestamp).timestamp())


def flow_columns(record: dict, injured_at: int) -> tuple:
    """(path, first_treatment_s, first_mtf_s, r1_in, r1_out, …, r4_in, r4_out) from a record's
    timeline: the readable definition that `PatientBlock.flow_rows()` is tested against."""
    stays: list[int | None] = [None] * 8
    path = ["POI"]
    current: str | None = None
    for event in record["timeline"]:
        kind, facility = event["event"], event["facility"]
        if kind == "arrival" and facility in _STAY_SLOTS:
            path.append(facility)
            stays[_STAY_SLOTS[facility]] = _epoch(event["time"])
            current = facility
        elif (
            facility == current
            and (kind == "departure" or kind in _ENDINGS)
            and stays[_STAY_SLOTS[current] + 1] is None
        ):
            stays[_STAY_SLOTS[current] + 1] = _epoch(event["time"])
    treatments = record["treatments"]
    first_treatment = (
        min(_epoch(t["time"]) for t in treatments) - injured_at if treatments else None
    )
    arrivals = [s for s in stays[0::2] if s is not None]
    first_mtf = min(arrivals) - injured_at if arrivals else None
    return (">".join(path), first_treatment, first_mtf, *stays)


def patient_rows(job_id: uuid.UUID, records: Iterable[dict]) -> list[tuple]:
    """Rows from record dicts (the slow, readable path; `block_rows` must agree with it)."""
    rows = []
    for record in records:
        injured = datetime.fromisoformat(record["injury_time"])
        rows.append(
            (
                job_id,
                record["index"],
                *(record[name] for name in _TYPED),
                injured,
                *flow_columns(record, int(injured.timestamp())),
                encode_record(record)[:-1].decode(),
            )
        )
    return rows
