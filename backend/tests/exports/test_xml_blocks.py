"""XML from regenerated blocks (xml_blocks.py): the bytes of the parse-and-write path, and that
path wherever the stored documents are not what the blocks give."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import orjson
import pytest

from patientgen.exports import xml, xml_blocks
from patientgen.exports.xml_blocks import BlockWriter
from patientgen.exports.xml_layout import XML
from patientgen.simulation import BLOCK_SIZE, Scenario, get_preset, iter_blocks
from patientgen.simulation.layout import leaves, record_glue
from tests.support.samples import PRESETS, readable_service_numbers

SEED = 20240611
PAGE = BlockWriter.page_size  # services.exports reads pages of one block each


def _documents(scenario: Scenario, patients: int) -> list[str]:
    return [d for block in iter_blocks(scenario, patients, SEED) for d in block.documents()]


def _pages(documents: list[str], size: int = PAGE) -> Iterator[list[str]]:
    for start in range(0, len(documents), size):
        yield documents[start : start + size]


def _through(
    writer: BlockWriter, documents: list[str], size: int = PAGE
) -> tuple[bytes, list[Any]]:
    """The document the export writes, and what the writer handed the encoder."""
    handed = [part for page in _pages(documents, size) for part in writer.decode(page)]
    return b"".join(xml.encode(handed)), handed


def _parsed(documents: list[str]) -> bytes:
    return b"".join(xml.encode(map(orjson.loads, documents)))


def test_the_xml_holes_are_the_json_holes_in_the_same_order() -> None:
    _glue, holes = record_glue(XML)
    assert holes == leaves()


@pytest.mark.parametrize("preset", PRESETS)
def test_blocks_write_the_bytes_of_the_parsed_documents(preset: str) -> None:
    scenario = get_preset(preset)
    patients = BLOCK_SIZE + 700  # a whole block, then part of one
    documents = _documents(scenario, patients)
    data, handed = _through(BlockWriter(scenario, SEED, patients), documents)
    assert data == _parsed(documents)
    # every patient came from the blocks: nothing was parsed
    assert all(type(part) is bytes for part in handed)
    assert data.count(b"<patient ") == patients


def test_pages_that_are_not_blocks_are_parsed() -> None:
    scenario = get_preset(PRESETS[3])
    documents = _documents(scenario, 2_500)
    writer = BlockWriter(scenario, SEED, 2_500)
    data, handed = _through(writer, documents, size=1_000)
    assert data == _parsed(documents)
    # the first page starts a block (it could be a stopped job's last): the next does not
    assert type(handed[0]) is bytes
    assert all(type(part) is dict for part in handed[1:])
    assert len(handed) == 1 + 1_500
    assert not writer.matching


def test_a_job_that_stopped_early_is_written_from_its_blocks() -> None:
    scenario = get_preset(PRESETS[0])
    patients = 3 * BLOCK_SIZE
    stored = _documents(scenario, patients)[: BLOCK_SIZE + 10]  # cancelled after 2,058
    data, handed = _through(BlockWriter(scenario, SEED, patients), stored)
    assert data == _parsed(stored)
    assert all(type(part) is bytes for part in handed)


def test_documents_that_differ_from_the_blocks_are_parsed() -> None:
    scenario = get_preset(PRESETS[1])
    patients = 2 * BLOCK_SIZE
    documents = _documents(scenario, patients)
    at = BLOCK_SIZE + 5
    changed = orjson.loads(documents[at])
    changed["front"] = "Edited"
    documents[at] = orjson.dumps(changed).decode()
    writer = BlockWriter(scenario, SEED, patients)
    data, handed = _through(writer, documents)
    assert data == _parsed(documents)
    assert b"<front>Edited</front>" in data
    assert not writer.matching  # the rest of the export is parsed, not regenerated again
    records = [part for part in handed if type(part) is dict]
    assert records[0]["index"] <= at <= records[-1]["index"] == patients - 1


def test_another_seed_or_size_is_never_taken_for_the_stored_job() -> None:
    scenario = get_preset(PRESETS[2])
    documents = _documents(scenario, 1_500)
    for writer in (BlockWriter(scenario, SEED + 1, 1_500), BlockWriter(None, SEED, 1_500)):
        data, handed = _through(writer, documents)
        assert data == _parsed(documents)
        assert all(type(part) is dict for part in handed)


@pytest.mark.parametrize(
    ("name", "written"),
    [
        ('North & "Sea" <1>', b'<front>North &amp; "Sea" &lt;1&gt;</front>'),
        ("North\ufffeSea", "<front>North\ufffdSea</front>".encode()),
    ],
)
def test_values_that_need_escaping_take_the_escaping_writer(name: str, written: bytes) -> None:
    definition = get_preset(PRESETS[0]).model_dump(mode="json")
    old, new = definition["fronts"][0]["name"], name
    definition["fronts"][0]["name"] = new
    for event in definition["special_events"]:
        event["front"] = new if event.get("front") == old else event.get("front")
    scenario = Scenario.model_validate(definition)
    documents = _documents(scenario, 1_200)
    data, handed = _through(BlockWriter(scenario, SEED, 1_200), documents)
    assert data == _parsed(documents)
    assert written in data
    assert all(type(part) is dict for part in handed)


def test_service_numbers_of_the_readable_path_are_written_alike(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    readable_service_numbers(monkeypatch)
    scenario = get_preset(PRESETS[0])
    documents = _documents(scenario, 600)
    data, handed = _through(BlockWriter(scenario, SEED, 600), documents)
    assert data == _parsed(documents)
    assert all(type(part) is bytes for part in handed)


def test_a_block_that_cannot_be_made_leaves_the_documents_to_the_parser(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    scenario = get_preset(PRESETS[4])
    documents = _documents(scenario, 300)

    def broken(*_args: Any) -> None:
        raise ValueError("a vital sign outside the range the record text covers")

    monkeypatch.setattr(xml_blocks, "generate_block", broken)
    writer = BlockWriter(scenario, SEED, 300)
    data, handed = _through(writer, documents)
    assert data == _parsed(documents)
    assert all(type(part) is dict for part in handed)
    assert not writer.matching
