"""The FHIR resources of one patient record (Patient, Encounters, Conditions, Procedures,
Observations, Locations), as docs/exports.md maps them; fhir.py writes them as Bundles or as
one NDJSON file per type.

Each resource is built as its JSON bytes, the same bytes ``orjson.dumps`` gives for the mapping
as a dict (compact, keys in the order below): the constant parts (code systems, categories,
codings) are serialised once, values from the record go through ``orjson.dumps`` (so they are
escaped exactly as before), and the fragments are joined. A profile put most of an export's
time in building nested dicts per resource and serialising the same constants again for every
patient. Fragments that depend on a few values (a condition's code, severity and site; a
Location) are cached, in caches cleared when they grow past ``CACHE_LIMIT``, so memory stays
flat whatever the records hold.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import orjson

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
    Uuid5,
    codeable,
    coding,
    location_id,
)
from patientgen.simulation.timeline import Stay, stays

J = orjson.dumps  # a value from the record, as JSON
Built = tuple[bytes, bytes]  # (resource id, resource JSON)

CACHE_LIMIT = 4096
"""Entries per fragment cache; a cache past it is emptied (the reference data make a few
hundred distinct fragments, so this only bounds records with arbitrary values)."""


class _Cache(dict[Hashable, bytes]):
    def __init__(self, make: Callable[..., bytes]) -> None:
        super().__init__()
        self.make = make

    def __call__(self, *key: Any) -> bytes:
        try:
            return self[key]
        except KeyError:
            if len(self) >= CACHE_LIMIT:
                self.clear()
            value = self[key] = self.make(*key)
            return value


@dataclass(slots=True)
class _Stay(Stay):
    """A stay (simulation.timeline) as one Encounter, with its ids."""

    id: bytes = b""
    location_id: bytes = b""
    context: bytes = b""  # the reference to it from a resource of the stay: ,"encounter":{..}


def _location_id(facility: str, name: str) -> bytes:
    return location_id(facility, name).encode()


def _location_ref(bundle: bool, facility: str, name: str) -> bytes:
    """A Location reference with its display (Encounter.location, Procedure.location)."""
    target = _LOCATION_IDS(facility, name)
    reference = b"urn:uuid:" + target if bundle else b"Location/" + target
    return b'{"reference":"' + reference + b'","display":' + J(name) + b"}"


def _location(facility: str, name: str) -> bytes:
    default, description, *_ = ROLES.get(facility, (facility, None))
    resource: dict[str, Any] = {
        "resourceType": "Location",
        "id": location_id(facility, name),
        "status": "active",
        "name": name,
    }
    if description:
        resource["description"] = description
    resource["mode"] = "instance"
    resource["type"] = [codeable(MEDICAL_ROLE, facility, default)]
    return J(resource)


def _encounter_head(facility: str, name: str) -> bytes:
    """From ``"status"`` to ``"subject":``."""
    _name, _description, act, act_display = ROLES.get(facility, (None, None, "FLD", "field"))
    return (
        b',"status":"finished","class":'
        + J(coding(V3_ACT_CODE, act, act_display))
        + b',"type":[{"text":'
        + J(name)
        + b'}],"subject":'
    )


def _condition_body(
    severity: str, system: str, code: str, display: str | None, body_site: str | None
) -> bytes:
    """From ``"severity"`` (when there is one) to ``"subject":``."""
    parts = []
    concept = SEVERITY_CONCEPT.get(severity)
    if concept:
        parts.append(b',"severity":' + J(concept))
    code_json = codeable(system, code, display)
    if display:
        code_json["text"] = display
    parts.append(b',"code":' + J(code_json))
    if body_site:
        parts.append(b',"bodySite":' + J([{"text": body_site}]))
    parts.append(b',"subject":')
    return b"".join(parts)


def _procedure_code(code: str, display: str | None) -> bytes:
    """From ``"code"`` to ``"subject":``."""
    code_json = codeable(SNOMED, code, display)
    if display:
        code_json["text"] = display
    return b',"code":' + J(code_json) + b',"subject":'


def _vital_head(code: str, panel: bool) -> bytes:
    """From ``"category"`` to ``"subject":``."""
    category = SURVEY_CATEGORY if code == GCS else VITAL_SIGNS_CATEGORY
    concept = BP_PANEL_CODE if panel else VITAL_CODES.get(code) or codeable(LOINC, code)
    return b',"category":' + J(category) + b',"code":' + J(concept) + b',"subject":'


def _quantity_tail(unit: Any) -> bytes:
    """A valueQuantity after its value: unit, system and code, closed."""
    if not unit:
        return b"}"
    return (
        b',"unit":' + J(UNIT_DISPLAY.get(unit, unit)) + b',"system":' + J(UCUM)
        + b',"code":' + J(unit) + b"}"
    )  # fmt: skip


def _component_head(code: str) -> bytes:
    return b'{"code":' + J(VITAL_CODES[code]) + b',"valueQuantity":{"value":'


def _triage_value(category: str) -> bytes:
    display = TRIAGE_DISPLAY.get(category)
    value = codeable(NATO_TRIAGE, category, display)
    value["text"] = f"{category} {display}" if display else category
    return J(value)


_LOCATION_IDS = _Cache(_location_id)
_LOCATION_REFS = _Cache(_location_ref)
_LOCATIONS = _Cache(_location)
_ENCOUNTER_HEADS = _Cache(_encounter_head)
_CONDITION_BODIES = _Cache(_condition_body)
_PROCEDURE_CODES = _Cache(_procedure_code)
_VITAL_HEADS = _Cache(_vital_head)
_QUANTITY_TAILS = _Cache(_quantity_tail)
_COMPONENT_HEADS = _Cache(_component_head)
_TRIAGE_VALUES = _Cache(_triage_value)

_CONDITION_HEAD = (
    b',"clinicalStatus":' + J(ACTIVE) + b',"verificationStatus":' + J(CONFIRMED)
    + b',"category":' + J(DIAGNOSIS_CATEGORY)
)  # fmt: skip
_TRIAGE_HEAD = (
    b',"status":"final","category":' + J(SURVEY_CATEGORY) + b',"code":' + J(TRIAGE_CODE)
    + b',"subject":'
)  # fmt: skip
_BLOOD_HEAD = (
    b',"status":"final","category":' + J(LABORATORY_CATEGORY) + b',"code":' + J(BLOOD_GROUP_CODE)
    + b',"subject":'
)  # fmt: skip


def _disposition(concept: dict[str, Any]) -> bytes:
    return b',"hospitalization":{"dischargeDisposition":' + J(concept) + b"}"


_MOVED_ON = _disposition(codeable(DISCHARGE_DISPOSITION, "other-hcf", "Other healthcare facility"))
_EXPIRED = _disposition(codeable(DISCHARGE_DISPOSITION, "exp", "Expired"))
_RETURNED = _disposition(
    {**codeable(DISCHARGE_DISPOSITION, "oth", "Other"), "text": "Returned to duty"}
)
_EVACUATED = _disposition(
    {
        **codeable(DISCHARGE_DISPOSITION, "other-hcf", "Other healthcare facility"),
        "text": "Evacuated out of theatre",
    }
)


def _period(start: str, end: str | None) -> bytes:
    if not end:
        return b'{"start":' + J(start) + b"}"
    return b'{"start":' + J(start) + b',"end":' + J(end) + b"}"


def _resource(kind: bytes, rid: bytes) -> bytes:
    return b'{"resourceType":"' + kind + b'","id":"' + rid + b'"'


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
            stay.location_id = _LOCATION_IDS(stay.facility, stay.name)
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
        return [(self.id_json[1:-1], J(resource))]

    def _death_time(self) -> str:
        timeline = self.record.get("timeline") or []
        for event in reversed(timeline):
            if event.get("event") == "death":
                return event["time"]
        return timeline[-1]["time"] if timeline else self.record["injury_time"]

    def locations(self) -> list[tuple[bytes, str, str]]:
        """``(id, role, name)`` of each facility of the stays, once, in stay order."""
        out: dict[bytes, tuple[bytes, str, str]] = {}
        for stay in self.stays:
            if stay.location_id not in out:
                out[stay.location_id] = (stay.location_id, stay.facility, stay.name or "")
        return list(out.values())

    def location_resources(self) -> list[Built]:
        return [(lid, _LOCATIONS(role, name)) for lid, role, name in self.locations()]

    def _disposition(self, k: int, stay: _Stay) -> bytes:
        if k < len(self.stays) - 1 or stay.last_event == "departure":
            return _MOVED_ON
        if stay.last_event == "death":
            return _EXPIRED
        if stay.last_event == "return_to_duty":
            return _RETURNED
        if stay.last_event == "evacuated" and stay.facility != "R4":
            return _EVACUATED
        return b""

    def encounters(self) -> list[Built]:
        self._items_assigned()
        out = []
        for k, stay in enumerate(self.stays):
            name = stay.name or ""
            period = _period(stay.start, stay.end)
            out.append(
                (
                    stay.id,
                    b"".join(
                        (
                            _resource(b"Encounter", stay.id),
                            _ENCOUNTER_HEADS(stay.facility, name),
                            self.subject,
                            b',"period":',
                            period,
                            b',"location":[{"location":',
                            _LOCATION_REFS(self.bundle, stay.facility, name),
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
            body = _CONDITION_BODIES(
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
                            _resource(b"Condition", rid),
                            _CONDITION_HEAD,
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
                _resource(b"Procedure", rid),
                b',"status":"completed"',
                _PROCEDURE_CODES(t["code"], t.get("display")),
                self.subject,
                stay.context if stay else b"",
                b',"performedDateTime":',
                J(t["time"]),
            ]
            if stay:
                parts += (
                    b',"location":',
                    _LOCATION_REFS(self.bundle, stay.facility, stay.name or ""),
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
            head = _VITAL_HEADS.get((code, panel)) or _VITAL_HEADS(code, panel)
            if panel:
                value = b"".join(
                    (b',"component":[', _component(v), b",", _component(vitals[diastolic[i]]),
                     b"]}")
                )  # fmt: skip
            else:
                value = b',"valueQuantity":' + _quantity(v) + b"}"
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
                _resource(b"Observation", rid) + _BLOOD_HEAD + self.subject
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
                _resource(b"Observation", rid),
                _TRIAGE_HEAD,
                self.subject,
                stay.context if stay else b"",
                b',"effectiveDateTime":',
                J(time),
                b',"valueCodeableConcept":',
                _TRIAGE_VALUES(self.record["triage"]),
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


def _quantity(v: dict[str, Any]) -> bytes:
    unit = v.get("unit")
    return b'{"value":' + J(v["value"]) + (_QUANTITY_TAILS.get((unit,)) or _QUANTITY_TAILS(unit))


def _component(v: dict[str, Any]) -> bytes:
    unit = v.get("unit")
    return b"".join(
        (_COMPONENT_HEADS(v["code"]), J(v["value"]),
         _QUANTITY_TAILS.get((unit,)) or _QUANTITY_TAILS(unit), b"}")
    )  # fmt: skip


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
