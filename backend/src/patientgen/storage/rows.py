"""Generated patients -> rows of the patients table: typed columns for filters and aggregates,
the flow through the chain flattened for the dashboard, and the whole record as JSON text.

Each builder makes the table's columns by name and lays them out in `tables.PATIENT_COLUMNS`
order, so the table's definition is the one place that order is written down."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, date, datetime, timedelta
from itertools import repeat
from typing import Any

import numpy as np
import orjson
from sqlalchemy import BigInteger

from patientgen.simulation import PatientBlock
from patientgen.simulation.flow_columns import FLOW_PATHS
from patientgen.simulation.timeline import stays as timeline_stays
from patientgen.storage import copy_binary as cb
from patientgen.storage.patient_sink import (
    RowChunk,
    RowFormat,
    SqliteRows,
    TupleRows,
)
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
    if row_format is RowFormat.SQLITE:
        return block_sqlite_rows(job_id, block, skip=skip)
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


def block_sqlite_rows(job_id: uuid.UUID, block: PatientBlock, *, skip: int = 0) -> SqliteRows:
    """``block_rows`` as the values SQLite stores (what SQLAlchemy's SQLite dialect writes for
    them), built a column at a time into one row-major list: the embedded sink only binds."""
    documents = block.documents()[skip:]
    n = len(documents)
    if n == 0:
        return SqliteRows([])
    flow = block.flow_arrays()
    values, present = flow.values[skip:], flow.present[skip:]
    columns: dict[str, Any] = {
        "job_id": job_id.hex,  # the dialect's Uuid on SQLite: CHAR(32)
        "idx": block.index[skip:].astype(object),
        **{name: block.decoded(name)[skip:] for name in TYPED_COLUMNS},
        "injury_time": sqlite_times(block.injury_time[skip:]),
        "path": _FLOW_PATH_LABELS[flow.path[skip:]],
        **{
            name: _nullable(values[:, k], present[:, k])
            for k, name in enumerate(FLOW_VALUE_COLUMNS)
        },
        "document": documents,
    }
    grid = np.empty((n, len(PATIENT_COLUMNS)), dtype=object)
    for k, column in enumerate(_in_table_order(columns)):
        grid[:, k] = column
    return SqliteRows(grid.ravel().tolist())


_FLOW_PATH_LABELS = np.asarray(FLOW_PATHS, dtype=object)


def _nullable(values: np.ndarray, present: np.ndarray) -> np.ndarray:
    """Python ints, None where absent."""
    column = values.astype(object)
    column[~present] = None
    return column


_EPOCH = date(1970, 1, 1)
_TIME_TEXT = len("2030-06-01 10:00:00.000000")


def sqlite_times(epoch_seconds: np.ndarray) -> np.ndarray:
    """Whole epoch seconds as `sqlite_time` writes them ('2030-06-01 10:00:00.000000'), their
    characters computed a column at a time (a per-value strftime or numpy's own datetime
    formatting cost 2-4 µs a value)."""
    days, seconds = np.divmod(np.asarray(epoch_seconds, dtype=np.int64), 86_400)
    unique_days, day_at = np.unique(days, return_inverse=True)
    dates = [(_EPOCH + timedelta(days=d)).isoformat() for d in unique_days.tolist()]
    chars = np.full((len(days), _TIME_TEXT), ord("0"), dtype=np.uint32)
    chars[:, :10] = np.array([[ord(c) for c in d] for d in dates], dtype=np.uint32)[day_at]
    chars[:, 10], chars[:, 13], chars[:, 16], chars[:, 19] = ord(" "), ord(":"), ord(":"), ord(".")
    hours, rest = np.divmod(seconds, 3_600)
    for at, value in ((11, hours), (14, rest // 60), (17, rest % 60)):
        chars[:, at] = ord("0") + value // 10
        chars[:, at + 1] = ord("0") + value % 10
    return chars.view(f"<U{_TIME_TEXT}").ravel().astype(object)


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
