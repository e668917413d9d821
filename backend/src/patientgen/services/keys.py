"""Creating, listing and revoking API keys."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from patientgen.security import Principal, new_key
from patientgen.storage.repositories.api_keys import ApiKeyRepository
from patientgen.storage.tables import ApiKey


@dataclass(frozen=True)
class IssuedKey:
    record: ApiKey
    plaintext: str  # shown once, never stored


async def issue_key(session: AsyncSession, *, name: str, is_admin: bool) -> IssuedKey:
    plaintext = new_key()
    record = await ApiKeyRepository(session).add(name=name, plaintext=plaintext, is_admin=is_admin)
    return IssuedKey(record, plaintext)


async def ensure_key(session: AsyncSession, *, name: str, plaintext: str, is_admin: bool) -> bool:
    """Register a key provisioned from outside (production admin key); True if it was new."""
    repo = ApiKeyRepository(session)
    if await repo.find_by_plaintext(plaintext) is not None:
        return False
    await repo.add(name=name, plaintext=plaintext, is_admin=is_admin)
    return True


async def resolve_principal(session: AsyncSession, plaintext: str) -> Principal | None:
    """Who a key stands for, or None if it is unknown or revoked. Read from the database on
    every request (an indexed lookup): a revocation bites on the very next request, whichever
    process or command revoked it."""
    key = await ApiKeyRepository(session).find_by_plaintext(plaintext)
    if key is None or not key.is_active:
        return None
    return Principal(key.id, key.name, key.is_admin)


async def list_keys(session: AsyncSession) -> list[ApiKey]:
    return await ApiKeyRepository(session).list()


async def revoke_key(session: AsyncSession, key_id: uuid.UUID) -> ApiKey | None:
    repo = ApiKeyRepository(session)
    key = await repo.get(key_id)
    if key is not None:
        await repo.revoke(key)
    return key


async def has_active_admin(session: AsyncSession) -> bool:
    return await ApiKeyRepository(session).has_active_admin()
