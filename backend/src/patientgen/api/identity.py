"""`GET /me`: lets a client check its key, learn its role and see its usage against its quotas
(the SPA's sign-in uses it)."""

from __future__ import annotations

import uuid

from fastapi import APIRouter
from pydantic import BaseModel, Field

from patientgen.api.deps import PrincipalDep, SessionDep, StateDep
from patientgen.services import quotas

router = APIRouter(tags=["keys"])


class KeyUsage(BaseModel):
    active_jobs: int = Field(description="Jobs queued or running.")
    patients_last_24h: int = Field(description="Patients asked for in the last 24 hours.")
    max_active_jobs: int | None = Field(description="null: no limit (admin keys).")
    max_patients_per_day: int | None = Field(description="null: no limit (admin keys).")


class Me(BaseModel):
    key_id: uuid.UUID
    name: str
    is_admin: bool
    usage: KeyUsage


@router.get("/me", response_model=Me)
async def me(principal: PrincipalDep, session: SessionDep, state: StateDep) -> Me:
    used = await quotas.usage(session, principal)
    quota = None if principal.is_admin else quotas.quota_of(state.settings)
    return Me(
        key_id=principal.key_id,
        name=principal.name,
        is_admin=principal.is_admin,
        usage=KeyUsage(
            active_jobs=used.active_jobs,
            patients_last_24h=used.patients_last_24h,
            max_active_jobs=quota.max_active_jobs if quota else None,
            max_patients_per_day=quota.max_patients_per_day if quota else None,
        ),
    )
