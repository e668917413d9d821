"""Migrations up and down on PostgreSQL and on the embedded SQLite."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect

from patientgen.settings import Settings
from patientgen.storage import migrate
from patientgen.storage.engine import create_engine
from patientgen.storage.tables import Base
from tests.support.databases import create_database, drop_database


async def _tables(engine) -> set[str]:
    async with engine.connect() as connection:
        return set(await connection.run_sync(lambda sync: inspect(sync).get_table_names()))


async def _round_trip(engine) -> None:
    await migrate.upgrade(engine)
    tables = await _tables(engine)
    assert set(Base.metadata.tables) <= tables
    assert await migrate.current_revision(engine) is not None

    await migrate.downgrade(engine, "base")
    assert await _tables(engine) <= {"alembic_version"}
    assert await migrate.current_revision(engine) is None

    await migrate.upgrade(engine)  # and back up again: downgrades leave nothing behind
    assert set(Base.metadata.tables) <= await _tables(engine)


async def test_sqlite_up_and_down(tmp_path):
    engine = create_engine(Settings(data_dir=tmp_path, _env_file=None))
    try:
        await _round_trip(engine)
    finally:
        await engine.dispose()


async def test_postgres_up_and_down(postgres_admin_url, worker_id_tag):
    name = f"patientgen_test_{worker_id_tag}_migrations"
    url = await create_database(postgres_admin_url, name)
    engine = create_engine(Settings(database_url=url, _env_file=None))
    try:
        await _round_trip(engine)
    finally:
        await engine.dispose()
        await drop_database(postgres_admin_url, name)


@pytest.mark.parametrize("dialect", ["sqlite", "postgresql"])
async def test_models_match_migrations(dialect, tmp_path, pg_engine):
    """Autogenerate finds nothing to do: the tables and the migrations agree."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    if dialect == "sqlite":
        engine = create_engine(Settings(data_dir=tmp_path, _env_file=None))
        await migrate.upgrade(engine)
    else:
        engine = pg_engine
    async with engine.connect() as connection:
        diff = await connection.run_sync(
            lambda sync: compare_metadata(
                MigrationContext.configure(sync, opts={"compare_type": True}), Base.metadata
            )
        )
    if dialect == "sqlite":
        await engine.dispose()
    assert diff == []
