"""CSV: one row per patient, flat documented columns (see docs/exports.md).

RFC 4180: comma separated, CRLF line ends, fields quoted only when they need it (a comma,
quote or line break inside), embedded quotes doubled; a header row first. UTF-8 without a
byte-order mark (spreadsheet users: import as UTF-8 rather than double-clicking).
Multi-valued fields (condition codes, the facility path) are joined with ``|``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator
from operator import itemgetter
from typing import Any

from patientgen.exports.archive import coalesce
from patientgen.exports.contract import FLAT_AFTER_LISTS, FLAT_BEFORE_LISTS

MEDIA_TYPE = "text/csv; charset=utf-8; header=present"
POINT_OF_INJURY = "POI"
LIST_SEPARATOR = "|"
_TIME = itemgetter("time")

# the list summaries, between the record's plain values before and after its lists
SUMMARY_COLUMNS: tuple[str, ...] = (
    "primary_condition_code",
    "primary_condition_display",
    "primary_condition_body_site",
    "primary_condition_severity",
    "condition_count",
    "condition_codes",
    "first_facility",
    "first_facility_time",
    "first_treatment_time",
    "treatment_count",
    "vitals_count",
    "facility_path",
)
COLUMNS: tuple[str, ...] = (
    *(path[-1] for path in FLAT_BEFORE_LISTS),
    *SUMMARY_COLUMNS,
    *(path[-1] for path in FLAT_AFTER_LISTS),
    "final_time",
)


Segment = tuple[tuple[str, ...], tuple[str, ...]]  # (keys to an object, its keys read)


def _segments(paths: tuple[tuple[str, ...], ...]) -> tuple[Segment, ...]:
    """Runs of paths into the same object, so a row reads each object once."""
    out: list[tuple[tuple[str, ...], list[str]]] = []
    for path in paths:
        prefix, key = path[:-1], path[-1]
        if out and out[-1][0] == prefix:
            out[-1][1].append(key)
        else:
            out.append((prefix, [key]))
    return tuple((prefix, tuple(keys)) for prefix, keys in out)


def _read(record: dict[str, Any], segments: tuple[Segment, ...], out: list[Any]) -> None:
    """Append the values at the segments' paths (``None`` where a path has no value)."""
    for prefix, keys in segments:
        value: Any = record
        for key in prefix:
            value = value.get(key) if isinstance(value, dict) else None
        if isinstance(value, dict):
            out += [value.get(k) for k in keys]
        else:
            out += [None] * len(keys)


Reader = Callable[[dict[str, Any], list[Any]], None]


def _reader(segments: tuple[Segment, ...]) -> Reader:
    """``_read`` for these segments, one C-level lookup per object when every key is there
    (as in every record of this generator); a missing key or object falls back to ``_read``."""
    getters = [(prefix, itemgetter(*keys), len(keys) > 1) for prefix, keys in segments]

    def read(record: dict[str, Any], out: list[Any]) -> None:
        start = len(out)
        try:
            for prefix, get, several in getters:
                value: Any = record
                for key in prefix:
                    value = value[key]
                if several:
                    out += get(value)
                else:
                    out.append(get(value))
        except (KeyError, TypeError, IndexError):
            del out[start:]
            _read(record, segments, out)

    return read


_read_before = _reader(_segments(FLAT_BEFORE_LISTS))
_read_after = _reader(_segments(FLAT_AFTER_LISTS))


def values(record: dict[str, Any]) -> tuple[Any, ...]:
    """The flat values of one record, in ``COLUMNS`` order; ``None`` where there is none
    (Parquet and Excel write the same columns, with types)."""
    conditions = record.get("conditions") or []
    treatments = record.get("treatments") or []
    timeline = record.get("timeline") or []
    primary = conditions[0] if conditions else {}

    path: list[str] = []
    first_facility = first_facility_time = None
    for event in timeline:
        facility = event.get("facility")
        if not facility:
            continue
        if not path or path[-1] != facility:
            path.append(facility)
        if first_facility is None and facility != POINT_OF_INJURY:
            first_facility, first_facility_time = facility, event.get("time")
    if len(treatments) > 1:
        # one spelling for every time of a record (record_model.ISO_UTC): text order is time order
        first_treatment = min(treatments, key=_TIME)
    else:
        first_treatment = treatments[0] if treatments else {}

    out: list[Any] = []
    _read_before(record, out)
    out += (
        primary.get("code"),
        primary.get("display"),
        primary.get("body_site"),
        primary.get("severity"),
        len(conditions),
        LIST_SEPARATOR.join([c["code"] for c in conditions]),
        first_facility,
        first_facility_time,
        first_treatment.get("time"),
        len(treatments),
        len(record.get("vitals") or []),
        LIST_SEPARATOR.join(path),
    )
    _read_after(record, out)
    out.append(timeline[-1]["time"] if timeline else record["injury_time"])
    return tuple(out)


def row(record: dict[str, Any]) -> list[Any]:
    """The CSV row of one record, in ``COLUMNS`` order."""
    return ["" if v is None else v for v in values(record)]


def encode(records: Iterable[dict[str, Any]]) -> Iterator[bytes]:
    """Header row, then one row per record; yields UTF-8 chunks of about ``CHUNK_SIZE``."""
    return coalesce(line.encode() for line in _lines(records))


def _lines(records: Iterable[dict[str, Any]]) -> Iterator[str]:
    special = io.StringIO()  # the csv module writes the header and any row that needs quoting
    writer = csv.writer(special, lineterminator=LINE_END)  # writes None as an empty field
    writer.writerow(COLUMNS)
    yield special.getvalue()
    for row_values in map(values, records):
        line = _plain_line(row_values)
        if line is None:
            special.seek(0)
            special.truncate()
            writer.writerow(row_values)
            line = special.getvalue()
        yield line


LINE_END = "\r\n"
_SEPARATORS = len(COLUMNS) - 1


def _plain_line(row_values: tuple[Any, ...]) -> str | None:
    """The row as the csv module writes it when no field needs quoting (the fields joined by
    commas, None as empty); None when one does (it holds a comma, quote or line break), which
    the line itself shows: a quote or line break in it, or a comma more than the separators.
    Most rows are plain, and joining them here costs half of the module's writer."""
    fields = [v if v.__class__ is str else "" if v is None else str(v) for v in row_values]
    line = ",".join(fields)
    if line.count(",") != _SEPARATORS or '"' in line or "\n" in line or "\r" in line:
        return None
    return line + LINE_END
