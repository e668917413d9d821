"""The patient record (design.md's contract) declared once, in field order: the API's patient
routes, `GET /reference/record-schema`, the export field lists and the tests derive from it, and
a test holds every generated record to it (no field missing, none extra, the same order)."""

from __future__ import annotations

from typing import Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field

from patientgen.simulation.enums import (
    EventKind,
    FinalStatus,
    InjuryType,
    Mechanism,
    Role,
    Severity,
    Triage,
    WarfareType,
)
from patientgen.simulation.reference.profiles import Deadline

ISO_UTC = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$"
OutOfTheatre = Literal["OUT_OF_THEATRE"]
OUT_OF_THEATRE: str = get_args(OutOfTheatre)[0]
TimelineKind = Literal[
    "injury", "first_aid", "departure", "arrival", "return_to_duty", "death", "evacuated"
]


class _Part(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Demographics(_Part):
    given_name: str
    family_name: str
    sex: Literal["female", "male"]
    birth_date: str = Field(pattern=r"^\d{4}-\d{2}-\d{2}$")
    blood_type: str = Field(examples=["O+"])
    service_number: str
    rank: str = Field(description="NATO rank code (STANAG 2116), e.g. OR-4 or OF-2.")
    rank_title: str = Field(description="The rank in the nation's own terms.")
    unit: str


class Condition(_Part):
    system: Literal["http://snomed.info/sct"]
    code: str = Field(description="SNOMED CT concept id.")
    display: str
    severity: Severity
    body_site: str | None


class Treatment(_Part):
    code: str = Field(description="SNOMED CT procedure.")
    display: str
    facility: Role
    time: str = Field(pattern=ISO_UTC)


class Vital(_Part):
    code: str = Field(description="LOINC code.")
    value: int | float
    unit: str = Field(description="UCUM unit.")
    facility: Role
    time: str = Field(pattern=ISO_UTC)


class TimelineEvent(_Part):
    event: TimelineKind
    facility: Role
    time: str = Field(pattern=ISO_UTC)
    mechanism: Mechanism | None = Field(None, description="Injury of a battle casualty.")
    warfare: WarfareType | None = Field(None, description="Injury of a battle casualty.")
    special_event: EventKind | None = Field(None, description="Injury during a special event.")
    facility_name: str | None = Field(None, description="Arrival: the facility's name.")
    wait_minutes: int | None = Field(None, description="Arrival: queue before treatment.")
    triage: Triage | None = Field(
        None, description="Arrival: the triage category on assessment there (re-triage)."
    )
    destination: Role | OutOfTheatre | None = Field(
        None, description="Departure or evacuation: where to."
    )
    in_transit: bool | None = Field(None, description="Death on the way to a facility.")


class DeadlineCheck(_Part):
    care: Deadline = Field(
        description="The 10-1-2 rule: first_aid within 10 min of wounding, medical_care (the "
        "first MTF's care) within 1 h, surgery (the first surgeon's care) within 2 h."
    )
    minutes: int = Field(description="When it is due: minutes after wounding (10, 60, 120).")
    met: bool = Field(description="The care began by the time it was due.")


class PatientRecord(_Part):
    index: int = Field(ge=0, description="0-based position in the job, stable.")
    id: str = Field(description="UUID derived from the job's seed and the index.")
    nationality: str = Field(pattern=r"^[A-Z]{3}$", description="ISO 3166 alpha-3.")
    front: str
    injury_type: InjuryType
    triage: Triage
    demographics: Demographics
    injury_time: str = Field(pattern=ISO_UTC)
    conditions: list[Condition] = Field(min_length=1)
    treatments: list[Treatment]
    vitals: list[Vital]
    timeline: list[TimelineEvent] = Field(description="In time order.")
    deadlines: list[DeadlineCheck] = Field(
        description="The treatment deadlines the conditions set, in 10-1-2 order; none for a "
        "patient whose conditions are all mild or need no time-critical care."
    )
    final_status: FinalStatus
    final_facility: Role


def record_schema() -> dict[str, Any]:
    """JSON Schema of one patient record (one NDJSON line of an export)."""
    return PatientRecord.model_json_schema()
