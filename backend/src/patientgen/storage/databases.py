"""Creating and dropping whole PostgreSQL databases (tests and benchmarks use throwaway ones)."""

from __future__ import annotations

import asyncpg
from sqlalchemy.engine import make_url


def plain_dsn(url: str) -> str:
    """An SQLAlchemy URL (postgresql+asyncpg://…) as a DSN asyncpg accepts."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def sibling_url(url: str, database: str) -> str:
    """The same server and credentials, another database."""
    return make_url(url).set(database=database).render_as_string(hide_password=False)


async def create_database(admin_url: str, name: str) -> str:
    """(Re)create database `name` on the server of `admin_url`; returns its URL."""
    connection = await asyncpg.connect(plain_dsn(admin_url))
    try:
        await connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await connection.execute(f'CREATE DATABASE "{name}"')
    finally:
        await connection.close()
    return sibling_url(admin_url, name)


async def drop_database(admin_url: str, name: str) -> None:
    connection = await asyncpg.connect(plain_dsn(admin_url))
    try:
        await connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await connection.close()
