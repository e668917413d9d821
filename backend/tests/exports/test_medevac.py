"""MIST handovers and 9-line MEDEVAC requests (exports/medevac.py): one leg per departure, the
nine lines in their standard order with valid values, derived from the record."""

from __future__ import annotations

import hashlib
import re

import orjson
import pytest

from patientgen.exports import casualty, medevac, medevac_site
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


# Lines 1 and 2 (exports/medevac_site.py): MGRS grid (zone 1-60 and latitude band C-X, 100 km
# square, 5+5 digits; I and O never used) and a tactical VHF FM channel, call sign, suffix.
MGRS = re.compile(r"([1-9]|[1-5]\d|60)[C-HJ-NP-X] [A-HJ-NP-Z][A-HJ-NP-V] \d{5} \d{5}")
RADIO = re.compile(r"(\d{2})\.(\d{3}) MHz, call sign ([A-Z]+), suffix (\d{2})")


def _legs_by_site(records) -> dict[tuple, list[dict]]:
    by: dict[tuple, list[dict]] = {}
    for record in records:
        for leg in medevac.legs(record):
            by.setdefault((record["front"], leg["origin"], leg["pickup_site"]["description"]),
                          []).append(leg)  # fmt: skip
    return by


def test_line_1_is_an_mgrs_grid_then_the_facility_and_front(records):
    for record in records:
        for leg in medevac.legs(record):
            site, text = leg["pickup_site"], leg["nine_line_text"].split("\n")[0]
            assert MGRS.fullmatch(site["grid"]), site["grid"]
            assert site["description"].startswith(f"{leg['origin']} ")
            assert site["description"].endswith(f", {record['front']} front")
            assert leg["nine_line"]["location"] == f"{site['grid']} ({site['description']})"
            assert text == f"LINE 1: Location of pick-up site: {leg['nine_line']['location']}"


def test_a_facility_has_one_grid_and_radio_for_all_its_patients(records):
    by = _legs_by_site(records)
    facilities = {key: legs for key, legs in by.items() if key[1] != "POI"}
    assert any(len({leg["patient_id"] for leg in legs}) > 1 for legs in facilities.values())
    for legs in facilities.values():
        assert len({leg["pickup_site"]["grid"] for leg in legs}) == 1
        assert len({orjson.dumps(leg["radio"]) for leg in legs}) == 1
    # distinct facilities of a front are at distinct places
    grids = [legs[0]["pickup_site"]["grid"] for legs in facilities.values()]
    assert len(set(grids)) == len(grids)


def test_points_of_injury_differ_per_patient_near_their_front(records):
    by = _legs_by_site(records)
    poi = [leg for key, legs in by.items() if key[1] == "POI" for leg in legs]
    assert len(poi) > 100
    assert len({leg["pickup_site"]["grid"] for leg in poi}) == len(poi)
    assert len({leg["radio"]["suffix"] for leg in poi}) > 1
    # one zone and band per front; its sites in the same or a neighbouring 100 km square
    fronts: dict[str, set[str]] = {}
    squares: dict[str, set[str]] = {}
    for (front, _, _), legs in by.items():
        for leg in legs:
            zone, square, _, _ = leg["pickup_site"]["grid"].split()
            fronts.setdefault(front, set()).add(zone)
            squares.setdefault(front, set()).add(square)
    assert len(fronts) > 1
    assert all(len(zones) == 1 for zones in fronts.values())
    columns, rows = "ABCDEFGHJKLMNPQRSTUVWXYZ", "ABCDEFGHJKLMNPQRSTUV"  # rows wrap at V
    for used in squares.values():
        for a in used:
            for b in used:
                assert abs(columns.index(a[0]) - columns.index(b[0])) <= 1, used
                assert (rows.index(a[1]) - rows.index(b[1])) % 20 in (0, 1, 19), used


def test_line_2_is_a_tactical_vhf_channel_call_sign_and_suffix(records):
    for leg in (leg for record in records for leg in medevac.legs(record)):
        radio, text = leg["radio"], leg["nine_line_text"].split("\n")[1]
        match = RADIO.fullmatch(leg["nine_line"]["call_sign"])
        assert match, leg["nine_line"]["call_sign"]
        khz = int(match[1]) * 1000 + int(match[2])
        assert 30_000 <= khz <= 87_975
        assert khz % 25 == 0
        assert radio == {
            "frequency": f"{match[1]}.{match[2]} MHz",
            "frequency_khz": khz,
            "call_sign": match[3],
            "suffix": match[4],
        }
        assert radio["call_sign"] in medevac_site.CALL_SIGNS
        assert text == f"LINE 2: Radio frequency, call sign and suffix: {match[0]}"


def test_mgrs_letters_follow_the_standard_lettering():
    # Berlin, Brandenburg Gate and Paris (odd zones), Frankfurt am Main (even: rows start at F)
    assert medevac_site.mgrs(33, "U", 389_850, 5_819_550) == "33U UU 89850 19550"
    assert medevac_site.mgrs(31, "U", 452_000, 5_411_000) == "31U DQ 52000 11000"
    assert medevac_site.mgrs(32, "U", 477_000, 5_550_000) == "32U MA 77000 50000"


def test_lines_1_and_2_are_byte_identical_across_runs(records):
    sample = records[:40]
    first = b"".join(medevac.encode_ndjson(iter(sample)))
    again = b"".join(medevac.encode_ndjson(iter(orjson.loads(orjson.dumps(sample)))))
    assert first == again
    assert hashlib.sha256(first).hexdigest() == hashlib.sha256(again).hexdigest()


def test_radio_channels_span_the_band_and_nothing_else():
    khz = {medevac_site.radio(f"front {i}", "R1", "aid station", "p").frequency_khz
           for i in range(40_000)}  # fmt: skip
    assert khz == set(range(30_000, 87_975 + 1, 25))
