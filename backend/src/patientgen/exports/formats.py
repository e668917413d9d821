"""The export registry: formats, archives, and one entry point that combines them.

Every encoder reads an iterable of patient records (the NDJSON contract, in index order)
and yields bytes chunks, so an export streams in flat memory. Single-file formats have
``FormatSpec.encode(records)`` (``ExportFormat.encode_records``; not ``encode``: a StrEnum
member is a ``str`` and ``str.encode`` must keep its meaning); the multi-file formats
(``fhir-ndjson``, ``parquet``) have only ``files(records_factory)``, which calls the factory
once (one pass writes every file). ``files`` works for every format, so callers
that produce ZIPs need one code path.

Callers (API, CLI) use ``export_stream`` (sync) or ``async_export_stream`` (an async records
source, e.g. the database, bridged to the sync encoders in a worker thread).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import threading
from collections.abc import (
    AsyncIterable,
    AsyncIterator,
    Callable,
    Iterable,
    Iterator,
)
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from patientgen.exports import cards_pdf, csv, fhir, json_array, medevac, ndjson, parquet, xlsx, xml
from patientgen.exports.archive import CHUNK_SIZE, DOS_EPOCH, coalesce, gzip_stream, zip_stream

Record = dict[str, Any]
Encoder = Callable[..., Iterator[bytes]]  # (records) or, with `options`, (records, options)
RecordsFactory = Callable[[], Iterable[Record]]
FileProducer = Callable[[RecordsFactory], Iterator[tuple[str, Iterable[bytes]]]]


class MultiFileFormatError(ValueError):
    """A multi-file format was asked for a single stream (it only comes as a ZIP)."""


def _ndjson(records: Iterable[Record]) -> Iterator[bytes]:
    return coalesce(ndjson.encode_record(record) for record in records)


@dataclass(frozen=True, slots=True)
class FormatSpec:
    media_type: str
    extension: str  # file extension of the (single) file, without the dot
    suffix: str  # appended to the export's base name: "<base><suffix>"
    description: str
    encode: Encoder | None = None  # single-file formats
    producer: FileProducer | None = None  # multi-file formats
    # whether chunks come while records are still being read (xlsx: once the workbook is done)
    streams: bool = True
    # the options model the encoder takes as its second argument (cards-pdf: CardOptions)
    options: type | None = None


class ExportFormat(StrEnum):
    NDJSON = "ndjson"
    JSON = "json"
    CSV = "csv"
    XML = "xml"
    FHIR_NDJSON = "fhir-ndjson"
    FHIR_BUNDLE = "fhir-bundle"
    PARQUET = "parquet"
    XLSX = "xlsx"
    CARDS_PDF = "cards-pdf"
    MEDEVAC = "medevac"
    MEDEVAC_TEXT = "medevac-text"

    @property
    def spec(self) -> FormatSpec:
        return FORMATS[self]

    @property
    def media_type(self) -> str:
        return self.spec.media_type

    @property
    def extension(self) -> str:
        return self.spec.extension

    @property
    def multi_file(self) -> bool:
        return self.spec.producer is not None

    def filename(self, basename: str) -> str:
        """The file name of a single-file export (without archive extension)."""
        return basename + self.spec.suffix

    def encode_records(self, records: Iterable[Record], options: Any = None) -> Iterator[bytes]:
        """The export as one byte stream. Raises ``MultiFileFormatError`` for fhir-ndjson.
        ``options`` (an instance of ``spec.options``) only for formats that take them."""
        if self.spec.encode is None:
            raise MultiFileFormatError(f"{self.value} has several files: use a ZIP")
        if self.spec.options is not None:
            return self.spec.encode(records, options)
        if options is not None:
            raise ValueError(f"format {self.value} takes no options")
        return self.spec.encode(records)

    def files(
        self, records_factory: RecordsFactory, *, basename: str = "patients", options: Any = None
    ) -> Iterator[tuple[str, Iterable[bytes]]]:
        """``(name, chunks)`` of every file; single-file formats call the factory once."""
        if self.spec.producer is not None:
            return self.spec.producer(records_factory)
        chunks = self.encode_records(records_factory(), options)
        return iter([(self.filename(basename), chunks)])


FORMATS: dict[ExportFormat, FormatSpec] = {
    ExportFormat.NDJSON: FormatSpec(
        ndjson.CONTENT_TYPE, "ndjson", ".ndjson", "One patient record per line", _ndjson
    ),
    ExportFormat.JSON: FormatSpec(
        json_array.MEDIA_TYPE, "json", ".json", "One JSON array of records", json_array.encode
    ),
    ExportFormat.CSV: FormatSpec(
        csv.MEDIA_TYPE, "csv", ".csv", "One row per patient, flat columns", csv.encode
    ),
    ExportFormat.XML: FormatSpec(
        xml.MEDIA_TYPE, "xml", ".xml", "One <patients> document", xml.encode
    ),
    ExportFormat.FHIR_BUNDLE: FormatSpec(
        fhir.MEDIA_TYPE,
        "ndjson",
        ".fhir-bundle.ndjson",
        "FHIR R4: one transaction Bundle per patient per line",
        fhir.encode_bundles,
    ),
    ExportFormat.FHIR_NDJSON: FormatSpec(
        "application/zip",
        "zip",
        ".fhir",
        "FHIR R4 Bulk Data: one NDJSON file per resource type, in a ZIP",
        producer=fhir.ndjson_files,
    ),
    ExportFormat.PARQUET: FormatSpec(
        "application/zip",
        "zip",
        ".parquet",
        "Parquet: one file per entity (patients, conditions, treatments, vitals, stays), in a ZIP",
        producer=parquet.files,
    ),
    ExportFormat.XLSX: FormatSpec(
        xlsx.MEDIA_TYPE,
        "xlsx",
        ".xlsx",
        "Excel workbook: one sheet per entity (patients, conditions, treatments, vitals, stays)",
        xlsx.encode,
        streams=False,
    ),
    ExportFormat.CARDS_PDF: FormatSpec(
        cards_pdf.MEDIA_TYPE,
        "pdf",
        ".cards.pdf",
        "Casualty cards (role player, instructor, TCCC style) as one print-ready PDF",
        cards_pdf.encode,
        options=cards_pdf.CardOptions,
    ),
    ExportFormat.MEDEVAC: FormatSpec(
        medevac.NDJSON_MEDIA_TYPE,
        "ndjson",
        ".medevac.ndjson",
        "MIST handover and 9-line MEDEVAC request per evacuation leg, one leg per line",
        medevac.encode_ndjson,
    ),
    ExportFormat.MEDEVAC_TEXT: FormatSpec(
        medevac.TEXT_MEDIA_TYPE,
        "txt",
        ".medevac.txt",
        "MIST handover and 9-line MEDEVAC request per evacuation leg, as text",
        medevac.encode_text,
    ),
}


class Archive(StrEnum):
    NONE = "none"
    GZIP = "gzip"
    ZIP = "zip"


@dataclass(frozen=True, slots=True)
class ExportPlan:
    """What a response needs before the first byte: media type and file name."""

    format: ExportFormat
    archive: Archive
    media_type: str
    filename: str
    password: str | None = None


@dataclass(frozen=True, slots=True)
class ExportStream:
    media_type: str
    filename: str
    chunks: Iterator[bytes]


@dataclass(frozen=True, slots=True)
class AsyncExportStream:
    media_type: str
    filename: str
    chunks: AsyncIterator[bytes]


def plan_export(
    fmt: ExportFormat | str,
    archive: Archive | str = Archive.NONE,
    *,
    password: str | None = None,
    basename: str = "patients",
) -> ExportPlan:
    """Validate a format/archive/password combination (``ValueError`` names the problem)."""
    fmt, archive = ExportFormat(fmt), Archive(archive)
    if fmt.multi_file and archive is not Archive.ZIP:
        raise MultiFileFormatError(f"format {fmt.value} is delivered as a ZIP: use archive=zip")
    if password is not None and archive is not Archive.ZIP:
        raise ValueError("a password needs archive=zip (AES-256 encrypted ZIP)")
    if password is not None and not password:
        raise ValueError("password must not be empty")
    if archive is Archive.ZIP:
        stem = basename + (fmt.spec.suffix if fmt.multi_file else "")
        return ExportPlan(fmt, archive, "application/zip", stem + ".zip", password)
    if archive is Archive.GZIP:
        return ExportPlan(fmt, archive, "application/gzip", fmt.filename(basename) + ".gz")
    return ExportPlan(fmt, archive, fmt.media_type, fmt.filename(basename))


def _chunks(
    plan: ExportPlan,
    records_factory: RecordsFactory,
    modified_at: datetime,
    basename: str,
    options: Any = None,
) -> Iterator[bytes]:
    if plan.archive is Archive.ZIP:
        files = plan.format.files(records_factory, basename=basename, options=options)
        return zip_stream(files, modified_at=modified_at, password=plan.password)
    chunks = plan.format.encode_records(records_factory(), options)
    return gzip_stream(chunks) if plan.archive is Archive.GZIP else chunks


def export_stream(
    fmt: ExportFormat | str,
    records_factory: RecordsFactory,
    *,
    archive: Archive | str = Archive.NONE,
    password: str | None = None,
    modified_at: datetime = DOS_EPOCH,
    basename: str = "patients",
    options: Any = None,
) -> ExportStream:
    """Media type, file name and the lazy byte stream of an export.

    ``records_factory`` returns a fresh iterable of records in index order each time it is
    called (every format calls it once). ``modified_at`` stamps ZIP entries:
    pass the job's creation time so repeated exports are byte-identical. Nothing is read
    before the first chunk is requested; invalid combinations raise ``ValueError`` here.
    """
    plan = plan_export(fmt, archive, password=password, basename=basename)
    chunks = _chunks(plan, records_factory, modified_at, basename, options)
    return ExportStream(plan.media_type, plan.filename, chunks)


# -- async bridge -------------------------------------------------------------------------

AsyncBatchesFactory = Callable[[], AsyncIterable[Any]]
Decoder = Callable[[Any], Iterable[Record]]  # a batch as the source yields it -> its records


def _as_records(batch: Any) -> Iterable[Record]:
    return batch  # the batches are records already


class _Cancelled(Exception):
    pass


def async_export_stream(
    fmt: ExportFormat | str,
    batches_factory: AsyncBatchesFactory,
    *,
    archive: Archive | str = Archive.NONE,
    password: str | None = None,
    modified_at: datetime = DOS_EPOCH,
    basename: str = "patients",
    options: Any = None,
    decode: Decoder = _as_records,
) -> AsyncExportStream:
    """``export_stream`` over an async source of record *batches* (e.g. database pages).

    The sync encoders run in a worker thread; the event loop fetches the next batch while
    the worker encodes the current one (one loop round-trip per batch, not per record), and
    ``decode`` turns a batch into its records in the worker (e.g. parsing stored documents off
    the event loop). The thread hands chunks over about HOP_BYTES at a time and writes the
    next ones while those are sent; at most two such hand-overs and two batches are in flight,
    so memory stays flat. Closing the returned iterator (client disconnect) stops the worker
    and closes the source. Validation errors raise here, before any response starts.
    """
    plan = plan_export(fmt, archive, password=password, basename=basename)
    return AsyncExportStream(
        plan.media_type,
        plan.filename,
        _bridge(plan, batches_factory, modified_at, basename, options, decode),
    )


HOP_BYTES = 4 * CHUNK_SIZE
"""What the encoder's thread hands the event loop at a time: each hand-over costs a thread
switch both ways (tens of µs on a busy machine), and a FHIR Bundle export writes ~21 KB a
patient (one hand-over per 64 KiB chunk was ~15% of its time). The chunks are still sent one
by one, each about CHUNK_SIZE."""


def _take(chunks: Iterator[bytes]) -> list[bytes]:
    """The next chunks, about HOP_BYTES of them (none: the end)."""
    taken: list[bytes] = []
    held = 0
    for chunk in chunks:
        taken.append(chunk)
        held += len(chunk)
        if held >= HOP_BYTES:
            break
    return taken


async def _bridge(
    plan: ExportPlan,
    batches_factory: AsyncBatchesFactory,
    modified_at: datetime,
    basename: str,
    options: Any = None,
    decode: Decoder = _as_records,
) -> AsyncIterator[bytes]:
    loop = asyncio.get_running_loop()
    stop = threading.Event()
    sources: list[AsyncIterator[Any]] = []
    fetches: set[concurrent.futures.Future] = set()  # the fetches not yet taken

    async def next_batch(source: AsyncIterator[Any]) -> Any | None:
        try:
            return await anext(source)
        except StopAsyncIteration:
            return None

    def fetch(source: AsyncIterator[Any]) -> concurrent.futures.Future:
        ahead = asyncio.run_coroutine_threadsafe(next_batch(source), loop)
        fetches.add(ahead)
        return ahead

    def take(ahead: concurrent.futures.Future) -> Any | None:
        batch = ahead.result()
        fetches.discard(ahead)  # its batch is the worker's now: nothing keeps it after that
        return batch

    def records() -> Iterator[Record]:
        source = aiter(batches_factory())
        sources.append(source)
        ahead = fetch(source)
        while True:
            if stop.is_set():
                raise _Cancelled
            batch = take(ahead)
            if batch is None:
                return
            ahead = fetch(source)  # the loop reads the next batch while this one is encoded
            yield from decode(batch)

    chunks = _chunks(plan, records, modified_at, basename, options)
    pending: asyncio.Future | None = asyncio.ensure_future(asyncio.to_thread(_take, chunks))
    try:
        while pending is not None:
            taken = await asyncio.shield(pending)
            # the thread writes the next chunks while these are sent
            pending = asyncio.ensure_future(asyncio.to_thread(_take, chunks)) if taken else None
            for chunk in taken:
                yield chunk
    finally:
        stop.set()
        if pending is not None:  # cancelled mid-chunk: let the worker reach a safe point
            with contextlib.suppress(Exception):
                await pending
        close = getattr(chunks, "close", None)
        if close is not None:
            await asyncio.to_thread(close)
        for ahead in list(fetches):  # a source is closed only once no fetch of it runs
            with contextlib.suppress(Exception):
                await asyncio.wrap_future(ahead)
        for source in sources:
            aclose = getattr(source, "aclose", None)
            if aclose is not None:
                with contextlib.suppress(Exception):
                    await aclose()
