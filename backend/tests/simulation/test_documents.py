"""The fast path (documents.py) against the readable one (records.py), byte for byte."""

from __future__ import annotations

import hashlib
import threading
from datetime import datetime

import numpy as np
import orjson
import pytest
from tests.support.samples import readable_service_numbers

from patientgen.exports.ndjson import encode_block, encode_records
from patientgen.simulation import (
    BLOCK_SIZE,
    Scenario,
    care,
    generate_block,
    get_preset,
    iter_blocks,
    list_presets,
    text,
)
from patientgen.simulation import documents as docs
from patientgen.simulation.reference.nations import NATION_CODES
from patientgen.storage.rows import flow_columns

PRESETS = [p["id"] for p in list_presets()]

# sha256 of the NDJSON of 5,000 patients per preset and seed (SEEDS), captured from the dict-based
# path (records() + orjson) before the fast path existed: the bytes must never change by
# accident. A deliberate change of the record updates these digests in the same commit.
SEEDS = (1, 20240601)
GOLDEN = {
    "large_scale_conventional": (
        "53ce4310467d8235dc6c9f14740da20090cedb40c86e8260e68987e3dbaf8bb8",
        "32365878f8fffebe9d20a31fea72b02cdb70032f4678e698f225d9cbeaea7486",
    ),
    "peacekeeping": (
        "c0582eb750c84fe46f0966eda8bc489de6fde53a5e45af4ddad823ce7874a2c8",
        "07cff958e6d677948e792bc14e3ad7ed40a8ac383081d027b406517c0b91f58c",
    ),
    "cbrn": (
        "46faa1db0f9e88835fab171ef51d2eb952ae32b820b068164e74cbbde1a87463",
        "36f4b68f0069d0945f2368b657501f9952f8d337dbb345f935344c31959b1a87",
    ),
    "urban": (
        "88a7d5fe69cdc305f793750841d2e93dc576af51610ae9efe4cd640ba128db60",
        "11c2c8a84d42160191a14a53a87b2f0d3ef5982cf24e98c6c4f91b1b83fc19e9",
    ),
    "amphibious": (
        "c124621c7c75b0fddab34ad2fab0a8dcd4d3a764a8eb5c919b8b7c8ae037d6de",
        "991132f2105252f17bbce180899cf677566c2920c84b048ffa3be5fcb1ea1693",
    ),
    "training": (
        "9f66783791e1da6ea6ef761d9217d95ffb39f9d8bad32b913ef6aab9610cbde1",
        "3a692928b4bd8f37b77771fca3eaf83a4d15bc220e178352f5343b12f2c0875c",
    ),
}


def _reference(block) -> list[bytes]:
    return [orjson.dumps(r) for r in block.records()]


def _assert_same(got: list[bytes], want: list[bytes]) -> None:
    assert len(got) == len(want)
    for i, (g, w) in enumerate(zip(got, want, strict=True)):
        assert g == w, f"patient {i}:\n{g[:4000]!r}\n!=\n{w[:4000]!r}"


@pytest.mark.parametrize("preset", PRESETS)
def test_golden_digests(preset: str) -> None:
    scenario = get_preset(preset)
    for seed, want in zip(SEEDS, GOLDEN[preset], strict=True):
        digest = hashlib.sha256()
        for block in iter_blocks(scenario, 5000, seed):
            digest.update(encode_block(block))
        assert digest.hexdigest() == want, (preset, seed)


@pytest.mark.parametrize("preset", PRESETS)
def test_documents_are_the_records_byte_for_byte(preset: str) -> None:
    scenario = get_preset(preset)
    for seed in (3, 77, 2024):
        # a whole job of 3 full blocks and a short one, and a block past index 9,999
        blocks = [*iter_blocks(scenario, 3 * BLOCK_SIZE + 300, seed)]
        blocks.append(generate_block(scenario, seed, 4, 12_000))
        for block in blocks:
            want = _reference(block)
            _assert_same(docs.lines(block), want)
            assert block.documents() == [w.decode() for w in want]
            assert block.ndjson() == encode_records(block.records())


@pytest.mark.parametrize("preset", PRESETS)
def test_flow_rows_equal_flow_columns(preset: str) -> None:
    scenario = get_preset(preset)
    for seed in (5, 6):
        for block in iter_blocks(scenario, 2 * BLOCK_SIZE + 99, seed):
            rows = block.flow_rows()
            recs = block.records()
            assert len(rows) == len(recs)
            for row, rec, t0 in zip(rows, recs, block.injury_time.tolist(), strict=True):
                assert int(datetime.fromisoformat(rec["injury_time"]).timestamp()) == t0
                assert row == flow_columns(rec, t0), rec["index"]


def test_flow_rows_cover_every_path(default: Scenario) -> None:
    rows = [r for b in iter_blocks(default, 3 * BLOCK_SIZE, 9) for r in b.flow_rows()]
    paths = {r[0] for r in rows}
    assert "POI" in paths
    assert any(p.count(">") >= 3 for p in paths)
    assert any(r[1] is None for r in rows)
    assert any(r[1] is not None for r in rows)
    assert all(isinstance(v, int) or v is None for r in rows for v in r[1:])


def test_slow_path_for_initials_that_are_not_plain_ascii(
    default: Scenario, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A family name starting with e.g. "Ö" takes identity.service_number()."""
    readable_service_numbers(monkeypatch)
    block = generate_block(default, 8, 0, BLOCK_SIZE)
    assert (block.nationality == NATION_CODES.index("DEU")).any()
    _assert_same(docs.lines(block), _reference(block))


def test_number_text_beyond_the_tables() -> None:
    affixes = ((b"<", b">"), (b"[", b"]"))
    values = np.array([0, 5, 1023, 1024, 98765, 7])
    variant = np.array([0, 1, 0, 1, 0, 1])
    got = text.ints(values, affixes, variant).tolist()
    assert got == [b"<0>", b"[5]", b"<1023>", b"[1024]", b"<98765>", b"[7]"]
    floats = np.array([37.0, 36.6, 40.1, 37.0, 1e16, 0.1 + 0.2])
    assert text.floats(floats).tolist() == [orjson.dumps(float(x)) for x in floats]
    assert text.ints(np.array([], dtype=np.int64)).tolist() == []


def test_profiles_are_thread_safe(monkeypatch: pytest.MonkeyPatch) -> None:
    """Blocks made on several threads at once (fresh profile tables) match serial ones."""
    blocks = [
        generate_block(get_preset(p), s, b, 3 * BLOCK_SIZE)
        for p in PRESETS
        for s in (1, 2)
        for b in (0, 2)
    ]
    monkeypatch.setattr(care, "PLANS", care.Plans())
    results: dict[int, list[bytes]] = {}

    def work(k: int) -> None:
        for i in range(k, len(blocks), 4):
            results[i] = docs.lines(blocks[i])

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for i, block in enumerate(blocks):
        assert results[i] == _reference(block)
