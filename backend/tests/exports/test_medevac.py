"""MIST handovers and 9-line MEDEVAC requests (exports/medevac.py): one leg per departure, the
nine lines in their standard order with valid values, derived from the record."""

from __future__ import annotations

import re

import orjson
import pytest

from patientgen.exports import casualty, medevac
from patientgen.exports.formats import ExportFormat, export_stream
from tests.support.jobs import offline_records, scenario_json


@pytest.fixture(scope="module")
def records() -> list[dict]:
    return offline_records(scenario_json(), 400, 99)


def test_one_leg_per_departure_in_journey_order(records):
    for record in records:
        departures = [e for e in record["timeline"] if e["event"] == "departure"]
        legs = medevac.legs(record)
        assert [(leg["origin"], leg["destination"]) for leg in legs] == [
            (e["facility"], e["destination"]) for e in departures
        ]
        assert [leg["leg"] for leg in legs] == list(range(len(legs)))
        for leg in legs:
            medevac.MedevacLeg.model_validate(leg)
            assert leg["out_of_theatre"] == (leg["destination"] in ("R4", "OUT_OF_THEATRE"))


def test_the_nine_lines_in_standard_order_with_valid_values(records):
    legs = [leg for record in records for leg in medevac.legs(record)]
    assert legs
    for leg in legs:
        lines = leg["nine_line_text"].split("\n")
        assert [int(re.match(r"LINE (\d): ", line)[1]) for line in lines] == list(range(1, 10))
        for line, title in zip(lines, medevac.LINE_TITLES, strict=True):
            assert line.split(": ", 2)[1] == title
        nine = leg["nine_line"]
        assert re.fullmatch(r"1[ABCD] \(1 (urgent|urgent-surgical|priority|routine)\)",
                            lines[2].split(": ", 2)[2])  # fmt: skip
        assert nine["precedence"]["code"] in medevac.PRECEDENCE
        assert nine["special_equipment"]["code"] in medevac.EQUIPMENT
        assert re.fullmatch(r"(L1|A1) - (litter|ambulatory)", lines[4].split(": ", 2)[2])
        assert nine["security"]["code"] in medevac.SECURITY
        assert nine["marking"]["code"] in medevac.MARKING
        assert nine["nationality_status"]["code"] in medevac.STATUS
        assert nine["nbc"]["code"] in (None, *medevac.NBC)
        mist = leg["mist_text"].split("\n")
        assert [line[:2] for line in mist] == ["M:", "I:", "S:", "T:"]


def test_values_follow_the_record(records):
    for record in records:
        for leg in medevac.legs(record):
            nine = leg["nine_line"]
            triage = casualty.triage_at(record, leg["departure"])
            code = nine["precedence"]["code"]
            expected = {"T1": {"A", "B"}, "T2": {"C"}, "T3": {"D"}, "T4": {"D"}}[triage]
            assert code in expected
            if code == "B":
                assert casualty.needs_surgery(record, after=leg["departure"])
            litter = casualty.litter(record)
            assert nine["patients_by_type"] == {
                "litter": int(litter),
                "ambulatory": int(not litter),
            }
            nation = record["nationality"]
            assert nine["nationality_status"]["code"] == ("A" if nation == "USA" else "C")
            assert nine["nationality_status"]["nationality"] == nation
            given = [t for t in record["treatments"] if t["time"] <= leg["departure"]]
            assert len(leg["mist"]["treatment"]) == len(given)
            ventilated = {casualty.PROCEDURE_KEY.get(t["code"]) for t in given}
            assert (nine["special_equipment"]["code"] == "D") == bool(
                ventilated & casualty.VENTILATED
            )


def test_litter_follows_the_condition_profiles():
    mild = {"code": "44465007", "display": "Sprain of ankle", "severity": "mild"}
    severe = {"code": "71620000", "display": "Fracture of femur", "severity": "severe"}
    base = {"vitals": [], "conditions": [mild]}
    assert not casualty.litter(base)
    assert casualty.litter({**base, "conditions": [severe]})


def test_ndjson_and_text_formats(records):
    sample = records[:50]
    body = b"".join(export_stream(ExportFormat.MEDEVAC, lambda: iter(sample)).chunks)
    lines = [orjson.loads(line) for line in body.splitlines()]
    assert lines == [leg for r in sample for leg in medevac.legs(r)]
    text = b"".join(export_stream(ExportFormat.MEDEVAC_TEXT, lambda: iter(sample)).chunks)
    assert text.decode().count("9-LINE MEDEVAC REQUEST") == len(lines)
    assert text.decode().count("MIST HANDOVER") == len(lines)
