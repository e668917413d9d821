"""Parquet: one file per entity (exports.entities) — ``patients.parquet``,
``conditions.parquet``, ``treatments.parquet``, ``vitals.parquet``, ``stays.parquet`` — for
a ZIP.

Each file is written by pyarrow's ``ParquetWriter`` into a sink that the generator empties
after every row group, so a file streams in flat memory (one row group of values at a time)
and its footer follows the last group. Like fhir-ndjson, the files make one pass over the
records each (``records_factory`` is called once per file). Column types: docs/exports.md.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from patientgen.exports.entities import ENTITIES, Entity

Record = dict[str, Any]
RecordsFactory = Callable[[], Iterable[Record]]

COMPRESSION = "zstd"
ROW_GROUP_CELLS = 1 << 18
"""Values held before a row group is written: about 7,700 rows of ``patients`` (34 columns),
29,000 of ``vitals``; a few MB of Python objects, whatever the job's size."""

TIME = pa.timestamp("ms", tz="UTC")  # Parquet has no second unit: milliseconds
ARROW_TYPES: dict[str, pa.DataType] = {
    "int": pa.int64(),
    "float": pa.float64(),
    "bool": pa.bool_(),
    "time": TIME,
    "date": pa.date32(),
    "string": pa.string(),
}


def schema(entity: Entity) -> pa.Schema:
    return pa.schema([pa.field(c.name, ARROW_TYPES[c.kind]) for c in entity.columns])


def _array(values: list[Any], kind: str) -> pa.Array:
    if kind in ("time", "date"):
        # ISO 8601 text as the record has it, parsed by Arrow a column at a time
        return pa.array(values, pa.string()).cast(ARROW_TYPES[kind])
    return pa.array(values, ARROW_TYPES[kind])


class _Sink:
    """A write-only file for ParquetWriter whose bytes the generator takes away."""

    def __init__(self) -> None:
        self.parts: list[bytes] = []
        self.position = 0
        self.closed = False

    def write(self, data: Any) -> int:
        chunk = bytes(data)
        self.parts.append(chunk)
        self.position += len(chunk)
        return len(chunk)

    def tell(self) -> int:
        return self.position

    def flush(self) -> None:
        pass

    def close(self) -> None:
        self.closed = True

    def take(self) -> bytes:
        out = b"".join(self.parts)
        self.parts.clear()
        return out


def encode_entity(entity: Entity, records: Iterable[Record]) -> Iterator[bytes]:
    """One Parquet file of ``entity``'s rows of ``records``, in row groups as they fill."""
    sink = _Sink()
    arrow_schema = schema(entity)
    kinds = [c.kind for c in entity.columns]
    group_rows = max(1024, ROW_GROUP_CELLS // len(kinds))
    writer = pq.ParquetWriter(sink, arrow_schema, compression=COMPRESSION)
    columns: list[list[Any]] = [[] for _ in kinds]
    held = 0

    def flush() -> None:
        nonlocal held
        arrays = [_array(values, kind) for values, kind in zip(columns, kinds, strict=True)]
        writer.write_table(pa.Table.from_arrays(arrays, schema=arrow_schema))
        for values in columns:
            values.clear()
        held = 0

    try:
        for record in records:
            for row in entity.rows(record):
                for values, value in zip(columns, row, strict=True):
                    values.append(value)
                held += 1
            if held >= group_rows:
                flush()
                yield sink.take()
        if held or not sink.position:
            flush()
    finally:
        writer.close()
    if tail := sink.take():
        yield tail


def files(records_factory: RecordsFactory) -> Iterator[tuple[str, Iterator[bytes]]]:
    """``(name, chunks)`` per entity; each file reads ``records_factory()`` once, lazily."""
    for entity in ENTITIES:
        yield f"{entity.name}.parquet", _lazy(entity, records_factory)


def _lazy(entity: Entity, records_factory: RecordsFactory) -> Iterator[bytes]:
    yield from encode_entity(entity, records_factory())
