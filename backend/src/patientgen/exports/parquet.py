"""Parquet: one file per entity (exports.entities) — ``patients.parquet``,
``conditions.parquet``, ``treatments.parquet``, ``vitals.parquet``, ``stays.parquet`` — for
a ZIP.

Each file is written by pyarrow's ``ParquetWriter`` into a sink that the generator empties
after every row group, so a file streams in flat memory (one row group of values at a time)
and its footer follows the last group. All five are made in one pass over the records (see
``files``). Column types: docs/exports.md.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from patientgen.exports.archive import DeflateSpool, spooled_files
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


class EntityWriter:
    """One Parquet file of an entity's rows, a record at a time: ``add`` buffers the rows and
    writes a row group each time one fills, ``take`` hands over the bytes written so far,
    ``finish`` writes the rest and the footer."""

    def __init__(self, entity: Entity) -> None:
        self.entity = entity
        self._sink = _Sink()
        self._schema = schema(entity)
        self._kinds = [c.kind for c in entity.columns]
        self._group_rows = max(1024, ROW_GROUP_CELLS // len(self._kinds))
        self._writer = pq.ParquetWriter(self._sink, self._schema, compression=COMPRESSION)
        self._columns: list[list[Any]] = [[] for _ in self._kinds]
        # a group's values are turned into Arrow arrays an eighth at a time: five files fill
        # their groups at once, and Arrow holds a value in a few bytes, a Python list in ~50
        self._pieces: list[list[pa.Array]] = [[] for _ in self._kinds]
        self._piece_rows = max(256, self._group_rows // 8)
        self._held = self._pending = 0
        self._open = True

    def add(self, record: Record) -> bool:
        """Buffer the record's rows; True when a row group was written."""
        for row in self.entity.rows(record):
            for values, value in zip(self._columns, row, strict=True):
                values.append(value)
            self._held += 1
            self._pending += 1
        if self._pending >= self._piece_rows:
            self._convert()
        if self._held < self._group_rows:
            return False
        self._flush()
        return True

    def _convert(self) -> None:
        for values, kind, pieces in zip(self._columns, self._kinds, self._pieces, strict=True):
            pieces.append(_array(values, kind))
            values.clear()
        self._pending = 0

    def _flush(self) -> None:
        # one row group whatever the pieces (its bytes are those of one array per column)
        self._convert()
        columns = [
            pa.chunked_array(pieces, ARROW_TYPES[kind])
            for pieces, kind in zip(self._pieces, self._kinds, strict=True)
        ]
        self._writer.write_table(pa.Table.from_arrays(columns, schema=self._schema))
        for pieces in self._pieces:
            pieces.clear()
        self._held = 0

    def take(self) -> bytes:
        return self._sink.take()

    def finish(self) -> bytes:
        """The last row group (an empty file has one, with no rows) and the footer."""
        try:
            if self._held or not self._sink.position:
                self._flush()
        finally:
            self.close()
        return self._sink.take()

    def close(self) -> None:
        if self._open:
            self._open = False
            self._writer.close()


def files(records_factory: RecordsFactory) -> Iterator[tuple[str, Iterable[bytes]]]:
    """``(name, chunks)`` per entity, in ``ENTITIES`` order, from one pass over
    ``records_factory()``: the first file streams as the records are read, each of the others
    is deflated into a spool as its row groups fill (``archive.DeflateSpool``, as fhir-ndjson
    does), and the ZIP copies it once the pass is done. The files must be consumed in order,
    the first to its end."""
    first, *rest = ENTITIES
    spools = [(EntityWriter(entity), DeflateSpool()) for entity in rest]
    pass_done = False

    def streamed() -> Iterator[bytes]:
        nonlocal pass_done
        writer = EntityWriter(first)
        try:
            for record in records_factory():
                if writer.add(record):
                    yield writer.take()
                for other, spool in spools:
                    if other.add(record):
                        spool.write(other.take())
            tail = writer.finish()
            for other, spool in spools:
                spool.write(other.finish())
                spool.finish()
        finally:
            writer.close()
        pass_done = True
        if tail:
            yield tail

    try:
        yield f"{first.name}.parquet", streamed()
        named = ((f"{other.entity.name}.parquet", spool) for other, spool in spools)
        yield from spooled_files(named, pass_done, "parquet")
    finally:
        for other, spool in spools:
            other.close()
            spool.close()
