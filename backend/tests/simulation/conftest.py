"""Session fixtures for the simulation tests."""

from __future__ import annotations

import pytest
from simsupport import Sample, make_sample

from patientgen.simulation import Scenario, default_scenario


@pytest.fixture(scope="session")
def default() -> Scenario:
    return default_scenario()


@pytest.fixture(scope="session")
def default_sample(default: Scenario) -> Sample:
    return make_sample(default, 24_000)
