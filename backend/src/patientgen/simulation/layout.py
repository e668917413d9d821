"""The text structure of a record, derived from its one declaration (record_model).

Every key, brace, bracket and comma of a record line comes from here: ``split(model, values)``
writes one object of a declared model, fields in declared order, and cuts the text at its
holes — the values only known per patient. The fast document path puts its per-patient pieces
into those holes; the glue between them is never written by hand.

Rules (the same ``orjson.dumps`` follows for the readable records' dicts): a required field is
always written (``null`` when None); an optional field (declared with a default) only when it
has a value.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from pydantic import BaseModel

from patientgen.simulation.record_model import PatientRecord
from patientgen.simulation.text import json_text


class _Hole:
    def __repr__(self) -> str:
        return "HOLE"


HOLE: Any = _Hole()  # a value only known per patient
# JSON's own punctuation, for the lists whose items are written one by one
LIST_OPEN, LIST_CLOSE, SEPARATOR = "[", "]", ","


@dataclass(frozen=True, slots=True)
class Field:
    """One declared field: ``kind`` is "scalar", "object" (a nested model) or "list"."""

    name: str
    kind: str
    model: type[BaseModel] | None  # the nested model, or the list's item model
    required: bool


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    args = typing.get_args(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for a in args for m in _models_in(a)]


@cache
def fields(model: type[BaseModel]) -> tuple[Field, ...]:
    """The model's fields in declared order."""
    out = []
    for name, info in model.model_fields.items():
        ann = info.annotation
        origin = typing.get_origin(ann)
        nested = _models_in(ann)
        if origin is list:
            kind = "list"
        elif nested and origin not in (typing.Union, types.UnionType):
            kind = "object"
        else:
            kind, nested = "scalar", []
        out.append(Field(name, kind, nested[0] if nested else None, info.is_required()))
    return tuple(out)


def leaves(model: type[BaseModel] = PatientRecord, prefix: str = "") -> tuple[str, ...]:
    """Dotted paths of the record's values in line order: scalars and lists, nested objects
    opened (``demographics.given_name``)."""
    out: list[str] = []
    for f in fields(model):
        if f.kind == "object":
            assert f.model is not None
            out.extend(leaves(f.model, f"{prefix}{f.name}."))
        else:
            out.append(prefix + f.name)
    return tuple(out)


def split(model: type[BaseModel], values: Mapping[str, Any]) -> tuple[list[str], list[str]]:
    """``(texts, holes)``: the JSON text of one object, cut at its holes, so that the object is
    ``texts[0] + <holes[0]> + texts[1] + … + texts[-1]``. ``values`` maps a field to its value,
    to ``HOLE``, or (a nested object) to the mapping of its own fields."""
    texts = [""]
    holes: list[str] = []
    _write(model, values, "", texts, holes)
    return texts, holes


def _write(
    model: type[BaseModel], values: Mapping[str, Any], path: str, texts: list[str], holes: list[str]
) -> None:
    declared = {f.name for f in fields(model)}
    unknown = set(values) - declared
    if unknown:
        raise KeyError(f"{model.__name__} declares no field {sorted(unknown)}")
    opened = False
    for f in fields(model):
        if f.name not in values:
            if f.required:
                raise KeyError(f"{model.__name__}.{f.name} is required")
            continue
        value = values[f.name]
        if value is None and not f.required:
            continue
        texts[-1] += (SEPARATOR if opened else "{") + json_text(f.name) + ":"
        opened = True
        if value is HOLE:
            holes.append(path + f.name)
            texts.append("")
        elif f.kind == "object" and isinstance(value, Mapping):
            assert f.model is not None
            _write(f.model, value, f"{path}{f.name}.", texts, holes)
        else:
            texts[-1] += json_text(value)
    texts[-1] += "}" if opened else "{}"


def text(model: type[BaseModel], values: Mapping[str, Any]) -> str:
    """One whole object (no holes)."""
    texts, holes = split(model, values)
    assert not holes
    return texts[0]


def record_holes(model: type[BaseModel] = PatientRecord) -> dict[str, Any]:
    """A values mapping with a hole at every leaf (see ``leaves``)."""
    return {
        f.name: record_holes(f.model) if f.kind == "object" and f.model else HOLE
        for f in fields(model)
    }


@cache
def record_glue() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """``(glue, leaves)`` of a whole record line: ``glue[k]`` is the text before leaf k,
    ``glue[-1]`` the text after the last one."""
    texts, holes = split(PatientRecord, record_holes())
    assert tuple(holes) == leaves()
    return tuple(texts), tuple(holes)
