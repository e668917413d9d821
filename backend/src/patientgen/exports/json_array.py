"""JSON: the records as one JSON array, streamed.

Layout: ``[`` on its own line, then one record per line separated by ``,`` + newline, then
``]`` and a final newline; an empty export is ``[]`` + newline. Each element is byte for
byte the NDJSON line of the same record (without its newline), so the array and the NDJSON
export hold identical documents and the array can be built from stored documents without
parsing them (``encode_documents``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from patientgen.exports.archive import coalesce
from patientgen.exports.ndjson import encode_record

MEDIA_TYPE = "application/json"


def encode_documents(documents: Iterable[bytes | str]) -> Iterator[bytes]:
    """Wrap already-encoded JSON documents (no trailing newline) into one array."""

    def parts() -> Iterator[bytes]:
        separator = b"[\n"
        for document in documents:
            yield separator
            yield document.encode() if isinstance(document, str) else document
            separator = b",\n"
        yield b"[]\n" if separator == b"[\n" else b"\n]\n"

    return coalesce(parts())


def encode(records: Iterable[dict[str, Any]]) -> Iterator[bytes]:
    """One JSON array of the records, in the order given."""
    return encode_documents(encode_record(record)[:-1] for record in records)
