"""Build the per-nation name pools checked in under simulation/data/names.json.

Run once (Faker is a dev-only dependency; the generator never calls Faker):

    .venv/bin/python scripts/build_name_pools.py

Each NATO nation gets given and family names per sex, sampled from the Faker locales
listed in LOCALES and de-duplicated. Nations without a Faker locale use a curated list
(Albania) or the closest locale (Montenegro -> hr_HR); Lithuania's locale gives both sexes
one given-name list and men's surnames only, so it is curated here too. Some locales put a
few names in the other sex's pool or carry misspellings: CORRECTIONS moves, drops or fixes
them, so a name sits in both pools of a nation only if it is in UNISEX_GIVEN
(reference/names.py). tests/simulation/test_names.py checks every nation's pools by sex;
docs/simulation.md records all of this.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

from faker import Faker

from patientgen.simulation.reference.names import UNISEX_GIVEN

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


def _words(text: str) -> list[str]:
    return text.split()


# Lithuanian given names are gendered by their ending (men -as/-is/-ys/-us, women -a/-ė);
# common names of adults of service age, curated here.
LITHUANIAN = {
    "male_given": _words("""
        Adomas Aidas Aistis Aivaras Algimantas Algirdas Andrius Antanas Arnas Arnoldas
        Artūras Arūnas Arvydas Audrius Augustas Aurimas Benas Dainius Danielius Darius
        Deividas Domantas Dominykas Donatas Dovydas Edgaras Edmundas Edvinas Egidijus Eimantas
        Eligijus Emilis Erikas Ernestas Evaldas Gabrielius Gediminas Giedrius Gintaras
        Gintautas Gytis Ignas Irmantas Jokūbas Jonas Julius Juozas Jurgis Justas Justinas
        Kajus Karolis Kazimieras Kęstutis Kornelijus Kristupas Laurynas Linas Lukas Mantas
        Marius Martynas Matas Mindaugas Modestas Nerijus Nojus Paulius Petras Povilas
        Raimondas Ramūnas Ričardas Rimantas Rimvydas Robertas Rokas Rolandas Rytis Saulius
        Sigitas Simonas Šarūnas Tadas Tautvydas Titas Tomas Vaidas Vaidotas Valdas Valentinas
        Vidmantas Vilius Virgilijus Vygantas Vytautas Žilvinas Žygimantas Ąžuolas"""),
    "female_given": _words("""
        Agnė Agota Aistė Akvilė Asta Aurelija Aušra Austėja Brigita Daiva Dalia
        Danguolė Deimantė Diana Dovilė Edita Eglė Eimantė Elena Emilija Erika Ernesta Evelina
        Gabija Gabrielė Giedrė Gintarė Goda Greta Ieva Ignė Indrė Inga Ingrida Irena Jolanta
        Jovita Jūratė Jurgita Justė Justina Kamilė Karolina Kornelija Kotryna Kristina Laima
        Laura Lėja Liepa Lina Livija Loreta Margarita Marija Miglė Milda Modesta Monika
        Neringa Nijolė Odeta Ona Paulina Raminta Ramunė Rasa Regina Renata Rima Rita Roberta
        Rugilė Rūta Sandra Sigita Simona Skaistė Snieguolė Sonata Ugnė Urtė Vaida Vaiva
        Viktorija Vilma Vita Vitalija Vytautė Žaneta Živilė"""),
    # men's forms; women's are derived by rule (_lithuanian_female)
    "family": _words("""
        Adomaitis Ambrasas Bagdonas Balčiūnas Baranauskas Brazauskas Butkus Dambrauskas
        Gaidys Gailius Gaižauskas Galdikas Grigas Grinius Gudaitis Jankauskas Jasaitis
        Jonaitis Juodis Kairys Kalvaitis Kaminskas Kaupas Kavaliauskas Kazakevičius Kazlauskas
        Kiška Kriščiūnas Kučinskas Lukošius Markevičius Mikalauskas Mockus Naujokas Nausėda
        Navickas Norkus Paulauskas Petraitis Petrauskas Pocius Poška Povilonis Ramanauskas
        Rimkus Sakalauskas Savickas Stankevičius Stonkus Šimkus Šukys Tamošiūnas
        Urbonavičius Urbonas Vaitkus Valentinavičius Vasiliauskas Žilinskas Žukauskas"""),
}


def _lithuanian_female(surname: str) -> list[str]:
    """A man's surname in its two women's forms: married (-ienė) and unmarried (-aitė …)."""
    for ending, maiden in (("ius", "iūtė"), ("as", "aitė"), ("is", "ytė"), ("ys", "ytė"),
                           ("us", "utė"), ("a", "aitė")):  # fmt: skip
        if surname.endswith(ending):
            stem = surname[: -len(ending)]
            return [stem + "ienė", stem + maiden]
    raise ValueError(f"no Lithuanian women's form for {surname!r}")


# Per nation, after sampling: names a locale put in the wrong sex's pool (moved), entries that
# are not names or whose sex we could not establish (dropped), and misspellings (fixed).
CORRECTIONS: dict[str, dict[str, object]] = {
    "BGR": {
        "female_given": set(
            _words("""Акашия Аксинтия Вилизара Гвардиана Диамантина Каталинка Кинта Лусия
                Маритна Персиана Петрана Рогена Роска Христиела""")
        ),
        "female_family": {"Докова", "Младенова", "Пеева", "Пройкова"},
        "drop": {"Диван(надядоДианидядоИван)", "Анхея-мей", "Сифоня", "Яшка"},
        "fix": {"Васовa": "Васова"},  # a Latin "a" at the end
    },
    "DEU": {"drop": {"Klaus-D."}},  # an abbreviation
    "DNK": {"male_given": {"Jean"}},
    "ESP": {"female_given": {"Guiomar", "Nazaret", "Trinidad"}},
    "GRC": {"female_given": {"Ραχήλ"}},
    "HRV": {"male_given": {"Matija"}},
    "MNE": {"male_given": {"Matija"}},
    "NLD": {"fix": {"Werl-Arnsberg, van": "van Werl-Arnsberg"}},
    "SWE": {"male_given": {"Hassan", "Ibrahim"}},
    "TUR": {"fix": {"N˜zamett˜n": "Nizamettin"}},
}


def _correct(nation: str, entry: dict) -> dict:
    rules = CORRECTIONS.get(nation, {})
    fix: dict[str, str] = rules.get("fix", {})  # type: ignore[assignment]
    drop: set[str] = rules.get("drop", set())  # type: ignore[assignment]
    for part in ("given", "family"):
        to_f: set[str] = rules.get(f"female_{part}", set())  # type: ignore[assignment]
        to_m: set[str] = rules.get(f"male_{part}", set())  # type: ignore[assignment]
        names = {
            sex: {fix.get(n, n) for n in entry[sex][part] if n not in drop}
            for sex in ("male", "female")
        }
        everyone = names["male"] | names["female"]
        male = (names["male"] - to_f) | (everyone & to_m)
        female = (names["female"] - to_m) | (everyone & to_f)
        if part == "given":
            both = male & female - UNISEX_GIVEN.get(nation, frozenset())
            if both:
                raise ValueError(f"{nation}: in both given-name pools: {sorted(both)}")
        entry["male"][part], entry["female"][part] = sorted(male), sorted(female)
    return entry


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
        },
        "LTU": {
            "source": "curated (Faker's lt_LT mixes the sexes)",
            "male": {
                "given": sorted(LITHUANIAN["male_given"]),
                "family": sorted(LITHUANIAN["family"]),
            },
            "female": {
                "given": sorted(LITHUANIAN["female_given"]),
                "family": sorted(f for m in LITHUANIAN["family"] for f in _lithuanian_female(m)),
            },
        },
    }
    for nation, locales in LOCALES.items():
        fakers = []
        for j, loc in enumerate(locales):
            f = Faker(loc)
            f.seed_instance(1000 + j)
            fakers.append(f)
        out[nation] = _correct(
            nation,
            {
                "source": "faker:" + ",".join(locales),
                "male": {
                    "given": _pool(fakers, "first_name_male"),
                    "family": _pool(fakers, "last_name_male"),
                },
                "female": {
                    "given": _pool(fakers, "first_name_female"),
                    "family": _pool(fakers, "last_name_female"),
                },
            },
        )
    return dict(sorted(out.items()))


def main() -> None:
    data = build()
    OUT.write_text(json.dumps(data, ensure_ascii=False, indent=0, sort_keys=True) + "\n")
    sizes = {k: len(v["male"]["given"]) for k, v in data.items()}
    print(f"wrote {OUT} ({len(data)} nations); male given-name pool sizes: {sizes}")


if __name__ == "__main__":
    main()
