"""Rows in PostgreSQL's binary COPY format, encoded a whole column at a time with numpy.

asyncpg's ``copy_records_to_table`` encodes value by value on the event loop: about 4-6 µs per
patient row, on the same core (and under the same GIL) as generation. Encoding here, in the
generation worker, costs about a fifth of that and leaves the loop only bytes to send.

A tuple is ``int16 field count`` then, per field, ``int32 length`` (-1 for NULL) and the value's
bytes in network order. Each row ends with one variable-length value of its own (the document),
which is joined in as is. See the "Binary Format" section of PostgreSQL's COPY reference.
"""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

HEADER = b"PGCOPY\n\xff\r\n\x00" + (0).to_bytes(4, "big") + (0).to_bytes(4, "big")
TRAILER = b"\xff\xff"
_NULL = np.frombuffer((-1).to_bytes(4, "big", signed=True), dtype=np.uint8)
_INT4_MIN, _INT4_MAX = -(2**31), 2**31 - 1
_PG_EPOCH_S = 946_684_800  # 2000-01-01T00:00:00Z, PostgreSQL's timestamp origin


@dataclass(frozen=True)
class Field:
    """One column for n rows: each row's bytes, left-aligned in ``cells`` (n, width), of which
    the first ``lengths[i]`` are used."""

    cells: np.ndarray
    lengths: np.ndarray


def _be(values: np.ndarray, dtype: str) -> np.ndarray:
    """(n, itemsize) bytes of each value in network order (n may be 0)."""
    big_endian = np.ascontiguousarray(values, dtype=dtype)
    return big_endian.view(np.uint8).reshape(len(values), big_endian.dtype.itemsize)


def _prefixed(width: int, values: np.ndarray) -> np.ndarray:
    """(n, 4 + width): the length prefix, then each value's bytes."""
    n = values.shape[0]
    cells = np.empty((n, 4 + width), dtype=np.uint8)
    cells[:, :4] = np.frombuffer(width.to_bytes(4, "big"), dtype=np.uint8)
    cells[:, 4:] = values
    return cells


def constant(n: int, raw: bytes) -> Field:
    """The same bytes on every row (already framed)."""
    cells = np.broadcast_to(np.frombuffer(raw, dtype=np.uint8), (n, len(raw)))
    return Field(cells, np.full(n, len(raw), dtype=np.int64))


def field_count(n: int, count: int) -> Field:
    return constant(n, count.to_bytes(2, "big"))


def uuid_value(n: int, value: uuid.UUID) -> Field:
    return constant(n, (16).to_bytes(4, "big") + value.bytes)


def integers(values: np.ndarray, size: int, present: np.ndarray | None = None) -> Field:
    """int4 (size 4) or int8 (size 8); NULL where ``present`` is False."""
    values = np.asarray(values, dtype=np.int64)
    if size == 4 and len(values) and not (values.min() >= _INT4_MIN and values.max() <= _INT4_MAX):
        raise OverflowError("value out of int4 range")  # a silent wrap would corrupt the row
    cells = _prefixed(size, _be(values, f">i{size}"))
    lengths = np.full(len(values), 4 + size, dtype=np.int64)
    if present is not None and not present.all():
        absent = ~present
        cells[absent, :4] = _NULL
        lengths[absent] = 4
    return Field(cells, lengths)


def timestamps(epoch_seconds: np.ndarray) -> Field:
    """timestamptz from whole seconds since 1970 (UTC): int8 microseconds since 2000."""
    micros = (np.asarray(epoch_seconds, dtype=np.int64) - _PG_EPOCH_S) * 1_000_000
    return integers(micros, 8)


def labelled_text(codes: np.ndarray, labels: Sequence[str]) -> Field:
    """Text from codes into a small label table (enums, names): each label framed once."""
    framed = [len(b).to_bytes(4, "big") + b for b in (label.encode() for label in labels)]
    width = max(len(f) for f in framed)
    table = np.zeros((len(framed), width), dtype=np.uint8)
    for i, f in enumerate(framed):
        table[i, : len(f)] = np.frombuffer(f, dtype=np.uint8)
    table_lengths = np.array([len(f) for f in framed], dtype=np.int64)
    return Field(table[codes], table_lengths[codes])


def length_prefix(tails: Sequence[bytes]) -> Field:
    """The frame of a value whose bytes follow as they are (the row's tail)."""
    lengths = np.fromiter(map(len, tails), dtype=np.int64, count=len(tails))
    return Field(_be(lengths, ">i4"), np.full(len(tails), 4, dtype=np.int64))


@dataclass(frozen=True)
class CopyRows:
    """Whole rows back to back in binary COPY tuple format; ``ends[i]`` is where row i stops."""

    data: memoryview
    ends: np.ndarray

    def __len__(self) -> int:
        return len(self.ends)

    def split(self, count: int) -> tuple[CopyRows, CopyRows]:
        """The first ``count`` rows (all of them if fewer) and the rest, without copying."""
        count = min(count, len(self))
        cut = int(self.ends[count - 1]) if count > 0 else 0
        head = CopyRows(self.data[:cut], self.ends[:count])
        return head, CopyRows(self.data[cut:], self.ends[count:] - cut)

    def __reduce__(self):  # to cross from a worker process: one buffer, copied once
        return _copy_rows, (self.data.tobytes(), self.ends)


def _copy_rows(data: bytes, ends: np.ndarray) -> CopyRows:
    return CopyRows(memoryview(data), ends)


def encode_rows(fields: Sequence[Field], tails: Sequence[bytes]) -> CopyRows:
    """Rows made of ``fields`` in order, each followed by its tail (a value's bytes whose frame
    is the last field)."""
    n = len(tails)
    if n == 0:
        return CopyRows(memoryview(b""), np.zeros(0, dtype=np.int64))
    cells = np.concatenate([f.cells for f in fields], axis=1)
    used = np.concatenate(
        [np.arange(f.cells.shape[1]) < f.lengths[:, None] for f in fields], axis=1
    )
    heads = cells[used].tobytes()  # row-major: each row's framed values, back to back
    head_lengths = sum(f.lengths for f in fields)
    bounds = [0, *np.cumsum(head_lengths).tolist()]
    pieces: list[bytes] = [b""] * (2 * n)
    pieces[0::2] = [heads[a:z] for a, z in itertools.pairwise(bounds)]
    pieces[1::2] = tails
    tail_lengths = np.fromiter(map(len, tails), dtype=np.int64, count=n)
    return CopyRows(memoryview(b"".join(pieces)), np.cumsum(head_lengths + tail_lengths))
