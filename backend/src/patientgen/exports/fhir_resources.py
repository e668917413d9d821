"""The FHIR resources of one patient record (Patient, Encounters, Conditions, Procedures,
Observations, Locations), as docs/exports.md maps them; fhir.py writes them as Bundles or as
one NDJSON file per type."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from patientgen.exports.fhir_vocabulary import (
    ACTIVE,
    BLOOD_GROUP_CODE,
    BP_PANEL_CODE,
    CONFIRMED,
    DECEASED,
    DIAGNOSIS_CATEGORY,
    DIASTOLIC,
    DISCHARGE_DISPOSITION,
    GCS,
    ISO_3166,
    LABORATORY_CATEGORY,
    LOINC,
    MEDICAL_ROLE,
    NATIONALITY_EXTENSION,
    NATO_RANK,
    NATO_TRIAGE,
    RANK_EXTENSION,
    ROLES,
    SERVICE_NUMBER,
    SEVERITY_CONCEPT,
    SNOMED,
    SURVEY_CATEGORY,
    SYSTOLIC,
    TREATS,
    TRIAGE_CODE,
    TRIAGE_DISPLAY,
    UCUM,
    UNIT_DISPLAY,
    UNIT_EXTENSION,
    V3_ACT_CODE,
    VITAL_CODES,
    VITAL_SIGNS_CATEGORY,
    Reference,
    codeable,
    coding,
    location_id,
    period_of,
    uuid5,
)
from patientgen.simulation.timeline import Stay, stays


@dataclass(slots=True)
class _Stay(Stay):
    """A stay (simulation.timeline) as one Encounter, with its ids."""

    id: str = ""
    location_id: str = ""


class PatientResources:
    """The FHIR resources of one patient record; ``reference`` picks the reference style."""

    def __init__(self, record: dict[str, Any], reference: Reference) -> None:
        self.record = record
        self.ref = reference
        self.id = record["id"]
        self._ns = uuid.UUID(self.id).bytes
        self.stays = stays(record.get("timeline") or [], _Stay)
        for k, stay in enumerate(self.stays):
            stay.name = stay.name or ROLES.get(stay.facility, (stay.facility,))[0]
            stay.id = self._rid(f"Encounter/{k}")
            stay.location_id = location_id(stay.facility, stay.name)
        self.treatment_stay = [self._assign(t) for t in record.get("treatments") or []]
        self.vital_stay = [self._assign(v) for v in record.get("vitals") or []]

    def _rid(self, suffix: str) -> str:
        return uuid5(self._ns, suffix)

    def _assign(self, item: dict[str, Any]) -> _Stay | None:
        """The stay an item (treatment, vital) belongs to: same facility, started by then."""
        facility, time = item.get("facility"), item.get("time")
        candidates = [s for s in self.stays if s.facility == facility]
        if not candidates or not time:
            return None
        at = datetime.fromisoformat(time)
        started = [s for s in candidates if s.start_at <= at]
        stay = started[-1] if started else candidates[0]
        stay.extend(time)
        return stay

    def _stay_at(self, time: str) -> _Stay | None:
        at = datetime.fromisoformat(time)
        started = [s for s in self.stays if s.start_at <= at]
        return started[-1] if started else (self.stays[0] if self.stays else None)

    def _patient_ref(self) -> dict[str, str]:
        return self.ref("Patient", self.id)

    def _context(self, stay: _Stay | None) -> dict[str, Any]:
        return {"encounter": self.ref("Encounter", stay.id)} if stay else {}

    # -- resources ------------------------------------------------------------------------

    def patient(self) -> list[dict[str, Any]]:
        r = self.record
        demo = r["demographics"]
        extension: list[dict[str, Any]] = [
            {
                "url": NATIONALITY_EXTENSION,
                "extension": [
                    {"url": "code", "valueCodeableConcept": codeable(ISO_3166, r["nationality"])}
                ],
            }
        ]
        if demo.get("rank"):
            title = demo.get("rank_title")
            extension.append(
                {"url": RANK_EXTENSION, "valueCoding": coding(NATO_RANK, demo["rank"], title)}
            )
        if demo.get("unit"):
            extension.append({"url": UNIT_EXTENSION, "valueString": demo["unit"]})
        given, family = demo.get("given_name"), demo.get("family_name")
        name: dict[str, Any] = {"use": "official"}
        name["text"] = " ".join(p for p in (given, family) if p)
        if family:
            name["family"] = family
        if given:
            name["given"] = [given]
        resource: dict[str, Any] = {"resourceType": "Patient", "id": self.id}
        resource["extension"] = extension
        if demo.get("service_number"):
            resource["identifier"] = [
                {
                    "use": "official",
                    "type": {"text": "Service number"},
                    "system": SERVICE_NUMBER + r["nationality"],
                    "value": demo["service_number"],
                }
            ]
        resource["name"] = [name]
        sex = str(demo.get("sex") or "").lower()
        resource["gender"] = {"male": "male", "m": "male", "female": "female", "f": "female"}.get(
            sex, "unknown"
        )
        if demo.get("birth_date"):
            resource["birthDate"] = demo["birth_date"]
        if r.get("final_status") in DECEASED:
            resource["deceasedDateTime"] = self._death_time()
        return [resource]

    def _death_time(self) -> str:
        timeline = self.record.get("timeline") or []
        for event in reversed(timeline):
            if event.get("event") == "death":
                return event["time"]
        return timeline[-1]["time"] if timeline else self.record["injury_time"]

    def locations(self) -> list[dict[str, Any]]:
        out: dict[str, dict[str, Any]] = {}
        for stay in self.stays:
            if stay.location_id in out:
                continue
            default, description, *_ = ROLES.get(stay.facility, (stay.facility, None))
            resource: dict[str, Any] = {
                "resourceType": "Location",
                "id": stay.location_id,
                "status": "active",
                "name": stay.name,
            }
            if description:
                resource["description"] = description
            resource["mode"] = "instance"
            resource["type"] = [codeable(MEDICAL_ROLE, stay.facility, default)]
            out[stay.location_id] = resource
        return list(out.values())

    def _disposition(self, k: int, stay: _Stay) -> dict[str, Any] | None:
        if k < len(self.stays) - 1 or stay.last_event == "departure":
            return codeable(DISCHARGE_DISPOSITION, "other-hcf", "Other healthcare facility")
        if stay.last_event == "death":
            return codeable(DISCHARGE_DISPOSITION, "exp", "Expired")
        if stay.last_event == "return_to_duty":
            return {**codeable(DISCHARGE_DISPOSITION, "oth", "Other"), "text": "Returned to duty"}
        if stay.last_event == "evacuated" and stay.facility != "R4":
            concept = codeable(DISCHARGE_DISPOSITION, "other-hcf", "Other healthcare facility")
            return {**concept, "text": "Evacuated out of theatre"}
        return None

    def encounters(self) -> list[dict[str, Any]]:
        out = []
        for k, stay in enumerate(self.stays):
            _name, _description, act, act_display = ROLES.get(
                stay.facility, (None, None, "FLD", "field")
            )
            period = period_of(stay.start, stay.end)
            resource: dict[str, Any] = {
                "resourceType": "Encounter",
                "id": stay.id,
                "status": "finished",
                "class": coding(V3_ACT_CODE, act, act_display),
                "type": [{"text": stay.name}],
                "subject": self._patient_ref(),
                "period": period,
                "location": [
                    {
                        "location": {
                            **self.ref("Location", stay.location_id),
                            "display": stay.name,
                        },
                        "status": "completed",
                        "period": period,
                    }
                ],
            }
            disposition = self._disposition(k, stay)
            if disposition:
                resource["hospitalization"] = {"dischargeDisposition": disposition}
            out.append(resource)
        return out

    def conditions(self) -> list[dict[str, Any]]:
        r = self.record
        stay = self._stay_at(r["injury_time"])
        out = []
        for i, c in enumerate(r.get("conditions") or []):
            resource: dict[str, Any] = {
                "resourceType": "Condition",
                "id": self._rid(f"Condition/{i}"),
                "clinicalStatus": ACTIVE,
                "verificationStatus": CONFIRMED,
                "category": DIAGNOSIS_CATEGORY,
            }
            severity = SEVERITY_CONCEPT.get(c.get("severity") or "")
            if severity:
                resource["severity"] = severity
            code = codeable(c.get("system") or SNOMED, c["code"], c.get("display"))
            if c.get("display"):
                code["text"] = c["display"]
            resource["code"] = code
            if c.get("body_site"):
                resource["bodySite"] = [{"text": c["body_site"]}]
            resource["subject"] = self._patient_ref()
            resource.update(self._context(stay))
            resource["onsetDateTime"] = r["injury_time"]
            out.append(resource)
        return out

    def _reason(self, procedure_code: str) -> int | None:
        """The index of the condition a procedure treats: the first of the patient's conditions
        the procedure is indicated for (reference/procedures.INDICATIONS), else the primary."""
        conditions = self.record.get("conditions") or []
        if not conditions:
            return None
        treats = TREATS.get(procedure_code)
        if treats:
            for i, c in enumerate(conditions):
                if c["code"] in treats:
                    return i
        return 0

    def procedures(self) -> list[dict[str, Any]]:
        out = []
        reasons: dict[int, dict[str, str]] = {}  # condition index -> its reference
        for i, (t, stay) in enumerate(
            zip(self.record.get("treatments") or [], self.treatment_stay, strict=True)
        ):
            code = codeable(SNOMED, t["code"], t.get("display"))
            if t.get("display"):
                code["text"] = t["display"]
            resource: dict[str, Any] = {
                "resourceType": "Procedure",
                "id": self._rid(f"Procedure/{i}"),
                "status": "completed",
                "code": code,
                "subject": self._patient_ref(),
                **self._context(stay),
                "performedDateTime": t["time"],
            }
            if stay:
                resource["location"] = {
                    **self.ref("Location", stay.location_id),
                    "display": stay.name,
                }
            reason = self._reason(t["code"])
            if reason is not None:
                if reason not in reasons:
                    reasons[reason] = self.ref("Condition", self._rid(f"Condition/{reason}"))
                resource["reasonReference"] = [reasons[reason]]
            out.append(resource)
        return out

    def observations(self) -> list[dict[str, Any]]:
        r = self.record
        out = [self._triage()]
        vitals = r.get("vitals") or []
        diastolic = _bp_pairs(vitals)
        components = set(diastolic.values())
        for i, (v, stay) in enumerate(zip(vitals, self.vital_stay, strict=True)):
            if i in components:
                continue  # the diastolic pressure: a component of the panel at the systolic
            resource: dict[str, Any] = {
                "resourceType": "Observation",
                "id": self._rid(f"Observation/vital/{i}"),
                "status": "final",
                "category": SURVEY_CATEGORY if v["code"] == GCS else VITAL_SIGNS_CATEGORY,
            }
            if i in diastolic:
                resource["code"] = BP_PANEL_CODE
            else:
                resource["code"] = VITAL_CODES.get(v["code"]) or codeable(LOINC, v["code"])
            resource["subject"] = self._patient_ref()
            resource.update(self._context(stay))
            resource["effectiveDateTime"] = v["time"]
            if i in diastolic:
                resource["component"] = [_component(v), _component(vitals[diastolic[i]])]
            else:
                resource["valueQuantity"] = _quantity(v)
            out.append(resource)
        blood = r["demographics"].get("blood_type")
        if blood:
            out.append(
                {
                    "resourceType": "Observation",
                    "id": self._rid("Observation/blood-type"),
                    "status": "final",
                    "category": LABORATORY_CATEGORY,
                    "code": BLOOD_GROUP_CODE,
                    "subject": self._patient_ref(),
                    "valueCodeableConcept": {"text": blood},
                }
            )
        return out

    def _triage_time(self) -> str:
        """When triage was first recorded: first aid at the POI, else the first MTF."""
        for event in self.record.get("timeline") or []:
            if event.get("event") in ("first_aid", "arrival"):
                return event["time"]
        return self.record["injury_time"]

    def _triage(self) -> dict[str, Any]:
        category = self.record["triage"]
        display = TRIAGE_DISPLAY.get(category)
        time = self._triage_time()
        value = codeable(NATO_TRIAGE, category, display)
        value["text"] = f"{category} {display}" if display else category
        return {
            "resourceType": "Observation",
            "id": self._rid("Observation/triage"),
            "status": "final",
            "category": SURVEY_CATEGORY,
            "code": TRIAGE_CODE,
            "subject": self._patient_ref(),
            **self._context(self._stay_at(time)),
            "effectiveDateTime": time,
            "valueCodeableConcept": value,
        }

    def all(self) -> list[dict[str, Any]]:
        return [
            *self.patient(),
            *self.locations(),
            *self.encounters(),
            *self.conditions(),
            *self.procedures(),
            *self.observations(),
        ]


def _quantity(v: dict[str, Any]) -> dict[str, Any]:
    unit = v.get("unit")
    quantity: dict[str, Any] = {"value": v["value"]}
    if unit:
        quantity.update(unit=UNIT_DISPLAY.get(unit, unit), system=UCUM, code=unit)
    return quantity


def _component(v: dict[str, Any]) -> dict[str, Any]:
    return {"code": VITAL_CODES[v["code"]], "valueQuantity": _quantity(v)}


def _bp_pairs(vitals: list[dict[str, Any]]) -> dict[int, int]:
    """Systolic index -> the diastolic index taken with it (same time and facility)."""
    systolic: dict[tuple[Any, Any], int] = {}
    pairs: dict[int, int] = {}
    for i, v in enumerate(vitals):
        if v["code"] == SYSTOLIC:
            systolic[(v.get("time"), v.get("facility"))] = i
    for i, v in enumerate(vitals):
        if v["code"] == DIASTOLIC:
            j = systolic.pop((v.get("time"), v.get("facility")), None)
            if j is not None:
                pairs[j] = i
    return pairs


PER_TYPE: dict[str, Callable[[PatientResources], list[dict[str, Any]]]] = {
    "Patient": PatientResources.patient,
    "Encounter": PatientResources.encounters,
    "Condition": PatientResources.conditions,
    "Procedure": PatientResources.procedures,
    "Observation": PatientResources.observations,
    "Location": PatientResources.locations,
}
