"""XML: one well-formed UTF-8 document, ``<patients xmlns="urn:patientgen:patients:1">``.

Structure (documented in docs/exports.md, schema in ``patients.xsd`` next to this module)::

    <patient index="0" id="uuid">
      <nationality>DEU</nationality> ... one element per scalar field, named as in the record
      <demographics><given_name>..</given_name> ...</demographics>
      <conditions><condition system=".." code=".." .../></conditions>
      <treatments><treatment .../></treatments>
      <vitals><vital .../></vitals>
      <timeline><event event="injury" facility="POI" time=".." .../></timeline>
      <final_status>..</final_status><final_facility>..</final_facility>
    </patient>

List items are empty elements whose attributes are the item's keys (a null value is left
out). Field and attribute order is the record contract's declared order; fields outside it
follow in name order, so the bytes never depend on dict order. Text is escaped with
``xml.sax.saxutils``; characters XML 1.0 cannot carry (C0 controls other than tab, LF,
CR) become U+FFFD.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import orjson

from patientgen.exports.archive import coalesce
from patientgen.exports.contract import DEMOGRAPHIC_FIELDS, LIST_ITEM_FIELDS, RECORD_FIELDS

MEDIA_TYPE = "application/xml"
NAMESPACE = "urn:patientgen:patients:1"
SCHEMA_PATH = Path(__file__).with_name("patients.xsd")

TOP_LEVEL = RECORD_FIELDS
DEMOGRAPHICS = DEMOGRAPHIC_FIELDS
# list field -> (item element name, the item's declared keys in declared order; keys outside
# the contract follow in name order)
_ITEM_ELEMENTS = {"conditions": "condition", "treatments": "treatment", "vitals": "vital",
                  "timeline": "event", "deadlines": "deadline"}  # fmt: skip
LISTS: dict[str, tuple[str, tuple[str, ...]]] = {
    name: (_ITEM_ELEMENTS[name], declared) for name, (declared, _every) in LIST_ITEM_FIELDS.items()
}
# the <patient> element's attributes, and the indents of a patient, its fields and theirs
PATIENT_ATTRIBUTES = ("index", "id")
RECORD_INDENT, FIELD_INDENT, CHILD_INDENT = "  ", "    ", "      "
_R, _F, _C = RECORD_INDENT, FIELD_INDENT, CHILD_INDENT
_HEADER = f'<?xml version="1.0" encoding="UTF-8"?>\n<patients xmlns="{NAMESPACE}">\n'.encode()
_FOOTER = b"</patients>\n"
_ATTRIBUTE_ENTITIES = {'"': "&quot;", "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"}
_TEXT_ENTITIES = {"\r": "&#13;"}
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*\Z")
_INVALID = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_NAMES: set[str] = set()


def _name(key: str) -> str:
    if key not in _NAMES:
        if not _NAME.match(key) or key.lower().startswith("xml"):
            raise ValueError(f"record key {key!r} is not usable as an XML name")
        _NAMES.add(key)
    return key


def _string(value: Any) -> str:
    if isinstance(value, str):
        text = value
    elif isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, int):
        text = str(value)
    else:  # floats and nested values: their JSON spelling, identical to the JSON export
        text = orjson.dumps(value).decode()
    return _INVALID.sub("\ufffd", text) if _INVALID.search(text) else text


def _plain(value: Any) -> bool:
    """True when the value is a string escaping and cleaning leave unchanged (most are)."""
    return (
        type(value) is str
        and value.isascii()
        and value.isprintable()  # no tab, line break or other control character
        and "&" not in value
        and "<" not in value
        and ">" not in value
        and '"' not in value
    )


def element_text(value: Any) -> str:
    """A value as an element's text."""
    return value if _plain(value) else escape(_string(value), _TEXT_ENTITIES)


def attribute_text(value: Any) -> str:
    """A value as an attribute's (double-quoted) text."""
    return value if _plain(value) else escape(_string(value), _ATTRIBUTE_ENTITIES)


def _ordered(mapping: dict[str, Any], known: tuple[str, ...], skip: tuple[str, ...] = ()) -> list:
    keys = [k for k in known if k in mapping]
    if len(keys) + sum(k in mapping for k in skip) < len(
        mapping
    ):  # fields outside the contract, by name
        keys += sorted(k for k in mapping if k not in known and k not in skip)
    return keys


def _attributes(item: dict[str, Any], known: tuple[str, ...]) -> str:
    keys = _ordered(item, known)
    return "".join(f' {_name(k)}="{attribute_text(item[k])}"' for k in keys if item[k] is not None)


def patient_element(record: dict[str, Any]) -> bytes:
    """One ``<patient>`` element (indented, newline-terminated) as UTF-8 bytes."""
    fast = _plain_element(record)
    return (fast if fast is not None else _element(record)).encode()


class _Escaping:
    """Writes every value escaped and cleaned, one by one."""

    text = staticmethod(element_text)
    attribute = staticmethod(attribute_text)

    @staticmethod
    def items(items: list[dict], keys: tuple, item_tag: str, known: tuple, out: list) -> None:
        out += [f"{_C}<{item_tag}{_attributes(item, known)}/>\n" for item in items]


