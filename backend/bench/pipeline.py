"""Pipeline benchmark: how close the async pipeline gets to the database's own COPY speed.

Four modes, all in one run, all writing the same rows (same scenario, seed and patient count) into
the same empty `patients` table of a throwaway database, one transaction per batch:

  (a) raw COPY ceiling - rows made in memory first (not timed), then timed: only the writes,
      `PostgresCopySink.write_batch` per pre-sliced batch (COPY + the job counter UPDATE, i.e.
      exactly the database work (b) and (c) do, with zero generation cost);
  (b) async pipeline end to end - PatientGenerationPipeline + PostgresCopySink from open_sink(),
      generation and row building (where `--generation` says, as the server does),
      and COPY, no-op on_progress;
  (c) thread baseline like the old design - a producer thread (iter_blocks + rows as Python tuples,
      the same batching) feeding a queue.Queue(maxsize=2), a consumer thread writing each batch
      with the driver's own COPY of tuples (asyncpg copy_records_to_table, which encodes every
      value) + the same UPDATE in one transaction (asyncio.run in that thread, used as a blocking
      driver);
  (d) thread control - (c) with (b)'s row encoder and sink: the same work as (b), so b/d isolates
      threads versus asyncio (reported for information; differences under ~10% are noise).

Every (mode, patients, batch size) case runs in a fresh subprocess so ru_maxrss is that case's peak.

    cd backend && .venv/bin/python bench/pipeline.py [--sizes 10000,100000,1000000]
        [--batch-sizes 10,100,1000,10000] [--sweep-patients 100000] [--repeat N]
        [--database-url postgresql+asyncpg://postgres@127.0.0.1:5432/postgres]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import platform
import queue
import resource
import secrets
import subprocess
import sys
import threading
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

import asyncpg
from sqlalchemy.engine import make_url

BENCH_DIR = Path(__file__).resolve().parent
RESULTS_DIR = BENCH_DIR / "results"
DEFAULT_URL = "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres"
DEFAULT_SEED = 20_261_128
RUNNER_ID = "bench-runner"
OWNER_KEY_ID = uuid.UUID("00000000-0000-4000-8000-00000000be11")
CAP_SECONDS = 180.0  # a sweep case projected to run longer is capped ...
CAP_PATIENTS = 10_000  # ... at this many patients, and marked so
PROBE_BELOW_BATCH = 1_000  # only small batches can be that slow: probe them at CAP_PATIENTS first
WORKER_TIMEOUT_S = 3_600
MIN_MEASURED_S = 1.0  # short cases are repeated until their runs add up to this ...
MAX_RUNS = 10  # ... but at most this many times

MODES = {
    "a": "raw COPY of pre-made rows (ceiling)",
    "b": "async pipeline end to end",
    "c": "thread baseline like the old design (tuple rows, copy_records_to_table on a thread)",
    "d": "thread control (c's threads with (b)'s row encoder and sink)",
}
THRESHOLDS = {"b/a": 0.6, "b/c": 1.0, "rss_1m_over_100k": 1.25}


# --------------------------------------------------------------------------- shared helpers


def asyncpg_dsn(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def job_id_for(seed: int) -> uuid.UUID:
    # One fixed job id per seed: every mode writes byte-identical rows (job_id included).
    return uuid.uuid5(uuid.NAMESPACE_URL, f"patientgen-bench/{seed}")


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


async def reset_tables(conn: asyncpg.Connection, job_id: uuid.UUID, patients: int, batch: int):
    """Same starting state for every case: empty patients table, one running job owned by us."""
    await conn.execute("TRUNCATE patients")
    await conn.execute("DELETE FROM jobs")
    await conn.execute(
        "INSERT INTO jobs (id, owner_key_id, scenario_snapshot, seed, patients, batch_size, "
        "status, generated, batches, cancel_requested, runner_id, heartbeat_at, attempts, "
        "created_at, started_at) VALUES ($1, $2, '{}', 0, $3, $4, 'running', 0, 0, false, $5, "
        "now(), 1, now(), now())",
        job_id,
        OWNER_KEY_ID,
        patients,
        batch,
        RUNNER_ID,
    )
    # Don't let the previous case's dirty buffers be flushed on this case's clock.
    with contextlib.suppress(asyncpg.PostgresError):
        await conn.execute("CHECKPOINT")


async def verify(conn: asyncpg.Connection, job_id: uuid.UUID, patients: int) -> dict:
    """Not timed. Proves the case wrote every patient once, and what it wrote (content hash)."""
    count, checksum, low, high = await conn.fetchrow(
        "SELECT count(*), coalesce(sum(hashtextextended(document, 0)), 0)::text, "
        "min(idx), max(idx) FROM patients WHERE job_id = $1",
        job_id,
    )
    generated = await conn.fetchval("SELECT generated FROM jobs WHERE id = $1", job_id)
    ok = count == patients == generated and (patients == 0 or (low, high) == (0, patients - 1))
    if not ok:
        raise RuntimeError(
            f"verification failed: rows={count} generated={generated} idx=[{low},{high}] "
            f"expected {patients}"
        )
    return {"rows": count, "checksum": checksum}


class Repeats:
    """At least ``repeat`` timed runs of a case, and more (up to MAX_RUNS) while they add up to
    less than MIN_MEASURED_S: a 10,000-patient case lasts about 0.15 s, so a single scheduling
    hiccup on this shared machine would otherwise decide its ratio. The best run counts."""

    def __init__(self, repeat: int) -> None:
        self.repeat = repeat
        self.times: list[float] = []

    def __iter__(self):
        while len(self.times) < self.repeat or (
            sum(self.times) < MIN_MEASURED_S and len(self.times) < MAX_RUNS
        ):
            yield len(self.times)

    def record(self, elapsed: float) -> None:
        self.times.append(elapsed)

    def summary(self) -> dict:
        return {"seconds": min(self.times), "runs": len(self.times)}


def warm_up(scenario) -> None:
    """Import-time, scenario-compile and lookup-table costs are paid before any clock starts, in
    every mode: one block of another seed, as a server has done after its first job."""
    from patientgen.simulation import BLOCK_SIZE, iter_blocks
    from patientgen.storage.patient_sink import RowFormat
    from patientgen.storage.rows import block_chunk

    for block in iter_blocks(scenario, BLOCK_SIZE, 1):
        for row_format in RowFormat:
            block_chunk(uuid.uuid4(), block, row_format)


# --------------------------------------------------------------------------- (a) raw COPY


def pregenerate(scenario, patients: int, seed: int, job_id: uuid.UUID, batch: int):
    """All batches in memory, with the time each generation stage took (the profile of (b)'s
    producer side, for free)."""
    from patientgen.jobs.batches import Batcher
    from patientgen.simulation import iter_blocks
    from patientgen.storage.rows import block_copy_rows

    batcher = Batcher(batch)
    batches: list = []
    t_blocks = t_documents = t_flows = t_rows = 0.0
    blocks = iter_blocks(scenario, patients, seed)
    while True:
        t0 = time.perf_counter()
        block = next(blocks, None)
        t1 = time.perf_counter()
        t_blocks += t1 - t0
        if block is None:
            break
        block.document_lines()  # the two expensive parts of the rows, timed on their own
        t2 = time.perf_counter()
        block.flow_arrays()
        t3 = time.perf_counter()
        batches.extend(batcher.add(block_copy_rows(job_id, block)))
        t4 = time.perf_counter()
        t_documents += t2 - t1
        t_flows += t3 - t2
        t_rows += t4 - t3
    if last := batcher.rest():
        batches.append(last)
    total = t_blocks + t_rows
    per = 1e6 / max(patients, 1)
    stages = {
        "blocks_s": round(t_blocks, 3),
        "copy_rows_s": round(t_rows, 3),
        "of_which_documents_s": round(min(t_documents, t_rows), 3),
        "of_which_flow_s": round(min(t_flows, t_rows), 3),
        "total_s": round(total, 3),
        "generation_only_patients_per_s": round(patients / total, 1) if total else None,
        "us_per_patient": {
            "blocks": round(t_blocks * per, 2),
            "copy_rows": round(t_rows * per, 2),
            "documents": round(t_documents * per, 2),
            "flow": round(t_flows * per, 2),
        },
    }
    return batches, stages


async def run_raw_copy(spec: dict, scenario) -> dict:
    from patientgen.storage.patient_sink import PostgresCopySink, one_connection

    patients, batch, seed = spec["patients"], spec["batch_size"], spec["seed"]
    job_id = job_id_for(seed)
    batches, stages = pregenerate(scenario, patients, seed, job_id, batch)
    rss_before = peak_rss_mb()
    conn = await asyncpg.connect(spec["dsn"])
    try:
        runs, check = Repeats(spec["repeat"]), None
        for _ in runs:
            await reset_tables(conn, job_id, patients, batch)
            sink = PostgresCopySink(one_connection(conn), job_id, RUNNER_ID)
            generated = 0
            started = time.perf_counter()
            for number, chunks in enumerate(batches, 1):
                generated += sum(len(chunk) for chunk in chunks)
                await sink.write_batch(chunks, generated=generated, batches=number)
            elapsed = time.perf_counter() - started
            check = await verify(conn, job_id, patients)
            runs.record(elapsed)
    finally:
        await conn.close()
    return {**runs.summary(), "rss_before_mb": rss_before, "verify": check, "stages": stages}


# --------------------------------------------------------------------------- (b) async pipeline


async def run_async_pipeline(spec: dict, scenario) -> dict:
    from sqlalchemy.ext.asyncio import create_async_engine

    from patientgen.jobs.generation import create_generation_pool
    from patientgen.jobs.pipeline import Outcome, PatientGenerationPipeline
    from patientgen.storage.patient_sink import open_sink

    patients, batch, seed = spec["patients"], spec["batch_size"], spec["seed"]
    job_id = job_id_for(seed)
    engine = create_async_engine(spec["url"])
    conn = await asyncpg.connect(spec["dsn"])

    async def on_progress(_progress) -> None:
        return None

    # As the server runs it: a long-lived pool of generation workers (settings.generation_workers),
    # started and warmed before the clock, as it is before a server's second job.
    pool = create_generation_pool(spec["generation"], spec["workers"])
    if pool is not None:
        await asyncio.get_running_loop().run_in_executor(pool, warm_up, scenario)
    rss_before = peak_rss_mb()
    try:
        runs, check = Repeats(spec["repeat"]), None
        for _ in runs:
            await reset_tables(conn, job_id, patients, batch)
            pipeline = PatientGenerationPipeline(
                job_id=job_id,
                scenario=scenario,
                seed=seed,
                total=patients,
                batch_size=batch,
                executor=pool,
            )
            async with open_sink(engine, job_id, RUNNER_ID) as sink:  # connect: not timed
                started = time.perf_counter()
                outcome = await pipeline.run(sink, on_progress)
                elapsed = time.perf_counter() - started
            if outcome is not Outcome.COMPLETED:
                raise RuntimeError(f"pipeline ended {outcome}")
            check = await verify(conn, job_id, patients)
            runs.record(elapsed)
    finally:
        await conn.close()
        await engine.dispose()
        if pool is not None:
            pool.shutdown()
    return {**runs.summary(), "rss_before_mb": rss_before, "verify": check}


# --------------------------------------------------------------------------- (c) thread baseline

_DONE = object()


class TupleCopySink:
    """The old design's writer: the driver encodes each tuple's values (copy_records_to_table),
    then the same job-counter UPDATE, in one transaction."""

    def __init__(self, conn: asyncpg.Connection, job_id: uuid.UUID) -> None:
        self._conn, self._job_id = conn, job_id

    async def write_batch(self, chunks, *, generated: int, batches: int) -> bool:
        from patientgen.storage.patient_sink import PostgresCopySink
        from patientgen.storage.tables import PATIENT_COLUMNS

        rows = [row for chunk in chunks for row in chunk]
        async with self._conn.transaction():
            await self._conn.copy_records_to_table(
                "patients", records=rows, columns=PATIENT_COLUMNS
            )
            advance = PostgresCopySink._ADVANCE  # the very same statement
            await self._conn.fetchval(advance, generated, batches, self._job_id, RUNNER_ID)
        return False


def thread_baseline_once(spec: dict, scenario, job_id: uuid.UUID) -> float:
    from patientgen.jobs.batches import Batcher
    from patientgen.simulation import iter_blocks
    from patientgen.storage.patient_sink import PostgresCopySink, RowFormat, one_connection
    from patientgen.storage.rows import block_chunk

    patients, batch, seed = spec["patients"], spec["batch_size"], spec["seed"]
    row_format = RowFormat.TUPLES if spec["mode"] == "c" else RowFormat.COPY_BINARY
    handoff: queue.Queue = queue.Queue(maxsize=2)
    ready, go = threading.Event(), threading.Event()
    failures: list[BaseException] = []

    def produce() -> None:
        try:
            batcher = Batcher(batch)
            for block in iter_blocks(scenario, patients, seed):
                for full in batcher.add(block_chunk(job_id, block, row_format)):
                    handoff.put(full)
            if last := batcher.rest():
                handoff.put(last)
            handoff.put(_DONE)
        except BaseException as exc:
            handoff.put(exc)

    def consume() -> None:
        async def main() -> None:
            conn = await asyncpg.connect(spec["dsn"])  # connect before the clock starts
            try:
                if row_format is RowFormat.TUPLES:
                    sink = TupleCopySink(conn, job_id)
                else:
                    sink = PostgresCopySink(one_connection(conn), job_id, RUNNER_ID)
                ready.set()
                go.wait()
                generated = batches = 0
                while True:
                    item = handoff.get()  # blocking on purpose: a thread with a sync driver
                    if item is _DONE:
                        return
                    if isinstance(item, BaseException):
                        raise item
                    generated += sum(len(chunk) for chunk in item)
                    batches += 1
                    await sink.write_batch(item, generated=generated, batches=batches)
            finally:
                await conn.close()

        try:
            asyncio.run(main())
        except BaseException as exc:
            failures.append(exc)
        finally:
            ready.set()

    consumer = threading.Thread(target=consume, name="bench-consumer")
    producer = threading.Thread(target=produce, name="bench-producer", daemon=True)
    consumer.start()
    ready.wait()
    started = time.perf_counter()
    go.set()
    producer.start()
    consumer.join()
    elapsed = time.perf_counter() - started
    if failures:
        raise failures[0]
    return elapsed


async def run_thread_baseline(spec: dict, scenario) -> dict:
    patients, batch, seed = spec["patients"], spec["batch_size"], spec["seed"]
    job_id = job_id_for(seed)
    conn = await asyncpg.connect(spec["dsn"])
    rss_before = peak_rss_mb()
    try:
        runs, check = Repeats(spec["repeat"]), None
        for _ in runs:
            await reset_tables(conn, job_id, patients, batch)
            elapsed = await asyncio.to_thread(thread_baseline_once, spec, scenario, job_id)
            check = await verify(conn, job_id, patients)
            runs.record(elapsed)
    finally:
        await conn.close()
    return {**runs.summary(), "rss_before_mb": rss_before, "verify": check}


# --------------------------------------------------------------------------- worker process


def worker_main(spec: dict) -> None:
    from patientgen.simulation import default_scenario

    scenario = default_scenario()
    warm_up(scenario)
    runners = {"a": run_raw_copy, "b": run_async_pipeline}
    runner = runners.get(spec["mode"], run_thread_baseline)
    result = asyncio.run(runner(spec, scenario))
    result["peak_rss_mb"] = peak_rss_mb()
    print("RESULT " + json.dumps(result), flush=True)


def run_case(spec: dict) -> dict:
    """One (mode, patients, batch size) in a fresh interpreter, so its peak RSS is its own."""
    completed = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--worker", json.dumps(spec)],
        capture_output=True,
        text=True,
        timeout=WORKER_TIMEOUT_S,
        check=False,
    )
    lines = [ln for ln in completed.stdout.splitlines() if ln.startswith("RESULT ")]
    if completed.returncode != 0 or not lines:
        sys.stderr.write(completed.stdout[-4000:] + completed.stderr[-4000:])
        raise RuntimeError(f"case {spec['mode']} {spec['patients']} {spec['batch_size']} failed")
    result = json.loads(lines[-1].removeprefix("RESULT "))
    result.update(
        mode=spec["mode"],
        patients=spec["patients"],
        batch_size=spec["batch_size"],
        patients_per_s=spec["patients"] / result["seconds"],
    )
    return result


# --------------------------------------------------------------------------- orchestration


async def create_bench_database(admin_url: str) -> str:
    from sqlalchemy.ext.asyncio import create_async_engine

    from patientgen.storage.databases import create_database
    from patientgen.storage.migrate import upgrade

    url = await create_database(admin_url, f"patientgen_bench_{secrets.token_hex(4)}")
    engine = create_async_engine(url)
    try:
        await upgrade(engine)
    finally:
        await engine.dispose()
    conn = await asyncpg.connect(asyncpg_dsn(url))
    try:
        await conn.execute(
            "INSERT INTO api_keys (id, name, prefix, key_hash, is_admin, created_at) "
            "VALUES ($1, 'bench', 'bench', $2, true, now())",
            OWNER_KEY_ID,
            secrets.token_hex(32),
        )
    finally:
        await conn.close()
    return url


async def drop_bench_database(admin_url: str, url: str) -> None:
    name = make_url(url).database
    conn = await asyncpg.connect(asyncpg_dsn(admin_url))
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await conn.close()


async def server_version(url: str) -> str:
    conn = await asyncpg.connect(asyncpg_dsn(url))
    try:
        return await conn.fetchval("SHOW server_version")
    finally:
        await conn.close()


def fmt_int(n: int) -> str:
    return f"{n:,}"


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


class Bench:
    def __init__(self, args: argparse.Namespace, url: str) -> None:
        self.args = args
        self.url = url
        self.results: list[dict] = []

    def case(self, mode: str, patients: int, batch: int, group: str, note: str = "") -> dict:
        spec = {
            "mode": mode,
            "patients": patients,
            "batch_size": batch,
            "seed": self.args.seed,
            "repeat": self.args.repeat,
            "workers": self.args.workers,
            "generation": self.args.generation,
            "url": self.url,
            "dsn": asyncpg_dsn(self.url),
        }
        log(f"  ({mode}) {fmt_int(patients)} patients, batch {fmt_int(batch)} ...")
        load = os.getloadavg()[0]  # the machine is shared: a high value marks a noisy case
        result = run_case(spec)
        result.update(group=group, note=note, loadavg_1m_before=load)
        log(
            f"      {result['seconds']:.2f} s  {result['patients_per_s']:,.0f} patients/s  "
            f"peak RSS {result['peak_rss_mb']:,.0f} MB"
        )
        self.results.append(result)
        return result

    def triple(self, patients: int, batch: int, group: str, note: str = "") -> list[dict]:
        return [self.case(m, patients, batch, group, note) for m in self.args.modes]

    def run(self, default_batch: int) -> None:
        for patients in self.args.sizes:
            log(f"size {fmt_int(patients)} at the default batch size {default_batch}")
            self.triple(patients, default_batch, "sizes")
        target = self.args.sweep_patients
        for batch in self.args.batch_sizes:
            log(f"batch-size sweep: {batch}")
            if batch < PROBE_BELOW_BATCH and target > CAP_PATIENTS:
                probe = self.triple(CAP_PATIENTS, batch, "probe")
                projected = max(r["seconds"] for r in probe) * target / CAP_PATIENTS
                if projected > CAP_SECONDS:
                    note = f"capped at {fmt_int(CAP_PATIENTS)} (projected {projected:.0f} s)"
                    log(f"      {note}")
                    for r in probe:
                        r.update(group="sweep", note=note)
                    continue
            self.triple(target, batch, "sweep")


def pick(results: list[dict], group: str, mode: str, batch: int, patients: int | None = None):
    for r in results:
        same = r["group"] == group and r["mode"] == mode and r["batch_size"] == batch
        if same and (patients is None or r["patients"] == patients):
            return r
    return None


def compute_ratios(results: list[dict], sizes: list[int], default_batch: int, sweep: list[int]):
    def ratio(x, y, key="patients_per_s"):
        return round(x[key] / y[key], 3) if x and y else None

    out: dict = {"sizes": {}, "sweep": {}}
    for n in sizes:
        a, b, c, d = (pick(results, "sizes", m, default_batch, n) for m in "abcd")
        out["sizes"][n] = {"b/a": ratio(b, a), "b/c": ratio(b, c), "b/d": ratio(b, d)}
    for batch in sweep:
        a, b, c, d = (pick(results, "sweep", m, batch) for m in "abcd")
        out["sweep"][batch] = {"b/a": ratio(b, a), "b/c": ratio(b, c), "b/d": ratio(b, d)}
    big, mid = max(sizes), 100_000
    if big > mid and mid in sizes:
        for m in "bcd":
            hi = pick(results, "sizes", m, default_batch, big)
            lo = pick(results, "sizes", m, default_batch, mid)
            out[f"rss_{m}_{big}_over_{mid}"] = ratio(hi, lo, "peak_rss_mb")
    return out


def verdict(value, threshold: float, higher_is_better: bool = True) -> str:
    if value is None:
        return "n/a"
    ok = value >= threshold if higher_is_better else value <= threshold
    return "ok" if ok else "FAIL"


def print_report(results: list[dict], ratios: dict, meta: dict) -> None:
    print()
    print(
        f"PatientGen pipeline benchmark  {meta['timestamp']}  PostgreSQL {meta['postgres']}  "
        f"{meta['cpus']} CPUs  BLOCK_SIZE={meta['block_size']}  "
        f"DEFAULT_BATCH_SIZE={meta['default_batch_size']}  repeat={meta['repeat']}"
    )
    for mode, text in MODES.items():
        print(f"  ({mode}) {text}")
    header = (
        f"{'group':<6} {'mode':<4} {'patients':>10} {'batch':>7} {'seconds':>9} "
        f"{'runs':>4} {'patients/s':>11} {'peak RSS MB':>12}  note"
    )
    print(header)
    print("-" * len(header))
    for r in results:
        if r["group"] == "probe":
            continue
        print(
            f"{r['group']:<6} {'(' + r['mode'] + ')':<4} {r['patients']:>10,} "
            f"{r['batch_size']:>7,} {r['seconds']:>9.2f} {r.get('runs', 1):>4} "
            f"{r['patients_per_s']:>11,.0f} "
            f"{r['peak_rss_mb']:>12,.0f}  {r['note']}"
        )
    print()
    print("Ratios (patients/s; acceptance: b/a >= 0.6, b/c >= 1.0, RSS(1M)/RSS(100k) <= 1.25)")
    for n, rs in ratios["sizes"].items():
        print(
            f"  {fmt_int(n):>10} patients, batch {meta['default_batch_size']}:  "
            f"b/a = {rs['b/a']} [{verdict(rs['b/a'], THRESHOLDS['b/a'])}]   "
            f"b/c = {rs['b/c']} [{verdict(rs['b/c'], THRESHOLDS['b/c'])}]   "
            f"b/d = {rs['b/d']} [info]"
        )
    for batch, rs in ratios["sweep"].items():
        print(
            f"  sweep batch {batch:>6,}:  b/a = {rs['b/a']}   b/c = {rs['b/c']}   b/d = {rs['b/d']}"
        )
    for key, value in ratios.items():
        if key.startswith("rss_"):
            ok = verdict(value, THRESHOLDS["rss_1m_over_100k"], higher_is_better=False)
            print(f"  {key} = {value} [{ok if key.startswith('rss_b') else 'info'}]")
    stages = [r for r in results if r["mode"] == "a" and r.get("stages") and r["group"] == "sizes"]
    if stages:
        print()
        print("Generation stages, timed while pre-making (a)'s rows (us per patient):")
        for r in stages:
            s = r["stages"]
            print(
                f"  {fmt_int(r['patients']):>10}: {s['us_per_patient']}  "
                f"-> generation alone {s['generation_only_patients_per_s']:,.0f} patients/s"
            )


def git_state() -> dict:
    def git(*argv: str) -> str:
        done = subprocess.run(
            ["git", *argv], cwd=BENCH_DIR, capture_output=True, text=True, check=False
        )
        return done.stdout.strip()

    dirty = [ln[3:] for ln in git("status", "--porcelain", "--", "../src").splitlines()]
    return {"commit": git("rev-parse", "HEAD"), "dirty_src": dirty}


def parse_ints(text: str) -> list[int]:
    return [int(part.replace("_", "")) for part in text.split(",") if part.strip()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=parse_ints, default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--batch-sizes", type=parse_ints, default=[10, 100, 1_000, 10_000])
    parser.add_argument("--sweep-patients", type=int, default=100_000)
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--repeat", type=int, default=1, help="best of N per case")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--modes", default="abcd", help="subset of a, b, c, d (default: all)")
    parser.add_argument(
        "--generation",
        default="thread",
        choices=["thread", "process", "loop"],
        help="where (b) generates: as settings.generation",
    )
    parser.add_argument("--workers", type=int, default=1, help="generation threads/processes")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker_main(json.loads(args.worker))
        return

    from patientgen.jobs.pipeline import DEFAULT_BATCH_SIZE
    from patientgen.simulation import BLOCK_SIZE

    args.modes = [m for m in "abcd" if m in args.modes]
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    meta = {
        "timestamp": stamp,
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "block_size": BLOCK_SIZE,
        "default_batch_size": DEFAULT_BATCH_SIZE,
        "repeat": args.repeat,
        "seed": args.seed,
        "sizes": args.sizes,
        "batch_sizes": args.batch_sizes,
        "sweep_patients": args.sweep_patients,
        "modes": MODES,
        "baseline_writer": "asyncpg copy_records_to_table + job UPDATE, one transaction per batch",
        "loadavg_before": os.getloadavg(),
        "git": git_state(),
    }
    url = asyncio.run(create_bench_database(args.database_url))
    log(f"bench database {make_url(url).database}")
    bench = Bench(args, url)
    started = time.perf_counter()
    try:
        meta["postgres"] = asyncio.run(server_version(url))
        bench.run(DEFAULT_BATCH_SIZE)
    finally:
        asyncio.run(drop_bench_database(args.database_url, url))
    meta["loadavg_after"] = os.getloadavg()
    meta["wall_s"] = round(time.perf_counter() - started, 1)
    ratios = compute_ratios(bench.results, args.sizes, DEFAULT_BATCH_SIZE, args.batch_sizes)
    print_report(bench.results, ratios, meta)
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    out = RESULTS_DIR / f"pipeline-{stamp}.json"
    out.write_text(json.dumps({"meta": meta, "results": bench.results, "ratios": ratios}, indent=2))
    print(f"\nwritten {out}")


if __name__ == "__main__":
    main()
