"""What a casualty shows and needs, read off one patient record: the facts the casualty cards
and the MIST / 9-line handovers are written from (docs/exports.md, "Casualty cards" and
"MIST and 9-line MEDEVAC").

Everything here derives from the record and the reference data (the condition catalogue, its
clinical profiles, the procedures); nothing is drawn at random, so a card or a 9-line of a
patient is the same in every export.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from patientgen.simulation.enums import Role
from patientgen.simulation.reference.conditions import CONDITIONS
from patientgen.simulation.reference.procedures import (
    PROCEDURE_MINUTES,
    PROCEDURES,
    treatments_for,
)
from patientgen.simulation.reference.profiles import (
    PROFILE_BY_CODE,
    Profile,
)
from patientgen.simulation.reference.vitals import VITALS

Record = Mapping[str, Any]

CONDITION_KEY: dict[str, str] = {c.code: c.key for c in CONDITIONS}
PROCEDURE_KEY: dict[str, str] = {code: key for key, (code, _) in PROCEDURES.items()}
VITAL_KEY: dict[str, str] = {code: key for key, code, _, _ in VITALS}
SEVERITY_BAND = {"severe": 0, "moderate": 1, "mild": 2}

# Procedures that are operations (a surgical team's work): a patient who gets one is
# "urgent-surgical" when urgent (9-line line 3, precedence B).
SURGICAL = frozenset(
    {
        "laparotomy",
        "amputation",
        "reduce_open_fracture",
        "orif",
        "orif_femur",
        "craniotomy",
        "skin_graft",
        "foreign_body",
        "spinal_decompression",
        "chest_drain",
    }
)
VENTILATED = frozenset({"intubation", "ventilation"})

CARE_LABEL = {
    "first_aid": "first aid",
    "medical_care": "care by medical staff",
    "surgery": "damage-control surgery",
}
PHYSIOLOGY_UNTREATED = {
    "haemorrhage": "keeps bleeding: pulse rises, blood pressure falls, then shock",
    "airway": "airway obstructs: oxygen saturation and consciousness fall",
    "breathing": "breathing fails: breathing rate rises, oxygen saturation falls",
    "brain": "brain swells: consciousness falls (GCS drops)",
    "fluid_loss": "loses fluid: pulse rises, blood pressure falls slowly",
    "infection": "infection spreads: fever and pulse rise",
    "local": "pain and loss of function, no threat to life",
    "mental": "no physical change; distress persists",
}


def parse_time(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def minutes_between(start: str, end: str) -> int:
    return round((parse_time(end) - parse_time(start)).total_seconds() / 60)


def hhmm(value: str) -> str:
    """``2030-06-20T21:24:08Z`` -> ``2030-06-20 21:24Z`` (what a card or a radio call says)."""
    return f"{value[:10]} {value[11:16]}Z"


def age(record: Record) -> int:
    born = record["demographics"]["birth_date"]
    at = record["injury_time"]
    years = int(at[:4]) - int(born[:4])
    return years - ((at[5:10]) < born[5:10])


def profile(condition: Mapping[str, Any]) -> Profile | None:
    return PROFILE_BY_CODE.get(condition["code"])


def injury_event(record: Record) -> Mapping[str, Any]:
    return record["timeline"][0]


def mechanism(record: Record) -> str:
    """The mechanism in words: `explosive (artillery), during a major offensive`."""
    event = injury_event(record)
    if event.get("mechanism") is None:
        return "disease" if record["injury_type"] == "DISEASE" else "non-battle injury"
    text = str(event["mechanism"])
    if event.get("warfare"):
        text += f" ({event['warfare']})"
    if event.get("special_event"):
        text += f", during a {str(event['special_event']).replace('_', ' ')}"
    return text


def injury_text(condition: Mapping[str, Any]) -> str:
    site = condition.get("body_site")
    return f"{condition['display']}{f', {site}' if site else ''} ({condition['severity']})"


@dataclass(frozen=True, slots=True)
class VitalSet:
    """One set of measurements (same time and facility), by key (hr, rr, sbp, …)."""

    time: str
    facility: str
    values: dict[str, int | float]

    def text(self) -> str:
        v = self.values
        parts = []
        if "hr" in v:
            parts.append(f"HR {v['hr']}")
        if "sbp" in v and "dbp" in v:
            parts.append(f"BP {v['sbp']}/{v['dbp']}")
        if "rr" in v:
            parts.append(f"RR {v['rr']}")
        if "spo2" in v:
            parts.append(f"SpO2 {v['spo2']}%")
        if "gcs" in v:
            parts.append(f"GCS {v['gcs']} ({avpu(int(v['gcs']))})")
        if "temp" in v:
            parts.append(f"T {v['temp']} °C")
        return ", ".join(parts)


def vital_sets(record: Record) -> list[VitalSet]:
    """The record's vitals grouped into sets, in time order."""
    sets: list[VitalSet] = []
    for vital in record["vitals"]:
        key = VITAL_KEY.get(vital["code"], vital["code"])
        if not sets or sets[-1].time != vital["time"] or sets[-1].facility != vital["facility"]:
            sets.append(VitalSet(vital["time"], vital["facility"], {}))
        sets[-1].values[key] = vital["value"]
    return sets


