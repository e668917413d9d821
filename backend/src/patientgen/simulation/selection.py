"""A selection of patients by the patients list's filters: the filters declared once, and their
meaning for a record in memory (the CLI's `--where`). The database selects the same patients
in SQL on the typed columns (storage.repositories.patients.PatientFilter extends this class;
tests/api/test_exports_cards.py holds the two selections equal)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from patientgen.simulation.enums import ROLES, FinalStatus, InjuryType, Role, Triage
from patientgen.simulation.reference.nations import NATION_CODES

# the roles a patient can be selected for having reached (the point of injury: everyone)
REACHABLE = tuple(r.value for r in ROLES if r is not Role.POI)
# the filters that ask a record field of the same name for a value (the database: a typed
# column of that name each); `index` too, whose column is named otherwise
FIELD_FILTERS = ("nationality", "front", "triage", "final_status", "injury_type")
_EQUAL = (*FIELD_FILTERS, "index")


def _one_of(allowed: Iterable[str]) -> Callable[[str], str]:
    options = tuple(allowed)

    def parse(text: str) -> str:
        if text not in options:
            raise ValueError(f"expected one of {', '.join(options)}")
        return text

    return parse


def _index(text: str) -> int:
    if not text.isdigit():
        raise ValueError("expected a patient index (0 or more)")
    return int(text)


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError("expected a date, YYYY-MM-DD") from None


def _front(text: str) -> str:
    if not text:
        raise ValueError("expected a front's name")
    return text


_PARSERS: dict[str, Callable[[str], Any]] = {
    "nationality": _one_of(NATION_CODES),
    "front": _front,
    "triage": _one_of(t.value for t in Triage),
    "final_status": _one_of(s.value for s in FinalStatus),
    "injury_type": _one_of(t.value for t in InjuryType),
    "day": _day,
    "facility": _one_of(REACHABLE),
    "index": _index,
}


@dataclass(frozen=True, slots=True)
class Selection:
    nationality: str | None = None
    front: str | None = None
    triage: str | None = None
    final_status: str | None = None
    injury_type: str | None = None
    day: date | None = None  # injured on this UTC day
    facility: str | None = None  # reached this role
    index: int | None = None  # this one patient

    @classmethod
    def parse(cls, pairs: Iterable[str]) -> Selection:
        """From ``name=value`` texts; ValueError naming the filter on a bad one."""
        chosen: dict[str, Any] = {}
        for pair in pairs:
            name, sep, text = pair.partition("=")
            if not sep or name not in _PARSERS:
                names = ", ".join(_PARSERS)
                raise ValueError(f"{pair!r}: expected NAME=VALUE, NAME one of {names}")
            if name in chosen:
                raise ValueError(f"{pair!r}: {name} is given twice (every filter must match)")
            try:
                chosen[name] = _PARSERS[name](text)
            except ValueError as exc:
                raise ValueError(f"{name}={text!r}: {exc}") from None
        return cls(**chosen)

    @property
    def everyone(self) -> bool:
        return all(getattr(self, f.name) is None for f in fields(self))

    def matches(self, record: dict[str, Any]) -> bool:
        for name in _EQUAL:
            wanted = getattr(self, name)
            if wanted is not None and record.get(name) != wanted:
                return False
        if self.day is not None and record["injury_time"][:10] != self.day.isoformat():
            return False
        return self.facility is None or any(
            event.get("facility") == self.facility for event in record.get("timeline", ())
        )

    def may_hold(self, start: int, stop: int) -> bool:
        """Whether patients ``start .. stop - 1`` can hold a selected one (an index selects
        one block: the others need no records built)."""
        return self.index is None or start <= self.index < stop

    def of(self, records: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        """The records that match, in their order."""
        return iter(records) if self.everyone else (r for r in records if self.matches(r))


FILTER_NAMES = tuple(f.name for f in fields(Selection))
if tuple(_PARSERS) != FILTER_NAMES:
    raise RuntimeError("every filter of Selection needs its parser, in field order")
