"""The FHIR export's vocabulary: code systems, extensions, codes and displays, deterministic ids
and references, and the shared, never mutated code structures (orjson serialises them wherever
they appear). The mapping itself is in fhir_resources.py (the Patient in fhir_patient.py, the
cached JSON fragments in fhir_fragments.py), the two formats in fhir.py."""

from __future__ import annotations

import uuid
from binascii import hexlify
from hashlib import sha1
from typing import Any

from patientgen.simulation.reference.conditions import CONDITIONS
from patientgen.simulation.reference.procedures import INDICATIONS, PROCEDURES

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
CONDITION_CODE = {c.key: c.code for c in CONDITIONS}
TREATS: dict[str, frozenset[str]] = {
    PROCEDURES[key][0]: frozenset(CONDITION_CODE[c] for c in conds)
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

# the variant nibble (RFC 4122: 10xx) for each hex digit of the hash, as a byte
_VARIANT = {ord(d): b"%x" % (int(d, 16) & 0x3 | 0x8) for d in "0123456789abcdef"}


def uuid5_bytes(namespace: bytes, name: bytes) -> bytes:
    """``str(uuid.uuid5(UUID(bytes=namespace), name)).encode()``, without the UUID objects
    (hot path: every resource id)."""
    return _uuid5_text(hexlify(sha1(namespace + name, usedforsecurity=False).digest()))


def _uuid5_text(h: bytes) -> bytes:
    """The UUID text of a hex SHA-1 digest: version 5, RFC 4122 variant."""
    return b"-".join((h[:8], h[8:12], b"5" + h[13:16], _VARIANT[h[16]] + h[17:20], h[20:32]))


class Uuid5:
    """``uuid5_bytes(namespace, name)`` for many names in one namespace (hashes its prefix
    once)."""

    __slots__ = ("_prefix",)

    def __init__(self, namespace: bytes) -> None:
        self._prefix = sha1(namespace, usedforsecurity=False)

    def __call__(self, name: bytes) -> bytes:
        digest = self._prefix.copy()
        digest.update(name)
        return _uuid5_text(hexlify(digest.digest()))


def uuid5(namespace: bytes, name: str) -> str:
    """``str(uuid.uuid5(UUID(bytes=namespace), name))``."""
    return uuid5_bytes(namespace, name.encode()).decode()


def location_id(role: str, name: str) -> str:
    return uuid5(LOCATION_NAMESPACE.bytes, f"{role}/{name}")


def coding(system: str, code: str, display: str | None = None) -> dict[str, str]:
    out = {"system": system, "code": code}
    if display:
        out["display"] = display
    return out


def codeable(system: str, code: str, display: str | None = None) -> dict[str, Any]:
    return {"coding": [coding(system, code, display)]}


# Shared, never mutated sub-structures (orjson serialises them wherever they appear).
VITAL_SIGNS_CATEGORY = [codeable(OBSERVATION_CATEGORY, "vital-signs", "Vital Signs")]
LABORATORY_CATEGORY = [codeable(OBSERVATION_CATEGORY, "laboratory", "Laboratory")]
SURVEY_CATEGORY = [codeable(OBSERVATION_CATEGORY, "survey", "Survey")]
ACTIVE = codeable(CONDITION_CLINICAL, "active", "Active")
CONFIRMED = codeable(CONDITION_VERIFICATION, "confirmed", "Confirmed")
DIAGNOSIS_CATEGORY = [codeable(CONDITION_CATEGORY, "encounter-diagnosis", "Encounter Diagnosis")]
SEVERITY_CONCEPT = {key: codeable(SNOMED, *value) for key, value in SEVERITY.items()}
TRIAGE_CODE = {
    **codeable(LOCAL_OBSERVATION, "triage-category", "NATO triage category"),
    "text": "Triage category",
}
BLOOD_GROUP_CODE = codeable(LOINC, *BLOOD_GROUP)
VITAL_CODES = {code: codeable(LOINC, code, display) for code, display in VITAL_DISPLAY.items()}
BP_PANEL_CODE = codeable(LOINC, *BP_PANEL)
