"""Admin-only API key management."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Response, status
from pydantic import BaseModel, ConfigDict, Field, StrictBool

from patientgen.api.deps import AdminDep, SessionDep
from patientgen.api.openapi import problems
from patientgen.api.problems import ProblemError
from patientgen.api.types import UtcDatetime
from patientgen.services import keys as key_service

router = APIRouter(prefix="/keys", tags=["keys"], responses=problems(403))


class KeyCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1, max_length=100)
    is_admin: StrictBool = False


class KeyOut(BaseModel):
    id: uuid.UUID
    name: str
    prefix: str
    is_admin: bool
    created_at: UtcDatetime
    revoked_at: UtcDatetime | None


class KeyCreated(KeyOut):
    key: str = Field(description="The API key. Shown only in this response; store it now.")


@router.get("", response_model=list[KeyOut])
async def list_keys(_: AdminDep, session: SessionDep) -> list[KeyOut]:
    return [
        KeyOut.model_validate(k, from_attributes=True) for k in await key_service.list_keys(session)
    ]


@router.post("", response_model=KeyCreated, status_code=status.HTTP_201_CREATED)
async def create_key(body: KeyCreate, _: AdminDep, session: SessionDep) -> KeyCreated:
    issued = await key_service.issue_key(session, name=body.name, is_admin=body.is_admin)
    out = KeyOut.model_validate(issued.record, from_attributes=True)
    return KeyCreated(**out.model_dump(), key=issued.plaintext)


@router.delete("/{key_id}", status_code=status.HTTP_204_NO_CONTENT)
async def revoke_key(key_id: uuid.UUID, _: AdminDep, session: SessionDep) -> Response:
    """The key stops working on its next request."""
    key = await key_service.revoke_key(session, key_id)
    if key is None:
        raise ProblemError(404, f"No API key with id {key_id}.")
    return Response(status_code=status.HTTP_204_NO_CONTENT)
