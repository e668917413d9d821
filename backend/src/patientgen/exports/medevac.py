"""MIST handovers and 9-line MEDEVAC requests, one per evacuation leg of a patient.

A leg is a departure in the patient's timeline: from the point of injury or a role to the
next role (or out of theatre). For each, the 9-line request the sending facility would call in
(the lines in their standard order, wartime form) and the MIST handover it would give the
receiving team, both derived from the record (docs/exports.md, "MIST and 9-line MEDEVAC").

`legs(record)` gives the structured legs (dicts shaped as `MedevacLeg`); `encode_ndjson` and
`encode_text` are the two export formats.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, Literal

import orjson
from pydantic import BaseModel, ConfigDict, Field

from patientgen.exports import casualty, medevac_site
from patientgen.exports.archive import coalesce
from patientgen.exports.casualty import Record

NDJSON_MEDIA_TYPE = "application/x-ndjson"
TEXT_MEDIA_TYPE = "text/plain; charset=utf-8"

# Line 3: precedence. Line 4: special equipment. Line 6: security at the pick-up site (wartime).
# Line 7: marking. Line 8: nationality and status. Line 9: NBC contamination (wartime).
PRECEDENCE = {"A": "urgent", "B": "urgent-surgical", "C": "priority", "D": "routine"}
EQUIPMENT = {"A": "none", "B": "hoist", "C": "extraction equipment", "D": "ventilator"}
SECURITY = {
    "N": "no enemy troops in area",
    "P": "possible enemy troops in area",
    "E": "enemy troops in area, approach with caution",
    "X": "enemy troops in area, armed escort required",
}
MARKING = {"A": "panels", "B": "pyrotechnic signal", "C": "smoke signal", "D": "none"}
STATUS = {"A": "US military", "B": "US civilian", "C": "non-US military", "D": "non-US civilian"}
NBC = {"N": "nuclear", "B": "biological", "C": "chemical"}
LINE_TITLES = (
    "Location of pick-up site",
    "Radio frequency, call sign and suffix",
    "Number of patients by precedence",
    "Special equipment required",
    "Number of patients by type",
    "Security of pick-up site",
    "Method of marking pick-up site",
    "Patient nationality and status",
    "NBC contamination",
)
ROLE_NAMES = {
    "POI": "point of injury",
    "R1": "Role 1",
    "R2": "Role 2",
    "R3": "Role 3",
    "R4": "Role 4",
    "OUT_OF_THEATRE": "out of theatre",
}


class Coded(BaseModel):
    code: str | None = Field(description="The line's letter code; null where none applies.")
    label: str


class Precedence(Coded):
    patients: int = Field(description="Patients of this precedence on the request (1).")


class PatientsByType(BaseModel):
    litter: int
    ambulatory: int


class NationalityStatus(Coded):
    nationality: str = Field(description="ISO 3166 alpha-3 of the patient's nation.")


class NineLine(BaseModel):
    """The 9-line MEDEVAC request, wartime form, field by field in line order."""

    model_config = ConfigDict(title="NineLine")

    location: str = Field(description="Line 1 as read: the MGRS grid, then the facility and front in parentheses (synthetic; the parts are the leg's pickup_site).")  # fmt: skip  # noqa: E501
    call_sign: str = Field(description="Line 2 as read: frequency, call sign and suffix (synthetic; the parts are the leg's radio).")  # fmt: skip  # noqa: E501
    precedence: Precedence = Field(description="Line 3: A urgent, B urgent-surgical, C priority, D routine.")  # fmt: skip  # noqa: E501
    special_equipment: Coded = Field(description="Line 4: A none, B hoist, C extraction, D ventilator.")  # fmt: skip  # noqa: E501
    patients_by_type: PatientsByType = Field(description="Line 5: L litter / A ambulatory.")
    security: Coded = Field(description="Line 6: N, P, E or X.")
    marking: Coded = Field(description="Line 7: A panels, B pyrotechnic, C smoke, D none.")
    nationality_status: NationalityStatus = Field(description="Line 8: A US military … C non-US military.")  # fmt: skip  # noqa: E501
    nbc: Coded = Field(description="Line 9: N nuclear, B biological, C chemical; null code: none.")


class PickupSite(BaseModel):
    """Line 1 of the 9-line in parts: synthetic, derived from the front and the facility."""

    grid: str = Field(description="MGRS grid reference, 1 m precision, e.g. 33U VP 12345 67890: the facility's own (the same for all its patients); at the point of injury one per patient.")  # fmt: skip  # noqa: E501
    description: str = Field(description="The sending facility (code and name) and the front.")


class PickupRadio(BaseModel):
    """Line 2 of the 9-line in parts: synthetic, per sending facility and front."""

    frequency: str = Field(description="VHF FM, 30.000-87.975 MHz in 25 kHz steps, e.g. 46.750 MHz.")  # fmt: skip  # noqa: E501
    frequency_khz: int = Field(description="The same frequency in kHz, e.g. 46750.")
    call_sign: str = Field(description="Call sign word, e.g. VIPER.")
    suffix: str = Field(description="Two-digit suffix, e.g. 21 (per patient at the point of injury).")  # fmt: skip  # noqa: E501


class Mist(BaseModel):
    """The MIST handover at the receiving facility."""

    mechanism: str = Field(description="M: mechanism of injury and its time.")
    injuries: list[str] = Field(description="I: injuries found (condition, site, severity).")
    signs: str = Field(description="S: the last vital signs before departure, and the triage.")
    treatment: list[str] = Field(description="T: treatments given so far, with time and place.")


class MedevacLeg(BaseModel):
    """One evacuation leg of a patient: its 9-line request and MIST handover."""

    patient_index: int
    patient_id: str
    leg: int = Field(description="0-based position of the leg in the patient's journey.")
    origin: str = Field(description="Where the leg starts: POI, R1 … R4.")
    destination: str = Field(description="R1 … R4, or OUT_OF_THEATRE.")
    out_of_theatre: bool = Field(description="The leg leaves the theatre (to Role 4 or beyond).")
    departure: str = Field(description="Departure time (ISO 8601 UTC).")
    arrival: str | None = Field(description="Arrival time; null when the patient died on the way.")
    died_in_transit: bool
    triage: str = Field(description="Triage at departure (the last re-triage, if any).")
    nine_line: NineLine
    # Lines 1 and 2 in parts sit beside `nine_line`, not in it: the web keys a table by
    # NineLine's fields (one per line) and reads `location`/`call_sign` as the spoken text.
    pickup_site: PickupSite
    radio: PickupRadio
    mist: Mist
    nine_line_text: str = Field(description="The request as read over the radio, line by line.")
    mist_text: str


def _precedence(record: Record, triage: str, until: str) -> dict[str, Any]:
    code = {"T1": "A", "T2": "C"}.get(triage, "D")
    if code == "A" and casualty.needs_surgery(record, after=until):
        code = "B"
    return {"code": code, "label": PRECEDENCE[code], "patients": 1}


def _equipment(record: Record, until: str) -> dict[str, Any]:
    ventilated = any(k in casualty.VENTILATED for k in casualty.treatment_keys(record, until))
    code = "D" if ventilated else "A"
    return {"code": code, "label": EQUIPMENT[code]}


def _security(record: Record, origin: str) -> dict[str, Any]:
    code = "N"
    if origin == "POI" and record["injury_type"] == "BATTLE_INJURY":
        code = "E" if casualty.injury_event(record).get("special_event") else "P"
    return {"code": code, "label": SECURITY[code]}


def _nbc(record: Record, origin: str) -> dict[str, Any]:
    # CBRN warfare contaminates the point of injury; casualties are decontaminated before
    # they enter a treatment facility, so later legs are clean.
    if origin == "POI" and casualty.injury_event(record).get("warfare") == "cbrn":
        return {"code": "C", "label": "chemical (CBRN warfare)"}
    return {"code": None, "label": "none"}


def _pickup(record: Record, origin: str, arrivals: dict[str, str]) -> tuple[dict, dict]:
    """Lines 1 and 2 in parts (`PickupSite`, `PickupRadio`), from the front and the facility."""
    name = arrivals.get(origin) or ROLE_NAMES[origin]
    front, patient = record["front"], record["id"]
    radio = medevac_site.radio(front, origin, name, patient)
    site = {
        "grid": medevac_site.grid(front, origin, name, patient),
        "description": f"{origin} {name}, {front} front",
    }
    return site, {
        "frequency": radio.frequency,
        "frequency_khz": radio.frequency_khz,
        "call_sign": radio.call_sign,
        "suffix": radio.suffix,
    }


def _leg(
    record: Record, k: int, event: dict[str, Any], after: list[dict[str, Any]], names: dict
) -> dict[str, Any]:
    origin, destination, time = event["facility"], event["destination"], event["time"]
    arrival = next((e for e in after if e["event"] == "arrival"), None)
    died = any(e["event"] == "death" and e.get("in_transit") for e in after[:1])
    triage = casualty.triage_at(record, time)
    litter = casualty.litter(record)
    nation = record["nationality"]
    status = "A" if nation == "USA" else "C"
    site, radio = _pickup(record, origin, names)
    nine = {
        "location": f"{site['grid']} ({site['description']})",
        "call_sign": f"{radio['frequency']}, call sign {radio['call_sign']}, "
        f"suffix {radio['suffix']}",
        "precedence": _precedence(record, triage, time),
        "special_equipment": _equipment(record, time),
        "patients_by_type": {"litter": int(litter), "ambulatory": int(not litter)},
        "security": _security(record, origin),
        "marking": {"code": "C", "label": MARKING["C"]}
        if origin == "POI"
        else {"code": "A", "label": MARKING["A"]},
        "nationality_status": {"code": status, "label": STATUS[status], "nationality": nation},
        "nbc": _nbc(record, origin),
    }
    vitals = casualty.latest_vitals(record, time)
    mist = {
        "mechanism": f"{casualty.mechanism(record)} at {casualty.hhmm(record['injury_time'])}",
        "injuries": [casualty.injury_text(c) for c in record["conditions"]],
        "signs": (vitals.text() + "; " if vitals else "no measurements; ") + f"triage {triage}",
        "treatment": [
            f"{t['display']} ({t['facility']} {casualty.hhmm(t['time'])})"
            for t in record["treatments"]
            if t["time"] <= time
        ],
    }
    return {
        "patient_index": record["index"],
        "patient_id": record["id"],
        "leg": k,
        "origin": origin,
        "destination": destination,
        "out_of_theatre": destination in ("R4", "OUT_OF_THEATRE"),
        "departure": time,
        "arrival": None if died or arrival is None else arrival["time"],
        "died_in_transit": died,
        "triage": triage,
        "nine_line": nine,
        "pickup_site": site,
        "radio": radio,
        "mist": mist,
        "nine_line_text": nine_line_text(nine),
        "mist_text": mist_text(mist),
    }


def legs(record: Record) -> list[dict[str, Any]]:
    """Every evacuation leg of the patient, in journey order (none for a patient who never
    left the point of injury or the first role)."""
    timeline = record["timeline"]
    names = {e["facility"]: e["facility_name"] for e in timeline if e.get("facility_name")}
    out: list[dict[str, Any]] = []
    for i, event in enumerate(timeline):
        if event["event"] == "departure" and event.get("destination"):
            out.append(_leg(record, len(out), event, timeline[i + 1 :], names))
    return out


def _coded(value: dict[str, Any]) -> str:
    return value["label"] if value["code"] is None else f"{value['code']} - {value['label']}"


def nine_line_text(nine: dict[str, Any]) -> str:
    p, by_type = nine["precedence"], nine["patients_by_type"]
    types = [f"L{by_type['litter']}"] if by_type["litter"] else []
    types += [f"A{by_type['ambulatory']}"] if by_type["ambulatory"] else []
    status = nine["nationality_status"]
    values = (
        nine["location"],
        nine["call_sign"],
        f"{p['patients']}{p['code']} ({p['patients']} {p['label']})",
        _coded(nine["special_equipment"]),
        " ".join(types) + (" - litter" if by_type["litter"] else " - ambulatory"),
        _coded(nine["security"]),
        _coded(nine["marking"]),
        f"{_coded(status)} ({status['nationality']})",
        _coded(nine["nbc"]),
    )
    return "\n".join(
        f"LINE {n}: {title}: {value}"
        for n, (title, value) in enumerate(zip(LINE_TITLES, values, strict=True), 1)
    )


def mist_text(mist: dict[str, Any]) -> str:
    return "\n".join(
        (
            f"M: {mist['mechanism']}",
            f"I: {'; '.join(mist['injuries'])}",
            f"S: {mist['signs']}",
            f"T: {'; '.join(mist['treatment']) or 'none'}",
        )
    )


def encode_ndjson(records: Iterable[Record]) -> Iterator[bytes]:
    """One leg per line (`MedevacLeg`), patients in index order, legs in journey order."""
    return coalesce(orjson.dumps(leg) + b"\n" for record in records for leg in legs(record))


Kind = Literal["ndjson", "text"]


def leg_text(record: Record, leg: dict[str, Any]) -> str:
    d = record["demographics"]
    head = (
        f"=== Patient {leg['patient_index']} ({leg['patient_id']}), leg {leg['leg']}: "
        f"{leg['origin']} -> {leg['destination']} at {casualty.hhmm(leg['departure'])} ===\n"
        f"{d['family_name'].upper()}, {d['given_name']} - {d['rank_title']} ({d['rank']}), "
        f"{record['nationality']}, {d['service_number']}\n"
    )
    return (
        head
        + "9-LINE MEDEVAC REQUEST\n"
        + leg["nine_line_text"]
        + "\nMIST HANDOVER\n"
        + leg["mist_text"]
        + "\n\n"
    )


def encode_text(records: Iterable[Record]) -> Iterator[bytes]:
    """Every leg as plain text: a header naming the patient, the nine lines, then MIST."""
    return coalesce(leg_text(record, leg).encode() for record in records for leg in legs(record))
