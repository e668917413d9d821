"""Load benchmark (issue 10, item 9): a real `patientgen serve` on PostgreSQL and Redis under many
concurrent clients. Not a test: a measurement.

    cd backend && .venv/bin/python bench/load.py [--scenario mixed|jobs|both] [--clients 200]
        [--duration 60] [--src DIR] [--label NAME] [--server-env NAME=VALUE ...]
    .venv/bin/python bench/load.py --compare results/load-A.json results/load-B.json
    .venv/bin/python bench/load.py --show results/load-A.json

1. Creates a throwaway database, migrates it and creates keys with the CLI (`patientgen migrate`,
   `patientgen keys create`), then starts `patientgen serve` on a free port. `--src DIR` runs all
   of these from another source tree (e.g. a `git worktree` of an older commit) with this venv.
2. Seeds finished jobs through the API (per ordinary key: `--seed-jobs` of `--seed-patients`,
   plus `--seed-large` jobs of `--seed-large-patients` spread over the keys), waited for.
3. "baseline": a light load (`--baseline-clients`, `--baseline-duration`) for reference latency.
4. "mixed": `--clients` clients for `--duration` s, each looping over a weighted mix of reads,
   scenario create/read/delete and (rate-limited, `--job-rate`) small job creation.
5. "jobs": one ordinary key POSTs `--jobs` jobs at once while `--readers` clients keep reading;
   the POSTs' answers (429s retried after their Retry-After), read latency while the jobs run,
   the jobs' final states, time to drain.
6. Every 0.5 s: the server's PostgreSQL connections (pg_stat_activity of the bench database), its
   sockets, file descriptors, threads and RSS, Redis clients, running/queued jobs. Before and
   `--idle-wait` s after each scenario the same, to show what returns to idle.
Results go to stdout and bench/results/load-<timestamp>.json. The database is dropped at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import math
import multiprocessing
import os
import random
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

RESULTS = Path(__file__).parent / "results"
REPO = Path(__file__).resolve().parents[2]
API = "/api/v1"
MONITOR_APP = "patientgen-load-bench"
SAMPLE_EVERY_S = 0.5
# A keep-alive connection idle longer than this is not reused: the server may be closing it
# (uvicorn's keep-alive timeout is 5 s), and that race is not the server's fault.
REUSE_IDLE_S = 4.0

MIXED_WEIGHTS = {
    "list_jobs": 10,
    "get_job": 20,
    "statistics": 10,
    "patients": 15,
    "presets": 10,
    "me": 15,
    "scenario_crud": 10,
    "create_job": 3,
}
READ_WEIGHTS = {k: MIXED_WEIGHTS[k] for k in ("list_jobs", "get_job", "statistics", "patients")}
READ_WEIGHTS |= {"presets": 10, "me": 15}
BASELINE_WEIGHTS = {k: w for k, w in MIXED_WEIGHTS.items() if k != "create_job"}
TCP_STATES = {
    "01": "established",
    "02": "syn_sent",
    "03": "syn_recv",
    "04": "fin_wait1",
    "05": "fin_wait2",
    "06": "time_wait",
    "07": "close",
    "08": "close_wait",
    "09": "last_ack",
    "0A": "listen",
    "0B": "closing",
}


# --------------------------------------------------------------------------------------------
# A small HTTP/1.1 keep-alive client. The load side must stay cheap next to the server on two
# shared cores; a general-purpose client costs several times more CPU per request.


class ServerClosedError(ConnectionError):
    """The server closed the connection before (or while) answering."""


class Http:
    def __init__(self, host: str, port: int, timeout_s: float) -> None:
        self.host, self.port, self.timeout_s = host, port, timeout_s
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None
        self.last_used = 0.0

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None

    async def request(
        self, method: str, path: str, key: str | None = None, body: bytes | None = None
    ) -> tuple[int, dict[str, str], bytes]:
        try:
            async with asyncio.timeout(self.timeout_s):
                return await self._exchange(method, path, key, body)
        except BaseException:
            self.close()
            raise

    async def _exchange(
        self, method: str, path: str, key: str | None, body: bytes | None
    ) -> tuple[int, dict[str, str], bytes]:
        if self.writer is None or time.monotonic() - self.last_used > REUSE_IDLE_S:
            self.close()
            self.reader, self.writer = await asyncio.open_connection(
                self.host, self.port, limit=1 << 20
            )
        assert self.reader is not None
        head = f"{method} {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n"
        if key:
            head += f"X-API-Key: {key}\r\n"
        if body is not None:
            head += f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n"
        self.writer.write(head.encode("latin-1") + b"\r\n" + (body or b""))
        await self.writer.drain()
        status_line = await self.reader.readline()
        if not status_line:
            raise ServerClosedError("closed before the status line")
        status = int(status_line.split(None, 2)[1])
        headers: dict[str, str] = {}
        while True:
            line = await self.reader.readline()
            if not line:
                raise ServerClosedError("closed inside the headers")
            if line in (b"\r\n", b"\n"):
                break
            name, _, value = line.decode("latin-1").partition(":")
            headers[name.strip().lower()] = value.strip()
        if status in (204, 304) or status < 200:
            content = b""
        elif "content-length" in headers:
            content = await self.reader.readexactly(int(headers["content-length"]))
        elif "chunked" in headers.get("transfer-encoding", "").lower():
            content = await self._chunked()
        else:
            content = await self.reader.read()
            headers["connection"] = "close"
        if headers.get("connection", "").lower() == "close":
            self.close()
        self.last_used = time.monotonic()
        return status, headers, content

    async def _chunked(self) -> bytes:
        assert self.reader is not None
        parts = []
        while True:
            size_line = await self.reader.readline()
            if not size_line:
                raise ServerClosedError("closed inside a chunked body")
            size = int(size_line.split(b";")[0].strip(), 16)
            if size == 0:
                while (await self.reader.readline()) not in (b"\r\n", b"\n", b""):
                    pass
                return b"".join(parts)
            parts.append(await self.reader.readexactly(size + 2))
            parts[-1] = parts[-1][:-2]


def outcome_of(exc: BaseException) -> str:
    if isinstance(exc, TimeoutError):
        return "timeout"
    return f"conn:{type(exc).__name__}"


# --------------------------------------------------------------------------------------------
# Client processes. Each runs its share of the clients on one event loop and sends back every
# request as (completed at [wall s], class, latency [ms], outcome) with the status code or error.


class ClientContext:
    def __init__(self, spec: dict, stop_event) -> None:
        self.spec = spec
        self.stop_event = stop_event
        self.records: list[tuple[float, str, float, str]] = []
        self.created_jobs: list[str] = []
        self.stopped = False
        self.deadline = math.inf
        self.next_job_at = 0.0
        self.job_interval = spec["procs"] / spec["job_rate"] if spec["job_rate"] > 0 else math.inf
        self.scenario_body = json.dumps(spec["scenario"]).encode()
        self.job_body = json.dumps(
            {"scenario": spec["scenario"], "patients": spec["job_patients"]}
        ).encode()

    def done(self) -> bool:
        return self.stopped or time.monotonic() >= self.deadline

    async def call(
        self, http: Http, cls: str, method: str, path: str, key: str | None, body=None
    ) -> tuple[int, bytes] | None:
        started = time.perf_counter()
        try:
            status, _, content = await http.request(method, path, key, body)
        except Exception as exc:
            self.records.append(
                (time.time(), cls, (time.perf_counter() - started) * 1000, outcome_of(exc))
            )
            return None
        self.records.append((time.time(), cls, (time.perf_counter() - started) * 1000, str(status)))
        return status, content


async def run_operation(ctx: ClientContext, http: Http, op: str, client: dict, rng) -> None:
    key = client["key"]
    job = rng.choice(client["jobs"]) if client["jobs"] else None
    if op == "create_job":
        now = time.monotonic()
        if now < ctx.next_job_at:
            op = "get_job"  # over the job budget: an ordinary read instead
        else:
            ctx.next_job_at = max(ctx.next_job_at + ctx.job_interval, now)
            answer = await ctx.call(http, "create_job", "POST", f"{API}/jobs", key, ctx.job_body)
            if answer and answer[0] == 202:
                ctx.created_jobs.append(json.loads(answer[1])["id"])
            return
    if op == "list_jobs":
        await ctx.call(http, op, "GET", f"{API}/jobs?limit=50", key)
    elif op == "get_job" and job:
        await ctx.call(http, op, "GET", f"{API}/jobs/{job}", key)
    elif op == "statistics" and job:
        await ctx.call(http, op, "GET", f"{API}/jobs/{job}/statistics", key)
    elif op == "patients" and job:
        await ctx.call(http, op, "GET", f"{API}/jobs/{job}/patients?limit=100", key)
    elif op == "presets":
        await ctx.call(http, op, "GET", f"{API}/reference/presets", None)
    elif op == "me":
        await ctx.call(http, op, "GET", f"{API}/me", key)
    elif op == "scenario_crud":
        answer = await ctx.call(
            http, "scenario_create", "POST", f"{API}/scenarios", key, ctx.scenario_body
        )
        if answer and answer[0] == 201:
            scenario_id = json.loads(answer[1])["id"]
            await ctx.call(http, "scenario_get", "GET", f"{API}/scenarios/{scenario_id}", key)
            await ctx.call(http, "scenario_delete", "DELETE", f"{API}/scenarios/{scenario_id}", key)


async def client_loop(ctx: ClientContext, client: dict, seed: int) -> None:
    rng = random.Random(seed)
    http = Http(ctx.spec["host"], ctx.spec["port"], ctx.spec["timeout"])
    ops, weights = zip(*ctx.spec["weights"].items(), strict=True)
    await asyncio.sleep(rng.random() * 0.5)  # spread the first requests
    try:
        while not ctx.done():
            await run_operation(ctx, http, rng.choices(ops, weights)[0], client, rng)
    finally:
        http.close()


async def watch_stop(ctx: ClientContext) -> None:
    while not ctx.done():
        if ctx.stop_event.is_set():
            ctx.stopped = True
        await asyncio.sleep(0.05)


async def loop_lag(ctx: ClientContext, lags: list[float]) -> None:
    """How late the event loop wakes up: high values mean the client process is CPU-bound and
    its latencies include its own queueing."""
    while not ctx.done():
        started = time.perf_counter()
        await asyncio.sleep(0.05)
        lags.append((time.perf_counter() - started - 0.05) * 1000)


async def client_main(spec: dict, pipe, go_event, stop_event) -> dict:
    ctx = ClientContext(spec, stop_event)
    pipe.send("ready")
    await asyncio.to_thread(go_event.wait)
    if ctx.job_interval < math.inf:  # the first job of each process at a random offset
        ctx.next_job_at = time.monotonic() + random.random() * ctx.job_interval / 2
    if spec["duration"]:
        ctx.deadline = time.monotonic() + spec["duration"]
    cpu0, wall0 = time.process_time(), time.perf_counter()
    lags: list[float] = []
    await asyncio.gather(
        watch_stop(ctx),
        loop_lag(ctx, lags),
        *(client_loop(ctx, c, spec["seed"] + i) for i, c in enumerate(spec["clients"])),
    )
    wall = time.perf_counter() - wall0
    return {
        "records": ctx.records,
        "created_jobs": ctx.created_jobs,
        "cpu_share": (time.process_time() - cpu0) / wall if wall else 0.0,
        "loop_lag_ms": summarize(lags),
    }


def client_process(spec: dict, pipe, go_event, stop_event) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when to stop
    try:
        result = asyncio.run(client_main(spec, pipe, go_event, stop_event))
    except Exception as exc:
        result = {"failed": repr(exc)}
    pipe.send(result)
    pipe.close()


class ClientFleet:
    """`clients` clients split over `procs` processes (spawned: no state inherited)."""

    def __init__(self, base_spec: dict, clients: list[dict], procs: int) -> None:
        mp = multiprocessing.get_context("spawn")
        self.go, self.stop = mp.Event(), mp.Event()
        self.pipes, self.processes = [], []
        procs = max(1, min(procs, len(clients)))
        for index in range(procs):
            mine = clients[index::procs]
            spec = {**base_spec, "clients": mine, "procs": procs, "seed": 1000 * index}
            parent, child = mp.Pipe()
            process = mp.Process(
                target=client_process, args=(spec, child, self.go, self.stop), daemon=True
            )
            process.start()
            self.pipes.append(parent)
            self.processes.append(process)

    async def start(self) -> float:
        for pipe in self.pipes:
            message = await asyncio.to_thread(pipe.recv)
            if message != "ready":
                raise RuntimeError(f"client process failed: {message}")
        self.go.set()
        return time.time()

    async def results(self) -> list[dict]:
        results = [await asyncio.to_thread(pipe.recv) for pipe in self.pipes]
        for process in self.processes:
            await asyncio.to_thread(process.join, 10)
        failed = [r["failed"] for r in results if "failed" in r]
        if failed:
            raise RuntimeError(f"client process failed: {failed}")
        return results

    def kill(self) -> None:
        for process in self.processes:
            if process.is_alive():
                process.terminate()


# --------------------------------------------------------------------------------------------
# Statistics of the records.


def percentile(ordered: list[float], q: float) -> float:
    if not ordered:
        return math.nan
    return ordered[min(len(ordered) - 1, max(0, math.ceil(q * len(ordered)) - 1))]


def summarize(values: list[float]) -> dict:
    ordered = sorted(values)
    return {
        "count": len(ordered),
        "p50": percentile(ordered, 0.50),
        "p95": percentile(ordered, 0.95),
        "p99": percentile(ordered, 0.99),
        "max": ordered[-1] if ordered else math.nan,
    }


def classify(outcome: str) -> str:
    if outcome.isdigit() and outcome.startswith("2"):
        return "ok"
    return "refused" if outcome == "429" else "error"


def aggregate(
    records: list, window: tuple[float, float], rate_window: tuple[float, float] | None = None
) -> dict:
    """Per request class and overall, of the requests completed in `window`: count, latency
    percentiles (every request, whatever its outcome), refused (429), errors by status code or
    connection error, and throughput (completions per second in `rate_window`, default
    `window`)."""
    start, end = window
    rate_start, rate_end = rate_window or window
    seconds = max(rate_end - rate_start, 1e-9)
    chosen = [r for r in records if start <= r[0] <= end]
    by_class: dict[str, list] = {}
    for record in chosen:
        by_class.setdefault(record[1], []).append(record)
    by_class["all"] = chosen
    table = {}
    for cls, rows in by_class.items():
        outcomes = Counter(r[3] for r in rows)
        completions = sum(1 for r in rows if rate_start <= r[0] <= rate_end)
        table[cls] = {
            **summarize([r[2] for r in rows]),
            "per_s": completions / seconds,
            "ok": sum(n for o, n in outcomes.items() if classify(o) == "ok"),
            "refused": outcomes.get("429", 0),
            "errors": {o: n for o, n in sorted(outcomes.items()) if classify(o) == "error"},
            "statuses": dict(sorted(outcomes.items())),
        }
    return {"seconds": end - start, "rate_seconds": seconds, "classes": table}


# --------------------------------------------------------------------------------------------
# Watching the server from outside: PostgreSQL, /proc, Redis.


def read_text(path: str) -> str:
    with open(path, encoding="utf-8", errors="replace") as handle:
        return handle.read()


def proc_status(pid: int) -> dict:
    fields = {}
    for line in read_text(f"/proc/{pid}/status").splitlines():
        name, _, value = line.partition(":")
        fields[name] = value.strip()
    return {
        "threads": int(fields.get("Threads", "0")),
        "rss_mb": int(fields.get("VmRSS", "0 kB").split()[0]) / 1024,
    }


def proc_sockets(
    pid: int, http_port: int, pg_port: int, redis_port: int
) -> tuple[int, dict, set[int]]:
    """The process's file descriptors, its TCP sockets by peer and state, and the local ports of
    its PostgreSQL connections."""
    inodes = set()
    fds = 0
    for name in os.listdir(f"/proc/{pid}/fd"):
        fds += 1
        with contextlib.suppress(OSError):
            target = os.readlink(f"/proc/{pid}/fd/{name}")
            if target.startswith("socket:["):
                inodes.add(target[8:-1])
    sockets: dict[str, Counter] = {"postgres": Counter(), "redis": Counter(), "http": Counter()}
    pg_ports = set()
    for table in ("tcp", "tcp6"):
        try:
            lines = read_text(f"/proc/{pid}/net/{table}").splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            cols = line.split()
            if len(cols) < 10 or cols[9] not in inodes:
                continue
            local_port = int(cols[1].rsplit(":", 1)[1], 16)
            remote_port = int(cols[2].rsplit(":", 1)[1], 16)
            state = TCP_STATES.get(cols[3], cols[3])
            if remote_port == pg_port:
                sockets["postgres"][state] += 1
                pg_ports.add(local_port)
            elif remote_port == redis_port:
                sockets["redis"][state] += 1
            elif local_port == http_port and state != "listen":
                sockets["http"][state] += 1
    return fds, {peer: dict(states) for peer, states in sockets.items()}, pg_ports


class Monitor:
    """Samples the server every 0.5 s while a phase runs; `snapshot()` on demand."""

    def __init__(self, database_url: str, redis_url: str, server: Server) -> None:
        self.database_url, self.redis_url, self.server = database_url, redis_url, server
        self.samples: list[dict] = []
        self._task: asyncio.Task | None = None
        self._lock = asyncio.Lock()  # one connection, one query at a time

    async def fetch(self, query: str, *args) -> list:
        async with self._lock:
            return await self.pg.fetch(query, *args)

    async def __aenter__(self) -> Monitor:
        import asyncpg
        import redis.asyncio as aioredis
        from sqlalchemy.engine import make_url

        from patientgen.storage.databases import plain_dsn

        url = make_url(self.database_url)
        self.pg_port = url.port or 5432
        self.database = url.database
        self.pg = await asyncpg.connect(
            plain_dsn(self.database_url), server_settings={"application_name": MONITOR_APP}
        )
        self.redis = aioredis.Redis.from_url(self.redis_url)
        self.redis_port = urlsplit(self.redis_url).port or 6379
        return self

    async def __aexit__(self, *exc) -> None:
        await self.stop()
        await self.pg.close()
        await self.redis.aclose()

    async def snapshot(self) -> dict:
        rows = await self.fetch(
            "SELECT coalesce(state, '?') AS state, client_port, left(query, 70) AS query "
            "FROM pg_stat_activity "
            "WHERE datname = $1 AND pid <> pg_backend_pid()",
            self.database,
        )
        states = dict(Counter(r["state"] for r in rows))
        jobs = await self.fetch(
            "SELECT status, count(*) AS n FROM jobs WHERE status IN ('queued', 'running') "
            "GROUP BY status"
        )
        job_states = {r["status"]: r["n"] for r in jobs}
        redis_clients = len(await self.redis.client_list()) - 1  # not this monitor's own
        pid = self.server.process.pid
        fds, sockets, pg_ports = proc_sockets(pid, self.server.port, self.pg_port, self.redis_port)
        return {
            "t": time.time(),
            "pg_connections": len(rows),
            "pg_states": states,
            # Backends of this database whose client end is no longer one of the server's
            # sockets (e.g. a query still running after its connection was dropped).
            "pg_orphans": sum(1 for r in rows if r["client_port"] not in pg_ports),
            # What a connection held open in a transaction, but not executing, ran last.
            "pg_idle_in_transaction_last": dict(
                Counter(
                    " ".join(r["query"].split())
                    for r in rows
                    if r["state"] == "idle in transaction"
                )
            ),
            "jobs_running": job_states.get("running", 0),
            "jobs_queued": job_states.get("queued", 0),
            "redis_clients_total": redis_clients,
            "fds": fds,
            "sockets": sockets,
            **proc_status(pid),
        }

    def start(self) -> None:
        self.samples = []
        self._task = asyncio.create_task(self._sample())

    async def stop(self) -> list[dict]:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        return self.samples

    async def _sample(self) -> None:
        while True:
            started = time.monotonic()
            with contextlib.suppress(Exception):
                self.samples.append(await self.snapshot())
            await asyncio.sleep(max(0.0, SAMPLE_EVERY_S - (time.monotonic() - started)))

    async def job_states(self, ids: list[str]) -> list[dict]:
        rows = await self.fetch(
            "SELECT id::text AS id, status, error, attempts, created_at, started_at, finished_at, "
            "generated, patients FROM jobs WHERE id = ANY($1::uuid[])",
            ids,
        )
        return [dict(r) for r in rows]

    async def wait_jobs(self, ids: list[str] | None, timeout_s: float) -> tuple[bool, float]:
        """Until the given jobs (None: every job) are no longer queued or running."""
        started = time.monotonic()
        while time.monotonic() - started < timeout_s:
            if ids is None:
                busy = (
                    await self.fetch(
                        "SELECT count(*) FROM jobs WHERE status IN ('queued', 'running')"
                    )
                )[0][0]
            else:
                busy = (
                    await self.fetch(
                        "SELECT count(*) FROM jobs WHERE id = ANY($1::uuid[]) "
                        "AND status IN ('queued', 'running')",
                        ids,
                    )
                )[0][0]
            if not busy:
                return True, time.monotonic() - started
            await asyncio.sleep(0.5)
        return False, time.monotonic() - started


def peaks(samples: list[dict]) -> dict:
    if not samples:
        return {}

    def peak(get) -> int:
        return max(get(s) for s in samples)

    top = max(samples, key=lambda s: s["pg_connections"])
    return {
        "samples": len(samples),
        "pg_connections": top["pg_connections"],
        "pg_states_at_peak": top["pg_states"],
        "pg_active": peak(lambda s: s["pg_states"].get("active", 0)),
        "pg_orphans": peak(lambda s: s["pg_orphans"]),
        "pg_idle_in_transaction_last": dict(
            sum(
                (Counter(s.get("pg_idle_in_transaction_last", {})) for s in samples), Counter()
            ).most_common(8)
        ),
        "server_pg_sockets": peak(lambda s: sum(s["sockets"]["postgres"].values())),
        "server_redis_sockets": peak(lambda s: sum(s["sockets"]["redis"].values())),
        "http_connections": peak(lambda s: sum(s["sockets"]["http"].values())),
        "redis_clients_total": peak(lambda s: s["redis_clients_total"]),
        "fds": peak(lambda s: s["fds"]),
        "threads": peak(lambda s: s["threads"]),
        "rss_mb": peak(lambda s: s["rss_mb"]),
        "jobs_running": peak(lambda s: s["jobs_running"]),
        "jobs_queued": peak(lambda s: s["jobs_queued"]),
        # While some job waited `queued`: how many ran (a global cap shows as its value here;
        # fewer means a slot stood empty while a job waited).
        "running_while_queued": dict(
            sorted(Counter(s["jobs_running"] for s in samples if s["jobs_queued"]).items())
        ),
    }


# --------------------------------------------------------------------------------------------
# The server and its CLI, from the chosen source tree.


class Server:
    def __init__(self, src: Path, env: dict[str, str], workdir: Path) -> None:
        self.src, self.env, self.workdir = src, env, workdir
        self.port = 0
        self.process: subprocess.Popen | None = None
        self.log_path = workdir / "server.log"

    def command(self, *args: str) -> list[str]:
        return [sys.executable, "-m", "patientgen", *args]

    async def cli(self, *args: str) -> str:
        process = await asyncio.create_subprocess_exec(
            *self.command(*args),
            env=self.env,
            cwd=self.workdir,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        out, err = await process.communicate()
        if process.returncode:
            raise RuntimeError(f"patientgen {' '.join(args)} failed:\n{err.decode()}")
        return out.decode().strip()

    async def start(self) -> None:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        self._spawn("serve", "--host", "127.0.0.1", "--port", str(self.port))
        http = Http("127.0.0.1", self.port, 2.0)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited early:\n{self.log()[-4000:]}")
            with contextlib.suppress(OSError, TimeoutError, ValueError):
                status, _, _ = await http.request("GET", f"{API}/health")
                if status < 500:
                    http.close()
                    return
            await asyncio.sleep(0.2)
        raise RuntimeError(f"server not ready in 60 s:\n{self.log()[-4000:]}")

    def _spawn(self, *args: str) -> None:
        with self.log_path.open("wb") as log:
            self.process = subprocess.Popen(
                self.command(*args), env=self.env, cwd=self.workdir, stdout=log, stderr=log
            )

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def log_problems(self) -> dict:
        """What the server logged beyond access lines: ERROR lines (by message, ids masked),
        tracebacks by exception, requests that ended in an exception uvicorn caught (their
        connection is dropped without an answer)."""
        lines = self.log().splitlines()
        errors = [ln for ln in lines if re.search(r"(^|\s)(ERROR|CRITICAL)[:\s]", ln)]
        messages = Counter(
            re.sub(r"[0-9a-f]{8}-[0-9a-f-]{27}", "<id>", ln.split(": ", 1)[-1])[:160]
            for ln in errors
        )
        exceptions = Counter(
            ln.split(":", 1)[0]
            for ln in lines
            if ln and not ln[0].isspace() and re.match(r"^[\w.]+(Error|Exception)\b", ln)
        )
        return {
            "lines": len(lines),
            "error_lines": len(errors),
            "asgi_exceptions": sum(1 for ln in lines if "Exception in ASGI application" in ln),
            "tracebacks": sum(1 for ln in lines if ln.startswith("Traceback")),
            "exceptions": dict(exceptions.most_common(10)),
            "error_messages": dict(messages.most_common(12)),
        }


def server_env(args, database_url: str, workdir: Path, src: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PATIENTGEN_")}
    env["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(src / "backend" / "src"), os.environ.get("PYTHONPATH", "")) if p
    )
    env |= {
        "PATIENTGEN_DATABASE_URL": database_url,
        "PATIENTGEN_REDIS_URL": args.redis_url,
        "PATIENTGEN_CACHE_PREFIX": f"bench-load-{secrets.token_hex(4)}:",
        "PATIENTGEN_DATA_DIR": str(workdir / "data"),
    }
    for item in args.server_env:
        name, _, value = item.partition("=")
        env[name] = value
    return env


def source_commit(src: Path) -> str:
    out = subprocess.run(
        ["git", "-C", str(src), "rev-parse", "HEAD"], capture_output=True, text=True, check=False
    )
    dirty = subprocess.run(
        ["git", "-C", str(src), "status", "--porcelain", "--", "backend/src"],
        capture_output=True,
        text=True,
        check=False,
    )
    return out.stdout.strip() + ("+dirty" if dirty.stdout.strip() else "")


# --------------------------------------------------------------------------------------------
# Phases.


def retry_after(headers: dict[str, str]) -> float | None:
    with contextlib.suppress(KeyError, ValueError):
        return float(headers["retry-after"])
    return None


async def post_job(
    http: Http, key: str, body: bytes, max_wait_s: float, deadline: float
) -> tuple[dict, str | None]:
    """POST /jobs; on 429 with a Retry-After it waits and tries again (up to `max_wait_s` per
    wait and until `deadline`). Returns the attempts and the job id if one was accepted."""
    attempts = []
    while True:
        started = time.perf_counter()
        try:
            status, headers, content = await http.request("POST", f"{API}/jobs", key, body)
        except Exception as exc:
            elapsed_ms = (time.perf_counter() - started) * 1000
            attempts.append({"outcome": outcome_of(exc), "ms": elapsed_ms})
            return {"attempts": attempts}, None
        wait = retry_after(headers)
        attempts.append(
            {
                "outcome": str(status),
                "ms": (time.perf_counter() - started) * 1000,
                "retry_after": wait,
            }
        )
        if status == 202:
            return {"attempts": attempts}, json.loads(content)["id"]
        if status != 429 or wait is None or wait > max_wait_s or time.monotonic() + wait > deadline:
            return {"attempts": attempts}, None
        await asyncio.sleep(wait)


async def seed(server: Server, monitor: Monitor, keys: list[str], args, scenario: dict) -> dict:
    """Finished jobs for every ordinary key, one job at a time per key."""
    started = time.monotonic()
    plan: dict[str, list[int]] = {k: [args.seed_patients] * args.seed_jobs for k in keys}
    for index in range(args.seed_large):
        plan[keys[index % len(keys)]].append(args.seed_large_patients)
    owned: dict[str, list[str]] = {k: [] for k in keys}
    outcomes: Counter = Counter()

    async def one_key(key: str) -> None:
        http = Http("127.0.0.1", server.port, 120)
        for patients in plan[key]:
            body = json.dumps({"scenario": scenario, "patients": patients}).encode()
            answer, job_id = await post_job(http, key, body, 30, time.monotonic() + 600)
            outcomes[answer["attempts"][-1]["outcome"]] += 1
            if job_id is None:
                continue
            finished, _ = await monitor.wait_jobs([job_id], 600)
            if not finished:
                raise RuntimeError(f"seed job {job_id} did not finish in 600 s")
            owned[key].append(job_id)
        http.close()

    await asyncio.gather(*(one_key(k) for k in keys))
    ids = [j for jobs in owned.values() for j in jobs]
    states = Counter(j["status"] for j in await monitor.job_states(ids))
    seconds = time.monotonic() - started
    print(
        f"seeded {len(ids)} jobs ({sum(map(sum, plan.values())):,} patients) in {seconds:.0f} s: "
        f"{dict(states)}; POST answers {dict(outcomes)}",
        flush=True,
    )
    return {
        "seconds": seconds,
        "jobs": owned,
        "final_states": dict(states),
        "posts": dict(outcomes),
    }


async def idle_snapshot(monitor: Monitor, wait_s: float, server: Server) -> dict:
    await asyncio.sleep(wait_s)
    snapshot = await monitor.snapshot()
    http = Http("127.0.0.1", server.port, 10)
    with contextlib.suppress(Exception):
        status, _, content = await http.request("GET", f"{API}/health")
        snapshot["health"] = {"status_code": status, **json.loads(content)}
    http.close()
    return snapshot


def fleet_spec(args, server: Server, scenario: dict, weights: dict, duration: float) -> dict:
    return {
        "host": "127.0.0.1",
        "port": server.port,
        "timeout": args.timeout,
        "weights": weights,
        "duration": duration,
        "scenario": scenario,
        "job_patients": args.job_patients,
        "job_rate": args.job_rate if "create_job" in weights else 0.0,
    }


def assign(clients: int, keys: list[str], jobs: dict[str, list[str]]) -> list[dict]:
    return [{"key": keys[i % len(keys)], "jobs": jobs[keys[i % len(keys)]]} for i in range(clients)]


def job_outcomes(jobs: list[dict]) -> dict:
    """Errors of failed jobs, and how many jobs were started more than once (a job whose runner
    failed stays `running` until the recovery pass finds it stale and resumes it)."""
    errors = Counter((j["error"] or "")[:200] for j in jobs if j["status"] == "failed")
    return {
        "failed_errors": dict(errors.most_common(5)),
        "restarted": sum(1 for j in jobs if (j["attempts"] or 0) > 1),
        "max_attempts": max((j["attempts"] or 0 for j in jobs), default=0),
    }


def client_side(results: list[dict]) -> dict:
    return {
        "processes": len(results),
        "cpu_share": [round(r["cpu_share"], 3) for r in results],
        "loop_lag_ms": [r["loop_lag_ms"] for r in results],
    }


async def phase_mixed(
    server, monitor, args, keys, seeded, scenario, before, *, name="mixed", clients, duration
) -> dict:
    print(f"\n{name}: {clients} clients for {duration:.0f} s…", flush=True)
    weights = MIXED_WEIGHTS if name == "mixed" else BASELINE_WEIGHTS
    spec = fleet_spec(args, server, scenario, weights, duration)
    fleet = ClientFleet(spec, assign(clients, keys, seeded["jobs"]), args.client_procs)
    try:
        monitor.start()
        started = await fleet.start()
        results = await fleet.results()
        ended = time.time()
        samples = await monitor.stop()
    finally:
        fleet.kill()
    records = [r for res in results for r in res["records"]]
    created = [j for res in results for j in res["created_jobs"]]
    drained, drain_s = await monitor.wait_jobs(created, args.drain_timeout)
    created_jobs = await monitor.job_states(created)
    after = await idle_snapshot(monitor, args.idle_wait, server)
    return {
        "clients": clients,
        "duration_s": duration,
        # Latency of every request; throughput of those completed within the duration (the
        # requests in flight at the deadline still finish, up to --timeout later).
        "requests": aggregate(records, (started, ended), (started, started + duration)),
        "client_side": client_side(results),
        "jobs_created": len(created),
        "jobs_created_final": dict(Counter(j["status"] for j in created_jobs)),
        **job_outcomes(created_jobs),
        "jobs_drained": drained,
        "jobs_drain_after_load_s": drain_s,
        "peak": peaks(samples),
        "idle_before": before,
        "idle_after": after,
        "timeline": samples,
    }


async def phase_jobs(server, monitor, args, keys, jobs_key, seeded, scenario, before) -> dict:
    print(
        f"\njobs: {args.jobs} jobs of {args.jobs_patients:,} patients at once by one key, "
        f"{args.readers} readers…",
        flush=True,
    )
    spec = fleet_spec(args, server, scenario, READ_WEIGHTS, 0)
    fleet = ClientFleet(spec, assign(args.readers, keys, seeded["jobs"]), args.client_procs)
    body = json.dumps({"scenario": scenario, "patients": args.jobs_patients}).encode()
    try:
        monitor.start()
        await fleet.start()
        await asyncio.sleep(args.warmup)
        posted_at = time.time()
        deadline = time.monotonic() + args.drain_timeout
        connections = [Http("127.0.0.1", server.port, args.timeout) for _ in range(args.jobs)]
        answers = await asyncio.gather(
            *(post_job(h, jobs_key, body, args.max_retry_after, deadline) for h in connections)
        )
        for http in connections:
            http.close()
        accepted = [job_id for _, job_id in answers if job_id]
        drained, _ = await monitor.wait_jobs(accepted, max(0.0, deadline - time.monotonic()))
        drained_at = time.time()
        fleet.stop.set()
        results = await fleet.results()
        samples = await monitor.stop()
    finally:
        fleet.kill()
    records = [r for res in results for r in res["records"]]
    warm = [r for r in records if r[0] < posted_at]
    states = await monitor.job_states(accepted)
    final = Counter(j["status"] for j in states)
    finished = [j["finished_at"] for j in states if j["finished_at"]]
    after = await idle_snapshot(monitor, args.idle_wait, server)
    first = Counter(a["attempts"][0]["outcome"] for a, _ in answers)
    last = Counter(a["attempts"][-1]["outcome"] for a, _ in answers)
    return {
        "jobs": args.jobs,
        "patients_per_job": args.jobs_patients,
        "readers": args.readers,
        "first_answers": dict(first),
        "final_answers": dict(last),
        "retries": sum(len(a["attempts"]) - 1 for a, _ in answers),
        "accepted": len(accepted),
        "final_states": dict(final),
        **job_outcomes(states),
        "all_completed": bool(accepted) and final.get("completed", 0) == len(accepted),
        "drained": drained,
        "drain_s": drained_at - posted_at,
        "drain_s_db": (
            (max(finished) - min(j["created_at"] for j in states)).total_seconds()
            if finished and len(finished) == len(states)
            else None
        ),
        "posts": [a for a, _ in answers],
        "reads_before_posts": aggregate(warm, (min((r[0] for r in warm), default=0), posted_at)),
        "reads_while_jobs_run": aggregate(records, (posted_at, drained_at)),
        "client_side": client_side(results),
        "peak": peaks(samples),
        "idle_before": before,
        "idle_after": after,
        "timeline": samples,
    }


# --------------------------------------------------------------------------------------------
# Report.


def fmt_ms(value: float) -> str:
    if value is None or math.isnan(value):
        return "-"
    return f"{value:,.0f}" if value >= 100 else f"{value:,.1f}"


def print_requests(title: str, requests: dict) -> None:
    print(f"\n{title} ({requests['seconds']:.0f} s)")
    print(
        f"{'class':<16} {'count':>7} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} "
        f"{'max ms':>8} {'429':>6}  errors"
    )
    classes = requests["classes"]
    for cls in sorted(classes, key=lambda c: (c == "all", c)):
        row = classes[cls]
        errors = ", ".join(f"{o}×{n}" for o, n in row["errors"].items()) or "-"
        print(
            f"{cls:<16} {row['count']:>7,} {row['per_s']:>8,.1f} {fmt_ms(row['p50']):>8} "
            f"{fmt_ms(row['p95']):>8} {fmt_ms(row['p99']):>8} {fmt_ms(row['max']):>8} "
            f"{row['refused']:>6}  {errors}"
        )


def resource_line(label: str, snap: dict) -> str:
    sockets = snap["sockets"]
    return (
        f"  {label:<6} pg {snap['pg_connections']:>3} {snap['pg_states']}  fds {snap['fds']:>4}  "
        f"threads {snap['threads']:>3}  rss {snap['rss_mb']:,.0f} MB  server sockets: "
        f"pg {sockets['postgres']} redis {sockets['redis']} http {sockets['http']}  "
        f"redis clients (all) {snap['redis_clients_total']}  jobs running {snap['jobs_running']}"
    )


def print_resources(phase: dict, pool: int) -> None:
    peak = phase["peak"]
    if peak:
        print(
            f"  peak   pg {peak['pg_connections']} (configured pool {pool}; states at peak "
            f"{peak['pg_states_at_peak']}), server pg sockets {peak['server_pg_sockets']}, "
            f"backends without a server socket {peak['pg_orphans']}, "
            f"redis sockets {peak['server_redis_sockets']}, http connections "
            f"{peak['http_connections']}, fds {peak['fds']}, threads {peak['threads']}, "
            f"rss {peak['rss_mb']:,.0f} MB, jobs running {peak['jobs_running']} / queued "
            f"{peak['jobs_queued']}; running while some job was queued "
            f"{peak['running_while_queued']} (samples)"
        )
    if peak.get("pg_idle_in_transaction_last"):
        print(
            "  idle in transaction, the last statement (summed over samples): "
            f"{peak['pg_idle_in_transaction_last']}"
        )
    print(resource_line("before", phase["idle_before"]))
    print(resource_line("after", phase["idle_after"]))
    side = phase["client_side"]
    lag = ", ".join(f"p99 {fmt_ms(x['p99'])} max {fmt_ms(x['max'])}" for x in side["loop_lag_ms"])
    print(
        f"  client processes {side['processes']}: CPU share of one core {side['cpu_share']}, "
        f"event-loop lag ms {lag}"
    )


def print_report(report: dict) -> None:
    pool = report["pool"]["total"]
    print(f"\n=== {report['label']}: {report['source']} ===")
    if "baseline" in report:
        b = report["baseline"]
        print_requests(f"baseline, {b['clients']} clients (no job creation)", b["requests"])
    if "mixed" in report:
        m = report["mixed"]
        print_requests(f"mixed, {m['clients']} clients", m["requests"])
        print(
            f"  jobs created {m['jobs_created']}, final {m['jobs_created_final']}, drained "
            f"{m['jobs_drained']} ({m['jobs_drain_after_load_s']:.0f} s after the load), "
            f"restarted {m['restarted']}"
        )
        if m["failed_errors"]:
            print(f"  failed jobs' errors: {m['failed_errors']}")
        print_resources(m, pool)
    if "jobs" in report:
        j = report["jobs"]
        print(
            f"\n{j['jobs']} jobs × {j['patients_per_job']:,} patients, one key: first answers "
            f"{j['first_answers']}, final {j['final_answers']} after {j['retries']} retries; "
            f"accepted {j['accepted']}, final states {j['final_states']}, all completed "
            f"{j['all_completed']}, drained {j['drained']} in {j['drain_s']:.0f} s, restarted "
            f"{j['restarted']} (max attempts {j['max_attempts']})"
        )
        if j["failed_errors"]:
            print(f"  failed jobs' errors: {j['failed_errors']}")
        print_requests(f"reads before the POSTs, {j['readers']} clients", j["reads_before_posts"])
        print_requests(
            f"reads while the jobs run, {j['readers']} clients", j["reads_while_jobs_run"]
        )
        print_resources(j, pool)
    problems = report["server_log"]
    print(
        f"\nserver log: {problems['lines']:,} lines, {problems['error_lines']} ERROR lines, "
        f"{problems['tracebacks']} tracebacks {problems['exceptions']}, "
        f"{problems['asgi_exceptions']} requests dropped by an exception"
    )
    for message, count in problems["error_messages"].items():
        print(f"  {count:>5} × {message}")


def compare(paths: list[str]) -> None:
    """Key figures of several reports side by side, and last/first."""
    reports = [json.loads(Path(p).read_text()) for p in paths]
    rows: list[tuple[str, list]] = []

    def add(name: str, get) -> None:
        values = []
        for report in reports:
            try:
                values.append(get(report))
            except (KeyError, TypeError, ValueError):
                values.append(None)
        rows.append((name, values))

    def cls(r: dict, phase: str, table: str, name: str = "all") -> dict:
        return r[phase][table]["classes"][name]

    for phase, table in (
        ("baseline", "requests"),
        ("mixed", "requests"),
        ("jobs", "reads_while_jobs_run"),
    ):
        for stat in ("per_s", "p50", "p95", "p99", "max"):
            add(f"{phase} {stat}", lambda r, p=phase, t=table, s=stat: cls(r, p, t)[s])
        add(f"{phase} errors", lambda r, p=phase, t=table: sum(cls(r, p, t)["errors"].values()))
        add(f"{phase} 429", lambda r, p=phase, t=table: cls(r, p, t)["refused"])
        add(f"{phase} peak pg", lambda r, p=phase: r[p]["peak"]["pg_connections"])
        add(f"{phase} peak pg sockets", lambda r, p=phase: r[p]["peak"]["server_pg_sockets"])
    for name in [*sorted(MIXED_WEIGHTS), "scenario_create", "scenario_get", "scenario_delete"]:
        if name in ("create_job", "scenario_crud"):
            continue
        add(f"mixed {name} p99", lambda r, n=name: cls(r, "mixed", "requests", n)["p99"])
    add("jobs: 202 first", lambda r: r["jobs"]["first_answers"].get("202", 0))
    add("jobs: 429 first", lambda r: r["jobs"]["first_answers"].get("429", 0))
    add("jobs: accepted", lambda r: r["jobs"]["accepted"])
    add("jobs: completed", lambda r: r["jobs"]["final_states"].get("completed", 0))
    add("jobs: failed", lambda r: r["jobs"]["final_states"].get("failed", 0))
    add("jobs: restarted", lambda r: r["jobs"]["restarted"])
    add("jobs: drain s", lambda r: r["jobs"]["drain_s"])
    for what in ("pg_connections", "fds", "threads", "rss_mb"):
        add(f"idle end {what}", lambda r, w=what: r["jobs"]["idle_after"][w])
    add(
        "idle end redis sockets",
        lambda r: sum(r["jobs"]["idle_after"]["sockets"]["redis"].values()),
    )
    add("server ERROR log lines", lambda r: r["server_log"]["error_lines"])
    width = 16
    print(
        f"{'':<28}" + "".join(f"{r['label'][:width]:>{width + 2}}" for r in reports) + "  last/1st"
    )
    for name, values in rows:
        cells = "".join(
            f"{'-' if v is None else (f'{v:,.1f}' if isinstance(v, float) else v):>{width + 2}}"
            for v in values
        )
        ratio = ""
        first, last = values[0], values[-1]
        if isinstance(first, int | float) and isinstance(last, int | float) and first:
            ratio = f"{last / first:>10.2f}"
        print(f"{name:<28}{cells}{ratio}")


# --------------------------------------------------------------------------------------------


async def run(args) -> dict:
    from sqlalchemy.engine import make_url

    from patientgen.storage.databases import create_database, drop_database

    src = args.src_path
    name = f"patientgen_load_{secrets.token_hex(4)}"
    url = await create_database(args.database_url, name)
    workdir = Path(tempfile.mkdtemp(prefix="patientgen-load-"))
    (workdir / "data").mkdir()
    env = server_env(args, url, workdir, src)
    server = Server(src, env, workdir)
    pool_size = int(env.get("PATIENTGEN_DB_POOL_SIZE", "10"))
    overflow = int(env.get("PATIENTGEN_DB_MAX_OVERFLOW", "10"))
    report: dict = {
        "label": args.label or ("before" if args.src else "current"),
        "source": f"{src} @ {source_commit(src)}",
        "started": datetime.now(UTC).isoformat(timespec="seconds"),
        "args": {k: v for k, v in vars(args).items() if k not in ("compare", "show", "src_path")},
        "cpus": os.cpu_count(),
        "load_average": os.getloadavg(),
        "pool": {"size": pool_size, "max_overflow": overflow, "total": pool_size + overflow},
    }
    try:
        await server.cli("migrate")
        names = ["bench-admin", *(f"bench-user-{i}" for i in range(args.keys)), "bench-jobs"]
        created = await asyncio.gather(
            *(
                server.cli("keys", "create", "--name", n, *(["--admin"] if i == 0 else []))
                for i, n in enumerate(names)
            )
        )
        keys = [out.splitlines()[-1].strip() for out in created]
        user_keys, jobs_key = keys[1:-1], keys[-1]
        await server.start()
        print(f"server {report['source']} on port {server.port}, pid {server.process.pid}")
        http = Http("127.0.0.1", server.port, 30)
        _, _, content = await http.request("GET", f"{API}/reference/presets")
        preset_id = args.preset or json.loads(content)[0]["id"]
        _, _, content = await http.request("GET", f"{API}/reference/presets/{preset_id}")
        scenario = json.loads(content)
        http.close()
        report["preset"] = preset_id
        async with Monitor(url, args.redis_url, server) as monitor:
            seeded = await seed(server, monitor, user_keys, args, scenario)
            report["seed"] = {k: v for k, v in seeded.items() if k != "jobs"}
            before = await idle_snapshot(monitor, 3, server)
            if args.baseline_clients and args.baseline_duration:
                report["baseline"] = await phase_mixed(
                    *(server, monitor, args, user_keys, seeded, scenario, before),
                    name="baseline",
                    clients=args.baseline_clients,
                    duration=args.baseline_duration,
                )
                before = report["baseline"]["idle_after"]
            if args.scenario in ("mixed", "both"):
                report["mixed"] = await phase_mixed(
                    *(server, monitor, args, user_keys, seeded, scenario, before),
                    clients=args.clients,
                    duration=args.duration,
                )
                before = report["mixed"]["idle_after"]
            if args.scenario in ("jobs", "both"):
                report["jobs"] = await phase_jobs(
                    server, monitor, args, user_keys, jobs_key, seeded, scenario, before
                )
    finally:
        report["load_average_end"] = os.getloadavg()
        server.stop()
        if server.log_path.exists():
            report["server_log"] = server.log_problems()
            if args.keep_log:
                RESULTS.mkdir(exist_ok=True)
                shutil.copy(server.log_path, RESULTS / f"load-{name}-server.log")
        await drop_database(args.database_url, make_url(url).database)
        shutil.rmtree(workdir, ignore_errors=True)
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scenario", choices=["mixed", "jobs", "both"], default="both")
    parser.add_argument("--clients", type=int, default=200, help="mixed: concurrent clients")
    parser.add_argument("--duration", type=float, default=60, help="mixed: seconds of load")
    parser.add_argument("--client-procs", type=int, default=2, help="processes running clients")
    parser.add_argument(
        "--baseline-clients", type=int, default=4, help="light load first (0: none)"
    )
    parser.add_argument("--baseline-duration", type=float, default=10)
    parser.add_argument("--keys", type=int, default=4, help="ordinary keys the clients share")
    parser.add_argument("--seed-jobs", type=int, default=50, help="finished jobs per key")
    parser.add_argument("--seed-patients", type=int, default=2_000)
    parser.add_argument("--seed-large", type=int, default=2, help="large jobs, over the keys")
    parser.add_argument("--seed-large-patients", type=int, default=100_000)
    parser.add_argument("--job-rate", type=float, default=0.5, help="mixed: POST /jobs per s")
    parser.add_argument("--job-patients", type=int, default=5_000, help="mixed: job size")
    parser.add_argument("--jobs", type=int, default=25, help="jobs: POSTed at once by one key")
    parser.add_argument("--jobs-patients", type=int, default=50_000)
    parser.add_argument("--readers", type=int, default=50, help="jobs: clients reading meanwhile")
    parser.add_argument("--warmup", type=float, default=3, help="jobs: reads before the POSTs")
    parser.add_argument("--max-retry-after", type=float, default=60)
    parser.add_argument("--drain-timeout", type=float, default=420)
    parser.add_argument("--idle-wait", type=float, default=10)
    parser.add_argument("--timeout", type=float, default=60, help="per request, seconds")
    parser.add_argument("--preset", default=None, help="scenario preset id (default: first)")
    parser.add_argument("--src", default=None, help="source tree to run the server from")
    parser.add_argument("--label", default=None)
    parser.add_argument(
        "--server-env", action="append", default=[], metavar="NAME=VALUE", help="repeatable"
    )
    parser.add_argument("--keep-log", action="store_true", help="copy the server log to results/")
    parser.add_argument(
        "--database-url",
        default=os.environ.get(
            "PATIENTGEN_TEST_DATABASE_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres"
        ),
    )
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/0")
    parser.add_argument("--compare", nargs="+", metavar="REPORT", help="compare saved reports")
    parser.add_argument("--show", metavar="REPORT", help="print a saved report again")
    args = parser.parse_args()
    if args.show:
        print_report(json.loads(Path(args.show).read_text()))
        return
    if args.compare:
        compare(args.compare)
        return
    args.src_path = Path(args.src).resolve() if args.src else REPO
    report = asyncio.run(run(args))
    RESULTS.mkdir(exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    path = RESULTS / f"load-{stamp}.json"
    path.write_text(json.dumps(report, indent=1, default=str))
    print_report(report)
    print(f"\nreport: {path}")


if __name__ == "__main__":
    main()
