"""Build the per-nation name pools checked in under simulation/data/names.json.

Run once (Faker is a dev-only dependency; the generator never calls Faker):

    .venv/bin/python scripts/build_name_pools.py

Each NATO nation gets given and family names per sex, sampled from the Faker locales
listed in LOCALES and de-duplicated. Nations without a Faker locale use a curated list
(Albania) or the closest locale (Montenegro -> hr_HR); docs/simulation.md records this.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

from faker import Faker

OUT = Path(__file__).resolve().parents[1] / "src/patientgen/simulation/data/names.json"
DRAWS = 4000  # draws per pool before de-duplication
CAP = 250  # names kept per pool; enough variety, small file

# nation -> Faker locales whose names are pooled (first locale dominates nothing: pools
# are unions, so a bilingual nation gets both languages' names).
LOCALES: dict[str, list[str]] = {
    "BEL": ["nl_BE", "fr_BE"],
    "BGR": ["bg_BG"],
    "CAN": ["en_CA", "fr_CA"],
    "HRV": ["hr_HR"],
    "CZE": ["cs_CZ"],
    "DNK": ["da_DK"],
    "EST": ["et_EE"],
    "FIN": ["fi_FI"],
    "FRA": ["fr_FR"],
    "DEU": ["de_DE"],
    "GRC": ["el_GR"],
    "HUN": ["hu_HU"],
    "ISL": ["is_IS"],
    "ITA": ["it_IT"],
    "LVA": ["lv_LV"],
    "LTU": ["lt_LT"],
    "LUX": ["de_LU", "fr_FR"],
    "MNE": ["hr_HR"],  # no Montenegrin locale: closest Latin-script South Slavic one
    "NLD": ["nl_NL"],
    "MKD": ["mk_MK"],
    "NOR": ["no_NO"],
    "POL": ["pl_PL"],
    "PRT": ["pt_PT"],
    "ROU": ["ro_RO"],
    "SVK": ["sk_SK"],
    "SVN": ["sl_SI"],
    "ESP": ["es_ES"],
    "SWE": ["sv_SE"],
    "TUR": ["tr_TR"],
    "GBR": ["en_GB"],
    "USA": ["en_US"],
}

# Faker has no Albanian locale; a curated list of common Albanian names instead.
ALBANIAN = {
    "male_given": [
        "Agron",
        "Altin",
        "Arben",
        "Ardit",
        "Arjan",
        "Artan",
        "Bardhyl",
        "Besnik",
        "Blendi",
        "Blerim",
        "Dritan",
        "Edmond",
        "Elton",
        "Endrit",
        "Erion",
        "Ermal",
        "Fatmir",
        "Flamur",
        "Gazmend",
        "Genc",
        "Gentian",
        "Ilir",
        "Klodian",
        "Kujtim",
        "Ledion",
        "Luan",
        "Marsel",
        "Mentor",
        "Olsi",
        "Petrit",
        "Redon",
        "Sokol",
        "Taulant",
        "Valon",
        "Xhevdet",
        "Ylli",
    ],
    "female_given": [
        "Alketa",
        "Anila",
        "Arta",
        "Blerina",
        "Brikena",
        "Dorina",
        "Elira",
        "Elona",
        "Enkeleda",
        "Entela",
        "Ermira",
        "Fatjona",
        "Flutura",
        "Jonida",
        "Klea",
        "Lindita",
        "Majlinda",
        "Mimoza",
        "Orjada",
        "Rudina",
        "Suela",
        "Teuta",
        "Valbona",
        "Vjollca",
    ],
    "family": [
        "Basha",
        "Berisha",
        "Bushati",
        "Çela",
        "Dervishi",
        "Dibra",
        "Dushku",
        "Gashi",
        "Gjoni",
        "Hoxha",
        "Hysa",
        "Kastrati",
        "Koci",
        "Kola",
        "Krasniqi",
        "Leka",
        "Llazi",
        "Marku",
        "Mema",
        "Meta",
        "Muça",
        "Prifti",
        "Rama",
        "Shehu",
        "Sula",
        "Tafa",
        "Topalli",
        "Xhafa",
        "Zeqiri",
        "Zhupa",
    ],
}


def _pool(fakers: list[Faker], method: str) -> list[str]:
    seen: set[str] = set()
    for i in range(DRAWS):
        name = getattr(fakers[i % len(fakers)], method)()
        seen.add(name.strip())
    names = sorted(seen)
    # a seeded random subset, not the alphabetical head, so pools span A to Z
    return sorted(random.Random(method).sample(names, min(CAP, len(names))))


def build() -> dict[str, dict]:
    out: dict[str, dict] = {
        "ALB": {
            "source": "curated (no Faker locale)",
            "male": {"given": ALBANIAN["male_given"], "family": ALBANIAN["family"]},
            "female": {"given": ALBANIAN["female_given"], "family": ALBANIAN["family"]},
        }
    }
    for nation, locales in LOCALES.items():
        fakers = []
        for j, loc in enumerate(locales):
            f = Faker(loc)
            f.seed_instance(1000 + j)
            fakers.append(f)
        out[nation] = {
            "source": "faker:" + ",".join(locales),
            "male": {
                "given": _pool(fakers, "first_name_male"),
                "family": _pool(fakers, "last_name_male"),
            },
            "female": {
                "given": _pool(fakers, "first_name_female"),
                "family": _pool(fakers, "last_name_female"),
            },
        }
    return dict(sorted(out.items()))


def main() -> None:
    data = build()
    OUT.write_text(json.dumps(data, ensure_ascii=False, indent=0, sort_keys=True) + "\n")
    sizes = {k: len(v["male"]["given"]) for k, v in data.items()}
    print(f"wrote {OUT} ({len(data)} nations); male given-name pool sizes: {sizes}")


if __name__ == "__main__":
    main()
