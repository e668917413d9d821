"""Run `patientgen serve` (on a free port, until it answers) and `patientgen worker` (until it
says it is ready) as real processes."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx


@dataclass
class LiveServer:
    base_url: str
    process: subprocess.Popen
    log_path: Path

    @property
    def api(self) -> str:
        return self.base_url + "/api/v1"

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def _patientgen(args: list[str], env: dict[str, str], log_name: str) -> Iterator[tuple]:
    """`patientgen ARGS` with its output in a log file; SIGTERM (then SIGKILL) on exit, unless
    the test already ended it."""
    log_path = Path(env.get("PATIENTGEN_DATA_DIR", ".")) / log_name
    with log_path.open("w", encoding="utf-8") as log_file:
        process = subprocess.Popen(
            [sys.executable, "-m", "patientgen", *args],
            env={**os.environ, **env},
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
        try:
            yield process, log_path
        finally:
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()


@contextlib.contextmanager
def start_server(env: dict[str, str], *, timeout_s: float = 90.0) -> Iterator[LiveServer]:
    port = free_port()
    args = ["serve", "--host", "127.0.0.1", "--port", str(port)]
    with _patientgen(args, env, f"server-{port}.log") as (process, log_path):
        server = LiveServer(f"http://127.0.0.1:{port}", process, log_path)
        _wait_ready(server, timeout_s)
        yield server


def _wait_ready(server: LiveServer, timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"server exited early:\n{server.log()}")
        try:
            if httpx.get(server.api + "/health", timeout=1.0).status_code < 500:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"server did not become ready in {timeout_s}s:\n{server.log()}")


@dataclass
class Worker:
    process: subprocess.Popen
    log_path: Path

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")


@contextlib.contextmanager
def start_worker(env: dict[str, str], *, timeout_s: float = 90.0) -> Iterator[Worker]:
    """`patientgen worker`, once it says it is ready."""
    with _patientgen(["worker"], env, f"worker-{time.monotonic_ns()}.log") as (process, log_path):
        worker = Worker(process, log_path)
        deadline = time.monotonic() + timeout_s
        while "worker ready" not in worker.log():
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"worker did not start:\n{worker.log()}")
            time.sleep(0.1)
        yield worker
