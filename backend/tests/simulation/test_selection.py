"""The selection of patients by the list's filters: the API's query declares the same filters,
each selects what it says over records in memory (the CLI's --where), bad values are refused
naming the filter. (The database's selection is held equal to it in
tests/api/test_exports_cards.py.)"""

from __future__ import annotations

from dataclasses import fields
from datetime import date

import pytest

from patientgen.api.patients import PatientSelection
from patientgen.simulation import default_scenario, iter_blocks
from patientgen.simulation.selection import FILTER_NAMES, Selection


def _names(cls: type) -> list[str]:
    return [f.name for f in fields(cls)]


def test_the_api_query_declares_the_same_filters() -> None:
    assert _names(PatientSelection) == _names(Selection)
    assert list(FILTER_NAMES) == _names(Selection)


@pytest.fixture(scope="module")
def records() -> list[dict]:
    return [r for b in iter_blocks(default_scenario(), 600, 11) for r in b.records()]


def test_each_filter_selects_what_it_says(records: list[dict]) -> None:
    day = records[0]["injury_time"][:10]
    reached = [r for r in records if any(e["facility"] == "R2" for e in r["timeline"])]
    assert 0 < len(reached) < len(records)
    assert list(Selection(facility="R2").of(records)) == reached
    assert [r["index"] for r in Selection(index=42).of(records)] == [42]
    on_day = list(Selection(day=date.fromisoformat(day)).of(records))
    assert on_day
    assert all(r["injury_time"].startswith(day) for r in on_day)
    both = [r for r in records if r["triage"] == "T1" and r["final_status"] == "RTD"]
    assert both
    assert list(Selection(triage="T1", final_status="RTD").of(records)) == both
    assert list(Selection().of(records)) == records


def test_parsed_from_name_value_pairs() -> None:
    parsed = Selection.parse(["triage=T2", "day=2030-06-02", "facility=R1", "index=3"])
    assert parsed == Selection(triage="T2", day=date(2030, 6, 2), facility="R1", index=3)
    assert Selection.parse(["front=Rear area"]).front == "Rear area"


@pytest.mark.parametrize(
    ("pair", "named"),
    [
        ("triage=T9", "triage="),
        ("facility=POI", "facility="),
        ("day=2030-13-01", "day="),
        ("index=-1", "index="),
        ("nationality=XXX", "nationality="),
        ("colour=red", "'colour=red'"),
        ("triage", "'triage'"),
    ],
)
def test_a_bad_pair_is_refused_naming_it(pair: str, named: str) -> None:
    with pytest.raises(ValueError, match="^" + named):
        Selection.parse([pair])


def test_a_filter_given_twice_is_refused() -> None:
    with pytest.raises(ValueError, match="triage is given twice"):
        Selection.parse(["triage=T1", "triage=T2"])


def test_an_index_selects_one_block() -> None:
    assert Selection(index=3000).may_hold(2048, 4096)
    assert not Selection(index=3000).may_hold(0, 2048)
    assert not Selection(index=4096).may_hold(2048, 4096)
    assert Selection(triage="T1").may_hold(0, 2048)
