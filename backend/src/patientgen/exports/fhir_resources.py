"""The FHIR resources of one patient record (Patient, Encounters, Conditions, Procedures,
Observations, Locations), as docs/exports.md maps them; fhir.py writes them as Bundles or as
one NDJSON file per type.

Each resource is built as its JSON bytes, the same bytes ``orjson.dumps`` gives for the mapping
as a dict (compact, keys in the order below): values from the record go through
``orjson.dumps`` (so they are escaped exactly as before) and are joined with the pre-encoded,
cached fragments of fhir_fragments.py. A profile put most of an export's time in building
nested dicts per resource and serialising the same constants again for every patient.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from patientgen.exports.fhir_fragments import (
    BLOOD_HEAD,
    CONDITION_BODIES,
    CONDITION_HEAD,
    ENCOUNTER_HEADS,
    EVACUATED,
    EXPIRED,
    LOCATION_IDS,
    LOCATION_REFS,
    LOCATIONS,
    MOVED_ON,
    PROCEDURE_CODES,
    RETURNED,
    TRIAGE_HEAD,
    TRIAGE_VALUES,
    VITAL_HEADS,
    J,
    component,
    period_json,
    quantity,
    resource_head,
)
from patientgen.exports.fhir_patient import patient_resource
from patientgen.exports.fhir_vocabulary import (
    DIASTOLIC,
    ROLES,
    SNOMED,
    SYSTOLIC,
    TREATS,
    Uuid5,
)
from patientgen.simulation.timeline import Stay, stays

Built = tuple[bytes, bytes]  # (resource id, resource JSON)


@dataclass(slots=True)
class _Stay(Stay):
    """A stay (simulation.timeline) as one Encounter, with its ids."""

    id: bytes = b""
    location_id: bytes = b""
    context: bytes = b""  # the reference to it from a resource of the stay: ,"encounter":{..}


class PatientResources:
    """The FHIR resources of one patient record, as ``(id, JSON)`` pairs; references are
    ``urn:uuid:<id>`` (``bundle``: the Bundle's fullUrls) or relative (``Patient/<id>``).

    Only what a resource type needs is computed: the items' stays (treatments, vitals) when
    Encounters, Procedures or Observations are asked for.
    """

    def __init__(self, record: dict[str, Any], *, bundle: bool) -> None:
        self.record = record
        self.bundle = bundle
        self.id = record["id"]
        self.id_json = J(self.id)
        self._rid = Uuid5(uuid.UUID(self.id).bytes)
        patient = self.id_json[1:-1]
        self.subject = self._ref(b"Patient/", patient)
        self.stays = stays(record.get("timeline") or [], _Stay)
        self._by_facility: dict[str, list[_Stay]] = {}
        for k, stay in enumerate(self.stays):
            stay.name = stay.name or ROLES.get(stay.facility, (stay.facility,))[0]
            stay.id = self._rid(b"Encounter/%d" % k)
            stay.context = b',"encounter":' + self._ref(b"Encounter/", stay.id)
            stay.location_id = LOCATION_IDS(stay.facility, stay.name)
            self._by_facility.setdefault(stay.facility, []).append(stay)
        self._treatment_stay: list[_Stay | None] | None = None
        self._vital_stay: list[_Stay | None] | None = None

    def _ref(self, kind: bytes, rid: bytes) -> bytes:
        target = b"urn:uuid:" if self.bundle else kind
        return b'{"reference":"' + target + rid + b'"}'

    def _items_assigned(self) -> None:
        """Assign every treatment and vital to its stay (which extends the stays' periods)."""
        _ = self.treatment_stay, self.vital_stay

    @property
    def treatment_stay(self) -> list[_Stay | None]:
        if self._treatment_stay is None:
            self._treatment_stay = [self._assign(t) for t in self.record.get("treatments") or []]
        return self._treatment_stay

    @property
    def vital_stay(self) -> list[_Stay | None]:
        if self._vital_stay is None:
            self._vital_stay = [self._assign(v) for v in self.record.get("vitals") or []]
        return self._vital_stay

    def _assign(self, item: dict[str, Any]) -> _Stay | None:
        """The stay an item (treatment, vital) belongs to: same facility, started by then (the
        last such stay, else the facility's first); the stay then runs at least until it."""
        time = item.get("time")
        candidates = self._by_facility.get(item.get("facility"))  # type: ignore[arg-type]
        if not candidates or not time:
            return None
        stay = candidates[0]
        if len(candidates) > 1:
            at = datetime.fromisoformat(time)
            for candidate in candidates:
                if candidate.start_at <= at:
                    stay = candidate
        stay.extend(time)
        return stay

    def _stay_at(self, time: str) -> _Stay | None:
        at = datetime.fromisoformat(time)
        started = [s for s in self.stays if s.start_at <= at]
        return started[-1] if started else (self.stays[0] if self.stays else None)

    # -- resources ------------------------------------------------------------------------

    def patient(self) -> list[Built]:
        return [(self.id_json[1:-1], patient_resource(self.record))]

    def locations(self) -> list[tuple[bytes, str, str]]:
        """``(id, role, name)`` of each facility of the stays, once, in stay order."""
        out: dict[bytes, tuple[bytes, str, str]] = {}
        for stay in self.stays:
            if stay.location_id not in out:
                out[stay.location_id] = (stay.location_id, stay.facility, stay.name or "")
        return list(out.values())

    def location_resources(self) -> list[Built]:
        return [(lid, LOCATIONS(role, name)) for lid, role, name in self.locations()]

    def _disposition(self, k: int, stay: _Stay) -> bytes:
        if k < len(self.stays) - 1 or stay.last_event == "departure":
            return MOVED_ON
        if stay.last_event == "death":
            return EXPIRED
        if stay.last_event == "return_to_duty":
            return RETURNED
        if stay.last_event == "evacuated" and stay.facility != "R4":
            return EVACUATED
        return b""

    def encounters(self) -> list[Built]:
        self._items_assigned()
        out = []
        for k, stay in enumerate(self.stays):
            name = stay.name or ""
            period = period_json(stay.start, stay.end)
            out.append(
                (
                    stay.id,
                    b"".join(
                        (
                            resource_head(b"Encounter", stay.id),
                            ENCOUNTER_HEADS(stay.facility, name),
                            self.subject,
                            b',"period":',
                            period,
                            b',"location":[{"location":',
                            LOCATION_REFS(self.bundle, stay.facility, name),
                            b',"status":"completed","period":',
                            period,
                            b"}]",
                            self._disposition(k, stay),
                            b"}",
                        )
                    ),
                )
            )
        return out

    def conditions(self) -> list[Built]:
        r = self.record
        stay = self._stay_at(r["injury_time"])
        context = stay.context if stay else b""
        tail = b',"onsetDateTime":' + J(r["injury_time"]) + b"}"
        out = []
        for i, c in enumerate(r.get("conditions") or []):
            rid = self._rid(b"Condition/%d" % i)
            body = CONDITION_BODIES(
                c.get("severity") or "",
                c.get("system") or SNOMED,
                c["code"],
                c.get("display"),
                c.get("body_site"),
            )
            out.append(
                (
                    rid,
                    b"".join(
                        (
                            resource_head(b"Condition", rid),
                            CONDITION_HEAD,
                            body,
                            self.subject,
                            context,
                            tail,
                        )
                    ),
                )
            )
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

    def procedures(self) -> list[Built]:
        out = []
        reasons: dict[int, bytes] = {}  # condition index -> the reasonReference
        for i, (t, stay) in enumerate(
            zip(self.record.get("treatments") or [], self.treatment_stay, strict=True)
        ):
            rid = self._rid(b"Procedure/%d" % i)
            parts = [
                resource_head(b"Procedure", rid),
                b',"status":"completed"',
                PROCEDURE_CODES(t["code"], t.get("display")),
                self.subject,
                stay.context if stay else b"",
                b',"performedDateTime":',
                J(t["time"]),
            ]
            if stay:
                parts += (
                    b',"location":',
                    LOCATION_REFS(self.bundle, stay.facility, stay.name or ""),
                )
            reason = self._reason(t["code"])
            if reason is not None:
                if reason not in reasons:
                    condition = self._ref(b"Condition/", self._rid(b"Condition/%d" % reason))
                    reasons[reason] = b',"reasonReference":[' + condition + b"]"
                parts.append(reasons[reason])
            parts.append(b"}")
            out.append((rid, b"".join(parts)))
        return out

    def observations(self) -> list[Built]:
        r = self.record
        out = [self._triage()]
        vitals = r.get("vitals") or []
        diastolic = _bp_pairs(vitals)
        components = set(diastolic.values())
        subject, rid_of = self.subject, self._rid
        for i, (v, stay) in enumerate(zip(vitals, self.vital_stay, strict=True)):
            if i in components:
                continue  # the diastolic pressure: a component of the panel at the systolic
            rid = rid_of(_VITAL_NAMES[i] if i < len(_VITAL_NAMES) else b"Observation/vital/%d" % i)
            panel = i in diastolic
            code = v["code"]
            head = VITAL_HEADS.get((code, panel)) or VITAL_HEADS(code, panel)
            if panel:
                value = b"".join(
                    (b',"component":[', component(v), b",", component(vitals[diastolic[i]]),
                     b"]}")
                )  # fmt: skip
            else:
                value = b',"valueQuantity":' + quantity(v) + b"}"
            out.append(
                (
                    rid,
                    b"".join(
                        (
                            b'{"resourceType":"Observation","id":"',
                            rid,
                            b'","status":"final"',
                            head,
                            subject,
                            stay.context if stay else b"",
                            b',"effectiveDateTime":',
                            J(v["time"]),
                            value,
                        )
                    ),
                )
            )
        blood = r["demographics"].get("blood_type")
        if blood:
            rid = self._rid(b"Observation/blood-type")
            resource = (
                resource_head(b"Observation", rid) + BLOOD_HEAD + self.subject
                + b',"valueCodeableConcept":{"text":' + J(blood) + b"}}"
            )  # fmt: skip
            out.append((rid, resource))
        return out

    def _triage_time(self) -> str:
        """When triage was first recorded: first aid at the POI, else the first MTF."""
        for event in self.record.get("timeline") or []:
            if event.get("event") in ("first_aid", "arrival"):
                return event["time"]
        return self.record["injury_time"]

    def _triage(self) -> Built:
        time = self._triage_time()
        rid = self._rid(b"Observation/triage")
        stay = self._stay_at(time)
        resource = b"".join(
            (
                resource_head(b"Observation", rid),
                TRIAGE_HEAD,
                self.subject,
                stay.context if stay else b"",
                b',"effectiveDateTime":',
                J(time),
                b',"valueCodeableConcept":',
                TRIAGE_VALUES(self.record["triage"]),
                b"}",
            )
        )
        return rid, resource

    def all(self) -> list[tuple[bytes, list[Built]]]:
        """Every resource, by type (``(type, resources)``), in Bundle order."""
        return [
            (b"Patient", self.patient()),
            (b"Location", self.location_resources()),
            (b"Encounter", self.encounters()),
            (b"Condition", self.conditions()),
            (b"Procedure", self.procedures()),
            (b"Observation", self.observations()),
        ]


_VITAL_NAMES = tuple(b"Observation/vital/%d" % i for i in range(256))


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


PER_TYPE: dict[str, Callable[[PatientResources], list[Built]]] = {
    "Patient": PatientResources.patient,
    "Encounter": PatientResources.encounters,
    "Condition": PatientResources.conditions,
    "Procedure": PatientResources.procedures,
    "Observation": PatientResources.observations,
    "Location": PatientResources.location_resources,
}
