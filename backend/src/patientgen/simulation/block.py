"""PatientBlock: one fixed-size block of patients as columnar numpy arrays."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from patientgen.simulation.clinical import Clinical
from patientgen.simulation.demographics import Demographics
from patientgen.simulation.enums import FINAL_STATUSES, INJURY_TYPES, ROLES, TRIAGES
from patientgen.simulation.flow import Flow
from patientgen.simulation.injuries import Injuries
from patientgen.simulation.reference.nations import NATION_CODES

if TYPE_CHECKING:
    from patientgen.simulation.flow_columns import FlowArrays
    from patientgen.simulation.journey import Journey

# Labels decoding the integer columns (the column value is the position).
LABELS: dict[str, tuple[str, ...]] = {
    "nationality": NATION_CODES,
    "injury_type": tuple(t.value for t in INJURY_TYPES),
    "triage": tuple(t.value for t in TRIAGES),
    "final_status": tuple(s.value for s in FINAL_STATUSES),
    "final_facility": tuple(r.value for r in ROLES),
}


@dataclass(slots=True, eq=False)
class PatientBlock:
    """Patients ``start_index .. start_index + size - 1`` of a job.

    Typed columns (int codes, decode with ``labels(name)`` or ``decoded(name)``):
    ``index``, ``nationality``, ``front``, ``injury_type``, ``triage``, ``final_status``,
    ``final_facility``, ``injury_time`` (int64 epoch seconds, UTC), ``injury_time64``
    (datetime64[s]); plus ``overloaded`` (queued at a facility over capacity) and the
    intermediate arrays used by ``records()`` / ``documents()``.
    """

    start_index: int
    size: int
    seed: int
    index: np.ndarray
    injuries: Injuries
    demographics: Demographics
    flow: Flow
    clinical: Clinical
    normal_vitals: np.ndarray  # (n, 7) each patient's own normal values (measurements.py)
    care_draws: np.ndarray  # (n, draws.N_CARE) the clinical model's uniform draws
    front_names: tuple[str, ...]
    facility_names: tuple[str, ...]
    event_kinds: tuple[str, ...]
    _journey: Journey | None = field(default=None, repr=False)
    # text columns every syntax of the record writes alike (line.Line.shared)
    shared: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def journey(self) -> Journey:
        """Each patient's path as the record tells it (journey.py), derived once."""
        if self._journey is None:
            from patientgen.simulation.journey import journey

            self._journey = journey(self)
        return self._journey

    @property
    def nationality(self) -> np.ndarray:
        return self.injuries.nation

    @property
    def front(self) -> np.ndarray:
        return self.injuries.front

    @property
    def injury_type(self) -> np.ndarray:
        return self.injuries.injury_type

    @property
    def triage(self) -> np.ndarray:
        return self.injuries.triage

    @property
    def final_status(self) -> np.ndarray:
        return self.flow.status

    @property
    def final_facility(self) -> np.ndarray:
        return self.flow.final_role

    @property
    def injury_time(self) -> np.ndarray:
        return self.injuries.t0

    @property
    def injury_time64(self) -> np.ndarray:
        return self.injuries.t0.astype("datetime64[s]")

    @property
    def event(self) -> np.ndarray:
        """Index of the special event a patient belongs to, -1 for none."""
        return self.injuries.event

    @property
    def overloaded(self) -> np.ndarray:
        return np.asarray((self.flow.wait > 0).any(axis=1))

    def labels(self, name: str) -> tuple[str, ...]:
        return self.front_names if name == "front" else LABELS[name]

    def decoded(self, name: str) -> np.ndarray:
        """A column as strings, e.g. ``decoded("nationality")`` -> array of 'DEU', ..."""
        return np.asarray(np.asarray(self.labels(name), dtype=object)[getattr(self, name)])

    def records(self) -> list[dict[str, Any]]:
        """The patients as record dicts (readable reference: simulation/records.py)."""
        from patientgen.simulation.records import build_records

        return build_records(self)

    def documents(self) -> list[str]:
        """Each patient's NDJSON line (a JSON object, no newline): byte for byte
        ``orjson.dumps(record)`` of ``records()``, built without dicts (fast path)."""
        from patientgen.simulation.documents import documents

        return documents(self)

    def document_lines(self) -> list[bytes]:
        """``documents()`` as UTF-8 bytes (what a database row or a file stores)."""
        from patientgen.simulation.documents import lines

        return lines(self)

    def ndjson(self) -> bytes:
        """The whole block as NDJSON bytes, one line per patient, each ending in a newline."""
        from patientgen.simulation.documents import ndjson

        return ndjson(self)

    def flow_rows(self) -> list[tuple[Any, ...]]:
        """Per patient ``(path, first_treatment_s, first_mtf_s, r1_in, r1_out, …, r4_in,
        r4_out)``, equal to ``storage.rows.flow_columns(record, injury_time)``."""
        from patientgen.simulation.flow_columns import flow_rows

        return flow_rows(self)

    def flow_arrays(self) -> FlowArrays:
        """``flow_rows()`` as arrays (path codes into ``FLOW_PATHS``, values, presence)."""
        from patientgen.simulation.flow_columns import flow_arrays

        return flow_arrays(self)
