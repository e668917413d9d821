"""Who is calling: resolves X-API-Key to a principal, with a short cache before the database."""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from patientgen.cache import CacheService
from patientgen.security import Principal, hash_key
from patientgen.storage.repositories.api_keys import ApiKeyRepository

PRINCIPAL_TTL_S = 60


def principal_cache_key(key_hash: str) -> str:
    return f"apikey:{key_hash}"


async def resolve_principal(
    plaintext: str, session: AsyncSession, cache: CacheService
) -> Principal | None:
    cache_key = principal_cache_key(hash_key(plaintext))
    cached = await cache.get(cache_key)
    if cached is not None:
        return Principal(uuid.UUID(cached["id"]), cached["name"], cached["is_admin"])
    key = await ApiKeyRepository(session).find_by_plaintext(plaintext)
    if key is None or not key.is_active:
        return None
    principal = Principal(key.id, key.name, key.is_admin)
    await cache.set(
        cache_key,
        {"id": str(key.id), "name": key.name, "is_admin": key.is_admin},
        ttl_s=PRINCIPAL_TTL_S,
    )
    return principal
