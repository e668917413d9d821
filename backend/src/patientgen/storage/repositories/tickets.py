"""Download tickets: stored by token hash, taken exactly once."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession

from patientgen.storage.tables import DownloadTicket


class TicketRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, ticket: DownloadTicket) -> None:
        self.session.add(ticket)
        await self.session.flush()

    async def take(self, token_hash: str) -> DownloadTicket | None:
        """Removes the ticket and returns it: of two concurrent redeemers only one gets it."""
        stmt = (
            delete(DownloadTicket)
            .where(DownloadTicket.token_hash == token_hash)
            .returning(DownloadTicket)
        )
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def purge_expired(self, now: datetime) -> None:
        await self.session.execute(delete(DownloadTicket).where(DownloadTicket.expires_at <= now))
