"""Persistence: engine and pool, table definitions, repositories and bulk writers."""
