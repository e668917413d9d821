"""The CSV export: header, encoding, line ends, quoting and real names."""

from __future__ import annotations

import csv as stdlib_csv
import io

import pytest

from patientgen.exports import csv
from tests.support.samples import PRESETS, generated_records, sample_records


def _csv_rows(records: list[dict]) -> tuple[bytes, list[dict[str, str]]]:
    data = b"".join(csv.encode(records))
    reader = stdlib_csv.DictReader(io.StringIO(data.decode("utf-8"), newline=""))
    assert tuple(reader.fieldnames or ()) == csv.COLUMNS
    return data, list(reader)


def test_csv_header_encoding_and_line_ends() -> None:
    data, _rows = _csv_rows(sample_records())
    assert not data.startswith(b"\xef\xbb\xbf")  # no BOM
    assert data.startswith(",".join(csv.COLUMNS).encode() + b"\r\n")
    assert data.endswith(b"\r\n")
    assert b"".join(csv.encode([])) == ",".join(csv.COLUMNS).encode() + b"\r\n"


def _check_rows(records: list[dict], rows: list[dict[str, str]]) -> None:
    assert len(rows) == len(records)
    for record, row in zip(records, rows, strict=True):
        demo = record["demographics"]
        assert row["index"] == str(record["index"])
        assert row["id"] == record["id"]
        assert row["given_name"] == demo["given_name"]
        assert row["family_name"] == demo["family_name"]
        assert row["given_name"] not in ("", "Unknown")
        assert row["family_name"] not in ("", "Unknown")
        for key in ("sex", "birth_date", "blood_type", "service_number", "rank", "unit"):
            assert row[key] == demo[key]
        for key in ("nationality", "front", "injury_type", "triage", "injury_time"):
            assert row[key] == record[key]
        assert row["final_status"] == record["final_status"]
        assert row["final_facility"] == record["final_facility"]
        assert row["final_time"] == record["timeline"][-1]["time"]
        conditions = record["conditions"]
        assert row["condition_count"] == str(len(conditions))
        assert row["condition_codes"].split("|") == [c["code"] for c in conditions]
        assert row["primary_condition_code"] == conditions[0]["code"]
        assert row["primary_condition_display"] == conditions[0]["display"]
        assert row["primary_condition_body_site"] == (conditions[0]["body_site"] or "")
        assert row["primary_condition_severity"] == conditions[0]["severity"]
        assert row["treatment_count"] == str(len(record["treatments"]))
        assert row["vitals_count"] == str(len(record["vitals"]))
        times = sorted(t["time"] for t in record["treatments"])
        assert row["first_treatment_time"] == (times[0] if times else "")
        path = [e["facility"] for e in record["timeline"]]
        assert row["facility_path"].split("|") == [
            f for i, f in enumerate(path) if i == 0 or path[i - 1] != f
        ]
        mtf = [e for e in record["timeline"] if e["facility"] != "POI"]
        assert row["first_facility"] == (mtf[0]["facility"] if mtf else "")
        assert row["first_facility_time"] == (mtf[0]["time"] if mtf else "")


def test_csv_round_trips_with_real_names_and_quoting() -> None:
    records = sample_records()
    data, rows = _csv_rows(records)
    _check_rows(records, rows)
    # the fixture's awkward values survive: comma, quotes, <>&, a line break, non-ASCII
    assert rows[3]["front"] == 'Front "A", <North> & Sea'
    assert rows[3]["given_name"] == "Zoë"
    assert rows[3]["family_name"] == "D'Arcy-Åström"
    assert rows[4]["front"] == "Rear\narea"
    assert b'"Front ""A"", <North> & Sea"' in data


@pytest.mark.parametrize("preset", PRESETS)
def test_csv_of_generated_records(preset: str) -> None:
    records = generated_records(preset)
    _data, rows = _csv_rows(records)
    _check_rows(records, rows)
    assert len({(r["given_name"], r["family_name"]) for r in rows}) > len(rows) // 2


AWKWARD = ('A, "B"', "x\ny", "a\rb", '"', "", "Ünï ,", "plain", None, 7, 2.5)


def test_each_row_is_what_the_csv_module_writes() -> None:
    """Plain rows are joined without the csv module; any row with a value that needs quoting
    (anywhere in it) must still come out exactly as the module writes it."""
    records = generated_records(PRESETS[0])
    for k, record in enumerate(records):
        record["demographics"]["given_name"] = AWKWARD[k % len(AWKWARD)]
        record["demographics"]["unit"] = AWKWARD[k * 3 % len(AWKWARD)]
        record["front"] = AWKWARD[k * 7 % len(AWKWARD)]
    expected = io.StringIO()
    writer = stdlib_csv.writer(expected, lineterminator="\r\n")
    writer.writerow(csv.COLUMNS)
    writer.writerows(map(csv.values, records))
    assert b"".join(csv.encode(records)) == expected.getvalue().encode()
    # and in chunks of about CHUNK_SIZE, cut only at row ends
    chunks = list(csv.encode(generated_records(PRESETS[0]) * 40))
    assert len(chunks) > 1
    assert all(c.endswith(b"\r\n") for c in chunks)
