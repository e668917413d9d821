"""Reading generated patients: filtered keyset pages, single records, chunked streams, and the
aggregates behind the dashboard. Everything is answered from typed columns or returned as the
stored JSON text; nothing loads a whole job into Python."""

from __future__ import annotations

import asyncio
import hashlib
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import Integer, cast, func, literal, select, text
from sqlalchemy.dialects.postgresql import aggregate_order_by
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from patientgen.simulation.selection import FIELD_FILTERS, REACHABLE, Selection
from patientgen.storage.tables import DELAY_COLUMNS, STAY_COLUMNS, PatientRow

FILTER_COLUMNS = FIELD_FILTERS  # each a typed column of the same name
COUNT_DIMENSIONS = ("nationality", "front", "injury_type", "triage", "final_status")


@dataclass
class JobAggregates:
    """Everything the dashboard derives, as plain histograms."""

    counts: dict[str, dict[str, int]]  # dimension -> value -> patients
    paths: list[tuple[str, str, int]]  # (path, final_status, patients)
    injuries_per_hour: dict[str, dict[int, int]]  # triage -> hours since 1970 -> patients
    stays: dict[str, dict[int, int]]  # "r2_in" -> hour -> patients
    delays: dict[str, dict[str, dict[int, int]]]  # column -> triage -> minute -> patients


# Roles a patient can be filtered on having reached, and the typed column that says so.
FACILITY_COLUMNS = {role: f"{role.lower()}_in" for role in REACHABLE}


class PatientFilter(Selection):
    """The selection's filters as SQL on the typed columns."""

    def values(self) -> dict[str, str]:
        """The equality filters (typed columns); `day`, `facility` and `index` are in `clauses`
        only."""
        return {name: v for name in FILTER_COLUMNS if (v := getattr(self, name)) is not None}

    def clauses(self) -> list:
        out = [getattr(PatientRow, name) == value for name, value in self.values().items()]
        if self.day is not None:
            start = datetime(self.day.year, self.day.month, self.day.day, tzinfo=UTC)
            out += [PatientRow.injury_time >= start, PatientRow.injury_time < start + timedelta(1)]
        if self.facility is not None:
            out.append(getattr(PatientRow, FACILITY_COLUMNS[self.facility]).isnot(None))
        if self.index is not None:
            out.append(PatientRow.idx == self.index)
        return out


# One scan, one hash aggregate per grouping set (PostgreSQL): the alternative, a query per
# histogram, reads a million-row job seventeen times.
_GROUPING_SETS = (
    *((dim,) for dim in COUNT_DIMENSIONS),
    ("path", "final_status"),
    ("triage", "hour"),
    *((f"{col}_h",) for col in STAY_COLUMNS),
    *(("triage", f"{col}_m") for col in DELAY_COLUMNS),
)
_KEYS = (
    *COUNT_DIMENSIONS,
    "path",
    "hour",
    *(f"{col}_h" for col in STAY_COLUMNS),
    *(f"{col}_m" for col in DELAY_COLUMNS),
)


def _aggregate_sql(where: PatientFilter):
    if where.day is not None or where.facility is not None or where.index is not None:
        raise ValueError("the aggregates filter on front, nationality and injury type only")
    # Built from the constants above only; the job id and filter values are bound parameters.
    filters = "".join(f" AND {name} = :{name}" for name in where.values())
    return text(
        "SELECT GROUPING({keys}) AS grouping_mask, {keys}, count(*) AS patients FROM ("  # noqa: S608
        " SELECT nationality, front, injury_type, triage, final_status, path,"
        " floor(extract(epoch FROM injury_time) / 3600)::int AS hour, {stays}, {delays}"
        " FROM patients WHERE job_id = :job_id{filters}) AS p"
        " GROUP BY GROUPING SETS ({sets})".format(
            keys=", ".join(_KEYS),
            # `/ 3600.0`: a true floor also before 1970 (integer division would round up).
            stays=", ".join(f"floor({c} / 3600.0)::int AS {c}_h" for c in STAY_COLUMNS),
            delays=", ".join(f"floor({c} / 60.0)::int AS {c}_m" for c in DELAY_COLUMNS),
            filters=filters,
            sets=", ".join("(" + ", ".join(s) + ")" for s in _GROUPING_SETS),
        )
    )


