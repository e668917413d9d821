"""Field order of the patient record, shared by the structured encoders; derived from the one
declaration of the record (simulation.record_model)."""

from __future__ import annotations

from patientgen.simulation.record_model import Demographics, PatientRecord

# `index` and `id` are written by each encoder in its own way (attributes, identifiers).
RECORD_FIELDS: tuple[str, ...] = tuple(PatientRecord.model_fields)[2:]
DEMOGRAPHIC_FIELDS: tuple[str, ...] = tuple(Demographics.model_fields)
