"""XML from regenerated blocks (xml_blocks.py): the bytes of the parse-and-write path, and that
path wherever the stored documents are not what the blocks give."""

from __future__ import annotations

import hashlib
from typing import Any

import orjson
import pytest

from patientgen.exports import xml, xml_blocks
from patientgen.exports.xml_blocks import BlockWriter, StoredBlock
from patientgen.exports.xml_layout import XML
from patientgen.simulation import BLOCK_SIZE, Scenario, get_preset, iter_blocks
from patientgen.simulation.layout import leaves, record_glue
from tests.support.samples import PRESETS, readable_service_numbers, with_front_name

SEED = 20240611


def _documents(scenario: Scenario, patients: int) -> list[str]:
    return [d for block in iter_blocks(scenario, patients, SEED) for d in block.documents()]


def stored_block(documents: dict[int, str], start: int, stop: int) -> StoredBlock:
    """What the database would say of the documents (by index) in ``start:stop``
    (storage.repositories.patients.documents_digest, tested against it on PostgreSQL)."""
    held = [documents[i] for i in sorted(documents) if start <= i < stop]
    indices = [i for i in sorted(documents) if start <= i < stop]
    digest = hashlib.sha256("".join(d + "\n" for d in held).encode()).digest()
    return StoredBlock(
        start,
        stop,
        len(held),
        indices[0] if held else None,
        indices[-1] if held else None,
        digest if held else None,
        lambda: held,
    )


def _through(
    writer: BlockWriter, documents: list[str] | dict[int, str], patients: int | None = None
) -> tuple[bytes, list[Any]]:
    """The document the export writes, and what the writer handed the encoder
    (services.exports hands it each block's StoredBlock while they match, then documents)."""
    by_index = documents if isinstance(documents, dict) else dict(enumerate(documents))
    total = patients if patients is not None else writer.patients
    handed: list[Any] = []
    for start in range(0, total, BLOCK_SIZE):
        stop = min(start + BLOCK_SIZE, total)
        if writer.matching:
            page: Any = stored_block(by_index, start, stop)
        else:
            page = [by_index[i] for i in sorted(by_index) if start <= i < stop]
        handed += writer.decode(page)
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


@pytest.mark.parametrize("missing", [0, 10])
def test_a_block_with_an_index_missing_is_parsed(missing: int) -> None:
    # (one missing at the end is a job stopped there: its first patients are a block's)
    scenario = get_preset(PRESETS[3])
    patients = BLOCK_SIZE + 300
    documents = dict(enumerate(_documents(scenario, patients)))
    del documents[missing]
    writer = BlockWriter(scenario, SEED, patients)
    data, handed = _through(writer, documents)
    assert data == _parsed(list(documents.values()))
    assert all(type(part) is dict for part in handed)
    assert len(handed) == patients - 1
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
    patients = 2 * BLOCK_SIZE + 100
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
    scenario = with_front_name(get_preset(PRESETS[0]), name)
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
