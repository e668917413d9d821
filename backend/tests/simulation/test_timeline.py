"""Timelines are time-ordered and causally sane, over many patients of every preset."""

from __future__ import annotations

from typing import Any

import pytest

from patientgen.simulation import generate_block, get_preset, list_presets

ROLE_ORDER = {"POI": 0, "R1": 1, "R2": 2, "R3": 3, "R4": 4}
TERMINAL = {"return_to_duty": "RTD", "evacuated": "EVACUATED"}


def _records(preset_id: str, blocks: int = 2, seed: int = 7) -> tuple[Any, list[dict]]:
    s = get_preset(preset_id)
    total = max(s.patients, blocks * 2048)
    recs: list[dict] = []
    for b in range(blocks):
        recs.extend(generate_block(s, seed, b, total).records())
    return s, recs


@pytest.mark.parametrize("preset_id", [p["id"] for p in list_presets()])
def test_timelines_are_causal(preset_id: str) -> None:
    scenario, records = _records(preset_id)
    present = {r for r in ROLE_ORDER if getattr(scenario.chain, r).present}
    for rec in records:
        tl = rec["timeline"]
        times = [e["time"] for e in tl]
        assert times == sorted(times), rec["index"]  # ISO Z strings sort chronologically
        assert tl[0]["event"] == "injury"
        assert tl[0]["time"] == rec["injury_time"]
        injury, last = rec["injury_time"], tl[-1]
        assert last["event"] in {"death", "return_to_duty", "evacuated"}
        assert last["facility"] == rec["final_facility"]
        status = rec["final_status"]
        if last["event"] == "death":
            assert status == ("KIA" if rec["final_facility"] == "POI" else "DOW")
        else:
            assert status == TERMINAL[last["event"]]
        # nothing after the terminal event (death included), nothing before injury
        for item in rec["treatments"] + rec["vitals"]:
            assert injury <= item["time"] <= last["time"], (rec["index"], item)
            assert item["facility"] in present
        # evacuation only to roles present; arrival after departure, roles move forward
        pending = None
        visited = ["POI"]
        for e in tl[1:]:
            assert e["facility"] in present
            if e["event"] == "departure":
                assert e["destination"] in present or e["destination"] == "OUT_OF_THEATRE"
                pending = e
            elif e["event"] == "arrival":
                assert pending is not None
                assert pending["destination"] == e["facility"]
                assert e["time"] >= pending["time"]
                assert ROLE_ORDER[e["facility"]] > ROLE_ORDER[visited[-1]]
                visited.append(e["facility"])
                pending = None
        if status == "KIA":
            assert visited == ["POI"]
        if status == "DOW":
            assert len(visited) > 1
        if status == "EVACUATED":
            assert rec["final_facility"] == "R4" or last.get("destination") == "OUT_OF_THEATRE"


def test_no_r3_in_records_without_r3() -> None:
    s = get_preset("training")  # R2 absent
    recs = generate_block(s, 3, 0, 2048).records()
    assert all(e["facility"] != "R2" for r in recs for e in r["timeline"])
    assert all(t["facility"] != "R2" for r in recs for t in r["treatments"])
