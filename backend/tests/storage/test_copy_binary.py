"""The vectorised binary COPY encoder against a value-by-value reference written from the format's
description: field count, then per field a big-endian int32 length (-1 for NULL) and the value."""

from __future__ import annotations

import pickle
import struct
import uuid
from datetime import UTC, datetime

import numpy as np
import pytest

from patientgen.storage import copy_binary as cb

JOB = uuid.UUID("12345678-1234-5678-1234-567812345678")
LABELS = ("DEU", "Nord-Ost «Sektor»", "")


def _reference_row(index: int, label: str, when: datetime, minutes: int | None, doc: bytes):
    def framed(raw: bytes | None) -> bytes:
        return struct.pack(">i", -1) if raw is None else struct.pack(">i", len(raw)) + raw

    pg_epoch = datetime(2000, 1, 1, tzinfo=UTC)
    micros = round((when - pg_epoch).total_seconds() * 1_000_000)
    return (
        struct.pack(">h", 6)
        + framed(JOB.bytes)
        + framed(struct.pack(">i", index))
        + framed(label.encode())
        + framed(struct.pack(">q", micros))
        + framed(None if minutes is None else struct.pack(">q", minutes))
        + framed(doc)
    )


def _encode(indices, codes, seconds, minutes, present, docs) -> cb.CopyRows:
    n = len(docs)
    fields = [
        cb.field_count(n, 6),
        cb.uuid_value(n, JOB),
        cb.integers(np.array(indices), 4),
        cb.labelled_text(np.array(codes), LABELS),
        cb.timestamps(np.array(seconds)),
        cb.integers(np.array(minutes), 8, np.array(present)),
        cb.length_prefix(docs),
    ]
    return cb.encode_rows(fields, docs)


def test_rows_match_the_value_by_value_reference():
    indices = [0, 1, 2_000_000_000, 7]
    codes = [0, 1, 2, 1]
    seconds = [0, 1_900_000_000, 946_684_799, 4_102_444_800]  # 1970, 2030, 1999, 2100
    minutes = [5, 0, -3, 9_000_000_000]
    present = [True, False, True, True]
    docs = [b'{"a":1}', '{"name":"Zoë"}'.encode(), b"", b"x" * 5000]
    rows = _encode(indices, codes, seconds, minutes, present, docs)

    expected = [
        _reference_row(i, LABELS[c], datetime.fromtimestamp(s, UTC), m if p else None, d)
        for i, c, s, m, p, d in zip(indices, codes, seconds, minutes, present, docs, strict=True)
    ]
    assert bytes(rows.data) == b"".join(expected)
    assert rows.ends.tolist() == np.cumsum([len(e) for e in expected]).tolist()


def test_split_cuts_at_row_edges_and_pickles_whole():
    docs = [b"a" * k for k in range(1, 8)]
    n = len(docs)
    rows = _encode(range(n), [0] * n, [0] * n, [1] * n, [True] * n, docs)
    head, rest = rows.split(3)
    assert (len(head), len(rest)) == (3, 4)
    assert bytes(head.data) + bytes(rest.data) == bytes(rows.data)
    assert bytes(head.data) == bytes(
        _encode(range(3), [0] * 3, [0] * 3, [1] * 3, [True] * 3, docs[:3]).data
    )
    everything, nothing = rows.split(100)
    assert len(everything) == n
    assert len(nothing) == 0
    assert bytes(nothing.data) == b""
    again = pickle.loads(pickle.dumps(rest))  # noqa: S301 - our own bytes
    assert bytes(again.data) == bytes(rest.data)
    assert again.ends.tolist() == rest.ends.tolist()


def test_int4_out_of_range_is_refused_not_wrapped():
    with pytest.raises(OverflowError):
        cb.integers(np.array([0, 2**31]), 4)
    assert len(cb.integers(np.array([2**31]), 8).lengths) == 1


def test_no_rows_encode_to_nothing():
    rows = cb.encode_rows([], [])
    assert len(rows) == 0
    assert bytes(rows.data) == b""


def test_header_and_trailer_are_postgresqls():
    assert cb.HEADER == b"PGCOPY\n\xff\r\n\x00" + b"\x00" * 8
    assert struct.pack(">h", -1) == cb.TRAILER
