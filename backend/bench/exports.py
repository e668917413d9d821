"""Export and statistics benchmark (issue 5): not a test, a measurement.

    cd backend && .venv/bin/python bench/exports.py [--sizes 100000,1000000]
        [--formats ndjson,fhir-bundle] [--repeat 1] [--no-statistics]
        [--database-url postgresql+asyncpg://…] [--redis-url redis://…]
    # before/after: the same bench against another tree's code (a detached worktree)
    PYTHONPATH=/tmp/exp-before/backend/src .venv/bin/python bench/exports.py …

1. Creates a throwaway PostgreSQL database and fills one completed job per size through the real
   job executor (pipeline + COPY sink).
2. For each (format, size), a fresh subprocess streams the export exactly as the API does
   (`services.exports.export_job`, read page by page from the database) into /dev/null and reports
   patients/s and its own peak RSS — so "flat memory" is RSS(1M) / RSS(100k). NDJSON is always
   measured first, and every format's rate is printed as a ratio to NDJSON's in the same run
   (``--repeat N``: the best of N exports, each in its own subprocess).
3. Statistics latency on the largest job through the real app over ASGI: the first call (cold:
   SQL aggregates) and the second (served from the Redis cache), unfiltered and filtered by
   front; the statistics stored with the finished job; the response's size.
Results go to stdout and bench/results/exports-<timestamp>.json.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import secrets
import subprocess
import sys
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.engine import make_url

from patientgen.cache import create_cache
from patientgen.jobs.events import MemoryEventBus
from patientgen.jobs.execution import JobExecutor
from patientgen.services.keys import issue_key
from patientgen.services.statistics import statistics_to_store
from patientgen.settings import Settings
from patientgen.simulation import default_scenario
from patientgen.storage import migrate
from patientgen.storage.databases import create_database, drop_database
from patientgen.storage.engine import create_engine, create_session_factory
from patientgen.storage.repositories.jobs import JobRepository
from patientgen.storage.tables import JobRecord, JobStatus

RESULTS = Path(__file__).parent / "results"
SEED = 20261128


async def create_bench_database(admin_url: str) -> str:
    return await create_database(admin_url, f"patientgen_bench_{secrets.token_hex(4)}")


async def fill_jobs(url: str, sizes: list[int]) -> tuple[dict[int, str], str]:
    """One completed job per size, made by the real executor. Returns job ids and an admin key."""
    settings = Settings(database_url=url, _env_file=None)
    engine = create_engine(settings)
    await migrate.upgrade(engine)
    sessions = create_session_factory(engine)
    cache = create_cache("", prefix="bench:", default_ttl_s=60)
    executor = JobExecutor(engine, sessions, MemoryEventBus(), cache, "bench", 3600)
    async with sessions() as session, session.begin():
        key = await issue_key(session, name="bench", is_admin=True)
    scenario = default_scenario().model_dump(mode="json")
    jobs = {}
    for size in sizes:
        async with sessions() as session, session.begin():
            job = await JobRepository(session).add(
                JobRecord(
                    owner_key_id=key.record.id,
                    scenario_snapshot=scenario,
                    seed=SEED,
                    patients=size,
                    batch_size=5_000,
                    status=JobStatus.QUEUED,
                )
            )
        started = time.perf_counter()
        await executor.execute(job.id)
        print(f"  filled {size:>9,} patients in {time.perf_counter() - started:6.1f} s", flush=True)
        jobs[size] = str(job.id)
    await engine.dispose()
    return jobs, key.plaintext


async def _export_once(url: str, job_id: str, fmt: str) -> dict:
    from patientgen.exports import xlsx
    from patientgen.exports.formats import Archive, ExportFormat
    from patientgen.services.exports import ensure_fits, export_job

    engine = create_engine(Settings(database_url=url, _env_file=None))
    async with create_session_factory(engine)() as session:
        job = await JobRepository(session).get(uuid.UUID(job_id))
    export_format = ExportFormat(fmt)
    # several files (fhir-ndjson, parquet) come as a ZIP, as the API gives them
    archive = Archive.ZIP if export_format.multi_file else Archive.NONE
    started = time.perf_counter()
    try:
        await ensure_fits(
            engine, job, export_format
        )  # xlsx: the row-limit pass the API makes first
    except xlsx.RowLimitError as refused:  # the API answers 422: there is no rate to report
        await engine.dispose()
        return {"refused": str(refused), "seconds": time.perf_counter() - started}
    size = 0  # the bytes are counted and dropped, as a fast client would
    async for chunk in export_job(engine, job, export_format, archive).chunks:
        size += len(chunk)
    elapsed = time.perf_counter() - started
    await engine.dispose()
    return {
        "patients_per_s": job.generated / elapsed,
        "seconds": elapsed,
        "bytes": size,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def measure_export(url: str, job_id: str, fmt: str) -> dict:
    code = (
        "import asyncio, json, sys; sys.path.insert(0, 'bench'); import exports; "
        f"print(json.dumps(asyncio.run(exports._export_once({url!r}, {job_id!r}, {fmt!r}))))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=Path.cwd()
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


async def measure_statistics(url: str, redis_url: str, job_id: str, key: str) -> dict:
    import httpx

    from patientgen.app import create_app

    settings = Settings(
        database_url=url,
        redis_url=redis_url,
        cache_prefix=f"bench-{secrets.token_hex(3)}:",
        _env_file=None,
    )
    app = create_app(settings)
    transport = httpx.ASGITransport(app=app)
    timings = []
    stored_timings = []
    filtered_timings = []
    headers = {"X-API-Key": key}
    path = f"/api/v1/jobs/{job_id}/statistics"
    front = default_scenario().fronts[0].name
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=transport, base_url="http://bench") as client,
    ):
        # The jobs were filled without storing statistics: the first call computes them live
        # (cold), the next ones come from the cache.
        for _ in range(3):
            started = time.perf_counter()
            response = await client.get(path, headers=headers)
            response.raise_for_status()
            timings.append(time.perf_counter() - started)
        size = len(response.content)
        for _ in range(3):
            started = time.perf_counter()
            filtered = await client.get(path, params={"front": front}, headers=headers)
            filtered.raise_for_status()
            filtered_timings.append(time.perf_counter() - started)
        # What a finished job normally has: statistics stored with it when it ended.
        state = app.state.patientgen
        async with state.sessions() as session, session.begin():
            job = await JobRepository(session).get(uuid.UUID(job_id))
            await JobRepository(session).store_statistics(
                job.id, await statistics_to_store(session, job)
            )
        await state.cache.invalidate_prefix("")
        for _ in range(3):
            started = time.perf_counter()
            (await client.get(path, headers=headers)).raise_for_status()
            stored_timings.append(time.perf_counter() - started)
        await state.cache.invalidate_prefix("")
    return {
        "cold_s": timings[0],
        "cached_s": min(timings[1:]),
        "speedup": timings[0] / min(timings[1:]),
        "stored_first_s": stored_timings[0],
        "stored_s": min(stored_timings),
        "filtered_cold_s": filtered_timings[0],
        "filtered_cached_s": min(filtered_timings[1:]),
        "response_bytes": size,
        "filtered_response_bytes": len(filtered.content),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100000,1000000")
    parser.add_argument("--formats", default="ndjson,fhir-bundle")
    parser.add_argument("--repeat", type=int, default=1, help="best of N exports per case")
    parser.add_argument(
        "--database-url",
        default=os.environ.get(
            "PATIENTGEN_TEST_DATABASE_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres"
        ),
    )
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/0")
    parser.add_argument("--no-statistics", action="store_true", help="measure the exports only")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    # NDJSON first: the other formats are reported as a ratio to it
    formats = ["ndjson", *(f for f in args.formats.split(",") if f != "ndjson")]

    url = asyncio.run(create_bench_database(args.database_url))
    try:
        print("filling jobs through the real pipeline…", flush=True)
        jobs, key = asyncio.run(fill_jobs(url, sizes))
        results: dict = {"exports": {}, "statistics": None, "repeat": args.repeat}
        print(
            f"\n{'format':<12} {'patients':>10} {'patients/s':>12} {'x ndjson':>9} {'MB':>9} "
            f"{'peak RSS MB':>12}"
        )
        for fmt in formats:
            for size in sizes:
                runs = [measure_export(url, jobs[size], fmt) for _ in range(args.repeat)]
                if "refused" in runs[0]:
                    results["exports"][f"{fmt}@{size}"] = runs[0]
                    print(f"{fmt:<12} {size:>10,}   refused: {runs[0]['refused']}", flush=True)
                    continue
                r = max(runs, key=lambda run: run["patients_per_s"])
                r["runs_patients_per_s"] = [run["patients_per_s"] for run in runs]
                results["exports"][f"{fmt}@{size}"] = r
                # the ratio to NDJSON of the same job in this run (when it is measured too)
                base = results["exports"].get(f"ndjson@{size}")
                r["ratio_to_ndjson"] = base and r["patients_per_s"] / base["patients_per_s"]
                ratio = f"{r['ratio_to_ndjson']:.3f}" if base else "-"
                print(
                    f"{fmt:<12} {size:>10,} {r['patients_per_s']:>12,.0f} {ratio:>9} "
                    f"{r['bytes'] / 1e6:>9,.1f} {r['peak_rss_mb']:>12,.1f}",
                    flush=True,
                )
            if len(sizes) > 1 and all(
                "refused" not in results["exports"][f"{fmt}@{n}"] for n in (sizes[0], sizes[-1])
            ):
                small, large = (
                    results["exports"][f"{fmt}@{sizes[0]}"],
                    results["exports"][f"{fmt}@{sizes[-1]}"],
                )
                ratio = large["peak_rss_mb"] / small["peak_rss_mb"]
                print(f"{'':<12} RSS({sizes[-1]:,}) / RSS({sizes[0]:,}) = {ratio:.2f}")
        if not args.no_statistics:
            stats = asyncio.run(measure_statistics(url, args.redis_url, jobs[sizes[-1]], key))
            results["statistics"] = {"patients": sizes[-1], **stats}
            print(
                f"\nstatistics on {sizes[-1]:,} patients: computed live (cold) "
                f"{stats['cold_s'] * 1000:,.0f} ms, cached {stats['cached_s'] * 1000:,.1f} ms "
                f"({stats['speedup']:,.0f}x); stored with the finished job: first read "
                f"{stats['stored_first_s'] * 1000:,.1f} ms, "
                f"then {stats['stored_s'] * 1000:,.1f} ms; "
                f"filtered by one front: cold {stats['filtered_cold_s'] * 1000:,.0f} ms, cached "
                f"{stats['filtered_cached_s'] * 1000:,.1f} ms; response "
                f"{stats['response_bytes'] / 1024:,.0f} KB "
                f"({stats['filtered_response_bytes'] / 1024:,.0f} KB filtered)"
            )
        RESULTS.mkdir(exist_ok=True)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        (RESULTS / f"exports-{stamp}.json").write_text(json.dumps(results, indent=2))
    finally:
        asyncio.run(drop_database(args.database_url, make_url(url).database))


if __name__ == "__main__":
    main()
