"""Use cases shared by the HTTP API and the CLI. Callers own the session and its transaction."""
