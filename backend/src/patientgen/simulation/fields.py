"""Where the record's plain fields come from: a block column of integer codes and the labels
they index. One binding serves both record paths — the readable records take
``labels[code]``, the fast path gathers the labels' JSON text by the same codes — so a new
field of this kind is its declaration (record_model.py), its draw, and one line here.

Fields that need more than a lookup (the id, dates, times, the service number, the lists) are
written by records.py and documents*.py; both check at import that every declared field is
written by them or bound here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

import numpy as np

from patientgen.simulation.enums import FINAL_STATUSES, INJURY_TYPES, ROLES, TRIAGES
from patientgen.simulation.grid import Table
from patientgen.simulation.reference.names import name_pools
from patientgen.simulation.reference.nations import BLOOD_TYPES, NATION_CODES
from patientgen.simulation.reference.ranks import RANK_CODES, rank_titles
from patientgen.simulation.text import encoded, json_text, objects, unquoted_text

if TYPE_CHECKING:
    from patientgen.simulation.block import PatientBlock

_BRANCHES = (
    "Mechanised Infantry", "Armoured", "Light Infantry", "Artillery", "Engineer",
    "Reconnaissance", "Logistics", "Signals",
)  # fmt: skip


def _ordinal(k: int) -> str:
    suffix = "th" if 10 <= k % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(k % 10, "th")
    return f"{k}{suffix}"


UNIT_NAMES = tuple(f"{_ordinal(n)} {b} Battalion" for n in range(1, 13) for b in _BRANCHES)
ROLE_LABELS = tuple(r.value for r in ROLES)


class Labels:
    """The values a code column indexes: as Python values and as their JSON text (``text``
    with ``quoted=False``: a string's without its quotes)."""

    __slots__ = ("_tables", "values")

    def __init__(self, values: Sequence[Any]) -> None:
        self.values = objects(values)
        self._tables: dict[bool, Table] = {}

    @property
    def json(self) -> Table:
        return self.text(quoted=True)

    def text(self, *, quoted: bool) -> Table:
        table = self._tables.get(quoted)
        if table is None:
            spell = json_text if quoted else unquoted_text
            table = self._tables[quoted] = Table(encoded(map(spell, self.values.tolist())))
        return table


@dataclass(frozen=True, slots=True)
class Binding:
    codes: str  # a name in CODES; fields bound to the same codes are looked up together
    labels: Callable[[PatientBlock], Labels]

    def values(self, b: PatientBlock, codes: np.ndarray) -> list[Any]:
        values: list[Any] = self.labels(b).values[codes].tolist()
        return values


def _static(values: Callable[[], Sequence[Any]]) -> Callable[[PatientBlock], Labels]:
    made = cache(lambda: Labels(values()))
    return lambda _b: made()


@lru_cache(maxsize=64)
def _front_labels(names: tuple[str, ...]) -> Labels:
    return Labels(names)


def _family_sex() -> list[str]:
    """The sex of each family name (the pools are per nation and sex, in that order)."""
    pools = name_pools()
    sex = np.empty(len(pools.family), dtype=object)
    for key, (start, size) in enumerate(
        zip(pools.family_offset.tolist(), pools.family_size.tolist(), strict=True)
    ):
        sex[start : start + size] = "female" if key % 2 else "male"
    return sex.tolist()


_RANKS = len(RANK_CODES)

# code columns of a block, by name
CODES: dict[str, Callable[[PatientBlock], np.ndarray]] = {
    "nation": lambda b: b.injuries.nation,
    "front": lambda b: b.injuries.front,
    "injury_type": lambda b: b.injuries.injury_type,
    "triage": lambda b: b.injuries.triage,
    "given": lambda b: b.demographics.given,
    "family": lambda b: b.demographics.family,
    "blood": lambda b: b.demographics.blood,
    "nation_rank": lambda b: b.injuries.nation * _RANKS + b.demographics.rank,
    "unit": lambda b: b.demographics.unit,
    "status": lambda b: b.flow.status,
    "final_role": lambda b: b.flow.final_role,
}

FIELDS: dict[str, Binding] = {
    "nationality": Binding("nation", _static(lambda: NATION_CODES)),
    "front": Binding("front", lambda b: _front_labels(b.front_names)),
    "injury_type": Binding("injury_type", _static(lambda: [t.value for t in INJURY_TYPES])),
    "triage": Binding("triage", _static(lambda: [t.value for t in TRIAGES])),
    "demographics.given_name": Binding("given", _static(lambda: name_pools().given)),
    "demographics.family_name": Binding("family", _static(lambda: name_pools().family)),
    "demographics.sex": Binding("family", _static(_family_sex)),
    "demographics.blood_type": Binding("blood", _static(lambda: BLOOD_TYPES)),
    "demographics.rank": Binding("nation_rank", _static(lambda: RANK_CODES * len(NATION_CODES))),
    "demographics.rank_title": Binding(
        "nation_rank", _static(lambda: [t for code in NATION_CODES for t in rank_titles(code)])
    ),
    "demographics.unit": Binding("unit", _static(lambda: UNIT_NAMES)),
    "final_status": Binding("status", _static(lambda: [s.value for s in FINAL_STATUSES])),
    "final_facility": Binding("final_role", _static(lambda: ROLE_LABELS)),
}


def check_written(written: set[str], writer: str) -> None:
    """Every declared leaf of the record is bound here or written by ``writer``, once."""
    from patientgen.simulation.layout import leaves

    declared = set(leaves())
    both = written & set(FIELDS)
    missing = declared - written - set(FIELDS)
    extra = (written | set(FIELDS)) - declared
    if both or missing or extra:
        raise RuntimeError(
            f"{writer}: fields written twice {sorted(both)}, not written {sorted(missing)}, "
            f"not declared {sorted(extra)}"
        )
