"""A job's XML from its blocks: regenerated, checked against the stored documents, written
column by column.

Parsing a stored document and writing its ~125 values one by one is most of what an XML
export costs. A job's patients are a pure function of its scenario, seed and size, a block
(simulation.BLOCK_SIZE patients) at a time, so the export regenerates each block and writes
its XML with the block writers (xml_layout.XML) in one pass. It uses that text only where the
block's JSON lines are the stored documents, byte for byte, and no value needs escaping;
anywhere else (a job made by another version of the generator, a value with ``&``) the
documents are parsed and written as before, and once a block does not match, the rest is
too. The two paths write the same bytes (tests/exports/test_xml_blocks.py). The documents come
a block to a page (``page_size``), so that each block is checked and written whole.
"""

from __future__ import annotations

from collections.abc import Iterator
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
_INDEX_PREFIX = '{"index":'


class BlockWriter:
    """``decode`` for an XML export of a whole job, in index order: each page of stored
    documents -> the XML of its patients (one ``bytes``) where the page is a block it could
    check, else their records."""

    page_size = BLOCK_SIZE

    def __init__(self, scenario: Scenario | None, seed: int, patients: int) -> None:
        """``scenario`` None: the job's cannot be read (every document is parsed)."""
        self.scenario, self.seed, self.patients = scenario, seed, patients
        self.matching = scenario is not None  # false once a block differs from what is stored

    def decode(self, documents: list[str]) -> Iterator[Any]:
        written = None
        if documents and self.matching:
            try:
                written = self._written(documents)
            except Exception:  # a block this version cannot make: parse the documents
                self.matching = False
        if written is None:
            return map(orjson.loads, documents)
        return iter((written,))

    def _written(self, documents: list[str]) -> bytes | None:
        """The page's XML, or None (and no more blocks) if it is not what its block gives."""
        block = self._block_of(documents)
        if block is None:
            self.matching = False
            return None
        n = len(documents)
        if n == block.size:
            json = text(block)  # ends in a newline
            # each document encoded alone: most are ASCII or Latin-1, which encode fast, while
            # the page joined first would be as wide as its widest (a Cyrillic name's)
            stored = b"\n".join([d.encode() for d in documents])
            if len(json) != len(stored) + 1 or not json.startswith(stored):
                self.matching = False
                return None
            return text(block, XML, end="") if _plain(json) else None
        # the first patients of a block: the end of a job stopped before it was done
        first = lines(block)[:n]
        if first != [d.encode() for d in documents]:
            self.matching = False
            return None
        return b"".join(lines(block, XML)[:n]) if _plain(b"".join(first)) else None

    def _block_of(self, documents: list[str]) -> PatientBlock | None:
        """The block the page should be: it starts where a block starts, and is no longer."""
        start = _index(documents[0])
        if self.scenario is None or start is None:
            return None
        number, offset = divmod(start, BLOCK_SIZE)
        if offset or len(documents) > BLOCK_SIZE or number >= block_count(self.patients):
            return None
        block = generate_block(self.scenario, self.seed, number, self.patients)
        return block if len(documents) <= block.size else None


def _plain(json: bytes) -> bool:
    return not any(mark in json for mark in _NOT_PLAIN)


def _index(document: str) -> int | None:
    """The index a stored document starts with (the record's first field), if it does."""
    if not document.startswith(_INDEX_PREFIX):
        return None
    end = document.find(",", len(_INDEX_PREFIX))
    digits = document[len(_INDEX_PREFIX) : end]
    return int(digits) if end > 0 and digits.isdigit() else None
