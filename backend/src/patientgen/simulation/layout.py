"""The text structure of a record, derived from its one declaration (record_model).

Every key, brace, bracket and comma of a record line comes from here: ``split(model, values)``
writes one object of a declared model, fields in declared order, and cuts the text at its
holes — the values only known per patient. The fast document path puts its per-patient pieces
into those holes; the glue between them is never written by hand.

Rules (the same ``orjson.dumps`` follows for the readable records' dicts): a required field is
always written (``null`` when None); an optional field (declared with a default) only when it
has a value.

The JSON of a record line is one ``Syntax``; another (the XML export's, exports/xml_layout.py)
writes the same holes in the same order around its own glue, so the same writers fill both.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, Protocol

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
    """One declared field: ``kind`` is "scalar", "object" (a nested model) or "list";
    ``quoted``: a scalar whose JSON text is a string (its hole is filled quoted)."""

    name: str
    kind: str
    model: type[BaseModel] | None  # the nested model, or the list's item model
    required: bool
    quoted: bool = False


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
        quoted = kind == "scalar" and _is_text(ann)
        out.append(Field(name, kind, nested[0] if nested else None, info.is_required(), quoted))
    return tuple(out)


def _is_text(annotation: Any) -> bool:
    """Every value the annotation allows (None aside) is written as a JSON string."""
    if annotation is str or (isinstance(annotation, type) and issubclass(annotation, str)):
        return True
    if typing.get_origin(annotation) is typing.Literal:
        return all(isinstance(a, str) for a in typing.get_args(annotation))
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    return bool(args) and all(_is_text(a) for a in args)


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


class Syntax(Protocol):
    """How a record line is spelled around its holes. The holes come in declared order and
    every hole is filled with the value's JSON text: a string quoted, unless its path is in
    ``unquoted``."""

    separator: str  # between two items of a list
    unquoted: frozenset[str]

    def __hash__(self) -> int: ...  # tables made for a syntax are cached by it

    def list_open(self, name: str) -> str:
        """Before the items of the record's list ``name`` (after the glue before its hole)."""
        ...

    def list_close(self, name: str) -> str: ...

    def empty_list(self, name: str) -> str:
        """The list with no items (instead of its open and close)."""
        ...

    def split(
        self, model: type[BaseModel], values: Mapping[str, Any]
    ) -> tuple[list[str], list[str]]: ...


def present(model: type[BaseModel], values: Mapping[str, Any]) -> list[tuple[Field, Any]]:
    """The fields an object of the model writes, with their values, in declared order: a
    required field always (KeyError if it is not given), an optional one when not None."""
    declared = {f.name for f in fields(model)}
    unknown = set(values) - declared
    if unknown:
        raise KeyError(f"{model.__name__} declares no field {sorted(unknown)}")
    out = []
    for f in fields(model):
        if f.name not in values:
            if f.required:
                raise KeyError(f"{model.__name__}.{f.name} is required")
            continue
        value = values[f.name]
        if value is None and not f.required:
            continue
        out.append((f, value))
    return out


class _Json:
    separator = SEPARATOR
    unquoted: frozenset[str] = frozenset()

    def list_open(self, name: str) -> str:
        return LIST_OPEN

    def list_close(self, name: str) -> str:
        return LIST_CLOSE

    def empty_list(self, name: str) -> str:
        return LIST_OPEN + LIST_CLOSE

    def split(
        self, model: type[BaseModel], values: Mapping[str, Any]
    ) -> tuple[list[str], list[str]]:
        return split(model, values)

    def __repr__(self) -> str:
        return "JSON"


JSON: Syntax = _Json()


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
    opened = False
    for f, value in present(model, values):
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


def text(model: type[BaseModel], values: Mapping[str, Any], syntax: Syntax = JSON) -> str:
    """One whole object (no holes)."""
    texts, holes = syntax.split(model, values)
    assert not holes
    return texts[0]


def list_text(name: str, values: Sequence[Mapping[str, Any]], syntax: Syntax) -> str:
    """The whole of the record's list ``name`` with these items."""
    if not values:
        return syntax.empty_list(name)
    model = list_models()[name]
    return (
        syntax.list_open(name)
        + syntax.separator.join(text(model, v, syntax) for v in values)
        + syntax.list_close(name)
    )


@cache
def list_models() -> dict[str, type[BaseModel]]:
    """The record's lists: name -> item model."""
    return {f.name: f.model for f in fields(PatientRecord) if f.kind == "list" and f.model}


def record_holes(model: type[BaseModel] = PatientRecord) -> dict[str, Any]:
    """A values mapping with a hole at every leaf (see ``leaves``)."""
    return {
        f.name: record_holes(f.model) if f.kind == "object" and f.model else HOLE
        for f in fields(model)
    }


@cache
def record_glue(syntax: Syntax = JSON) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """``(glue, leaves)`` of a whole record line: ``glue[k]`` is the text before leaf k,
    ``glue[-1]`` the text after the last one."""
    texts, holes = syntax.split(PatientRecord, record_holes())
    assert tuple(holes) == leaves()
    return tuple(texts), tuple(holes)
