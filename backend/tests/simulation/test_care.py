"""Body sites and procedures follow the condition (issue 13): a secondary condition sits where
its own mechanism reaches, and surgery is done only on the region injured.

On these 24,576 patients of the default preset (seed 20240601), before this rule: 598 of 1,369
concussions sat off the head (on a limb, the abdomen, the thorax, an ear), 118 of 258
craniotomies and 412 of 983 CT scans of the brain had no head condition, 31 of 419 laparotomies
no abdominal wound (24 of them for abdominal burns), and 71 disease patients other than severe
pneumonia were artificially ventilated. After: none of these; 105 craniotomies, 388 laparotomies.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from simsupport import SEED

from patientgen.simulation import Scenario, iter_blocks
from patientgen.simulation.care import body_site
from patientgen.simulation.enums import REGIONS
from patientgen.simulation.reference.conditions import CONDITIONS
from patientgen.simulation.reference.procedures import PROCEDURES

_CODE = {c.key: c.code for c in CONDITIONS}
BRAIN = {_CODE[k] for k in ("tbi", "tbi_loc", "tbi_no_loc", "concussion")}
SEVERE_BRAIN = {_CODE[k] for k in ("tbi", "tbi_loc")}
CHEST = {_CODE[k] for k in ("pneumothorax", "tension_pneumothorax", "haemothorax")}
SYSTEMIC = {_CODE[k] for k in ("haemorrhagic_shock", "multiple_injuries")}
PENETRATING = {_CODE[k] for k in ("bullet_wound", "open_wound")}
PROC = {k: code for k, (code, _) in PROCEDURES.items()}
# procedures that treat injuries, never a disease
TRAUMA = {PROC[k] for k in ("tourniquet", "pressure", "airway", "intubation", "transfusion",
                            "chest_drain", "laparotomy", "amputation", "reduce_open_fracture",
                            "orif", "orif_femur", "ct_brain", "craniotomy", "skin_graft",
                            "foreign_body", "wound_drainage", "spinal_decompression",
                            "postop")}  # fmt: skip


@pytest.fixture(scope="module")
def records(default: Scenario) -> list[dict[str, Any]]:
    out = [r for block in iter_blocks(default, 24_576, SEED) for r in block.records()]
    assert len(out) >= 20_000
    return out


def test_sited_conditions_ignore_the_wound_s_region() -> None:
    for i, c in enumerate(CONDITIONS):
        for region in range(-1, len(REGIONS)):
            site = body_site(i, region, left=True)
            if c.site_rule == "systemic":
                assert site is None, c.key
            elif c.site_rule == "own":
                assert site == c.site, (c.key, REGIONS[region] if region >= 0 else None)


def test_a_secondary_condition_takes_its_own_body_site(records: list[dict[str, Any]]) -> None:
    seen: Counter[str] = Counter()
    for r in records:
        for i, c in enumerate(r["conditions"]):
            if c["code"] in BRAIN:
                assert c["body_site"] == "head", (r["index"], r["conditions"])
                seen["secondary brain, primary elsewhere"] += i == 1 and (
                    r["conditions"][0]["body_site"] != "head"
                )
            if c["code"] in CHEST:
                assert c["body_site"] == "thorax", (r["index"], r["conditions"])
            if c["code"] in SYSTEMIC:
                assert c["body_site"] is None, (r["index"], r["conditions"])
                seen["systemic"] += 1
    # the rule is exercised: blast wounds elsewhere with a concussion, shock, multiple injuries
    assert seen["secondary brain, primary elsewhere"] > 200, seen
    assert seen["systemic"] > 500, seen


def test_surgery_only_for_the_region_injured(records: list[dict[str, Any]]) -> None:
    done: Counter[str] = Counter()
    for r in records:
        procs = {t["code"] for t in r["treatments"]}
        sites = {(c["code"], c["body_site"]) for c in r["conditions"]}
        brain = {code for code, site in sites if site == "head"} & BRAIN
        if PROC["ct_brain"] in procs:
            done["ct_brain"] += 1
            assert brain, (r["index"], r["conditions"])
        if PROC["craniotomy"] in procs:
            done["craniotomy"] += 1
            assert brain & SEVERE_BRAIN, (r["index"], r["conditions"])
        if PROC["laparotomy"] in procs:
            done["laparotomy"] += 1
            assert any(code in PENETRATING and site == "abdomen" for code, site in sites), (
                r["index"],
                r["conditions"],
            )
        if PROC["chest_drain"] in procs:
            done["chest_drain"] += 1
            assert {code for code, site in sites if site == "thorax"} & CHEST, r["index"]
    assert done["ct_brain"] > 400, done
    assert done["craniotomy"] > 40, done
    assert done["laparotomy"] > 150, done
    assert done["chest_drain"] > 50, done


def test_no_trauma_procedures_for_disease(records: list[dict[str, Any]]) -> None:
    disease = [r for r in records if r["injury_type"] == "DISEASE"]
    assert len(disease) > 5000
    for r in disease:
        procs = {t["code"] for t in r["treatments"]}
        assert not procs & TRAUMA, (r["index"], r["conditions"], procs & TRAUMA)
        if PROC["ventilation"] in procs:
            assert r["conditions"][0]["code"] == _CODE["pneumonia"], r["conditions"]
