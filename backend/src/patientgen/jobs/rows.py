"""Moved to `patientgen.storage.rows` (the patients table's columns are storage knowledge).
Kept only until tests/simulation/test_documents.py imports ``flow_columns`` from there."""

from patientgen.storage.rows import flow_columns

__all__ = ["flow_columns"]
