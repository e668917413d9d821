"""Casualty cards per second (format=cards-pdf) and peak RSS, offline: patients generated
first (not timed), then the PDF encoded and its bytes dropped, in a fresh process per size.

    .venv/bin/python bench/cards.py --sizes 1000,10000
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import time


def _one(patients: int) -> None:
    from patientgen.exports.cards_pdf import CardOptions, encode
    from patientgen.simulation import get_preset, iter_blocks
    from patientgen.simulation.presets import DEFAULT_PRESET

    records = [r for b in iter_blocks(get_preset(DEFAULT_PRESET), patients, 1) for r in b.records()]
    options = CardOptions(job_id="00000000-0000-4000-8000-000000000000")
    start = time.perf_counter()
    size = sum(len(chunk) for chunk in encode(iter(records), options))
    seconds = time.perf_counter() - start
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    cards = patients * len(options.cards)
    print(
        f"| {patients:,} | {cards:,} | {seconds:.1f} | {cards / seconds:,.0f} | "
        f"{patients / seconds:,.0f} | {size / 1e6:.1f} | {rss:,.0f} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        _one(args.one)
        return
    print("| patients | cards | s | cards/s | patients/s | MB | peak RSS MB |")
    print("|---|---|---|---|---|---|---|")
    for size in (int(s) for s in args.sizes.split(",")):
        subprocess.run([sys.executable, __file__, "--one", str(size)], check=True)


if __name__ == "__main__":
    main()
