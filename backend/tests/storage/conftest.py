"""Fixtures of the storage tests: a migrated embedded SQLite database of the test's own."""

from __future__ import annotations

import pytest

from patientgen.settings import Settings
from patientgen.storage import migrate
from patientgen.storage.engine import create_engine


@pytest.fixture
async def sqlite_engine(tmp_path):
    engine = create_engine(Settings(data_dir=tmp_path, _env_file=None))
    await migrate.upgrade(engine)
    yield engine
    await engine.dispose()
