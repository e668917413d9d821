"""Generation benchmark: patients/s on one core and peak RSS, per job size.

    .venv/bin/python bench/generate.py [--sizes 10000,100000,1000000] [--preset ID]

Each (size, mode) runs in a fresh subprocess pinned to one CPU, so peak RSS
(resource.getrusage ru_maxrss) belongs to that size alone. Modes:
  blocks:    generate_block for every block (columnar arrays only)
  records:   blocks + records() dicts + orjson per record (the readable reference path)
  documents: blocks + the NDJSON fast path (encode_block -> PatientBlock.ndjson())
  rows:      blocks + documents() as str + flow_rows() (what the database rows need)
Output is discarded.
Times include the one-off scenario compile and capacity pilot (reported separately).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time


def worker(size: int, mode: str, preset: str) -> dict[str, float]:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    from patientgen.exports.ndjson import encode_block, encode_records
    from patientgen.simulation import block_count, generate_block, get_preset

    scenario = get_preset(preset)
    t0 = time.perf_counter()
    generate_block(scenario, 1, 0, size)  # compile + capacity pilot, cached afterwards
    setup = time.perf_counter() - t0
    out_bytes = 0
    t0 = time.perf_counter()
    for b in range(block_count(size)):
        block = generate_block(scenario, 1, b, size)
        if mode == "records":
            out_bytes += len(encode_records(block.records()))
        elif mode == "documents":
            out_bytes += len(encode_block(block))
        elif mode == "rows":
            out_bytes += sum(map(len, block.documents())) + len(block.flow_rows())
    elapsed = time.perf_counter() - t0
    return {
        "size": size,
        "rate": size / (elapsed + setup),
        "setup_s": setup,
        "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "bytes_per_patient": out_bytes / size if out_bytes else 0.0,
    }


def run(size: int, mode: str, preset: str) -> dict[str, float]:
    env = {**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"}
    proc = subprocess.run(
        [sys.executable, __file__, "--worker", str(size), "--mode", mode, "--preset", preset],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    return json.loads(proc.stdout)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10000,100000,1000000")
    ap.add_argument("--preset", default="large_scale_conventional")
    ap.add_argument("--worker", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--mode", default="blocks", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker, args.mode, args.preset)))
        return
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"preset {args.preset}; one core; times include setup (compile + capacity pilot)")
    header = (
        f"{'patients':>10} | {'blocks p/s':>11} {'RSS MB':>7} | {'+records+NDJSON p/s':>19} "
        f"{'RSS MB':>7} | {'+documents NDJSON p/s':>21} {'RSS MB':>7} {'B/patient':>9} | "
        f"{'+documents+flow_rows p/s':>24} | {'setup s':>7}"
    )
    print(header)
    print("-" * len(header))
    rss: dict[int, float] = {}
    for size in sizes:
        g = run(size, "blocks", args.preset)
        r = run(size, "records", args.preset)
        d = run(size, "documents", args.preset)
        w = run(size, "rows", args.preset)
        rss[size] = g["maxrss_mb"]
        print(
            f"{size:>10,} | {g['rate']:>11,.0f} {g['maxrss_mb']:>7.1f} | {r['rate']:>19,.0f} "
            f"{r['maxrss_mb']:>7.1f} | {d['rate']:>21,.0f} {d['maxrss_mb']:>7.1f} "
            f"{d['bytes_per_patient']:>9.0f} | {w['rate']:>24,.0f} | {g['setup_s']:>7.2f}",
            flush=True,
        )
    if 100_000 in rss and 1_000_000 in rss:
        print(f"peak RSS 1M / 100k (blocks only): {rss[1_000_000] / rss[100_000]:.2f}")


if __name__ == "__main__":
    main()
