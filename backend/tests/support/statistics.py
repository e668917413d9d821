"""An independent recount of a job's statistics from the generator's own records."""

from __future__ import annotations

import statistics as pystats
from collections import Counter
from datetime import datetime
from itertools import pairwise


def _independent_flows(records) -> Counter:
    edges: Counter = Counter()
    for r in records:
        hops = ["POI"] + [e["facility"] for e in r["timeline"] if e["event"] == "arrival"]
        for a, b in pairwise(hops):
            edges[(a, b)] += 1
        edges[(hops[-1], r["final_status"])] += 1
    return edges


def assert_statistics_describe(stats: dict, records: list[dict]) -> None:
    assert stats["patients"] == len(records)
    for dim in ("nationality", "front", "injury_type", "triage", "final_status"):
        assert stats["counts"][dim] == dict(Counter(r[dim] for r in records)), dim

    flows = {(e["source"], e["target"]): e["patients"] for e in stats["flows"]}
    assert flows == dict(_independent_flows(records))

    days = Counter(r["injury_time"][:10] for r in records)
    assert {d["date"]: d["patients"] for d in stats["injuries"]["per_day"]} == dict(days)
    by_triage = Counter((r["injury_time"][:10], r["triage"]) for r in records)
    assert {
        (d["date"], t): n for d in stats["injuries"]["per_day"] for t, n in d["triage"].items()
    } == dict(by_triage)
    assert sum(h["patients"] for h in stats["injuries"]["per_hour"]) == len(records)
    hours_of_day = Counter(int(r["injury_time"][11:13]) for r in records)
    assert [h["patients"] for h in stats["injuries"]["per_hour_of_day"]] == [
        hours_of_day[h] for h in range(24)
    ]

    for role in ("R1", "R2", "R3", "R4"):
        arrivals = sum(
            1
            for r in records
            for e in r["timeline"]
            if e["event"] == "arrival" and e["facility"] == role
        )
        facility = stats["facilities"][role]
        assert facility["admissions"] == arrivals, role
        if arrivals:
            assert facility["peak_occupancy"] >= facility["peak_arrivals_per_hour"] > 0

    for triage, summary in stats["time_to_first_treatment"].items():
        delays = [
            (min(_epoch(t["time"]) for t in r["treatments"]) - _epoch(r["injury_time"])) // 60
            for r in records
            if r["triage"] == triage and r["treatments"]
        ]
        assert summary["patients"] == len(delays)
        assert summary["median_min"] == pystats.median_low(delays)


def _epoch(timestamp: str) -> int:
    return int(datetime.fromisoformat(timestamp).timestamp())
