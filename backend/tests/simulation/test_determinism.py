"""Same scenario + seed -> identical NDJSON bytes whatever the batching; other seeds differ."""

from __future__ import annotations

import uuid

import pytest

from patientgen.exports.ndjson import encode_block
from patientgen.simulation import (
    BLOCK_SIZE,
    Scenario,
    block_count,
    generate_block,
    generate_blocks,
    iter_blocks,
)
from patientgen.simulation.identity import ID_NAMESPACE

TOTAL = 3 * BLOCK_SIZE + 123  # last block short


def _ndjson(scenario: Scenario, seed: int, order: list[int]) -> bytes:
    parts = {b: encode_block(generate_block(scenario, seed, b, TOTAL)) for b in order}
    return b"".join(parts[b] for b in sorted(parts))


def test_block_layout(default: Scenario) -> None:
    blocks = list(iter_blocks(default, TOTAL, 1))
    assert [b.size for b in blocks] == [BLOCK_SIZE] * 3 + [123]
    assert [b.start_index for b in blocks] == [0, BLOCK_SIZE, 2 * BLOCK_SIZE, 3 * BLOCK_SIZE]
    assert block_count(TOTAL) == 4


def test_identical_bytes_whatever_the_split(default: Scenario) -> None:
    whole = b"".join(encode_block(b) for b in iter_blocks(default, TOTAL, 99))
    # "workers" generating blocks out of order, and a resume from block 2
    assert _ndjson(default, 99, [3, 1, 0, 2]) == whole
    resumed = b"".join(encode_block(b) for b in iter_blocks(default, TOTAL, 99, start_block=2))
    assert whole.endswith(resumed)
    lines = whole.splitlines()
    assert len(lines) == TOTAL
    # any batch size just regroups the same lines
    for batch in (1, 500, 5000):
        regrouped = b"".join(
            b"\n".join(lines[i : i + batch]) + b"\n" for i in range(0, TOTAL, batch)
        )
        assert regrouped == whole


def test_other_seed_differs(default: Scenario) -> None:
    a = encode_block(generate_block(default, 1, 0, TOTAL))
    b = encode_block(generate_block(default, 2, 0, TOTAL))
    assert a != b
    assert a == encode_block(generate_block(default, 1, 0, TOTAL))


def test_ids_derive_from_seed_and_index(default: Scenario) -> None:
    recs = generate_block(default, 5, 1, TOTAL).records()
    assert [r["index"] for r in recs] == list(range(BLOCK_SIZE, 2 * BLOCK_SIZE))
    ids = [r["id"] for r in recs]
    assert len(set(ids)) == len(ids)
    assert all(uuid.UUID(i).version == 5 for i in ids)
    assert ids[0] == str(uuid.uuid5(ID_NAMESPACE, f"5:{BLOCK_SIZE}"))
    again = generate_block(default, 5, 1, TOTAL).records()
    assert ids == [r["id"] for r in again]
    other = generate_block(default, 6, 1, TOTAL).records()
    assert not set(ids) & {r["id"] for r in other}


async def test_async_generator_matches_sync(default: Scenario) -> None:
    sync = [encode_block(b) for b in iter_blocks(default, TOTAL, 3)]
    got = [encode_block(b) async for b in generate_blocks(default, TOTAL, 3)]
    assert got == sync


def test_rejects_bad_arguments(default: Scenario) -> None:
    with pytest.raises(ValueError, match="seed"):
        generate_block(default, -1, 0, 10)
    with pytest.raises(ValueError, match="outside"):
        generate_block(default, 1, 1, BLOCK_SIZE)
