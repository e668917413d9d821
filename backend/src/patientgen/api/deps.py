"""Annotated dependency aliases used by every router."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, Request, Security
from fastapi.security import APIKeyHeader
from sqlalchemy.ext.asyncio import AsyncSession

from patientgen.api.problems import ProblemError
from patientgen.api.state import AppState
from patientgen.cache import CacheService
from patientgen.security import Principal
from patientgen.services import jobs as job_service
from patientgen.services.keys import resolve_principal
from patientgen.settings import Settings
from patientgen.storage.tables import JobRecord

api_key_header = APIKeyHeader(name="X-API-Key", auto_error=False)
UNAUTHORIZED_HEADERS = {"WWW-Authenticate": 'ApiKey header="X-API-Key"'}


def get_state(request: Request) -> AppState:
    return request.app.state.patientgen


StateDep = Annotated[AppState, Depends(get_state)]


def get_settings_dep(state: StateDep) -> Settings:
    return state.settings


def get_cache(state: StateDep) -> CacheService:
    return state.cache


async def get_session(state: StateDep) -> AsyncIterator[AsyncSession]:
    # The request owns the transaction: commit when the handler returns, roll back on error.
    async with state.sessions() as session:
        try:
            yield session
            await session.commit()
        except BaseException:
            await session.rollback()
            raise


SettingsDep = Annotated[Settings, Depends(get_settings_dep)]
CacheDep = Annotated[CacheService, Depends(get_cache)]
# scope="function": commit as soon as the handler returns, before the response goes out, so a
# client that gets 201 can read what it created with its very next request.
SessionDep = Annotated[AsyncSession, Depends(get_session, scope="function")]


async def get_principal(
    session: SessionDep, api_key: Annotated[str | None, Security(api_key_header)]
) -> Principal:
    # The request's own session: one pooled connection per request, not one for the key and
    # another for the route (it is released when the handler returns, before any streaming).
    if not api_key:
        raise ProblemError(401, "Missing X-API-Key header.", headers=UNAUTHORIZED_HEADERS)
    principal = await resolve_principal(session, api_key)
    if principal is None:
        raise ProblemError(401, "Unknown or revoked API key.", headers=UNAUTHORIZED_HEADERS)
    return principal


PrincipalDep = Annotated[Principal, Depends(get_principal)]


async def require_admin(principal: PrincipalDep) -> Principal:
    if not principal.is_admin:
        raise ProblemError(403, "This route needs an admin API key.")
    return principal


AdminDep = Annotated[Principal, Depends(require_admin)]


async def get_visible_job(job_id: uuid.UUID, principal: PrincipalDep, session: SessionDep):
    """The job named in the path, if the caller may see it (404 otherwise, as for an id that
    does not exist: a key never learns whether another key's job exists)."""
    try:
        return await job_service.get(session, principal, job_id)
    except job_service.JobNotFoundError:
        raise ProblemError(404, f"No job with id {job_id}.") from None


VisibleJobDep = Annotated[JobRecord, Depends(get_visible_job)]
