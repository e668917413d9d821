"""A job's XML from its blocks: regenerated, checked against the stored documents, written
column by column.

Parsing a stored document and writing its ~125 values one by one is most of what an XML
export costs. A job's patients are a pure function of its scenario, seed and size, a block
(simulation.BLOCK_SIZE patients) at a time, so the export regenerates each block and writes
its XML with the block writers (xml_layout.XML) in one pass. It uses that text only where the
block's NDJSON is what the database holds for the block's indices, byte for byte (the two
SHA-256 digests are equal; PostgreSQL hashes its documents itself, so they are not read out),
and no value needs escaping; anywhere else (a job made by another version of the
generator, a value with ``&``) the documents are read, parsed and written as before, and once
a block does not match, the rest is too. The two paths write the same bytes
(tests/exports/test_xml_blocks.py).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import orjson

from patientgen.exports.xml_layout import XML
from patientgen.simulation import BLOCK_SIZE, Scenario, block_count, generate_block
from patientgen.simulation.block import PatientBlock
from patientgen.simulation.documents import lines, text

# In a block's JSON, what marks a value the XML must escape or clean: a JSON escape (a quote,
# a control character), markup, or a character from U+FFC0 on (the non-characters U+FFFE and
# U+FFFF, which XML cannot carry, among them: one search for their first two bytes).
_NOT_PLAIN = (b"\\", b"&", b"<", b">", "\uffc0".encode()[:2])


@dataclass(frozen=True, slots=True)
class StoredBlock:
    """What the database holds for the indices of one block (``start`` to ``stop``): how many
    documents, the first and last index, the SHA-256 of their NDJSON (in index order, each
    followed by a newline; None if there are none), and how to read the documents if needed."""

    start: int
    stop: int
    count: int
    first: int | None
    last: int | None
    sha256: bytes | None
    read: Callable[[], list[str]]


class BlockWriter:
    """``decode`` for an XML export of a whole job, in index order: each StoredBlock -> the XML
    of its patients (one ``bytes``) where it could check the block, else the records of its
    documents; a page of documents (once the blocks stopped matching) -> their records."""

    def __init__(self, scenario: Scenario | None, seed: int, patients: int) -> None:
        """``scenario`` None: the job's cannot be read (every document is parsed)."""
        self.scenario, self.seed, self.patients = scenario, seed, patients
        self.matching = scenario is not None  # false once a block differs from what is stored

    def decode(self, page: StoredBlock | list[str]) -> Iterator[Any]:
        if isinstance(page, list):
            return map(orjson.loads, page)
        if not page.count:
            return iter(())
        written = None
        if self.matching:
            try:
                written = self._written(page)
            except Exception:  # a block this version cannot make: parse the documents
                self.matching = False
        if written is None:
            return map(orjson.loads, page.read())
        return iter((written,))

    def _written(self, stored: StoredBlock) -> bytes | None:
        """The block's XML, or None (and no more blocks, if it is not what is stored)."""
        block = self._block_of(stored)
        if block is None:
            self.matching = False
            return None
        n = stored.count
        # the first patients of a block only: the end of a job stopped before it was done
        whole = n == block.size
        json = text(block) if whole else b"".join(line + b"\n" for line in lines(block)[:n])
        if hashlib.sha256(json).digest() != stored.sha256:
            self.matching = False
            return None
        if not _plain(json):
            return None
        return text(block, XML, end="") if whole else b"".join(lines(block, XML)[:n])

    def _block_of(self, stored: StoredBlock) -> PatientBlock | None:
        """The block the stored documents should be: they start where a block starts, with no
        index missing, and are no more than it holds."""
        number, offset = divmod(stored.start, BLOCK_SIZE)
        contiguous = stored.first == stored.start and stored.last == stored.start + stored.count - 1
        if self.scenario is None or offset or not contiguous:
            return None
        if number >= block_count(self.patients):
            return None
        block = generate_block(self.scenario, self.seed, number, self.patients)
        return block if stored.count <= block.size else None


def _plain(json: bytes) -> bool:
    # a one-byte search runs at memory speed, a two-byte one ~40x slower: a longer mark is
    # only looked for where its first byte is
    return not any(mark[:1] in json and mark in json for mark in _NOT_PLAIN)
