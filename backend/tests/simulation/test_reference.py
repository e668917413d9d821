"""Reference data: nations, names, ranks, blood groups, codes, JSON-able accessors."""

from __future__ import annotations

import json
import re

from patientgen.simulation import (
    list_conditions,
    list_environment,
    list_facilities,
    list_nations,
    list_presets,
    list_procedures,
    list_vitals,
    list_warfare_types,
)
from patientgen.simulation.reference.names import name_pools
from patientgen.simulation.reference.nations import NATION_CODES
from patientgen.simulation.reference.ranks import nations_with_titles

NATO = [
    "ALB",
    "BEL",
    "BGR",
    "CAN",
    "HRV",
    "CZE",
    "DNK",
    "EST",
    "FIN",
    "FRA",
    "DEU",
    "GRC",
    "HUN",
    "ISL",
    "ITA",
    "LVA",
    "LTU",
    "LUX",
    "MNE",
    "NLD",
    "MKD",
    "NOR",
    "POL",
    "PRT",
    "ROU",
    "SVK",
    "SVN",
    "ESP",
    "SWE",
    "TUR",
    "GBR",
    "USA",
]
VERIFIED_SNOMED = {
    "262574004", "262595009", "397181002", "125643001", "125666000", "403191005", "403192003",
    "127295002", "127298000", "127302008", "110030002", "36118008", "233645004", "31892009",
    "355001", "71620000", "1734006", "262519004", "125667009", "370247008", "25374005",
    "62315008", "54150009", "233604007", "10509002", "44465007", "279039007", "128045006",
    "34095006", "47505003",
}  # fmt: skip
# Procedure codes and where each was checked (docs/simulation.md, "Treatments"): the EMS
# quality-measure value set for haemorrhage control and the artificial airway, SNOMED
# International's IPS free set for the rest.
VERIFIED_PROCEDURES = {
    "ems value set": {"20655006", "447686008", "426153007"},
    "ips free set": {
        "23674004", "386340006", "116859006", "264957007", "86481000", "397117006", "122471009",
        "20701002", "57470004", "363680008", "34227000", "25353009", "40617009", "304040003",
        "10849003", "177694006", "18949003", "278414003", "225886003", "15220000", "284181007",
        "10197000", "10836008", "133899007", "91251008", "52052004",
    },
}  # fmt: skip
VERIFIED_LOINC = {"8867-4", "9279-1", "8480-6", "8462-4", "8310-5", "59408-5", "9269-2"}


def test_all_32_nato_nations() -> None:
    assert sorted(NATION_CODES) == sorted(NATO)
    nations = list_nations()
    assert len(nations) == 32
    for n in nations:
        assert abs(sum(n["blood_types"].values()) - 100) <= 1  # published figures are rounded
        assert n["service_number_format"]


def test_name_pools_per_nation_and_sex() -> None:
    pools = name_pools()
    assert len(pools.given_size) == 64
    assert (pools.given_size >= 20).all()
    assert (pools.family_size >= 20).all()
    # Czech women carry the feminine surname forms (-ová) the Faker locale provides
    cze_f = NATION_CODES.index("CZE") * 2 + 1
    fam = pools.family[pools.family_offset[cze_f] : pools.family_offset[cze_f] + 50]
    assert sum(f.endswith(("ová", "á")) for f in fam) > 40


def test_rank_titles_for_ten_largest_contributors() -> None:
    assert len(nations_with_titles()) >= 10
    usa = next(n for n in list_nations() if n["code"] == "USA")
    assert usa["ranks"]["OF-2"] == "Captain"


def test_only_verified_condition_and_vital_codes() -> None:
    assert {c["code"] for c in list_conditions()} <= VERIFIED_SNOMED
    assert {v["code"] for v in list_vitals()} == VERIFIED_LOINC
    assert all(re.fullmatch(r"\d{6,9}", p["code"]) for p in list_procedures())


def test_only_verified_procedure_codes_each_with_its_source() -> None:
    verified = set().union(*VERIFIED_PROCEDURES.values())
    assert {p["code"] for p in list_procedures()} == verified
    assert len(verified) == sum(len(codes) for codes in VERIFIED_PROCEDURES.values())


def test_accessors_are_json_able() -> None:
    for data in (list_nations(), list_conditions(), list_facilities(), list_warfare_types(),
                 list_presets(), list_procedures(), list_vitals(), list_environment()):  # fmt: skip
        assert data
        json.dumps(data)
    assert [f["role"] for f in list_facilities()] == ["POI", "R1", "R2", "R3", "R4"]
    assert len(list_warfare_types()) == 8
