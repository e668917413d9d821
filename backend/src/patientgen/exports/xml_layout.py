"""The XML export's spelling of a record line, for the block writers (simulation/documents.py).

``XML.split`` writes a ``<patient>`` element (or one list item) the way xml.py writes it, cut
at the same holes, in the same order, as the JSON line: the writers fill both from one block.
Every hole is filled with the value's JSON text. In an attribute the glue leaves a string's
quotes to the value (``id=`` + ``"…"``) and puts them around a number (``index="`` + ``0`` +
``"``); an element's string holes are ``unquoted``. The text is the export's only where no
value needs escaping, which the caller checks (xml_blocks.py checks the block's JSON).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

from pydantic import BaseModel

from patientgen.exports.xml import CHILD_INDENT as _CHILD
from patientgen.exports.xml import FIELD_INDENT as _FIELD
from patientgen.exports.xml import LISTS, attribute_text, element_text
from patientgen.exports.xml import PATIENT_ATTRIBUTES as _ATTRIBUTES
from patientgen.exports.xml import RECORD_INDENT as _RECORD
from patientgen.simulation.layout import HOLE, Field, Syntax, fields, list_models, present
from patientgen.simulation.record_model import PatientRecord


@cache
def _item_tags() -> dict[type[BaseModel], str]:
    """A list item's element name, by its model."""
    return {model: LISTS[name][0] for name, model in list_models().items()}


@cache
def _element_strings(model: type[BaseModel] = PatientRecord, prefix: str = "") -> frozenset[str]:
    """The string fields written as an element's text (their holes are filled unquoted)."""
    out: set[str] = set()
    for f in fields(model):
        if f.kind == "object" and f.model is not None:
            out |= _element_strings(f.model, f"{prefix}{f.name}.")
        elif f.quoted and not (model is PatientRecord and f.name in _ATTRIBUTES):
            out.add(prefix + f.name)
    return frozenset(out)


class _Xml:
    separator = ""  # each item is a line of its own
    unquoted = _element_strings()

    def list_open(self, name: str) -> str:
        return f"{_FIELD}<{name}>\n"

    def list_close(self, name: str) -> str:
        return f"{_FIELD}</{name}>\n"

    def empty_list(self, name: str) -> str:
        return f"{_FIELD}<{name}/>\n"

    def __repr__(self) -> str:
        return "XML"

    def split(
        self, model: type[BaseModel], values: Mapping[str, Any]
    ) -> tuple[list[str], list[str]]:
        texts: list[str] = [""]
        holes: list[str] = []
        written = present(model, values)
        if model is PatientRecord:
            head = [(f, v) for f, v in written if f.name in _ATTRIBUTES]
            texts[-1] += f"{_RECORD}<patient"
            _attributes(head, "", texts, holes)
            texts[-1] += ">\n"
            rest = [(f, v) for f, v in written if f.name not in _ATTRIBUTES]
            _elements(rest, _FIELD, "", texts, holes)
            texts[-1] += f"{_RECORD}</patient>\n"
        else:
            texts[-1] += f"{_CHILD}<{_item_tags()[model]}"
            _attributes(written, "", texts, holes)
            texts[-1] += "/>\n"
        return texts, holes


def _hole(path: str, texts: list[str], holes: list[str]) -> None:
    holes.append(path)
    texts.append("")


def _attributes(
    written: list[tuple[Field, Any]], path: str, texts: list[str], holes: list[str]
) -> None:
    for f, value in written:
        if value is None:  # a null attribute is left out
            continue
        if value is HOLE:
            texts[-1] += f" {f.name}=" if f.quoted else f' {f.name}="'
            _hole(path + f.name, texts, holes)
            if not f.quoted:
                texts[-1] += '"'
        else:
            texts[-1] += f' {f.name}="{attribute_text(value)}"'


def _elements(
    written: list[tuple[Field, Any]], indent: str, path: str, texts: list[str], holes: list[str]
) -> None:
    for f, value in written:
        if value is None:  # a null element is left out
            continue
        if f.kind == "object" and isinstance(value, Mapping):
            assert f.model is not None
            texts[-1] += f"{indent}<{f.name}>\n"
            inner = present(f.model, value)
            _elements(inner, indent + "  ", f"{path}{f.name}.", texts, holes)
            texts[-1] += f"{indent}</{f.name}>\n"
        elif f.kind == "list":
            if value is not HOLE:
                raise ValueError(f"{f.name}: a list is written by its writer, as a hole")
            _hole(path + f.name, texts, holes)  # its writer opens and closes it
        elif value is HOLE:
            texts[-1] += f"{indent}<{f.name}>"
            _hole(path + f.name, texts, holes)
            texts[-1] += f"</{f.name}>\n"
        else:
            texts[-1] += f"{indent}<{f.name}>{element_text(value)}</{f.name}>\n"


XML: Syntax = _Xml()
