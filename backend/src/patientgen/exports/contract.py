"""Field order of the patient record (design.md's contract), shared by the structured encoders."""

from __future__ import annotations

RECORD_FIELDS: tuple[str, ...] = (
    "nationality",
    "front",
    "injury_type",
    "triage",
    "demographics",
    "injury_time",
    "conditions",
    "treatments",
    "vitals",
    "timeline",
    "final_status",
    "final_facility",
)
DEMOGRAPHIC_FIELDS: tuple[str, ...] = (
    "given_name",
    "family_name",
    "sex",
    "birth_date",
    "blood_type",
    "service_number",
    "rank",
    "rank_title",
    "unit",
)