def _mask(grouped: tuple[str, ...]) -> int:
    # GROUPING(a, b, …) sets a bit (most significant first) for every key NOT in the set.
    bits = 0
    for key in _KEYS:
        bits = (bits << 1) | (key not in grouped)
    return bits


_MASKS = {_mask(s): s for s in _GROUPING_SETS}


def _epoch(column, dialect: str):
    """Seconds since 1970 of a timestamp column, in the dialect's own terms."""
    if dialect == "sqlite":
        return cast(func.strftime("%s", column), Integer)
    return func.extract("epoch", column)


class PatientRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    @property
    def _dialect(self) -> str:
        return self.session.get_bind().dialect.name

    async def page(
        self, job_id: uuid.UUID, where: PatientFilter, *, after: int, limit: int
    ) -> list[tuple[int, str]]:
        stmt = (
            select(PatientRow.idx, PatientRow.document)
            .where(PatientRow.job_id == job_id, PatientRow.idx > after, *where.clauses())
            .order_by(PatientRow.idx)
            .limit(limit)
        )
        return [(idx, doc) for idx, doc in await self.session.execute(stmt)]

    async def document(self, job_id: uuid.UUID, index: int) -> str | None:
        stmt = select(PatientRow.document).where(
            PatientRow.job_id == job_id, PatientRow.idx == index
        )
        return await self.session.scalar(stmt)

    async def count(self, job_id: uuid.UUID) -> int:
        stmt = select(func.count()).select_from(PatientRow).where(PatientRow.job_id == job_id)
        return int(await self.session.scalar(stmt) or 0)

    async def aggregates(self, job_id: uuid.UUID, where: PatientFilter) -> JobAggregates:
        """The dashboard's histograms of the job's patients that match `where`."""
        if self._dialect == "postgresql":
            return await self._aggregates_in_one_scan(job_id, where)
        return await self._aggregates_query_by_query(job_id, where)

    async def _aggregates_in_one_scan(
        self, job_id: uuid.UUID, where: PatientFilter
    ) -> JobAggregates:
        out = JobAggregates(
            counts={dim: {} for dim in COUNT_DIMENSIONS},
            paths=[],
            injuries_per_hour={},
            stays={col: {} for col in STAY_COLUMNS},
            delays={col: {} for col in DELAY_COLUMNS},
        )
        params = {"job_id": job_id, **where.values()}
        result = await self.session.execute(_aggregate_sql(where), params)
        for row in result.mappings():
            grouped, n = _MASKS[row["grouping_mask"]], row["patients"]
            key = grouped[-1]
            if row[key] is None:  # a NULL stay or delay: the patient never got there
                continue
            if key in COUNT_DIMENSIONS and len(grouped) == 1:
                out.counts[key][row[key]] = n
            elif grouped == ("path", "final_status"):
                out.paths.append((row["path"], row["final_status"], n))
            elif key == "hour":
                out.injuries_per_hour.setdefault(row["triage"], {})[row["hour"]] = n
            elif key.endswith("_h"):
                out.stays[key[:-2]][row[key]] = n
            else:
                out.delays[key[:-2]].setdefault(row["triage"], {})[row[key]] = n
        for dim in COUNT_DIMENSIONS:
            out.counts[dim] = dict(sorted(out.counts[dim].items()))
        return out

    async def _aggregates_query_by_query(
        self, job_id: uuid.UUID, where: PatientFilter
    ) -> JobAggregates:
        # SQLite has no GROUPING SETS; the embedded database holds small jobs.
        scope = (PatientRow.job_id == job_id, *where.clauses())

        async def grouped(*columns, present=None) -> list:
            stmt = select(*columns, func.count()).where(*scope).group_by(*columns)
            if present is not None:
                stmt = stmt.where(present.isnot(None))
            return list(await self.session.execute(stmt))

        def bucket(column, seconds: int):
            return cast(func.floor(column / float(seconds)), Integer)

        counts = {}
        for dim in COUNT_DIMENSIONS:
            column = getattr(PatientRow, dim)
            counts[dim] = dict(sorted((v, n) for v, n in await grouped(column)))
        paths = [(p, s, n) for p, s, n in await grouped(PatientRow.path, PatientRow.final_status)]
        injury_hour = bucket(_epoch(PatientRow.injury_time, self._dialect), 3600)
        injuries: dict[str, dict[int, int]] = {}
        for triage, hour, n in await grouped(PatientRow.triage, injury_hour):
            injuries.setdefault(triage, {})[int(hour)] = n
        stays = {}
        for col in STAY_COLUMNS:
            column = getattr(PatientRow, col)
            rows = await grouped(bucket(column, 3600), present=column)
            stays[col] = {int(h): n for h, n in rows}
        delays: dict[str, dict[str, dict[int, int]]] = {}
        for col in DELAY_COLUMNS:
            column = getattr(PatientRow, col)
            delays[col] = {}
            for triage, minute, n in await grouped(
                PatientRow.triage, bucket(column, 60), present=column
            ):
                delays[col].setdefault(triage, {})[int(minute)] = n
        return JobAggregates(counts, paths, injuries, stays, delays)


