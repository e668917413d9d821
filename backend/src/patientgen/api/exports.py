"""Downloading a job's patients in every format: a direct GET with the key in a header, an
AES-256 ZIP via POST (no secrets in URLs), and single-use download tickets for browsers."""

from __future__ import annotations

from typing import Annotated, Any, get_args

from fastapi import APIRouter, Query, Request, status
from fastapi import Path as PathParam
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, ConfigDict, Field

from patientgen.api.deps import PrincipalDep, SessionDep, StateDep, VisibleJobDep
from patientgen.api.openapi import problems
from patientgen.api.patients import PatientSelection, SelectionDep
from patientgen.api.problems import ProblemError
from patientgen.api.types import UtcDatetime
from patientgen.exports.cards_pdf import CardKind, CardOptions, Paper, PerPage, parse_kinds
from patientgen.exports.formats import Archive, ExportFormat
from patientgen.exports.xlsx import RowLimitError
from patientgen.services import downloads as download_service
from patientgen.services.exports import (
    JobNotFinishedError,
    ensure_exportable,
    ensure_fits,
    export_job,
)
from patientgen.storage.tables import JobRecord

router = APIRouter(prefix="/jobs", tags=["exports"])
tickets_router = APIRouter(prefix="/downloads", tags=["exports"])

_DOWNLOAD = {200: {"content": {"application/octet-stream": {}}}, **problems(409)}


def _password(default: Any = ...) -> Any:
    return Field(
        default,
        min_length=8,
        max_length=256,
        description="AES-256 (WinZip AE-2) password, any UTF-8 text; needs archive=zip.",
    )


class EncryptedExport(BaseModel):
    model_config = ConfigDict(extra="forbid")

    format: ExportFormat = ExportFormat.NDJSON
    archive: Archive = Field(Archive.ZIP, description="Encrypted exports are always ZIPs.")
    password: str = _password()


class CardPrintOptions(BaseModel):
    """cards-pdf's print options; each left out takes the export's default."""

    model_config = ConfigDict(extra="forbid")

    paper: Paper | None = Field(None, description="a4 (default) or letter.")
    per_page: PerPage | None = Field(None, description="Cards per page, 1, 2 or 4 (default).")
    cards: list[CardKind] | None = Field(
        None,
        min_length=1,
        max_length=len(CardKind),
        description="The kinds in print order (default role-player, instructor, tccc).",
    )

    def chosen(self) -> dict[str, Any]:
        given = self.model_dump(exclude_none=True)
        if "cards" in given:
            given["cards"] = tuple(dict.fromkeys(given["cards"]))
        return given


class TicketRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    format: ExportFormat = ExportFormat.NDJSON
    archive: Archive = Archive.NONE
    password: str | None = _password(None)
    filters: PatientSelection | None = Field(
        None, description="Only the patients matching these (the patients list's filters)."
    )
    card_options: CardPrintOptions | None = Field(
        None, description="Print options of format=cards-pdf (422 with any other format)."
    )


class TicketOut(BaseModel):
    url: str = Field(description="GET it (no key needed) within `expires_at`, once.")
    expires_at: UtcDatetime
    format: ExportFormat
    archive: Archive
    encrypted: bool


def _not_finished(exc: JobNotFinishedError) -> ProblemError:
    return ProblemError(409, str(exc))


def _unproducible(exc: ValueError, field: str) -> ProblemError:
    return ProblemError(422, str(exc), errors=[{"field": field, "message": str(exc)}])


def _exportable(job: JobRecord) -> JobRecord:
    try:
        ensure_exportable(job)
    except JobNotFinishedError as exc:
        raise _not_finished(exc) from None
    return job


async def _fits(state, job: JobRecord, fmt: ExportFormat, field_prefix: str, filters=None) -> None:
    try:
        await ensure_fits(state.engine, job, fmt, filters)
    except RowLimitError as exc:
        raise _unproducible(exc, f"{field_prefix}.format") from None


def _card_options(state, job: JobRecord, fmt: ExportFormat, **chosen: Any) -> Any:
    """The cards' print options (defaults where not chosen), their QR codes pointing at this
    job's patient pages under PATIENTGEN_WEB_BASE_URL; None for every other format."""
    if fmt is not ExportFormat.CARDS_PDF:
        return None
    given = {name: value for name, value in chosen.items() if value is not None}
    return CardOptions(**given, web_base_url=state.settings.web_base_url, job_id=str(job.id))


async def _response(
    state,
    job,
    fmt,
    archive,
    password=None,
    *,
    field_prefix: str,
    checked: bool = False,
    options: Any = None,
    filters: dict[str, Any] | None = None,
) -> StreamingResponse:
    if options is None:
        options = _card_options(state, job, fmt)
    try:
        export = export_job(
            state.engine, job, fmt, archive, password, options=options, filters=filters
        )
    except ValueError as exc:
        raise _unproducible(exc, f"{field_prefix}.archive") from None
    # after the cheap checks, before the first byte: a workbook too big for Excel (a ticket was
    # checked when it was minted, and a finished job's records do not change)
    if not checked:
        await _fits(state, job, fmt, field_prefix, filters)
    return StreamingResponse(
        export.chunks,
        media_type=export.media_type,
        headers={
            "Content-Disposition": f'attachment; filename="{export.filename}"',
            "Cache-Control": "no-store",
        },
    )


