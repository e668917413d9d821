"""Throwaway PostgreSQL databases for tests (the helpers live in the storage package)."""

from patientgen.storage.databases import create_database, drop_database, sibling_url

__all__ = ["create_database", "drop_database", "sibling_url"]
