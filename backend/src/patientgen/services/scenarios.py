"""Saved scenarios: create, read, replace, delete, always scoped to the caller's key."""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from patientgen.security import Principal
from patientgen.simulation import Scenario
from patientgen.storage.repositories.scenarios import ScenarioRepository
from patientgen.storage.tables import ScenarioRecord


class ScenarioNotFoundError(LookupError):
    pass


def _definition(scenario: Scenario) -> dict:
    return scenario.model_dump(mode="json")


async def create(session: AsyncSession, principal: Principal, scenario: Scenario) -> ScenarioRecord:
    return await ScenarioRepository(session).add(
        owner_key_id=principal.key_id, name=scenario.name, definition=_definition(scenario)
    )


async def get(
    session: AsyncSession, principal: Principal, scenario_id: uuid.UUID
) -> ScenarioRecord:
    record = await ScenarioRepository(session).get_visible(
        scenario_id, principal.key_id, principal.is_admin
    )
    if record is None:
        raise ScenarioNotFoundError(scenario_id)
    return record


async def list_page(
    session: AsyncSession,
    principal: Principal,
    *,
    limit: int,
    offset: int,
    name_contains: str | None = None,
) -> tuple[list[ScenarioRecord], int]:
    return await ScenarioRepository(session).list_visible(
        principal.key_id,
        principal.is_admin,
        limit=limit,
        offset=offset,
        name_contains=name_contains,
    )


async def replace(
    session: AsyncSession, principal: Principal, scenario_id: uuid.UUID, scenario: Scenario
) -> ScenarioRecord:
    record = await get(session, principal, scenario_id)
    await ScenarioRepository(session).update(
        record, name=scenario.name, definition=_definition(scenario)
    )
    return record


async def delete(session: AsyncSession, principal: Principal, scenario_id: uuid.UUID) -> None:
    record = await get(session, principal, scenario_id)
    await ScenarioRepository(session).delete(record)