@router.get("/{job_id}/export", response_class=StreamingResponse, responses=_DOWNLOAD)
async def export(
    job: VisibleJobDep,
    state: StateDep,
    selection: SelectionDep,
    format: Annotated[ExportFormat, Query()] = ExportFormat.NDJSON,
    archive: Annotated[Archive, Query()] = Archive.NONE,
    paper: Annotated[Paper | None, Query(description="cards-pdf: a4 (default) or letter.")] = None,
    per_page: Annotated[
        int | None, Query(description="cards-pdf: cards per page, 1, 2 or 4 (default).")
    ] = None,
    cards: Annotated[
        str | None,
        Query(
            max_length=100,
            description="cards-pdf: comma-separated kinds, in print order "
            "(default `role-player,instructor,tccc`).",
        ),
    ] = None,
) -> StreamingResponse:
    """Streams the job's patients, or those matching the filters (the patients list's).
    `fhir-ndjson` and `parquet` come as a ZIP (several files); `xlsx` is refused (422, field
    `format`) when a sheet would pass Excel's 1,048,576 rows. `paper`, `per_page` and `cards`
    are the options of `cards-pdf` (422 on the field with any other format)."""
    chosen = {"paper": paper, "per_page": per_page, "cards": cards}
    for name, value in chosen.items():
        if value is not None and format is not ExportFormat.CARDS_PDF:
            message = f"{name} is an option of format=cards-pdf, not of {format.value}"
            raise ProblemError(
                422, message, errors=[{"field": f"query.{name}", "message": message}]
            )
    if per_page is not None and per_page not in get_args(PerPage):
        raise _unproducible(ValueError("per_page must be 1, 2 or 4"), "query.per_page")
    kinds = None
    if cards is not None:
        try:
            kinds = parse_kinds(cards)
        except ValueError as exc:
            raise _unproducible(exc, "query.cards") from None
    options = _card_options(state, job, format, paper=paper, per_page=per_page, cards=kinds)
    # The job was read on the request's session, which ends when this handler returns: the
    # download holds no connection between the pages it reads.
    return await _response(
        state,
        _exportable(job),
        format,
        archive,
        field_prefix="query",
        options=options,
        filters=selection.filters(),
    )


@router.post(
    "/{job_id}/export",
    response_class=StreamingResponse,
    responses={200: {"content": {"application/zip": {}}}, **problems(409)},
)
async def export_encrypted(
    job: VisibleJobDep, body: EncryptedExport, state: StateDep
) -> StreamingResponse:
    """An AES-256 encrypted ZIP; the password travels in the body, never in a URL."""
    if body.archive is not Archive.ZIP:
        raise ProblemError(
            422,
            "Encrypted exports are ZIP archives.",
            errors=[{"field": "body.archive", "message": "must be zip"}],
        )
    job = _exportable(job)
    return await _response(
        state, job, body.format, body.archive, body.password, field_prefix="body"
    )


@router.post(
    "/{job_id}/downloads",
    response_model=TicketOut,
    status_code=status.HTTP_201_CREATED,
    responses=problems(409),
)
async def create_download_ticket(
    job: VisibleJobDep,
    body: TicketRequest,
    principal: PrincipalDep,
    session: SessionDep,
    state: StateDep,
    request: Request,
) -> TicketOut:
    """A single-use ticket for one export of this job, valid for about a minute: `GET` its
    `url` without a key (a browser can simply navigate to it and let its download manager
    stream the file to disk). With `password` the export is an AES-256 encrypted ZIP;
    `filters` and `card_options` select and print as `GET /jobs/{id}/export`'s query does."""
    job = _exportable(job)
    filters = body.filters.filters() if body.filters is not None else {}
    chosen = body.card_options.chosen() if body.card_options is not None else {}
    if chosen and body.format is not ExportFormat.CARDS_PDF:
        message = f"card_options are options of format=cards-pdf, not of {body.format.value}"
        raise ProblemError(
            422, message, errors=[{"field": "body.card_options", "message": message}]
        )
    await _fits(state, job, body.format, "body", filters)  # before the ticket is stored
    try:
        ticket = await download_service.mint(
            session,
            principal,
            job,
            body.format,
            body.archive,
            body.password,
            filters=filters,
            card_options=chosen,
        )
    except JobNotFinishedError as exc:
        raise _not_finished(exc) from None
    except ValueError as exc:
        raise _unproducible(exc, "body.archive") from None
    return TicketOut(
        url=request.url_for("redeem_download_ticket", token=ticket.token).path,
        expires_at=ticket.expires_at,
        format=ticket.format,
        archive=ticket.archive,
        encrypted=ticket.encrypted,
    )


@tickets_router.get(
    "/{token}",
    response_class=StreamingResponse,
    responses={200: {"content": {"application/octet-stream": {}}}},
)
async def redeem_download_ticket(
    token: Annotated[str, PathParam(min_length=8, max_length=100)], state: StateDep
) -> StreamingResponse:
    """Streams the export a ticket was minted for; the ticket is used up by this request."""
    try:
        async with state.sessions() as session, session.begin():
            ticket = await download_service.redeem(session, token)
    except download_service.TicketNotFoundError:
        raise ProblemError(404, "Unknown, used or expired download ticket.") from None
    return await _response(
        state,
        ticket.job,
        ticket.format,
        ticket.archive,
        ticket.password,
        field_prefix="body",
        checked=True,
        options=_card_options(state, ticket.job, ticket.format, **ticket.card_options),
        filters=ticket.filters or None,
    )
