"""Scenario validation: invalid scenarios are rejected with the failing field named."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from pydantic import ValidationError

from patientgen.simulation import Scenario, get_preset, list_presets
from patientgen.simulation.enums import WarfareType
from patientgen.simulation.reference.nations import NATION_CODES


def _invalid(base: Scenario, mutate: Callable[[dict], Any]) -> str:
    data = base.model_dump(mode="json")
    mutate(data)
    with pytest.raises(ValidationError) as err:
        Scenario.model_validate(data)
    return "\n".join(
        ".".join(str(p) for p in e["loc"]) + ": " + e["msg"] for e in err.value.errors()
    )


def test_json_schema_works() -> None:
    schema = Scenario.model_json_schema()
    assert schema["additionalProperties"] is False
    assert {"fronts", "injury_mix", "chain", "special_events"} <= set(schema["properties"])
    json.dumps(schema)


def test_round_trip(default: Scenario) -> None:
    assert Scenario.model_validate_json(default.model_dump_json()) == default


@pytest.mark.parametrize(
    ("mutate", "field", "text"),
    [
        (lambda d: d["injury_mix"].update(disease=0.5), "injury_mix", "must sum to 1"),
        (lambda d: d["fronts"][0].update(share=0.9), "fronts", "front shares must sum"),
        (lambda d: d["fronts"][1]["nationality_mix"].update(XXX=0.1), "fronts.1.nationality_mix",
         "unknown nation"),
        (lambda d: d["fronts"][0]["nationality_mix"].update(POL=0.9), "fronts.0.nationality_mix",
         "must sum to 1"),
        (lambda d: d["warfare"].update(conventional=0.9), "warfare", "must sum to 1"),
        (lambda d: d["warfare"].update(laser=0.0), "warfare.laser", "Input should be"),
        (lambda d: d["transit_minutes"]["R2"]["T1"].update(min=-5), "transit_minutes.R2.T1.min",
         "greater than or equal"),
        (lambda d: d["chain"]["R1"]["treatment_minutes"]["T2"].update(min=50, max=10),
         "chain.R1.treatment_minutes.T2", "must not be below"),
        (lambda d: [d["chain"][r].update(present=False) for r in ("R1", "R2", "R3")],
         "chain", "empty chain"),
        (lambda d: d["chain"]["POI"].update(present=False), "chain", "POI"),
        (lambda d: d["chain"]["R2"]["outcomes"]["battle_injury"]["T1"].update(die=0.5),
         "chain.R2.outcomes.battle_injury.T1", "must sum to 1"),
        (lambda d: d["triage_weights"]["disease"].update(T4=0.5),
         "triage_weights.disease", "must sum to 1"),
        (lambda d: d.update(duration_days=0), "duration_days", "greater than or equal"),
        (lambda d: d.update(surprise=1), "surprise", "Extra inputs"),
        (lambda d: d["special_events"][0].update(day=99), "special_events.0.day", "after"),
        (lambda d: d["special_events"][0].update(front="West"), "special_events.0.front",
         "unknown front"),
        (lambda d: d.update(intensity=-1), "intensity", "greater than or equal"),
    ],
)  # fmt: skip
def test_invalid_scenarios_name_the_field(
    default: Scenario, mutate: Callable[[dict], Any], field: str, text: str
) -> None:
    message = _invalid(default, mutate)
    assert field in message, message
    assert text in message, message


def test_naive_start_is_utc(default: Scenario) -> None:
    data = default.model_dump(mode="json")
    data["start"] = "2030-01-01T00:00:00"
    assert Scenario.model_validate(data).start.utcoffset().total_seconds() == 0


def test_at_least_six_presets_validate_with_known_vocabulary() -> None:
    presets = list_presets()
    assert len(presets) >= 6
    ids = {p["id"] for p in presets}
    assert {"large_scale_conventional", "peacekeeping", "cbrn", "urban", "amphibious",
            "training"} <= ids  # fmt: skip
    for p in presets:
        s = get_preset(p["id"])
        assert p["name"]
        assert p["description"]
        for f in s.fronts:
            assert set(f.nationality_mix) <= set(NATION_CODES)
        assert set(s.warfare) <= set(WarfareType)
    with pytest.raises(KeyError):
        get_preset("nope")
