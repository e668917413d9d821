"""HL7 FHIR R4 (validated against the R4B models of ``fhir.resources``).

Two formats share one mapping (documented in docs/exports.md):

* ``fhir-bundle``: NDJSON of Bundles, one ``transaction`` Bundle per patient. Every entry
  has a ``urn:uuid:`` fullUrl, every reference points at one of them, and each entry
  carries ``request: PUT <Type>/<id>`` — so a line can be POSTed as is to a FHIR server,
  and loading the same export twice updates rather than duplicates (ids are stable).
* ``fhir-ndjson``: Bulk Data style, one NDJSON file per resource type
  (Patient, Encounter, Condition, Procedure, Observation, Location) with relative
  references (``Patient/<id>``). See ``ndjson_files`` for why it makes several passes.

Ids are deterministic: Patient.id is the record's ``id``; every other resource of a
patient is ``uuid5(<patient id>, "<Type>/<n>")``; Locations (one per facility) are
``uuid5(LOCATION_NAMESPACE, "<role>/<facility name>")``, shared by all patients.

Vital signs: a systolic and a diastolic pressure taken together are one blood-pressure panel
(LOINC 85354-9) with the two as components; the Glasgow coma score is a scored assessment, so
its Observation is in the ``survey`` category, not ``vital-signs``. A Procedure's
``reasonReference`` is the Condition it treats (``_reason``).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from hashlib import sha1
from itertools import chain
from typing import Any

import orjson

from patientgen.exports.archive import coalesce
from patientgen.simulation.reference.conditions import CONDITIONS
from patientgen.simulation.reference.procedures import INDICATIONS, PROCEDURES
from patientgen.simulation.timeline import Stay, stays

MEDIA_TYPE = "application/fhir+ndjson"

SNOMED = "http://snomed.info/sct"
LOINC = "http://loinc.org"
UCUM = "http://unitsofmeasure.org"
ISO_3166 = "urn:iso:std:iso:3166"
V3_ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode"
OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
CONDITION_CLINICAL = "http://terminology.hl7.org/CodeSystem/condition-clinical"
CONDITION_VERIFICATION = "http://terminology.hl7.org/CodeSystem/condition-ver-status"
CONDITION_CATEGORY = "http://terminology.hl7.org/CodeSystem/condition-category"
DISCHARGE_DISPOSITION = "http://terminology.hl7.org/CodeSystem/discharge-disposition"
NATIONALITY_EXTENSION = "http://hl7.org/fhir/StructureDefinition/patient-nationality"

# Our own identifiers (URNs: nothing to resolve, nothing that pretends to be HL7's).
NATO_TRIAGE = "urn:patientgen:fhir:CodeSystem:nato-triage"
MEDICAL_ROLE = "urn:patientgen:fhir:CodeSystem:medical-role"
NATO_RANK = "urn:patientgen:fhir:CodeSystem:nato-rank"
LOCAL_OBSERVATION = "urn:patientgen:fhir:CodeSystem:observation"
RANK_EXTENSION = "urn:patientgen:fhir:StructureDefinition:rank"
UNIT_EXTENSION = "urn:patientgen:fhir:StructureDefinition:unit"
SERVICE_NUMBER = "urn:patientgen:fhir:NamingSystem:service-number:"  # + nationality

LOCATION_NAMESPACE = uuid.UUID("7d1f0b9e-4a3c-5c2e-9f61-0c5a3e8b2d47")

# The order of the per-type files of fhir-ndjson.
RESOURCE_TYPES: tuple[str, ...] = (
    "Patient",
    "Encounter",
    "Condition",
    "Procedure",
    "Observation",
    "Location",
)

TRIAGE_DISPLAY = {"T1": "Immediate", "T2": "Delayed", "T3": "Minimal", "T4": "Expectant"}
SEVERITY = {  # FHIR's condition-severity value set (SNOMED CT)
    "severe": ("24484000", "Severe"),
    "moderate": ("6736007", "Moderate"),
    "mild": ("255604002", "Mild"),
}
VITAL_DISPLAY = {
    "8867-4": "Heart rate",
    "9279-1": "Respiratory rate",
    "8480-6": "Systolic blood pressure",
    "8462-4": "Diastolic blood pressure",
    "8310-5": "Body temperature",
    "59408-5": "Oxygen saturation in arterial blood by pulse oximetry",
    "9269-2": "Glasgow coma score total",
}
SYSTOLIC, DIASTOLIC, GCS = "8480-6", "8462-4", "9269-2"
BP_PANEL = ("85354-9", "Blood pressure panel with all children optional")
UNIT_DISPLAY = {"mm[Hg]": "mmHg", "Cel": "°C", "{score}": "score"}
# procedure SNOMED CT code -> the condition codes it treats (reference/procedures.INDICATIONS)
_CONDITION_CODE = {c.key: c.code for c in CONDITIONS}
TREATS: dict[str, frozenset[str]] = {
    PROCEDURES[key][0]: frozenset(_CONDITION_CODE[c] for c in conds)
    for key, conds in INDICATIONS.items()
}
BLOOD_GROUP = ("882-1", "ABO and Rh group [Type] in Blood")
ROLES = {  # role code -> (default name, description, encounter class)
    "POI": ("Point of injury", "Point of injury (care under fire, first aid)", "FLD", "field"),
    "R1": ("Role 1", "NATO Role 1: primary care and resuscitation", "EMER", "emergency"),
    "R2": ("Role 2", "NATO Role 2: damage-control surgery", "IMP", "inpatient encounter"),
    "R3": ("Role 3", "NATO Role 3: deployed hospital", "IMP", "inpatient encounter"),
    "R4": ("Role 4", "NATO Role 4: definitive care out of theatre", "IMP", "inpatient encounter"),
}
ROLE_ORDER = {role: i for i, role in enumerate(ROLES)}
DECEASED = ("KIA", "DOW")

Reference = Callable[[str, str], dict[str, str]]


def bundle_reference(resource_type: str, resource_id: str) -> dict[str, str]:
    return {"reference": f"urn:uuid:{resource_id}"}


def relative_reference(resource_type: str, resource_id: str) -> dict[str, str]:
    return {"reference": f"{resource_type}/{resource_id}"}


def uuid5(namespace: bytes, name: str) -> str:
    """``str(uuid.uuid5(UUID(bytes=namespace), name))``, without the UUID objects (hot path)."""
    digest = bytearray(sha1(namespace + name.encode(), usedforsecurity=False).digest()[:16])
    digest[6] = (digest[6] & 0x0F) | 0x50
    digest[8] = (digest[8] & 0x3F) | 0x80
    h = digest.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def location_id(role: str, name: str) -> str:
    return uuid5(LOCATION_NAMESPACE.bytes, f"{role}/{name}")


def _coding(system: str, code: str, display: str | None = None) -> dict[str, str]:
    out = {"system": system, "code": code}
    if display:
        out["display"] = display
    return out


def _concept(system: str, code: str, display: str | None = None) -> dict[str, Any]:
    return {"coding": [_coding(system, code, display)]}


# Shared, never mutated sub-structures (orjson serialises them wherever they appear).
_VITAL_SIGNS = [_concept(OBSERVATION_CATEGORY, "vital-signs", "Vital Signs")]
_LABORATORY = [_concept(OBSERVATION_CATEGORY, "laboratory", "Laboratory")]
_SURVEY = [_concept(OBSERVATION_CATEGORY, "survey", "Survey")]
_ACTIVE = _concept(CONDITION_CLINICAL, "active", "Active")
_CONFIRMED = _concept(CONDITION_VERIFICATION, "confirmed", "Confirmed")
_DIAGNOSIS = [_concept(CONDITION_CATEGORY, "encounter-diagnosis", "Encounter Diagnosis")]
_SEVERITY = {key: _concept(SNOMED, *value) for key, value in SEVERITY.items()}
_TRIAGE_CODE = {
    **_concept(LOCAL_OBSERVATION, "triage-category", "NATO triage category"),
    "text": "Triage category",
}
_BLOOD_GROUP_CODE = _concept(LOINC, *BLOOD_GROUP)
_VITAL_CODES = {code: _concept(LOINC, code, display) for code, display in VITAL_DISPLAY.items()}
_BP_PANEL_CODE = _concept(LOINC, *BP_PANEL)


def _period(start: str, end: str | None) -> dict[str, str]:
    return {"start": start, "end": end} if end else {"start": start}


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
                    {"url": "code", "valueCodeableConcept": _concept(ISO_3166, r["nationality"])}
                ],
            }
        ]
        if demo.get("rank"):
            title = demo.get("rank_title")
            extension.append(
                {"url": RANK_EXTENSION, "valueCoding": _coding(NATO_RANK, demo["rank"], title)}
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
            resource["type"] = [_concept(MEDICAL_ROLE, stay.facility, default)]
            out[stay.location_id] = resource
        return list(out.values())

    def _disposition(self, k: int, stay: _Stay) -> dict[str, Any] | None:
        if k < len(self.stays) - 1 or stay.last_event == "departure":
            return _concept(DISCHARGE_DISPOSITION, "other-hcf", "Other healthcare facility")
        if stay.last_event == "death":
            return _concept(DISCHARGE_DISPOSITION, "exp", "Expired")
        if stay.last_event == "return_to_duty":
            return {**_concept(DISCHARGE_DISPOSITION, "oth", "Other"), "text": "Returned to duty"}
        if stay.last_event == "evacuated" and stay.facility != "R4":
            concept = _concept(DISCHARGE_DISPOSITION, "other-hcf", "Other healthcare facility")
            return {**concept, "text": "Evacuated out of theatre"}
        return None

    def encounters(self) -> list[dict[str, Any]]:
        out = []
        for k, stay in enumerate(self.stays):
            _name, _description, act, act_display = ROLES.get(
                stay.facility, (None, None, "FLD", "field")
            )
            period = _period(stay.start, stay.end)
            resource: dict[str, Any] = {
                "resourceType": "Encounter",
                "id": stay.id,
                "status": "finished",
                "class": _coding(V3_ACT_CODE, act, act_display),
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
                "clinicalStatus": _ACTIVE,
                "verificationStatus": _CONFIRMED,
                "category": _DIAGNOSIS,
            }
            severity = _SEVERITY.get(c.get("severity") or "")
            if severity:
                resource["severity"] = severity
            code = _concept(c.get("system") or SNOMED, c["code"], c.get("display"))
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
            code = _concept(SNOMED, t["code"], t.get("display"))
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
                "category": _SURVEY if v["code"] == GCS else _VITAL_SIGNS,
            }
            if i in diastolic:
                resource["code"] = _BP_PANEL_CODE
            else:
                resource["code"] = _VITAL_CODES.get(v["code"]) or _concept(LOINC, v["code"])
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
                    "category": _LABORATORY,
                    "code": _BLOOD_GROUP_CODE,
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
        value = _concept(NATO_TRIAGE, category, display)
        value["text"] = f"{category} {display}" if display else category
        return {
            "resourceType": "Observation",
            "id": self._rid("Observation/triage"),
            "status": "final",
            "category": _SURVEY,
            "code": _TRIAGE_CODE,
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
    return {"code": _VITAL_CODES[v["code"]], "valueQuantity": _quantity(v)}


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


_PER_TYPE: dict[str, Callable[[PatientResources], list[dict[str, Any]]]] = {
    "Patient": PatientResources.patient,
    "Encounter": PatientResources.encounters,
    "Condition": PatientResources.conditions,
    "Procedure": PatientResources.procedures,
    "Observation": PatientResources.observations,
    "Location": PatientResources.locations,
}


def bundle(record: dict[str, Any]) -> dict[str, Any]:
    """The transaction Bundle of one patient record."""
    resources = PatientResources(record, bundle_reference)
    entries = [
        {
            "fullUrl": f"urn:uuid:{res['id']}",
            "resource": res,
            "request": {"method": "PUT", "url": f"{res['resourceType']}/{res['id']}"},
        }
        for res in resources.all()
    ]
    return {
        "resourceType": "Bundle",
        "id": uuid5(uuid.UUID(record["id"]).bytes, "Bundle"),
        "type": "transaction",
        "entry": entries,
    }


def _line(resource: dict[str, Any]) -> bytes:
    return orjson.dumps(resource, option=orjson.OPT_APPEND_NEWLINE)


def encode_bundles(records: Iterable[dict[str, Any]]) -> Iterator[bytes]:
    """``fhir-bundle``: one Bundle per line, in record order."""
    return coalesce(_line(bundle(record)) for record in records)


def resources_of_type(record: dict[str, Any], resource_type: str) -> list[dict[str, Any]]:
    """The resources of one type for one record, with relative references."""
    return _PER_TYPE[resource_type](PatientResources(record, relative_reference))


def ndjson_files(
    records_factory: Callable[[], Iterable[dict[str, Any]]],
) -> Iterator[tuple[str, Iterator[bytes]]]:
    """``fhir-ndjson``: ``(file name, chunks)`` per resource type, in ``RESOURCE_TYPES`` order.

    Each file is one pass over ``records_factory()``: the export re-reads the records once
    per resource type instead of spooling every type to temporary files in a single pass.
    Re-reading is an ordered primary-key range scan in the database (or a deterministic
    re-generation offline), while spooling would need disk space proportional to the export
    (gigabytes at a million patients), cleanup when a client disconnects, and would delay
    the first byte until the whole job had been read. Memory stays flat either way.

    Types without resources are left out (each pass is peeked before its file is named).
    Location.ndjson comes last and holds the facilities seen by the Encounter pass, so the
    files must be consumed in order and each to its end — as ``zip_stream`` does.
    """
    seen: dict[str, tuple[tuple[int, str, str], dict[str, Any]]] = {}
    encounter_pass_done = False

    def per_type(resource_type: str) -> Iterator[bytes]:
        nonlocal encounter_pass_done
        build = _PER_TYPE[resource_type]
        for record in records_factory():
            resources = PatientResources(record, relative_reference)
            for resource in build(resources):
                yield _line(resource)
            if resource_type == "Encounter":
                for loc in resources.locations():
                    role = loc["type"][0]["coding"][0]["code"]
                    key = (ROLE_ORDER.get(role, len(ROLE_ORDER)), role, loc["name"])
                    seen.setdefault(loc["id"], (key, loc))
        if resource_type == "Encounter":
            encounter_pass_done = True

    def locations() -> Iterator[bytes]:
        if not encounter_pass_done:
            raise RuntimeError("fhir-ndjson files must be consumed in order, each to its end")
        for _key, loc in sorted(seen.values(), key=lambda kv: kv[0]):
            yield _line(loc)

    for resource_type in RESOURCE_TYPES:
        chunks = coalesce(locations() if resource_type == "Location" else per_type(resource_type))
        first = next(chunks, None)
        if first is None:
            continue
        yield f"{resource_type}.ndjson", chain([first], chunks)
