"""NDJSON: one patient record per line, UTF-8, keys in the record contract's order."""

from __future__ import annotations

from typing import Any

import orjson

from patientgen.simulation.block import PatientBlock

# Records are built with their keys in contract order; orjson keeps insertion order, so
# the bytes are deterministic without sorting (sorting would scramble the contract).
_OPTIONS = orjson.OPT_APPEND_NEWLINE


def encode_record(record: dict[str, Any]) -> bytes:
    """One record as one NDJSON line, ending in b"\\n"."""
    return orjson.dumps(record, option=_OPTIONS)


def encode_records(records: list[dict[str, Any]]) -> bytes:
    return b"".join([orjson.dumps(r, option=_OPTIONS) for r in records])


def encode_block(block: PatientBlock) -> bytes:
    """Every patient of a block, in index order (the fast path: no per-patient dicts;
    byte for byte ``encode_records(block.records())``)."""
    return block.ndjson()


CONTENT_TYPE = "application/x-ndjson"
