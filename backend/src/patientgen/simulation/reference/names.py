"""Name pools: loaded once from the checked-in names.json into flat arrays.

Pools are addressed by (nation index, sex): ``offset[k] + floor(u * size[k])`` picks a
name, so sampling is one vectorised gather for a whole block.

A nation's given-name pools are separated by sex: a name is in both only if it is listed in
``UNISEX_GIVEN``, names that nation really gives to men and women alike (checked by
tests/simulation/test_names.py, kept so by scripts/build_name_pools.py).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np

from patientgen.simulation.reference.nations import NATION_CODES

UNISEX_GIVEN: dict[str, frozenset[str]] = {
    "BEL": frozenset({"Camille", "Claude", "Jessy"}),
    "CAN": frozenset({"Alex", "Alexis", "Angel", "Jaime", "Jamie", "Jean", "Kelly", "Tracy"}),
    "CZE": frozenset({"Vlasta"}),
    "NLD": frozenset({"Robin", "Sam", "Senna"}),
    "SVN": frozenset({"Saša"}),
    "SWE": frozenset({"Kim"}),
    "TUR": frozenset({"Günver", "Kader", "Ünsever"}),
    "USA": frozenset(
        {"Alexis", "Angel", "Jamie", "Jordan", "Kerry", "Shannon", "Taylor", "Terry", "Tracy"}
    ),
}


@dataclass(frozen=True, slots=True)
class NamePools:
    given: tuple[str, ...]
    family: tuple[str, ...]
    given_offset: np.ndarray  # shape (n_nations * 2,), key = nation * 2 + sex (0 m, 1 f)
    given_size: np.ndarray
    family_offset: np.ndarray
    family_size: np.ndarray
    source: dict[str, str]


@cache
def name_pools() -> NamePools:
    raw = json.loads(
        resources.files("patientgen.simulation.data").joinpath("names.json").read_text("utf-8")
    )
    given: list[str] = []
    family: list[str] = []
    g_off, g_size, f_off, f_size = [], [], [], []
    for code in NATION_CODES:
        for sex in ("male", "female"):
            pool = raw[code][sex]
            g_off.append(len(given))
            g_size.append(len(pool["given"]))
            given.extend(pool["given"])
            f_off.append(len(family))
            f_size.append(len(pool["family"]))
            family.extend(pool["family"])
    return NamePools(
        tuple(given),
        tuple(family),
        np.array(g_off, dtype=np.int64),
        np.array(g_size, dtype=np.int64),
        np.array(f_off, dtype=np.int64),
        np.array(f_size, dtype=np.int64),
        {code: raw[code]["source"] for code in NATION_CODES},
    )
