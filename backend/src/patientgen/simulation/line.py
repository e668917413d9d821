"""What the writers of one block's lines share (documents.py, documents_lists.py,
documents_timeline.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import numpy as np

from patientgen.simulation.fields import CODES
from patientgen.simulation.grid import Grid
from patientgen.simulation.layout import JSON, Syntax
from patientgen.simulation.text import time_codes

if TYPE_CHECKING:
    from patientgen.simulation.block import PatientBlock
    from patientgen.simulation.journey import Journey


class Line:
    def __init__(self, block: PatientBlock, syntax: Syntax = JSON) -> None:
        self.block = block
        self.syntax = syntax
        self.journey: Journey = block.journey
        self._codes: dict[str, np.ndarray] = {}

    def codes(self, name: str) -> np.ndarray:
        """A code column of fields.CODES, made once per block (fields bound to the same codes
        get the same array, which is what lets the grid fuse their lookups)."""
        codes = self._codes.get(name)
        if codes is None:
            codes = self._codes[name] = CODES[name](self.block)
        return codes

    def shared(self, name: str, make: Callable[[], Any]) -> Any:
        """A column the block's lines in every syntax write alike, made once per block."""
        value = self.block.shared.get(name)
        if value is None:
            value = self.block.shared[name] = make()
        return value

    @property
    def injury_codes(self) -> np.ndarray:
        """The injury time of each patient, as text rows (text.time_codes)."""
        codes: np.ndarray = self.shared("injury_codes", lambda: time_codes(self.block.injuries.t0))
        return codes

    @property
    def first_aid_codes(self) -> np.ndarray:
        """The first-aid time of the patients who get first aid, as text rows."""
        j = self.journey
        codes: np.ndarray = self.shared(
            "first_aid_codes", lambda: time_codes(j.first_aid_time[j.first_aid])
        )
        return codes


# Writes the values of one or more consecutive record fields into a block's grid; the tuple is
# the declared glue before each of those fields.
Writer = Callable[[Line, Grid, tuple[str, ...]], None]
