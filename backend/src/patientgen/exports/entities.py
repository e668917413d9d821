"""The record as tables, one per entity, for the tabular exports (Parquet, Excel).

``patients`` is one row per record with the CSV's flat columns; ``conditions``, ``treatments``
and ``vitals`` are one row per list item (the item's declared keys); ``stays`` is one row per
facility stay (simulation.timeline.stays: consecutive timeline events at one facility). Every
child row starts with the keys ``patient_index``, ``patient_id`` and ``position`` (0-based, in
record order). Each column has a ``kind`` (int, float, bool, time, date, string) derived from
the record's declaration where the column is a declared value; the encoders map kinds to
their own types. Layout and types: docs/exports.md.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from patientgen.exports import csv
from patientgen.exports.contract import FLAT_AFTER_LISTS, FLAT_BEFORE_LISTS, LIST_ITEM_FIELDS
from patientgen.simulation.layout import fields
from patientgen.simulation.record_model import ISO_UTC, PatientRecord, TimelineEvent
from patientgen.simulation.timeline import stays

Record = dict[str, Any]
Row = tuple[Any, ...]

DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
KINDS = ("int", "float", "bool", "time", "date", "string")


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    kind: str  # one of KINDS


@dataclass(frozen=True, slots=True)
class Entity:
    name: str  # file name stem (parquet) and sheet name (xlsx)
    columns: tuple[Column, ...]
    rows: Callable[[Record], Iterator[Row]]  # the entity's rows of one record

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)


def _kind(model: type[BaseModel], name: str) -> str:
    """The column kind of a declared field: from its annotation and its pattern."""
    info = model.model_fields[name]
    annotation = info.annotation
    args: set[Any] = set()
    if isinstance(annotation, types.UnionType):
        args = set(typing.get_args(annotation))
    plain = (args - {type(None)}) or {annotation}
    if plain == {bool}:
        return "bool"
    if plain == {int}:
        return "int"
    if float in plain and plain <= {int, float}:
        return "float"
    patterns = {getattr(m, "pattern", None) for m in info.metadata}
    if ISO_UTC in patterns:
        return "time"
    if DATE_PATTERN in patterns:
        return "date"
    return "string"


def _path_kind(path: tuple[str, ...]) -> str:
    model: type[BaseModel] = PatientRecord
    for key in path[:-1]:
        nested = next(f.model for f in fields(model) if f.name == key)
        assert nested is not None
        model = nested
    return _kind(model, path[-1])


# the CSV's list summaries and final time: not declared values, so typed here
_SUMMARY_KINDS = {
    "condition_count": "int",
    "treatment_count": "int",
    "vitals_count": "int",
    "first_facility_time": "time",
    "first_treatment_time": "time",
    "final_time": "time",
}


def _patient_columns() -> tuple[Column, ...]:
    kinds = {path[-1]: _path_kind(path) for path in (*FLAT_BEFORE_LISTS, *FLAT_AFTER_LISTS)}
    columns = tuple(
        Column(name, kinds.get(name) or _SUMMARY_KINDS.get(name, "string")) for name in csv.COLUMNS
    )
    return columns


def _patient_rows(record: Record) -> Iterator[Row]:
    yield csv.values(record)


KEY_COLUMNS = (
    Column("patient_index", "int"),
    Column("patient_id", "string"),
    Column("position", "int"),
)


def _item_entity(list_name: str) -> Entity:
    model = next(f.model for f in fields(PatientRecord) if f.name == list_name)
    assert model is not None
    keys = LIST_ITEM_FIELDS[list_name][0]

    def rows(record: Record) -> Iterator[Row]:
        index, pid = record["index"], record["id"]
        for position, item in enumerate(record.get(list_name) or []):
            yield (index, pid, position, *(item.get(k) for k in keys))

    return Entity(list_name, (*KEY_COLUMNS, *(Column(k, _kind(model, k)) for k in keys)), rows)


STAY_COLUMNS = (
    *KEY_COLUMNS,
    Column("facility", _kind(TimelineEvent, "facility")),
    Column("facility_name", _kind(TimelineEvent, "facility_name")),
    Column("arrival", "time"),  # the stay's first event: the arrival (the injury at the POI)
    Column("end", "time"),  # the latest time of its events
    Column("end_event", "string"),  # the event that ends it (departure, death, …)
    Column("wait_minutes", _kind(TimelineEvent, "wait_minutes")),
)


def _stay_rows(record: Record) -> Iterator[Row]:
    timeline = record.get("timeline") or []
    # the first event of each stay, as simulation.timeline.stays cuts them
    firsts: list[dict[str, Any]] = []
    previous = None
    for event in timeline:
        facility = event.get("facility")
        if not facility or event.get("in_transit"):
            continue
        if facility != previous:
            firsts.append(event)
            previous = facility
    index, pid = record["index"], record["id"]
    for position, (stay, first) in enumerate(zip(stays(timeline), firsts, strict=True)):
        yield (
            index,
            pid,
            position,
            stay.facility,
            stay.name,
            stay.start,
            stay.end,
            stay.last_event,
            first.get("wait_minutes"),
        )


ENTITIES: tuple[Entity, ...] = (
    Entity("patients", _patient_columns(), _patient_rows),
    _item_entity("conditions"),
    _item_entity("treatments"),
    _item_entity("vitals"),
    Entity("stays", STAY_COLUMNS, _stay_rows),
)
