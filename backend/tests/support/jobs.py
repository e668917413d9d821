"""Helpers for job tests: the default scenario, waiting for an outcome, reading rows back."""

from __future__ import annotations

import asyncio
import hashlib
import uuid

import httpx
from sqlalchemy import insert, text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession

from patientgen.exports.ndjson import encode_block
from patientgen.simulation import Scenario, default_scenario, iter_blocks
from patientgen.storage.rows import block_rows
from patientgen.storage.tables import PATIENT_COLUMNS, TERMINAL_STATUSES, PatientRow

TERMINAL = {status.value for status in TERMINAL_STATUSES}


def scenario_json() -> dict:
    return default_scenario().model_dump(mode="json")


async def wait_for_status(
    client: httpx.AsyncClient, job_url: str, headers: dict, *, timeout_s: float = 120
) -> dict:
    deadline = asyncio.get_running_loop().time() + timeout_s
    while True:
        job = (await client.get(job_url, headers=headers)).json()
        if job["status"] in TERMINAL:
            return job
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"job still {job['status']} after {timeout_s}s: {job}")
        await asyncio.sleep(0.1)


async def row_count(engine: AsyncEngine, job_id: str) -> int:
    async with engine.connect() as connection:
        result = await connection.execute(
            text("SELECT count(*) FROM patients WHERE job_id = :id"), {"id": uuid.UUID(job_id)}
        )
        return int(result.scalar_one())


async def stored_ndjson_digest(engine: AsyncEngine, job_id: str) -> tuple[str, list[int]]:
    """sha256 of the stored documents as NDJSON in index order, and the indices present."""
    digest = hashlib.sha256()
    indices: list[int] = []
    async with engine.connect() as connection:
        result = await connection.stream(
            text("SELECT idx, document FROM patients WHERE job_id = :id ORDER BY idx"),
            {"id": uuid.UUID(job_id)},
        )
        async for idx, document in result:
            indices.append(idx)
            digest.update(document.encode() + b"\n")
    return digest.hexdigest(), indices


def offline_records(scenario: dict, patients: int, seed: int) -> list[dict]:
    from patientgen.simulation import Scenario

    blocks = iter_blocks(Scenario.model_validate(scenario), patients, seed)
    return [record for block in blocks for record in block.records()]


def offline_ndjson_digest(scenario: dict, patients: int, seed: int) -> str:
    from patientgen.simulation import Scenario

    digest = hashlib.sha256()
    for block in iter_blocks(Scenario.model_validate(scenario), patients, seed):
        digest.update(encode_block(block))
    return digest.hexdigest()


def patient_rows(
    job_id: uuid.UUID, scenario: Scenario, patients: int, seed: int
) -> list[dict[str, object]]:
    """The rows a job of this scenario, size and seed stores, as column -> value."""
    return [
        dict(zip(PATIENT_COLUMNS, row, strict=True))
        for block in iter_blocks(scenario, patients, seed)
        for row in block_rows(job_id, block)
    ]


async def store_rows(db: AsyncConnection | AsyncSession, rows: list[dict[str, object]]) -> None:
    """Write patient rows straight into the table (no sink, no job bookkeeping)."""
    await db.execute(insert(PatientRow), rows)
