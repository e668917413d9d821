"""Repositories: the only place that knows SQL. Callers own the transaction."""
