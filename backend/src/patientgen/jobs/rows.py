"""Patient record -> database row (typed columns for filters, the whole record as JSON text)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import datetime

from patientgen.exports.ndjson import encode_record


def patient_rows(job_id: uuid.UUID, records: Iterable[dict]) -> list[tuple]:
    rows = []
    for record in records:
        # The stored document is byte-for-byte the NDJSON line (without its newline), so an
        # NDJSON export is a plain concatenation and stays identical to offline generation.
        document = encode_record(record)[:-1].decode()
        rows.append(
            (
                job_id,
                record["index"],
                record["nationality"],
                record["front"],
                record["injury_type"],
                record["triage"],
                record["final_status"],
                record["final_facility"],
                datetime.fromisoformat(record["injury_time"]),
                document,
            )
        )
    return rows
