"""A job's patients as an export stream, read from the database page by page (flat memory)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import orjson
from sqlalchemy.ext.asyncio import AsyncEngine

from patientgen.exports import xlsx
from patientgen.exports.formats import (
    Archive,
    AsyncExportStream,
    ExportFormat,
    async_export_stream,
    plan_export,
)
from patientgen.storage.repositories.patients import stream_documents
from patientgen.storage.tables import JobRecord, JobStatus

PAGE_SIZE = 1_000


class JobNotFinishedError(RuntimeError):
    """A job's patients are exported once it has ended (its rows no longer change)."""


def ensure_exportable(job: JobRecord) -> None:
    if not JobStatus(job.status).is_terminal:
        raise JobNotFinishedError(f"Job {job.id} is still {job.status}; export it once it ends.")


async def ensure_fits(engine: AsyncEngine, job: JobRecord, fmt: ExportFormat) -> None:
    """Raise ``xlsx.RowLimitError`` before anything is sent if an xlsx export of the job would
    overflow a sheet: the patients sheet from the job's count, every other sheet from one
    counting pass over its stored records (an export must never start and then break)."""
    if fmt is not ExportFormat.XLSX:
        return
    xlsx.check_patients(job.generated)
    counts = dict.fromkeys(xlsx.row_counts(()), 0)
    async for documents in stream_documents(engine, job.id, chunk=PAGE_SIZE):
        page = await asyncio.to_thread(_page_counts, documents)
        for name, n in page.items():
            counts[name] += n
        xlsx.check_rows(counts)


def _page_counts(documents: list[str]) -> dict[str, int]:
    return xlsx.row_counts(orjson.loads(document) for document in documents)


def export_job(
    engine: AsyncEngine,
    job: JobRecord,
    fmt: ExportFormat,
    archive: Archive,
    password: str | None = None,
) -> AsyncExportStream:
    """Raises ValueError (naming the problem) for a combination that cannot be produced."""
    basename = f"patientgen-{job.id}"
    plan = plan_export(fmt, archive, password=password, basename=basename)
    if archive is Archive.NONE and fmt in (ExportFormat.NDJSON, ExportFormat.JSON):
        # Stored documents already are the NDJSON lines: no parsing, no re-encoding.
        chunks = _ndjson(engine, job) if fmt is ExportFormat.NDJSON else _json(engine, job)
        return AsyncExportStream(plan.media_type, plan.filename, chunks)

    def pages() -> AsyncIterator[list[dict]]:
        async def parsed() -> AsyncIterator[list[dict]]:
            async for documents in stream_documents(engine, job.id, chunk=PAGE_SIZE):
                yield [orjson.loads(document) for document in documents]

        return parsed()

    return async_export_stream(
        fmt,
        pages,
        archive=archive,
        password=password,
        modified_at=job.created_at,
        basename=basename,
    )


async def _ndjson(engine: AsyncEngine, job: JobRecord) -> AsyncIterator[bytes]:
    async for documents in stream_documents(engine, job.id, chunk=PAGE_SIZE):
        yield ("\n".join(documents) + "\n").encode()


async def _json(engine: AsyncEngine, job: JobRecord) -> AsyncIterator[bytes]:
    # Same layout as json_array.encode_documents, so API and CLI exports are identical.
    separator = "[\n"
    async for documents in stream_documents(engine, job.id, chunk=PAGE_SIZE):
        yield (separator + ",\n".join(documents)).encode()
        separator = ",\n"
    yield b"[]\n" if separator == "[\n" else b"\n]\n"