def latest_vitals(record: Record, until: str) -> VitalSet | None:
    """The last set measured at or before `until` (ISO times of one form sort as text)."""
    found = None
    for s in vital_sets(record):
        if s.time <= until:
            found = s
    return found


def avpu(gcs: int) -> str:
    """The AVPU scale from a GCS total (a common approximation: 15-14 A, 13-9 V, 8-6 P, U)."""
    if gcs >= 14:
        return "A"
    if gcs >= 9:
        return "V"
    return "P" if gcs >= 6 else "U"


def treatment_keys(record: Record, until: str | None = None) -> list[str]:
    return [
        PROCEDURE_KEY.get(t["code"], t["code"])
        for t in record["treatments"]
        if until is None or t["time"] <= until
    ]


def litter(record: Record) -> bool:
    """Carried on a litter (9-line line 5 "L") unless every condition lets the casualty walk:
    a condition whose profile says litter, unless it is mild; or anyone unconscious."""
    for condition in record["conditions"]:
        p = profile(condition)
        if p is not None and p.litter and condition["severity"] != "mild":
            return True
    first = vital_sets(record)
    return bool(first and first[0].values.get("gcs", 15) <= 8)


def deadlines(record: Record) -> list[dict[str, Any]]:
    """The 10-1-2 deadlines the record carries (`care`, `minutes`, `met`). The simulation's
    clinical model is the one place that decides which apply; a record stored before that
    model has none, and guessing them here again would drift from it."""
    return [dict(d) for d in record.get("deadlines") or ()]


def needs_surgery(record: Record, after: str = "") -> bool:
    """Whether surgery is still to come after `after` (ISO time; default: at any time): an
    operation done later, or a surgery deadline that no operation before then has met."""
    done = [
        PROCEDURE_KEY.get(t["code"]) in SURGICAL and t["time"] <= after
        for t in record["treatments"]
    ]
    later = [
        PROCEDURE_KEY.get(t["code"]) in SURGICAL and t["time"] > after for t in record["treatments"]
    ]
    if any(later):
        return True
    return not any(done) and any(d["care"] == "surgery" for d in deadlines(record))


def triage_at(record: Record, until: str) -> str:
    """The triage that holds at `until`: the last re-triage of an arrival at or before it (when
    the record carries one), else the record's triage."""
    current = record["triage"]
    for event in record["timeline"]:
        if event["time"] > until:
            break
        if event["event"] == "arrival" and event.get("triage"):
            current = event["triage"]
    return current


def untreated(record: Record) -> list[str]:
    """What happens to the casualty without care, and by when: one line per deadline and one
    per condition's course (its profile's physiology)."""
    lines = []
    for d in deadlines(record):
        lines.append(f"needs {CARE_LABEL.get(d['care'], d['care'])} by +{d['minutes']} min")
    seen = set()
    for condition in record["conditions"]:
        p = profile(condition)
        if p is None or p.physiology in seen:
            continue
        seen.add(p.physiology)
        lines.append(
            f"{condition['display']}: {PHYSIOLOGY_UNTREATED[p.physiology]}{_pace(p.deterioration)}"
        )
    return lines


def _pace(deterioration: float) -> str:
    """How fast an untreated condition worsens, from its profile's state gained per hour."""
    if deterioration >= 0.15:
        return ", within the hour"
    if deterioration >= 0.05:
        return ", over a few hours"
    return ", over a day or more" if deterioration > 0 else ""


def behaviour(record: Record, vitals: VitalSet | None) -> str:
    gcs = int(vitals.values.get("gcs", 15)) if vitals else 15
    if gcs <= 8:
        return "unresponsive; does not speak"
    if gcs <= 12:
        return "confused and drowsy; answers slowly, repeats questions"
    mental = any(CONDITION_KEY.get(c["code"]) == "ptsd" for c in record["conditions"])
    if mental:
        return "awake, withdrawn and agitated; startles at noise"
    if gcs <= 14:
        return "awake but disoriented; asks what happened"
    severe = any(c["severity"] == "severe" for c in record["conditions"])
    if severe:
        return "awake, in severe pain, anxious; asks for help"
    if record["injury_type"] == "DISEASE":
        return "awake, unwell and tired; answers questions"
    return "awake and talking; complains of pain"


