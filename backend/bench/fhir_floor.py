"""What a FHIR export costs at the least, per patient, against what NDJSON's rate leaves it
(issue 14, item 5): not a test, a measurement.

    cd backend && .venv/bin/python bench/fhir_floor.py [--patients 8192] [--ndjson-rate 74000]

In memory, one core, the default preset's records (best of 5 each):

* ``parse``: ``orjson.loads`` of a stored document (every format but NDJSON/JSON pays it);
* ``bundle_line``: mapping one record to its transaction Bundle (the fhir-bundle encoder's
  whole work per patient, the database read and JSON parse excluded);
* ``uuid5``: the resource ids alone (a Bundle's every resource has one, SHA-1 based);
* ``deflate``: zlib at the export's level over the fhir-ndjson text (what the ZIP must do with
  every byte, wherever the text comes from), and the same on two cores at best (half).

Each is printed as µs a patient and as the ratio to NDJSON it would allow on its own, given
``--ndjson-rate`` (patients/s of an NDJSON export measured on the same machine, e.g. by
bench/exports.py): a ratio above which no encoder can go while that work remains.
"""

from __future__ import annotations

import argparse
import json
import time
import zlib
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import orjson

from patientgen.exports import fhir
from patientgen.exports.archive import COMPRESSION_LEVEL
from patientgen.exports.fhir_resources import PatientResources
from patientgen.simulation import BLOCK_SIZE, block_count, default_scenario, generate_block
from patientgen.simulation.documents import lines

RESULTS = Path(__file__).parent / "results"


def _best(run: Callable[[], object], repeat: int = 5) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - started)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--patients", type=int, default=4 * BLOCK_SIZE)
    parser.add_argument("--ndjson-rate", type=float, default=74_000.0)
    args = parser.parse_args()
    n = args.patients
    scenario = default_scenario()
    records = [
        orjson.loads(line)
        for number in range(block_count(n))
        for line in lines(generate_block(scenario, 20261204, number, n))
    ]
    ids = sum(
        len(built) for r in records for _kind, built in PatientResources(r, bundle=True).all()
    )
    text = b"".join(b"".join(chunks) for _name, chunks in fhir.ndjson_files(lambda: iter(records)))

    def deflate() -> None:
        compressor = zlib.compressobj(COMPRESSION_LEVEL, zlib.DEFLATED, -zlib.MAX_WBITS)
        for start in range(0, len(text), 1 << 16):
            compressor.compress(text[start : start + (1 << 16)])
        compressor.flush()

    namespaces = [fhir.uuid5_bytes(b"\0" * 16, r["id"].encode())[:16] for r in records]

    def uuid5() -> None:
        per_patient = ids // len(records)
        for namespace in namespaces:
            for k in range(per_patient):
                fhir.uuid5_bytes(namespace, b"Observation/vital/%d" % k)

    budget_us = 1e6 / args.ndjson_rate
    documents = [orjson.dumps(r).decode() for r in records]
    costs = {
        "parse": _best(lambda: [None for _ in map(orjson.loads, documents)]) / n * 1e6,
        "bundle_line": _best(lambda: [fhir.bundle_line(r) for r in records]) / n * 1e6,
        "uuid5": _best(uuid5) / n * 1e6,
        "deflate (one core)": _best(deflate) / n * 1e6,
    }
    costs["deflate (two cores)"] = costs["deflate (one core)"] / 2
    print(
        f"{n:,} default-preset patients, {ids / n:.1f} resources and "
        f"{len(text) / n:,.0f} bytes of fhir-ndjson text a patient; NDJSON at "
        f"{args.ndjson_rate:,.0f} patients/s leaves {budget_us:.1f} µs a patient\n"
    )
    print(f"{'work':<22} {'µs/patient':>11} {'best x ndjson':>14}")
    for name, us in costs.items():
        print(f"{name:<22} {us:>11.1f} {budget_us / us:>14.3f}")
    RESULTS.mkdir(exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    report = {"patients": n, "ndjson_rate": args.ndjson_rate, "us_per_patient": costs}
    (RESULTS / f"fhir-floor-{stamp}.json").write_text(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
