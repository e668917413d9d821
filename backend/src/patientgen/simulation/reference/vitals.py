"""Vital signs recorded (LOINC codes verified in shared/domain.md) and their UCUM units."""

from __future__ import annotations

# key, LOINC code, display, unit
VITALS: tuple[tuple[str, str, str, str], ...] = (
    ("hr", "8867-4", "Heart rate", "/min"),
    ("rr", "9279-1", "Respiratory rate", "/min"),
    ("sbp", "8480-6", "Systolic blood pressure", "mm[Hg]"),
    ("dbp", "8462-4", "Diastolic blood pressure", "mm[Hg]"),
    ("temp", "8310-5", "Body temperature", "Cel"),
    ("spo2", "59408-5", "Oxygen saturation in arterial blood by pulse oximetry", "%"),
    ("gcs", "9269-2", "Glasgow coma score total", "{score}"),
)
# The field set measured at the point of injury (no cuff or thermometer there).
POI_VITALS = ("hr", "rr", "spo2", "gcs")
VITALS_PANEL = ("85353-1", "Vital signs panel")
