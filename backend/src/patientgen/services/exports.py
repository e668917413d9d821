"""A job's patients as an export stream, read from the database page by page (flat memory)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Iterator, Mapping
from typing import Any

import orjson
from pydantic import ValidationError
from sqlalchemy.ext.asyncio import AsyncEngine

from patientgen.exports import xlsx, xml_blocks
from patientgen.exports.formats import (
    Archive,
    AsyncExportStream,
    ExportFormat,
    async_export_stream,
    plan_export,
)
from patientgen.simulation import BLOCK_SIZE, Scenario
from patientgen.storage.repositories.patients import (
    PatientFilter,
    documents_between,
    documents_digest,
    stream_documents,
)
from patientgen.storage.tables import JobRecord, JobStatus

PAGE_SIZE = 1_000


class JobNotFinishedError(RuntimeError):
    """A job's patients are exported once it has ended (its rows no longer change)."""


def ensure_exportable(job: JobRecord) -> None:
    if not JobStatus(job.status).is_terminal:
        raise JobNotFinishedError(f"Job {job.id} is still {job.status}; export it once it ends.")


Filters = Mapping[str, Any]  # PatientFilter's fields: the patients list's query filters


def _where(filters: Filters | None) -> PatientFilter | None:
    """The selection of a job's patients an export holds (None: all of them)."""
    if not filters:
        return None
    where = PatientFilter(**{k: v for k, v in filters.items() if v is not None})
    return where if where != PatientFilter() else None


async def ensure_fits(
    engine: AsyncEngine, job: JobRecord, fmt: ExportFormat, filters: Filters | None = None
) -> None:
    """Raise ``xlsx.RowLimitError`` before anything is sent if an xlsx export of the job would
    overflow a sheet: the patients sheet from the job's count, every other sheet from one
    counting pass over its stored records (an export must never start and then break)."""
    if fmt is not ExportFormat.XLSX:
        return
    where = _where(filters)
    if where is None:  # a selection is counted by the pass below
        xlsx.check_patients(job.generated)
    counts = dict.fromkeys(xlsx.row_counts(()), 0)
    async for documents in stream_documents(engine, job.id, chunk=PAGE_SIZE, where=where):
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
    *,
    options: Any = None,
    filters: Filters | None = None,
) -> AsyncExportStream:
    """Raises ValueError (naming the problem) for a combination that cannot be produced.
    `options`: the format's own (cards-pdf: `CardOptions`); `filters`: only the patients that
    match them (the patients list's filters), in index order."""
    basename = f"patientgen-{job.id}"
    plan = plan_export(fmt, archive, password=password, basename=basename)
    where = _where(filters)
    if archive is Archive.NONE and fmt in (ExportFormat.NDJSON, ExportFormat.JSON):
        # Stored documents already are the NDJSON lines: no parsing, no re-encoding.
        chunks = (
            _ndjson(engine, job, where) if fmt is ExportFormat.NDJSON else _json(engine, job, where)
        )
        return AsyncExportStream(plan.media_type, plan.filename, chunks)

    if fmt is ExportFormat.XML and where is None:
        # written from the job's regenerated blocks where they check out
        writer = _block_writer(job)
        decode: Any = writer.decode

        def pages() -> AsyncIterator[Any]:
            return _stored_blocks(engine, job, writer)

    else:
        decode = _parsed

        def pages() -> AsyncIterator[Any]:
            return stream_documents(engine, job.id, chunk=PAGE_SIZE, where=where)

    return async_export_stream(
        fmt,
        pages,
        archive=archive,
        password=password,
        modified_at=job.created_at,
        basename=basename,
        options=options,
        decode=decode,  # in the encoder's thread, off the event loop
    )


def _block_writer(job: JobRecord) -> xml_blocks.BlockWriter:
    try:
        scenario = Scenario.model_validate(job.scenario_snapshot)
    except ValidationError:  # a snapshot this version cannot read: its documents are parsed
        return xml_blocks.BlockWriter(None, job.seed, job.patients)
    return xml_blocks.BlockWriter(scenario, job.seed, job.patients)


async def _stored_blocks(
    engine: AsyncEngine, job: JobRecord, writer: xml_blocks.BlockWriter
) -> AsyncIterator[xml_blocks.StoredBlock | list[str]]:
    """The job block by block: what is stored for each (its digest) while the blocks match,
    then the documents themselves."""
    loop = asyncio.get_running_loop()

    def reader(start: int, stop: int) -> Callable[[], list[str]]:
        # called by the encoder's thread, for a block it could not check: read on the loop
        def read() -> list[str]:
            fetch = documents_between(engine, job.id, start, stop)
            return asyncio.run_coroutine_threadsafe(fetch, loop).result()

        return read

    for start in range(0, job.patients, BLOCK_SIZE):
        stop = min(start + BLOCK_SIZE, job.patients)
        if not writer.matching:
            yield await documents_between(engine, job.id, start, stop)
            continue
        d = await documents_digest(engine, job.id, start, stop)
        yield xml_blocks.StoredBlock(
            start, stop, d.count, d.first, d.last, d.sha256, reader(start, stop)
        )


def _parsed(documents: list[str]) -> Iterator[dict]:
    # Lazily, one document at a time: each record is freed before the next is parsed. A page
    # of parsed records held at once costs 2.5x the parse itself (the cyclic collector rescans
    # them and fresh memory is faulted in).
    return map(orjson.loads, documents)


async def _ndjson(
    engine: AsyncEngine, job: JobRecord, where: PatientFilter | None
) -> AsyncIterator[bytes]:
    async for documents in stream_documents(engine, job.id, chunk=PAGE_SIZE, where=where):
        yield ("\n".join(documents) + "\n").encode()


async def _json(
    engine: AsyncEngine, job: JobRecord, where: PatientFilter | None
) -> AsyncIterator[bytes]:
    # Same layout as json_array.encode_documents, so API and CLI exports are identical.
    separator = "[\n"
    async for documents in stream_documents(engine, job.id, chunk=PAGE_SIZE, where=where):
        yield (separator + ",\n".join(documents)).encode()
        separator = ",\n"
    yield b"[]\n" if separator == "[\n" else b"\n]\n"
