"""The TCCC-style card's body diagram: every body site the model produces has its place, sided
sites on their own side (the patient facing the reader), back sites on the back view."""

from __future__ import annotations

from patientgen.exports.body_diagram import marks
from patientgen.simulation import get_preset, iter_blocks
from patientgen.simulation.presets import PRESETS


def _sites() -> set[str]:
    sites = set()
    for preset in PRESETS:
        for block in iter_blocks(get_preset(preset), 4096, 5):
            for record in block.records():
                sites |= {c["body_site"] for c in record["conditions"] if c.get("body_site")}
    return sites


def test_every_site_the_model_produces_is_marked_inside_its_view() -> None:
    sites = _sites()
    assert len(sites) > 15
    for site in sites:
        placed = marks([{"body_site": site}])
        assert placed, site
        assert all(0 < m["x"] < 1 and 0 < m["y"] < 1 for m in placed), placed


def test_sides_views_and_each_site_once() -> None:
    (right,) = marks([{"body_site": "right upper limb"}])
    (left,) = marks([{"body_site": "left upper limb"}])
    assert right["x"] < 0.5 < left["x"]  # the patient's right on the reader's left
    assert right["y"] == left["y"]
    assert [m["view"] for m in marks([{"body_site": "lower back"}])] == ["back"]
    assert len(marks([{"body_site": "ankle"}])) == 2  # no side given: both
    conditions = [{"body_site": "head"}, {"body_site": None}, {"body_site": "head"}]
    assert [m["site"] for m in marks(conditions)] == ["head"]
    assert marks([{"body_site": "left elbow"}]) == []  # no place: listed in words only
