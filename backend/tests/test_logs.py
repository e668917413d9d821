"""Access log lines carry no query values and no download tokens."""

from __future__ import annotations

import logging

from patientgen.logs import RedactAccessLog, redact_target


def test_query_values_and_ticket_tokens_are_redacted() -> None:
    assert redact_target("/api/v1/jobs?limit=5&status=running") == "/api/v1/jobs?limit=…&status=…"
    assert redact_target("/api/v1/keys?api_key=pgk_secret") == "/api/v1/keys?api_key=…"
    assert redact_target("/api/v1/downloads/pgt_AbC-123_x") == "/api/v1/downloads/pgt_…"
    assert redact_target("/api/v1/health") == "/api/v1/health"


def test_the_filter_rewrites_uvicorn_access_records() -> None:
    record = logging.LogRecord(
        "uvicorn.access", logging.INFO, __file__, 1, '%s - "%s %s HTTP/%s" %d',
        ("127.0.0.1:5", "GET", "/x?key=pgk_secret", "1.1", 200), None,
    )  # fmt: skip
    assert RedactAccessLog().filter(record)
    assert "pgk_secret" not in record.getMessage()
    assert record.getMessage() == '127.0.0.1:5 - "GET /x?key=… HTTP/1.1" 200'
