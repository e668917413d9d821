"""The pre-encoded JSON pieces of the FHIR resources (fhir_resources.py joins them).

The constant parts of a resource (code systems, categories, codings, dispositions) are
serialised once here, and the fragments that depend on a few values (a condition's code,
severity and site; a Location; a vital's code or unit) are built on first use and cached:
the same few hundred pieces recur across patients, so a patient's resources are joined from
bytes instead of nested dicts serialised again for every patient. Each cache is emptied when
it grows past ``CACHE_LIMIT``, so memory stays flat whatever the records hold. The few
builders at the end join a record's values (a period, a vital's quantity) to these pieces.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any

import orjson

from patientgen.exports.fhir_vocabulary import (
    ACTIVE,
    BLOOD_GROUP_CODE,
    BP_PANEL_CODE,
    CONFIRMED,
    DIAGNOSIS_CATEGORY,
    DISCHARGE_DISPOSITION,
    GCS,
    LABORATORY_CATEGORY,
    LOINC,
    MEDICAL_ROLE,
    NATO_TRIAGE,
    ROLES,
    SEVERITY_CONCEPT,
    SNOMED,
    SURVEY_CATEGORY,
    TRIAGE_CODE,
    TRIAGE_DISPLAY,
    UCUM,
    UNIT_DISPLAY,
    V3_ACT_CODE,
    VITAL_CODES,
    VITAL_SIGNS_CATEGORY,
    codeable,
    coding,
    location_id,
)

J = orjson.dumps  # a value from the record, as JSON

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


def _location_id(facility: str, name: str) -> bytes:
    return location_id(facility, name).encode()


def _location_ref(bundle: bool, facility: str, name: str) -> bytes:
    """A Location reference with its display (Encounter.location, Procedure.location)."""
    target = LOCATION_IDS(facility, name)
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


LOCATION_IDS = _Cache(_location_id)
LOCATION_REFS = _Cache(_location_ref)
LOCATIONS = _Cache(_location)
ENCOUNTER_HEADS = _Cache(_encounter_head)
CONDITION_BODIES = _Cache(_condition_body)
PROCEDURE_CODES = _Cache(_procedure_code)
VITAL_HEADS = _Cache(_vital_head)
QUANTITY_TAILS = _Cache(_quantity_tail)
COMPONENT_HEADS = _Cache(_component_head)
TRIAGE_VALUES = _Cache(_triage_value)

CONDITION_HEAD = (
    b',"clinicalStatus":' + J(ACTIVE) + b',"verificationStatus":' + J(CONFIRMED)
    + b',"category":' + J(DIAGNOSIS_CATEGORY)
)  # fmt: skip
TRIAGE_HEAD = (
    b',"status":"final","category":' + J(SURVEY_CATEGORY) + b',"code":' + J(TRIAGE_CODE)
    + b',"subject":'
)  # fmt: skip
BLOOD_HEAD = (
    b',"status":"final","category":' + J(LABORATORY_CATEGORY) + b',"code":' + J(BLOOD_GROUP_CODE)
    + b',"subject":'
)  # fmt: skip


def _disposition(concept: dict[str, Any]) -> bytes:
    return b',"hospitalization":{"dischargeDisposition":' + J(concept) + b"}"


MOVED_ON = _disposition(codeable(DISCHARGE_DISPOSITION, "other-hcf", "Other healthcare facility"))
EXPIRED = _disposition(codeable(DISCHARGE_DISPOSITION, "exp", "Expired"))
RETURNED = _disposition(
    {**codeable(DISCHARGE_DISPOSITION, "oth", "Other"), "text": "Returned to duty"}
)
EVACUATED = _disposition(
    {
        **codeable(DISCHARGE_DISPOSITION, "other-hcf", "Other healthcare facility"),
        "text": "Evacuated out of theatre",
    }
)


def period_json(start: str, end: str | None) -> bytes:
    if not end:
        return b'{"start":' + J(start) + b"}"
    return b'{"start":' + J(start) + b',"end":' + J(end) + b"}"


def resource_head(kind: bytes, rid: bytes) -> bytes:
    return b'{"resourceType":"' + kind + b'","id":"' + rid + b'"'


def quantity(v: dict[str, Any]) -> bytes:
    unit = v.get("unit")
    return b'{"value":' + J(v["value"]) + (QUANTITY_TAILS.get((unit,)) or QUANTITY_TAILS(unit))


def component(v: dict[str, Any]) -> bytes:
    unit = v.get("unit")
    return b"".join(
        (COMPONENT_HEADS(v["code"]), J(v["value"]),
         QUANTITY_TAILS.get((unit,)) or QUANTITY_TAILS(unit), b"}")
    )  # fmt: skip
