"""The Patient resource of one record (fhir_resources.py's ``PatientResources.patient``): name,
gender, birth date, the service number, the nationality, rank and unit extensions, and the
time of death. Unlike the other per-patient resources it is built as a dict and serialised
whole: nearly all of it is the patient's own values, with no constant parts worth pre-encoding
as fragments (fhir_fragments.py).
"""

from __future__ import annotations

from typing import Any

from patientgen.exports.fhir_fragments import J
from patientgen.exports.fhir_vocabulary import (
    DECEASED,
    ISO_3166,
    NATIONALITY_EXTENSION,
    NATO_RANK,
    RANK_EXTENSION,
    SERVICE_NUMBER,
    UNIT_EXTENSION,
    codeable,
    coding,
)


def patient_resource(record: dict[str, Any]) -> bytes:
    """The Patient resource's JSON; its id is the record's ``id``."""
    demo = record["demographics"]
    extension: list[dict[str, Any]] = [
        {
            "url": NATIONALITY_EXTENSION,
            "extension": [
                {"url": "code", "valueCodeableConcept": codeable(ISO_3166, record["nationality"])}
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
    resource: dict[str, Any] = {"resourceType": "Patient", "id": record["id"]}
    resource["extension"] = extension
    if demo.get("service_number"):
        resource["identifier"] = [
            {
                "use": "official",
                "type": {"text": "Service number"},
                "system": SERVICE_NUMBER + record["nationality"],
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
    if record.get("final_status") in DECEASED:
        resource["deceasedDateTime"] = _death_time(record)
    return J(resource)


def _death_time(record: dict[str, Any]) -> str:
    timeline = record.get("timeline") or []
    for event in reversed(timeline):
        if event.get("event") == "death":
            return event["time"]
    return timeline[-1]["time"] if timeline else record["injury_time"]
