"""API keys for tests, written straight through the service (as `patientgen keys create` does)."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker

from patientgen.services.keys import issue_key


async def new_key(engine: AsyncEngine, name: str, *, admin: bool = False) -> dict[str, str]:
    """Returns request headers carrying a fresh key."""
    async with async_sessionmaker(engine)() as session, session.begin():
        issued = await issue_key(session, name=name, is_admin=admin)
    return {"X-API-Key": issued.plaintext}
