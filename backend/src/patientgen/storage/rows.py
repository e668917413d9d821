"""Generated patients -> rows of the patients table: typed columns for filters and aggregates,
the flow through the chain flattened for the dashboard, and the whole record as JSON text.

Each builder makes the table's columns by name and lays them out in `tables.PATIENT_COLUMNS`
order, so the table's definition is the one place that order is written down."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from itertools import repeat
from typing import Any

import orjson
from sqlalchemy import BigInteger

from patientgen.simulation import PatientBlock
from patientgen.simulation.flow_columns import FLOW_PATHS
from patientgen.simulation.timeline import stays as timeline_stays
from patientgen.storage import copy_binary as cb
from patientgen.storage.patient_sink import RowChunk, RowFormat, TupleRows
from patientgen.storage.tables import (
    DELAY_COLUMNS,
    PATIENT_COLUMNS,
    STAY_COLUMNS,
    STAY_ROLES,
    PatientRow,
)

# Columns read off the block as labelled integer codes.
TYPED_COLUMNS = ("nationality", "front", "injury_type", "triage", "final_status", "final_facility")
# The columns of `PatientBlock.flow_arrays().values`, in its order (after the path).
FLOW_VALUE_COLUMNS = (*DELAY_COLUMNS, *STAY_COLUMNS)
FLOW_COLUMNS = ("path", *FLOW_VALUE_COLUMNS)

_BUILT = ("job_id", "idx", *TYPED_COLUMNS, "injury_time", *FLOW_COLUMNS, "document")
if sorted(_BUILT) != sorted(PATIENT_COLUMNS) or PATIENT_COLUMNS[-1] != "document":
    # COPY joins each row's document in as its tail, so it must stay the last column.
    raise ImportError("storage/rows.py does not build the patients table's columns")


def _int_size(column: str) -> int:
    """Bytes of an integer column in binary COPY: int8 for BIGINT, int4 otherwise."""
    return 8 if isinstance(PatientRow.__table__.c[column].type, BigInteger) else 4


def _in_table_order(columns: Mapping[str, Any]) -> list[Any]:
    return [columns[name] for name in PATIENT_COLUMNS]


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
    n = len(documents)
    if n == 0:
        return []
    flows = zip(*block.flow_rows()[skip:], strict=True)
    columns = {
        "job_id": repeat(job_id, n),
        "idx": block.index[skip:].tolist(),
        **{name: block.decoded(name)[skip:].tolist() for name in TYPED_COLUMNS},
        "injury_time": [datetime.fromtimestamp(t, UTC) for t in block.injury_time[skip:].tolist()],
        **dict(zip(FLOW_COLUMNS, flows, strict=True)),
        "document": documents,
    }
    # Column-wise and zipped in C: a per-row Python tuple build costs more than the COPY itself.
    return list(zip(*_in_table_order(columns), strict=True))


def block_copy_rows(job_id: uuid.UUID, block: PatientBlock, *, skip: int = 0) -> cb.CopyRows:
    """``block_rows`` already in PostgreSQL's binary COPY format (see storage/copy_binary.py),
    so that the event loop only forwards bytes."""
    documents = block.document_lines()[skip:]
    n = len(documents)
    if n == 0:  # a resume that starts after the block's last row
        return cb.encode_rows([], [])
    flow = block.flow_arrays()
    values, present = flow.values[skip:], flow.present[skip:]
    fields = {
        "job_id": cb.uuid_value(n, job_id),
        "idx": cb.integers(block.index[skip:], _int_size("idx")),
        **{
            name: cb.labelled_text(getattr(block, name)[skip:], block.labels(name))
            for name in TYPED_COLUMNS
        },
        "injury_time": cb.timestamps(block.injury_time[skip:]),
        "path": cb.labelled_text(flow.path[skip:], FLOW_PATHS),
        **{
            name: cb.integers(values[:, k], _int_size(name), present[:, k])
            for k, name in enumerate(FLOW_VALUE_COLUMNS)
        },
        "document": cb.length_prefix(documents),  # its bytes follow as the row's tail
    }
    return cb.encode_rows(
        [cb.field_count(n, len(PATIENT_COLUMNS)), *_in_table_order(fields)], documents
    )


# The readable reference: rows from record dicts, which the fast paths are tested against.

_STAY_ROLES = frozenset(STAY_ROLES)


def _epoch(timestamp: str) -> int:
    return int(datetime.fromisoformat(timestamp).timestamp())


def flow_columns(record: Mapping[str, Any], injured_at: int) -> tuple:
    """(path, first_treatment_s, first_mtf_s, r1_in, r1_out, …, r4_in, r4_out) from a record's
    timeline: the readable definition that `PatientBlock.flow_rows()` is tested against."""
    stays = [s for s in timeline_stays(record["timeline"]) if s.facility in _STAY_ROLES]
    flow: dict[str, int | None] = dict.fromkeys(STAY_COLUMNS)
    for stay in stays:
        role = stay.facility.lower()
        flow[f"{role}_in"] = _epoch(stay.start)
        if stay.closed:
            flow[f"{role}_out"] = _epoch(stay.end)
    treatments = record["treatments"]
    flow["first_treatment_s"] = (
        min(_epoch(t["time"]) for t in treatments) - injured_at if treatments else None
    )
    arrivals = [_epoch(stay.start) for stay in stays]
    flow["first_mtf_s"] = min(arrivals) - injured_at if arrivals else None
    path = ">".join(["POI", *(stay.facility for stay in stays)])
    return (path, *(flow[name] for name in FLOW_VALUE_COLUMNS))


def patient_rows(job_id: uuid.UUID, records: Iterable[Mapping[str, Any]]) -> list[tuple]:
    """Rows from record dicts (the slow, readable path; `block_rows` must agree with it)."""
    rows = []
    for record in records:
        injured = datetime.fromisoformat(record["injury_time"])
        flow: Sequence[Any] = flow_columns(record, int(injured.timestamp()))
        columns = {
            "job_id": job_id,
            "idx": record["index"],
            **{name: record[name] for name in TYPED_COLUMNS},
            "injury_time": injured,
            **dict(zip(FLOW_COLUMNS, flow, strict=True)),
            "document": orjson.dumps(record).decode(),  # the NDJSON line, without its newline
        }
        rows.append(tuple(_in_table_order(columns)))
    return rows
