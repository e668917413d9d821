"""Excel (XLSX): one sheet per entity (exports.entities — the same tables and columns as the
Parquet files), written by XlsxWriter in ``constant_memory`` mode.

In that mode each sheet's rows go to a temporary file as they are written (one row in memory
per sheet), so memory stays flat; the workbook is assembled from those files when the records
end and then streamed. So the first byte comes once every record has been written, and the
export needs temporary disk space about its own size (in a directory removed when the stream
ends or is closed). Excel holds 1,048,576 rows per sheet, the header included: an export
that would need more is refused before it starts (``check_rows``; the API answers 422), and
the writer itself stops with ``RowLimitError`` rather than drop rows.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import xlsxwriter

from patientgen.exports.archive import CHUNK_SIZE
from patientgen.exports.entities import ENTITIES
from patientgen.simulation.timeline import stays

Record = dict[str, Any]

MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_ROWS = 1_048_576
"""Rows of one Excel worksheet, the header row included."""
CREATED = datetime(1980, 1, 1, tzinfo=UTC)
"""The workbook's creation time in its properties: fixed, so the same records give the same
bytes (XlsxWriter would write the time of the export)."""
TIME_FORMAT = "yyyy-mm-dd hh:mm:ss"
DATE_FORMAT = "yyyy-mm-dd"


class RowLimitError(ValueError):
    """An entity has more rows than an Excel sheet holds."""

    def __init__(self, sheet: str, rows: int) -> None:
        self.sheet, self.rows = sheet, rows
        super().__init__(
            f"xlsx: the {sheet} sheet would need {rows:,} rows with its header; Excel holds "
            f"{MAX_ROWS:,} per sheet. Export this job as parquet or csv instead."
        )


def check_rows(counts: Mapping[str, int]) -> None:
    """Raise ``RowLimitError`` if any entity's data rows (plus the header) exceed a sheet."""
    for entity in ENTITIES:
        rows = counts.get(entity.name, 0) + 1
        if rows > MAX_ROWS:
            raise RowLimitError(entity.name, rows)


def check_patients(patients: int) -> None:
    """The check known from the patient count alone: the patients sheet."""
    check_rows({"patients": patients})


def _record_counts(record: Record) -> tuple[int, ...]:
    """Rows of each entity (ENTITIES order) for one record, without building them."""
    return (
        1,
        len(record.get("conditions") or []),
        len(record.get("treatments") or []),
        len(record.get("vitals") or []),
        len(stays(record.get("timeline") or [])),
    )


def row_counts(records: Iterable[Record]) -> dict[str, int]:
    """Rows per entity (sheet) of ``records``, without writing anything."""
    totals = [0] * len(ENTITIES)
    for record in records:
        for i, n in enumerate(_record_counts(record)):
            totals[i] += n
    return {entity.name: total for entity, total in zip(ENTITIES, totals, strict=True)}


def _time(value: str) -> datetime:
    # Excel times have no zone: UTC, as the record's, written as it is
    return datetime.fromisoformat(value).replace(tzinfo=None)


def _date(value: str) -> date:
    return date.fromisoformat(value)


Writer = Callable[[int, int, Any], Any]


def _writers(workbook: Any, sheet: Any, kinds: list[str]) -> list[Writer]:
    time_format = workbook.add_format({"num_format": TIME_FORMAT})
    date_format = workbook.add_format({"num_format": DATE_FORMAT})
    by_kind: dict[str, Writer] = {
        # write_string, never write(): a text starting with "=" stays text, not a formula
        "string": sheet.write_string,
        "int": sheet.write_number,
        "float": sheet.write_number,
        "bool": sheet.write_boolean,
        "time": lambda r, c, v: sheet.write_datetime(r, c, _time(v), time_format),
        "date": lambda r, c, v: sheet.write_datetime(r, c, _date(v), date_format),
    }
    return [by_kind[kind] for kind in kinds]


def _build(path: Path, tmpdir: str, records: Iterable[Record]) -> None:
    workbook = xlsxwriter.Workbook(
        str(path), {"constant_memory": True, "tmpdir": tmpdir, "strings_to_numbers": False}
    )
    workbook.set_properties({"created": CREATED.replace(tzinfo=None)})
    header = workbook.add_format({"bold": True})
    sheets = []
    for entity in ENTITIES:
        sheet = workbook.add_worksheet(entity.name)
        sheet.freeze_panes(1, 0)
        for col, name in enumerate(entity.names):
            sheet.write_string(0, col, name, header)
        writers = _writers(workbook, sheet, [c.kind for c in entity.columns])
        sheets.append((entity, writers))
    next_row = [1] * len(sheets)
    for record in records:
        for s, (entity, writers) in enumerate(sheets):
            for values in entity.rows(record):
                row = next_row[s]
                if row >= MAX_ROWS:
                    raise RowLimitError(entity.name, row + 1)
                for col, (write, value) in enumerate(zip(writers, values, strict=True)):
                    if value is not None:
                        write(row, col, value)
                next_row[s] = row + 1
    # on an error the workbook is left unfinished: its temporary directory goes with it
    workbook.close()


def encode(records: Iterable[Record]) -> Iterator[bytes]:
    """The workbook of ``records``; yields chunks of ``CHUNK_SIZE`` once it is complete."""
    with tempfile.TemporaryDirectory(prefix="patientgen-xlsx-") as tmpdir:
        path = Path(tmpdir) / "export.xlsx"
        _build(path, tmpdir, records)
        with path.open("rb") as file:
            while chunk := file.read(CHUNK_SIZE):
                yield chunk