class _Plain:
    """Writes every value as it is and keeps it, so that one check over all of a record's
    values afterwards tells whether any needed escaping (nearly none does). Items of one
    shape are written from one attribute template, worked out once per key tuple."""

    def __init__(self) -> None:
        self.texts: list[str] = []

    def text(self, value: Any) -> str:
        text = value if type(value) is str else _string(value)
        self.texts.append(text)
        return text

    attribute = text

    def items(self, items: list[dict], keys: tuple, item_tag: str, known: tuple, out: list) -> None:
        order, template = _item_plan(items[0], keys, item_tag, known)
        if order is None:
            rows: Iterable = (item.values() for item in items)
        else:
            rows = ([item[k] for k in order] for item in items)
        # the values' text (None stays None: a null attribute is left out, value by value)
        values: list[Any] = [
            v if type(v) is str or v is None else str(v) if type(v) is int else _string(v)
            for row in rows
            for v in row
        ]
        if None in values:
            _Escaping.items(items, keys, item_tag, known, out)
            return
        self.texts += values
        out.append((template * len(items)) % tuple(values))

    def plain(self) -> bool:
        # printable: no tab, line break, control character or anything XML 1.0 cannot carry
        every = "".join(self.texts)
        return every.isprintable() and not any(c in every for c in '&<>"')


def _element(record: dict[str, Any]) -> str:
    return _write(record, _Escaping())


def _plain_element(record: dict[str, Any]) -> str | None:
    """``_element(record)``, or None if some value needs escaping or cleaning."""
    writer = _Plain()
    element = _write(record, writer)
    return element if writer.plain() else None


def _write(record: dict[str, Any], w: _Escaping | _Plain) -> str:
    head = "".join(f' {k}="{w.attribute(record[k])}"' for k in PATIENT_ATTRIBUTES)
    out = [f"{_R}<patient{head}>\n"]
    for key in _order(record, TOP_LEVEL, skip=PATIENT_ATTRIBUTES):
        value = record[key]
        if value is None:
            continue
        if isinstance(value, dict):
            out.append(f"{_F}<{key}>\n")
            for k in _order(value, DEMOGRAPHICS if key == "demographics" else ()):
                if value[k] is not None:
                    out.append(f"{_C}<{k}>{w.text(value[k])}</{k}>\n")
            out.append(f"{_F}</{key}>\n")
        elif isinstance(value, list):
            _list(key, value, w, out)
        else:
            out.append(f"{_F}<{key}>{w.text(value)}</{key}>\n")
    out.append(f"{_R}</patient>\n")
    return "".join(out)


def _one_shape(items: list, keys: tuple) -> bool:
    """Every item is an object with these keys, in this order."""
    try:
        return all(map(keys.__eq__, map(tuple, items)))
    except TypeError:  # an item that is a number, not an object
        return False


def _list(key: str, value: list, w: _Escaping | _Plain, out: list[str]) -> None:
    item_tag, known = LISTS.get(key, ("item", ()))
    if not value:
        out.append(f"{_F}<{key}/>\n")
        return
    out.append(f"{_F}<{key}>\n")
    keys = tuple(value[0]) if isinstance(value[0], dict) else None
    if keys is not None and _one_shape(value, keys):
        w.items(value, keys, item_tag, known, out)  # the usual case: items of one shape
    else:
        for item in value:
            if isinstance(item, dict):
                w.items([item], tuple(item), item_tag, known, out)
            else:
                out.append(f"{_C}<{item_tag}>{w.text(item)}</{item_tag}>\n")
    out.append(f"{_F}</{key}>\n")


# Each object's keys in element order, and each item shape's attribute template, are worked
# out once per key tuple.
_PLAN_LIMIT = 512  # key tuples remembered (records of this generator have a handful)
_plans: dict[tuple[Any, ...], Any] = {}


def _remember(key: tuple[Any, ...], plan: Any) -> Any:
    if len(_plans) < _PLAN_LIMIT:
        _plans[key] = plan
    return plan


def _order(mapping: dict[str, Any], known: tuple[str, ...], skip: tuple[str, ...] = ()) -> list:
    keys = tuple(mapping)
    plan = _plans.get((known, keys))
    if plan is None:
        plan = _remember((known, keys), [_name(k) for k in _ordered(mapping, known, skip)])
    return plan


def _item_plan(item: dict[str, Any], keys: tuple, item_tag: str, known: tuple[str, ...]) -> tuple:
    """(keys in attribute order, or None when that is the item's own order; the template)."""
    plan = _plans.get((item_tag, keys))
    if plan is None:
        order = _order(item, known)
        template = f"{_C}<{item_tag}" + "".join(f' {k}="%s"' for k in order) + "/>\n"
        plan = _remember((item_tag, keys), (None if tuple(order) == keys else order, template))
    return plan


def encode(records: Iterable[dict[str, Any] | bytes]) -> Iterator[bytes]:
    """The whole document: declaration, root element, one ``<patient>`` per record (``bytes``
    in ``records`` are ``<patient>`` elements already written, by xml_blocks.py)."""

    def parts() -> Iterator[bytes]:
        yield _HEADER
        for record in records:
            yield record if type(record) is bytes else patient_element(record)  # type: ignore[arg-type]
        yield _FOOTER

    return coalesce(parts())
