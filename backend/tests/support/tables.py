"""What the tabular exports (Parquet, Excel) should hold, derived here from NDJSON lines on
their own (not through patientgen.exports.entities), per docs/exports.md."""

from __future__ import annotations

from typing import Any

import orjson

# docs/exports.md: the files / sheets and their child columns
ENTITIES = ("patients", "conditions", "treatments", "vitals", "stays")
KEYS = ["patient_index", "patient_id", "position"]
CHILD_COLUMNS = {
    "conditions": [*KEYS, "system", "code", "display", "severity", "body_site"],
    "treatments": [*KEYS, "code", "display", "facility", "time"],
    "vitals": [*KEYS, "code", "value", "unit", "facility", "time"],
    "stays": [
        *KEYS,
        "facility",
        "facility_name",
        "arrival",
        "end",
        "end_event",
        "wait_minutes",
    ],
}
TIME_COLUMNS = {"injury_time", "first_facility_time", "first_treatment_time", "final_time"}
TIME_COLUMNS |= {"time", "arrival", "end"}


def records_of(ndjson: bytes) -> list[dict[str, Any]]:
    return [orjson.loads(line) for line in ndjson.splitlines()]


def _stays(record: dict[str, Any]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for event in record["timeline"]:
        if event.get("in_transit"):
            continue
        if out and out[-1]["facility"] == event["facility"]:
            out[-1]["end"] = max(out[-1]["end"], event["time"])
            out[-1]["end_event"] = event["event"]
            continue
        out.append(
            {
                "facility": event["facility"],
                "facility_name": event.get("facility_name"),
                "arrival": event["time"],
                "end": event["time"],
                "end_event": event["event"],
                "wait_minutes": event.get("wait_minutes"),
            }
        )
    return out


def expected_children(records: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Rows of every child table, as dicts with ISO times, in record order."""
    tables: dict[str, list[dict[str, Any]]] = {name: [] for name in CHILD_COLUMNS}
    for record in records:
        key = {"patient_index": record["index"], "patient_id": record["id"]}
        items = {
            "conditions": record["conditions"],
            "treatments": record["treatments"],
            "vitals": record["vitals"],
            "stays": _stays(record),
        }
        for name, rows in items.items():
            for position, item in enumerate(rows):
                row = {**key, "position": position}
                row.update({c: item.get(c) for c in CHILD_COLUMNS[name][3:]})
                tables[name].append(row)
    return tables
