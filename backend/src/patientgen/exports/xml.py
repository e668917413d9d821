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
out). Field order is fixed by the record contract; fields outside it follow in name order,
so the bytes never depend on dict order. Text is escaped with ``xml.sax.saxutils``;
characters XML 1.0 cannot carry (C0 controls other than tab, LF, CR) become U+FFFD.
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
# list field -> (item element name, the keys every item has, in declared order; optional keys
# follow in name order)
_ITEM_ELEMENTS = {"conditions": "condition", "treatments": "treatment", "vitals": "vital",
                  "timeline": "event", "deadlines": "deadline"}  # fmt: skip
LISTS: dict[str, tuple[str, tuple[str, ...]]] = {
    name: (_ITEM_ELEMENTS[name], required) for name, (_all, required) in LIST_ITEM_FIELDS.items()
}
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


def _text(value: Any) -> str:
    return value if _plain(value) else escape(_string(value), _TEXT_ENTITIES)


def _attribute(value: Any) -> str:
    return value if _plain(value) else escape(_string(value), _ATTRIBUTE_ENTITIES)


def _ordered(mapping: dict[str, Any], known: tuple[str, ...], skip: tuple[str, ...] = ()) -> list:
    keys = [k for k in known if k in mapping]
    if len(keys) + sum(k in mapping for k in skip) < len(
        mapping
    ):  # fields outside the contract, by name
        keys += sorted(k for k in mapping if k not in known and k not in skip)
    return keys


def _attributes(item: dict[str, Any], known: tuple[str, ...]) -> str:
    return "".join(
        f' {_name(k)}="{_attribute(item[k])}"' for k in _ordered(item, known) if item[k] is not None
    )


def _field(key: str, value: Any, out: list[str]) -> None:
    tag = _name(key)
    if value is None:
        return
    if isinstance(value, dict):
        known = DEMOGRAPHICS if key == "demographics" else ()
        out.append(f"    <{tag}>\n")
        for k in _ordered(value, known):
            if value[k] is not None:
                out.append(f"      <{_name(k)}>{_text(value[k])}</{k}>\n")
        out.append(f"    </{tag}>\n")
    elif isinstance(value, list):
        item_tag, known = LISTS.get(key, ("item", ()))
        if not value:
            out.append(f"    <{tag}/>\n")
            return
        out.append(f"    <{tag}>\n")
        for item in value:
            if isinstance(item, dict):
                out.append(f"      <{item_tag}{_attributes(item, known)}/>\n")
            else:
                out.append(f"      <{item_tag}>{_text(item)}</{item_tag}>\n")
        out.append(f"    </{tag}>\n")
    else:
        out.append(f"    <{tag}>{_text(value)}</{tag}>\n")


def patient_element(record: dict[str, Any]) -> bytes:
    """One ``<patient>`` element (indented, newline-terminated) as UTF-8 bytes."""
    out = [f'  <patient index="{_attribute(record["index"])}" id="{_attribute(record["id"])}">\n']
    for key in _ordered(record, TOP_LEVEL, skip=("index", "id")):
        _field(key, record[key], out)
    out.append("  </patient>\n")
    return "".join(out).encode()


def encode(records: Iterable[dict[str, Any]]) -> Iterator[bytes]:
    """The whole document: declaration, root element, one ``<patient>`` per record."""

    def parts() -> Iterator[bytes]:
        yield _HEADER
        for record in records:
            yield patient_element(record)
        yield _FOOTER

    return coalesce(parts())
