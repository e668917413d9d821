"""Saved scenarios, always read through the caller's ownership (admins see all)."""

from __future__ import annotations

import uuid

from sqlalchemy import Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from patientgen.storage.tables import ScenarioRecord


def _visible(stmt: Select, owner_key_id: uuid.UUID, is_admin: bool) -> Select:
    return stmt if is_admin else stmt.where(ScenarioRecord.owner_key_id == owner_key_id)


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


class ScenarioRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, *, owner_key_id: uuid.UUID, name: str, definition: dict) -> ScenarioRecord:
        record = ScenarioRecord(owner_key_id=owner_key_id, name=name, definition=definition)
        self.session.add(record)
        await self.session.flush()
        return record

    async def get_visible(
        self, scenario_id: uuid.UUID, owner_key_id: uuid.UUID, is_admin: bool
    ) -> ScenarioRecord | None:
        stmt = _visible(select(ScenarioRecord), owner_key_id, is_admin)
        stmt = stmt.where(ScenarioRecord.id == scenario_id)
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def list_visible(
        self,
        owner_key_id: uuid.UUID,
        is_admin: bool,
        *,
        limit: int,
        offset: int,
        name_contains: str | None = None,
    ) -> tuple[list[ScenarioRecord], int]:
        base = _visible(select(ScenarioRecord), owner_key_id, is_admin)
        if name_contains:
            # Escaped: the text is looked for as typed, `%` and `_` included.
            pattern = "%" + _escape_like(name_contains.lower()) + "%"
            base = base.where(func.lower(ScenarioRecord.name).like(pattern, escape="\\"))
        total = await self.session.scalar(select(func.count()).select_from(base.subquery()))
        page = base.order_by(ScenarioRecord.created_at.desc(), ScenarioRecord.id)
        rows = (await self.session.execute(page.limit(limit).offset(offset))).scalars()
        return list(rows), int(total or 0)

    async def update(self, record: ScenarioRecord, *, name: str, definition: dict) -> None:
        record.name = name
        record.definition = definition
        await self.session.flush()

    async def delete(self, record: ScenarioRecord) -> None:
        await self.session.delete(record)
        await self.session.flush()
