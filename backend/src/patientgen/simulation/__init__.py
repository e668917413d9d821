"""Simulation engine: scenario model, reference data and seeded block generation.

Pure Python + numpy, no I/O beyond reading its own package data once.
"""

from patientgen.simulation.block import PatientBlock
from patientgen.simulation.generator import (
    BLOCK_SIZE,
    block_count,
    generate_block,
    generate_blocks,
    iter_blocks,
)
from patientgen.simulation.presets import default_scenario, get_preset, list_presets
from patientgen.simulation.reference import (
    list_conditions,
    list_environment,
    list_facilities,
    list_nations,
    list_procedures,
    list_vitals,
    list_warfare_types,
)
from patientgen.simulation.scenario import Scenario

__all__ = [
    "BLOCK_SIZE",
    "PatientBlock",
    "Scenario",
    "block_count",
    "default_scenario",
    "generate_block",
    "generate_blocks",
    "get_preset",
    "iter_blocks",
    "list_conditions",
    "list_environment",
    "list_facilities",
    "list_nations",
    "list_presets",
    "list_procedures",
    "list_vitals",
    "list_warfare_types",
]
