"""A job's XML from its blocks: regenerated, checked against the stored documents, written
column by column.

Parsing a stored document and writing its ~125 values one by one is most of what an XML
export costs. A job's patients are a pure function of its scenario, seed and size, a block
(simulation.BLOCK_SIZE patients) at a time, so the export regenerates each block and writes
its XML with the block writers (xml_layout.XML) in one pass. It uses that text only where the
block's JSON lines are the stored documents, byte for byte, and no value needs escaping;
anywhere else (a job made by another version of the generator, a value with ``&``) the
documents are parsed and written as before, and once a block does not match, the rest is
too. The two paths write the same bytes (tests/exports/test_xml_blocks.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import orjson

from patientgen.exports.xml_layout import XML
from patientgen.simulation import BLOCK_SIZE, Scenario, block_count, generate_block
from patientgen.simulation.documents import lines

# In a block's JSON, what marks a value the XML must escape or clean: a JSON escape (a quote,
# a control character), markup, or a non-character XML cannot carry.
_NOT_PLAIN = (b"\\", b"&", b"<", b">", "\ufffe".encode(), "\uffff".encode())
_INDEX_PREFIX = '{"index":'


class _Block:
    __slots__ = ("json", "xml")

    def __init__(self, json: list[bytes], xml: list[bytes] | None) -> None:
        self.json = json
        self.xml = xml  # None: some value needs escaping (its patients are parsed)


class BlockWriter:
    """``decode`` for an XML export of a whole job, in index order: each page of stored
    documents -> the XML of the patients it could check (one ``bytes``) and the records of the
    others."""

    def __init__(self, scenario: Scenario | None, seed: int, patients: int) -> None:
        """``scenario`` None: the job's cannot be read (every document is parsed)."""
        self.scenario, self.seed, self.patients = scenario, seed, patients
        self.matching = scenario is not None  # false once a block differs from what is stored
        self._cached: tuple[int, _Block] | None = None

    def decode(self, documents: list[str]) -> Iterator[Any]:
        start = _index(documents[0]) if documents and self.matching else None
        if start is None:
            yield from map(orjson.loads, documents)
            return
        done = 0
        while done < len(documents):
            number, offset = divmod(start + done, BLOCK_SIZE)
            block = self._block(number)
            take = min(len(documents) - done, len(block.json) - offset) if block else 0
            page = documents[done : done + take]
            if take <= 0 or not self._stored(block, offset, page):
                self.matching = False
                yield from map(orjson.loads, documents[done:])
                return
            assert block is not None
            if block.xml is None:
                yield from map(orjson.loads, page)
            else:
                yield b"".join(block.xml[offset : offset + take])
            done += take

    def _stored(self, block: _Block | None, offset: int, page: list[str]) -> bool:
        """The block's lines from ``offset`` on are these documents."""
        if block is None:
            return False
        written = b"\n".join(block.json[offset : offset + len(page)])
        return written == "\n".join(page).encode()

    def _block(self, number: int) -> _Block | None:
        if self._cached is not None and self._cached[0] == number:
            return self._cached[1]
        if self.scenario is None or number >= block_count(self.patients):
            return None
        b = generate_block(self.scenario, self.seed, number, self.patients)
        json = lines(b)
        every = b"\n".join(json)
        plain = not any(mark in every for mark in _NOT_PLAIN)
        block = _Block(json, lines(b, XML) if plain else None)
        self._cached = (number, block)
        return block


def _index(document: str) -> int | None:
    """The index a stored document starts with (the record's first field), if it does."""
    if not document.startswith(_INDEX_PREFIX):
        return None
    end = document.find(",", len(_INDEX_PREFIX))
    digits = document[len(_INDEX_PREFIX) : end]
    return int(digits) if end > 0 and digits.isdigit() else None
