"""`GET /me`: lets a client check its key and learn its role (the SPA's sign-in uses it)."""

from __future__ import annotations

import uuid

from fastapi import APIRouter
from pydantic import BaseModel

from patientgen.api.deps import PrincipalDep

router = APIRouter(tags=["keys"])


class Me(BaseModel):
    key_id: uuid.UUID
    name: str
    is_admin: bool


@router.get("/me", response_model=Me)
async def me(principal: PrincipalDep) -> Me:
    return Me(key_id=principal.key_id, name=principal.name, is_admin=principal.is_admin)
