"""Reading a record's timeline back into stays, for the views that only have the record (a
stored document): the FHIR Encounters, and the readable reference of the database's flow
columns. A stay is consecutive events at one facility; a death in transit happens after
leaving the facility and is no part of its stay."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar, overload

ENDINGS = frozenset({"return_to_duty", "death", "evacuated"})
CLOSING = ENDINGS | {"departure"}  # the events that close a stay


@dataclass(slots=True)
class Stay:
    facility: str
    name: str | None  # the facility's name given by the stay's first event (its arrival)
    start: str  # time of its first event
    end: str  # latest time of its events
    last_event: str
    start_at: datetime
    end_at: datetime

    def extend(self, time: str) -> None:
        """Let the stay run until ``time`` if that is later."""
        at = datetime.fromisoformat(time)
        if at > self.end_at:
            self.end, self.end_at = time, at

    @property
    def closed(self) -> bool:
        """Whether its last event ends it: a departure or the record's final event."""
        return self.last_event in CLOSING


S = TypeVar("S", bound=Stay)


@overload
def stays(timeline: Iterable[Mapping[str, Any]]) -> list[Stay]: ...
@overload
def stays(timeline: Iterable[Mapping[str, Any]], make: type[S]) -> list[S]: ...


def stays(timeline: Iterable[Mapping[str, Any]], make: type[Stay] = Stay) -> list[Any]:
    """The stays in time order; ``make`` is Stay or a subclass that adds fields with defaults."""
    out: list[Stay] = []
    for event in timeline:
        facility = event.get("facility")
        if not facility or event.get("in_transit"):
            continue
        time = event["time"]
        current = out[-1] if out else None
        if current is not None and current.facility == facility:
            current.extend(time)
            current.last_event = event.get("event", "")
            continue
        at = datetime.fromisoformat(time)
        name = event.get("facility_name") or None
        out.append(make(facility, name, time, time, event.get("event", ""), at, at))
    return out
