"""Embedded-database benchmark (issue 12): not a test, a measurement.

    cd backend && .venv/bin/python bench/sqlite_sink.py [--patients 200000] [--repeat 3]

Three cases, each in a fresh subprocess and a fresh SQLite file (WAL, synchronous=NORMAL, the
migrated schema), the same scenario and seed, 2,048 patients per transaction:

  ceiling  the stdlib `sqlite3` driver's `executemany` of rows already built in memory (off
           the clock), in the shape the patients table stores: the database's own speed
  sink     our SqliteSink writing the same rows, built ahead off the clock (the sink's cost)
  api      a job through the real API on the embedded default (POST /jobs, then its event
           stream until the terminal event, as the web UI follows a job): what a user gets,
           generation and progress events included; after an untimed one-block job of
           another seed, as a server has run a job before (imports, scenario tables, a
           PATIENTGEN_GENERATION=process worker spawned)

Prints patients/s (best of --repeat) and each case's ratio to the ceiling.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

BATCH = 2_048
SEED = 20261202


def _rows(patients: int, job_id: uuid.UUID) -> list[list[tuple]]:
    from patientgen.simulation import default_scenario, iter_blocks
    from patientgen.storage.rows import block_rows

    return [block_rows(job_id, block) for block in iter_blocks(default_scenario(), patients, SEED)]


async def _migrated(data_dir: str):
    from patientgen.settings import Settings
    from patientgen.storage import migrate
    from patientgen.storage.engine import create_engine

    engine = create_engine(Settings(data_dir=data_dir, _env_file=None))
    await migrate.upgrade(engine)
    return engine


async def _job_row(engine, patients: int) -> uuid.UUID:
    from patientgen.services.keys import issue_key
    from patientgen.storage.engine import create_session_factory
    from patientgen.storage.tables import JobRecord, JobStatus

    async with create_session_factory(engine)() as session, session.begin():
        key = await issue_key(session, name="bench", is_admin=True)
        job = JobRecord(
            owner_key_id=key.record.id, scenario_snapshot={}, seed=SEED, patients=patients,
            batch_size=BATCH, status=JobStatus.RUNNING, runner_id="bench",
        )  # fmt: skip
        session.add(job)
        await session.flush()
        return job.id


def case_ceiling(patients: int, data_dir: str) -> float:
    from patientgen.storage.tables import PATIENT_COLUMNS

    engine = asyncio.run(_migrated(data_dir))
    asyncio.run(engine.dispose())
    job_id = uuid.uuid4()
    # The values as SQLite stores them (what the ORM would bind): text ids and timestamps.
    batches = [
        [
            (job_id.hex, *row[1:8], row[8].strftime("%Y-%m-%d %H:%M:%S.%f"), *row[9:])
            for row in block
        ]
        for block in _rows(patients, job_id)
    ]
    db = sqlite3.connect(Path(data_dir) / "patientgen.db", isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    marks = ",".join("?" * len(PATIENT_COLUMNS))
    sql = f"INSERT INTO patients ({','.join(PATIENT_COLUMNS)}) VALUES ({marks})"  # noqa: S608
    started = time.perf_counter()
    for rows in batches:
        db.execute("BEGIN")
        db.executemany(sql, rows)
        db.execute("UPDATE jobs SET generated = generated WHERE id = ?", (job_id.hex,))
        db.execute("COMMIT")
    elapsed = time.perf_counter() - started
    db.close()
    return patients / elapsed


def case_sink(patients: int, data_dir: str) -> float:
    from patientgen.simulation import default_scenario, iter_blocks
    from patientgen.storage.patient_sink import open_sqlite_sink
    from patientgen.storage.rows import block_sqlite_rows

    async def main() -> float:
        engine = await _migrated(data_dir)
        job_id = await _job_row(engine, patients)
        blocks = iter_blocks(default_scenario(), patients, SEED)
        batches = [block_sqlite_rows(job_id, block) for block in blocks]
        generated = 0
        async with open_sqlite_sink(engine, job_id, "bench") as sink:
            started = time.perf_counter()
            for number, rows in enumerate(batches, 1):
                generated += len(rows)
                await sink.write_batch([rows], generated=generated, batches=number)
            elapsed = time.perf_counter() - started
        await engine.dispose()
        return patients / elapsed

    return asyncio.run(main())


def case_api(patients: int, data_dir: str) -> float:
    import httpx

    from patientgen.app import create_app
    from patientgen.services.keys import issue_key
    from patientgen.settings import Settings
    from patientgen.simulation import default_scenario

    async def main() -> float:
        app = create_app(Settings(data_dir=data_dir, _env_file=None))
        async with app.router.lifespan_context(app):
            async with app.state.patientgen.sessions() as session, session.begin():
                key = {"X-API-Key": (await issue_key(session, name="b", is_admin=True)).plaintext}
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
                scenario = default_scenario().model_dump(mode="json")

                async def job(patients: int, seed: int) -> float:
                    body = {"scenario": scenario, "patients": patients, "seed": seed,
                            "batch_size": BATCH}  # fmt: skip
                    started = time.perf_counter()
                    posted = await client.post("/api/v1/jobs", json=body, headers=key)
                    url = f"/api/v1/jobs/{posted.json()['id']}"
                    # Watched as the web UI watches it, on the job's event stream (ASGITransport
                    # hands the body over when the stream closes: at the terminal event).
                    events = await client.get(f"{url}/events", headers=key)
                    elapsed = time.perf_counter() - started
                    state = (await client.get(url, headers=key)).json()
                    assert "event: completed" in events.text, events.text[-500:]
                    assert (state["status"], state["generated"]) == ("completed", patients), state
                    return elapsed

                # Warm-up, off the clock: one block of another seed, as a server has run a job
                # before (imports, scenario tables, a generation process started).
                await job(BATCH, SEED + 1)
                elapsed = await job(patients, SEED)
        return patients / elapsed

    return asyncio.run(main())


CASES = {"ceiling": case_ceiling, "sink": case_sink, "api": case_api}


def run_case(name: str, patients: int) -> float:
    with tempfile.TemporaryDirectory() as data_dir:
        code = (
            "import sys; sys.path.insert(0, 'bench'); import sqlite_sink as s; "
            f"print(s.CASES[{name!r}]({patients}, {data_dir!r}))"
        )
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        return float(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--patients", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--cases", default="ceiling,sink,api")
    args = parser.parse_args()
    best: dict[str, float] = {}
    for _ in range(args.repeat):
        for name in args.cases.split(","):  # interleaved: machine noise hits every case alike
            best[name] = max(best.get(name, 0.0), run_case(name, args.patients))
    ceiling = best.get("ceiling")
    print(f"{'case':<9} {'patients/s':>11} {'/ ceiling':>10}")
    for name, rate in best.items():
        ratio = f"{rate / ceiling:>10.2f}" if ceiling else ""
        print(f"{name:<9} {rate:>11,.0f} {ratio}")
    print(json.dumps({"patients": args.patients, "best": best}))


if __name__ == "__main__":
    main()