def position(record: Record, vitals: VitalSet | None) -> str:
    if vitals is not None and vitals.values.get("gcs", 15) <= 8:
        return "lying on the ground, not moving"
    if litter(record):
        return "lying down, cannot walk"
    if record["injury_type"] == "DISEASE":
        return "sitting, can walk slowly"
    return "sitting or standing, can walk"


def abcde(record: Record, vitals: VitalSet | None) -> dict[str, str]:
    """ABCDE findings at first contact, from the first measurements and the conditions."""
    v = vitals.values if vitals else {}
    physiologies = {p.physiology for c in record["conditions"] if (p := profile(c))}
    gcs = int(v.get("gcs", 15))
    airway = "patent, speaking"
    if gcs <= 8 or ("airway" in physiologies and gcs < 15):
        airway = "at risk: snoring or gurgling, needs an airway"
    breathing = f"RR {v.get('rr', '?')}/min, SpO2 {v.get('spo2', '?')}%"
    if "breathing" in physiologies:
        breathing += ", laboured, chest moves unevenly"
    circulation = f"pulse {v.get('hr', '?')}/min"
    if "sbp" in v:
        circulation += f", BP {v['sbp']}/{v.get('dbp', '?')}"
    if "haemorrhage" in physiologies:
        sites = [c["body_site"] for c in record["conditions"] if c.get("body_site")]
        circulation += f", bleeding{f' from the {sites[0]}' if sites else ''}"
    disability = f"GCS {gcs} ({avpu(gcs)})"
    exposure = "; ".join(injury_text(c) for c in record["conditions"])
    if "temp" in v:
        exposure += f"; temperature {v['temp']} °C"
    return {"A": airway, "B": breathing, "C": circulation, "D": disability, "E": exposure}


def journey(record: Record) -> list[str]:
    """The patient's actual path in this job, one line per timeline event."""
    lines = []
    for event in record["timeline"]:
        text = f"{hhmm(event['time'])} {event['facility']} {event['event'].replace('_', ' ')}"
        if event.get("destination"):
            text += f" to {event['destination']}"
        if event.get("wait_minutes"):
            text += f" (waited {event['wait_minutes']} min)"
        if event.get("triage"):
            text += f", re-triaged {event['triage']}"
        if event.get("in_transit"):
            text += " (in transit)"
        lines.append(text)
    return lines


def expected_outcome(record: Record) -> tuple[str, str]:
    """(with timely care, without it), from the primary condition's profile."""
    primary = record["conditions"][0]
    p = profile(primary)
    if p is None:
        return ("not profiled", "not profiled")
    role = p.rtd_role[SEVERITY_BAND[primary["severity"]]]
    timely = f"returns to duty from {role}" if role is not None else "evacuated out of theatre (R4)"
    cares = [CARE_LABEL[d["care"]] for d in deadlines(record)]
    late = (
        f"deteriorates if {' / '.join(cares)} come late; may die"
        if cares
        else "slower recovery; no time-critical threat"
    )
    return timely, late


# The 10-1-2 deadline each role of the chain is there to meet.
ROLE_DEADLINE = {Role.POI: "first_aid", Role.R1: "medical_care", Role.R2: "surgery"}


def expected_care(record: Record) -> list[str]:
    """What the chain should do for this casualty, role by role: the procedures its conditions
    call for there (with their usual minutes after the start of care) and the deadline the role
    has to meet, if one applies."""
    conditions = record["conditions"]
    keys = [CONDITION_KEY.get(c["code"], "") for c in conditions]
    band = SEVERITY_BAND[conditions[0]["severity"]]
    site = conditions[0].get("body_site") or ""
    due = {d["care"]: d for d in deadlines(record)}
    lines = []
    for role in (Role.POI, Role.R1, Role.R2, Role.R3):
        done = treatments_for(role, keys[0], keys[1] if len(keys) > 1 else None, band, site)
        procedures = [_procedure_text(key) for key in done]
        care = ROLE_DEADLINE.get(role)
        deadline = ""
        if care is not None and care in due:
            minutes = due[care]["minutes"]
            deadline = f" [{CARE_LABEL[care]} by +{minutes} min]"
        lines.append(f"{role}: {', '.join(procedures) or 'nothing'}{deadline}")
    return lines


def _procedure_text(key: str) -> str:
    low, high = PROCEDURE_MINUTES[key]
    name = PROCEDURES[key][1]
    return name if high == 0 else f"{name} (+{low}-{high} min)"