async def stream_documents(
    engine: AsyncEngine,
    job_id: uuid.UUID,
    *,
    chunk: int = 2_000,
    where: PatientFilter | None = None,
) -> AsyncIterator[list[str]]:
    """The job's documents (those matching `where`, if given) in index order, `chunk` at a time.
    Keyset pages rather than one long cursor: no transaction stays open while a slow client
    downloads, and memory stays flat."""
    after = -1
    while True:
        async with engine.connect() as connection:
            stmt = (
                select(PatientRow.idx, PatientRow.document)
                .where(PatientRow.job_id == job_id, PatientRow.idx > after)
                .where(*(where.clauses() if where is not None else ()))
                .order_by(PatientRow.idx)
                .limit(chunk)
            )
            rows = (await connection.execute(stmt)).all()
        if not rows:
            return
        after = rows[-1][0]
        yield [document for _, document in rows]


def _in_range(job_id: uuid.UUID, start: int, stop: int) -> tuple:
    return (PatientRow.job_id == job_id, PatientRow.idx >= start, PatientRow.idx < stop)


async def _rows_between(
    engine: AsyncEngine, job_id: uuid.UUID, start: int, stop: int
) -> list[tuple[int, str]]:
    async with engine.connect() as connection:
        stmt = (
            select(PatientRow.idx, PatientRow.document)
            .where(*_in_range(job_id, start, stop))
            .order_by(PatientRow.idx)
        )
        return [(idx, document) for idx, document in await connection.execute(stmt)]


async def documents_between(
    engine: AsyncEngine, job_id: uuid.UUID, start: int, stop: int
) -> list[str]:
    """The documents of the patients with ``start <= index < stop``, in index order."""
    return [document for _, document in await _rows_between(engine, job_id, start, stop)]


def _ndjson_sha256(documents: list[str]) -> bytes:
    digest = hashlib.sha256()
    for document in documents:
        digest.update(document.encode())
        digest.update(b"\n")
    return digest.digest()


@dataclass(frozen=True, slots=True)
class DocumentsDigest:
    """What is stored of the patients with ``start <= index < stop``, without reading it out:
    how many, the first and last index, and the SHA-256 of their NDJSON (the documents in index
    order, each followed by a newline, as UTF-8; None when there are none)."""

    count: int
    first: int | None
    last: int | None
    sha256: bytes | None


async def documents_digest(
    engine: AsyncEngine, job_id: uuid.UUID, start: int, stop: int
) -> DocumentsDigest:
    """PostgreSQL hashes the documents in its own process (32 bytes come back, and the export
    goes on meanwhile); elsewhere they are read and hashed here."""
    if engine.dialect.name != "postgresql":
        rows = await _rows_between(engine, job_id, start, stop)
        if not rows:
            return DocumentsDigest(0, None, None, None)
        sha256 = await asyncio.to_thread(_ndjson_sha256, [document for _, document in rows])
        return DocumentsDigest(len(rows), rows[0][0], rows[-1][0], sha256)
    ndjson = func.string_agg(
        PatientRow.document, aggregate_order_by(literal("\n"), PatientRow.idx)
    ).concat("\n")
    stmt = select(
        func.count(),
        func.min(PatientRow.idx),
        func.max(PatientRow.idx),
        func.sha256(func.convert_to(ndjson, "UTF8")),
    ).where(*_in_range(job_id, start, stop))
    async with engine.connect() as connection:
        count, first, last, sha256 = (await connection.execute(stmt)).one()
    return DocumentsDigest(count, first, last, sha256)
