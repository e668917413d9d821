"""Download tickets: an authenticated request mints a short-lived, single-use ticket for one
export of one job; a plain GET redeems it, so a browser can hand the download to its own
download manager without the API key ever appearing in a URL."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import Enum
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from patientgen.exports.formats import Archive, ExportFormat, plan_export
from patientgen.security import Principal, hash_key, new_ticket_token, seal, unseal
from patientgen.services.exports import ensure_exportable
from patientgen.storage.repositories.api_keys import ApiKeyRepository
from patientgen.storage.repositories.jobs import JobRepository
from patientgen.storage.repositories.tickets import TicketRepository
from patientgen.storage.tables import DownloadTicket, JobRecord, as_utc, utcnow

TICKET_TTL_S = 60


class TicketNotFoundError(LookupError):
    """Unknown, already used, expired, or its key or job is gone."""


@dataclass(frozen=True)
class MintedTicket:
    token: str
    expires_at: datetime
    format: ExportFormat
    archive: Archive
    encrypted: bool


@dataclass(frozen=True)
class RedeemedTicket:
    job: JobRecord
    format: ExportFormat
    archive: Archive
    password: str | None
    # the patients list's filters (PatientFilter's fields) and the cards' chosen print options
    filters: dict[str, Any] = field(default_factory=dict)
    card_options: dict[str, Any] = field(default_factory=dict)


def _json_value(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_json_value(v) for v in value]
    return value


def _stored_options(
    filters: Mapping[str, Any] | None, card_options: Mapping[str, Any] | None
) -> dict[str, Any] | None:
    """The ticket's JSON column: only what was chosen, a day as YYYY-MM-DD."""
    stored: dict[str, Any] = {}
    if filters:
        stored["filters"] = {name: _json_value(value) for name, value in filters.items()}
    if card_options:
        stored["card_options"] = {name: _json_value(v) for name, v in card_options.items()}
    return stored or None


async def mint(
    session: AsyncSession,
    principal: Principal,
    job: JobRecord,
    fmt: ExportFormat,
    archive: Archive,
    password: str | None,
    *,
    filters: Mapping[str, Any] | None = None,
    card_options: Mapping[str, Any] | None = None,
) -> MintedTicket:
    """A ticket of `principal` for a job it may see. Raises JobNotFinishedError, or ValueError
    for a combination of format, archive and password that cannot be produced: every check an
    export makes, made now. `filters` select the patients (the patients list's, values as
    validated: enums, a `date`); `card_options` are the chosen cards-pdf print options."""
    ensure_exportable(job)
    plan_export(fmt, archive, password=password)
    token = new_ticket_token()
    now = utcnow()
    ticket = DownloadTicket(
        token_hash=hash_key(token),
        job_id=job.id,
        owner_key_id=principal.key_id,
        format=fmt.value,
        archive=archive.value,
        sealed_password=None if password is None else seal(password, token),
        options=_stored_options(filters, card_options),
        created_at=now,
        expires_at=now + timedelta(seconds=TICKET_TTL_S),
    )
    repo = TicketRepository(session)
    await repo.purge_expired(now)
    await repo.add(ticket)
    return MintedTicket(token, ticket.expires_at, fmt, archive, password is not None)


async def redeem(session: AsyncSession, token: str) -> RedeemedTicket:
    """Uses the ticket up (whatever happens next, it never works twice)."""
    ticket = await TicketRepository(session).take(hash_key(token))
    if ticket is None or as_utc(ticket.expires_at) <= utcnow():
        raise TicketNotFoundError
    key = await ApiKeyRepository(session).get(ticket.owner_key_id)
    job = await JobRepository(session).get(ticket.job_id)
    if key is None or not key.is_active or job is None:
        raise TicketNotFoundError
    password = None
    if ticket.sealed_password is not None:
        password = unseal(ticket.sealed_password, token)
    options = ticket.options or {}
    filters = dict(options.get("filters", {}))
    if "day" in filters:
        filters["day"] = date.fromisoformat(filters["day"])
    return RedeemedTicket(
        job,
        ExportFormat(ticket.format),
        Archive(ticket.archive),
        password,
        filters=filters,
        card_options=dict(options.get("card_options", {})),
    )
