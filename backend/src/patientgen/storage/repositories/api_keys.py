"""API key persistence. Only SHA-256 hashes of keys are stored."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from patientgen.security import hash_key, key_prefix
from patientgen.storage.tables import ApiKey, utcnow


class ApiKeyRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, *, name: str, plaintext: str, is_admin: bool) -> ApiKey:
        key = ApiKey(
            name=name, prefix=key_prefix(plaintext), key_hash=hash_key(plaintext), is_admin=is_admin
        )
        self.session.add(key)
        await self.session.flush()
        return key

    async def find_by_plaintext(self, plaintext: str) -> ApiKey | None:
        stmt = select(ApiKey).where(ApiKey.key_hash == hash_key(plaintext))
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def get(self, key_id: uuid.UUID) -> ApiKey | None:
        return await self.session.get(ApiKey, key_id)

    async def list(self) -> list[ApiKey]:
        stmt = select(ApiKey).order_by(ApiKey.created_at, ApiKey.id)
        return list((await self.session.execute(stmt)).scalars())

    async def has_active_admin(self) -> bool:
        stmt = select(ApiKey.id).where(ApiKey.is_admin.is_(True), ApiKey.revoked_at.is_(None))
        return (await self.session.execute(stmt.limit(1))).first() is not None

    async def revoke(self, key: ApiKey) -> None:
        if key.revoked_at is None:
            key.revoked_at = utcnow()
            await self.session.flush()
