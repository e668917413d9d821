"""Telling "the database cannot be reached" apart from every other database error, so that the
API can answer 503 (come back later) rather than 500 (our fault) while PostgreSQL is away."""

from __future__ import annotations

from collections.abc import Iterator

import asyncpg
from sqlalchemy import exc as sa

# asyncpg's own words for a connection that is gone or cannot be made now
_ASYNCPG_GONE = (
    asyncpg.exceptions.ConnectionDoesNotExistError,
    asyncpg.exceptions.CannotConnectNowError,
    asyncpg.exceptions.ConnectionFailureError,
    asyncpg.exceptions.InterfaceError,
)


def _chain(error: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


def _raised_by_the_driver(error: BaseException) -> bool:
    """Whether the error came up through SQLAlchemy or asyncpg (connecting re-raises the
    socket's own OSError, unwrapped)."""
    tb = error.__traceback__
    while tb is not None:
        module = tb.tb_frame.f_globals.get("__name__", "")
        if module.startswith(("sqlalchemy.", "asyncpg.")):
            return True
        tb = tb.tb_next
    return False


def database_unavailable(error: BaseException) -> bool:
    """True when ``error`` (or what caused it) says the database is unreachable: a refused or
    dropped connection, or no pooled connection within the pool's timeout."""
    chain = list(_chain(error))
    database_error = (sa.DBAPIError, sa.TimeoutError, *_ASYNCPG_GONE)
    if not any(isinstance(e, database_error) or _raised_by_the_driver(e) for e in chain):
        return False  # not a database error at all
    for e in chain:
        if isinstance(e, sa.TimeoutError):  # the pool had no connection to give in time
            return True
        if isinstance(e, sa.DBAPIError) and e.connection_invalidated:
            return True
        if isinstance(e, (ConnectionError, TimeoutError, *_ASYNCPG_GONE)):
            return True
        if isinstance(e, OSError) and e.errno is not None:  # unreachable host, refused, reset
            return True
    return False
