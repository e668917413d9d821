"""Name pools by sex, for every nation: no given name in both of a nation's pools unless it is a
documented unisex name, and where a language marks sex in the name's ending, the ending agrees.

The ending rules hold for the languages where they are sound; each lists the few real names
that break its rule (borrowed, Biblical or old names) so a new exception is a decision.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

import pytest

from patientgen.simulation import generate_block, get_preset
from patientgen.simulation.reference.names import UNISEX_GIVEN, name_pools
from patientgen.simulation.reference.nations import NATION_CODES


def _pool(nation: str, sex: str, part: str) -> list[str]:
    pools = name_pools()
    k = NATION_CODES.index(nation) * 2 + (sex == "female")
    names = pools.given if part == "given" else pools.family
    off = (pools.given_offset if part == "given" else pools.family_offset)[k]
    size = (pools.given_size if part == "given" else pools.family_size)[k]
    return list(names[off : off + size])


@pytest.mark.parametrize("nation", NATION_CODES)
def test_given_name_pools_are_separated_by_sex(nation: str) -> None:
    male, female = set(_pool(nation, "male", "given")), set(_pool(nation, "female", "given"))
    unisex = UNISEX_GIVEN.get(nation, frozenset())
    assert male & female == male & female & unisex, sorted((male & female) - unisex)
    assert unisex <= male & female  # the allowlist names only names that are in both
    assert len(male) >= 20
    assert len(female) >= 20


def test_the_unisex_allowlist_is_short() -> None:
    assert set(UNISEX_GIVEN) <= set(NATION_CODES)
    assert sum(map(len, UNISEX_GIVEN.values())) <= 30


_SCRIPT = {"BGR": "CYRILLIC", "MKD": "CYRILLIC", "GRC": "GREEK"}


@pytest.mark.parametrize("nation", NATION_CODES)
def test_names_are_written_in_the_nation_s_script(nation: str) -> None:
    script = _SCRIPT.get(nation, "LATIN")
    for sex in ("male", "female"):
        for part in ("given", "family"):
            for name in _pool(nation, sex, part):
                assert all(c.isalpha() or c in " -'" for c in name), (nation, name)
                letters = {unicodedata.name(c).split()[0] for c in name if c.isalpha()}
                assert letters == {script}, (nation, name, letters)


def _ends(*endings: str) -> Callable[[str], bool]:
    return lambda name: name.endswith(endings)


def _not_ends(*endings: str) -> Callable[[str], bool]:
    return lambda name: not name.endswith(endings)


# (nation, sex, part, rule, exceptions): every name of that pool follows the rule or is listed.
ENDINGS = [
    # Lithuanian: men -as/-is/-ys/-us, women -a/-ė; women's surnames -ienė, -aitė, -ytė, -utė
    ("LTU", "male", "given", _ends("s"), set()),
    ("LTU", "female", "given", _ends("a", "ė"), set()),
    ("LTU", "male", "family", _not_ends("ė"), set()),
    ("LTU", "female", "family", _ends("ė"), set()),
    # Latvian: men -s/-š, women -a/-e; surnames the same
    ("LVA", "male", "given", _ends("s", "š"), {"Ivo", "Oto"}),
    ("LVA", "female", "given", _ends("a", "e"), set()),
    ("LVA", "male", "family", _ends("s", "š"), set()),
    ("LVA", "female", "family", _ends("a", "e"), set()),
    # Polish: women's given names end in -a, men's do not; -ski/-ska surnames agree with sex
    ("POL", "male", "given", _not_ends("a"), set()),
    ("POL", "female", "given", _ends("a"), {"Nicole"}),
    ("POL", "male", "family", _not_ends("ska", "cka", "dzka"), set()),
    ("POL", "female", "family", _not_ends("ski", "cki", "dzki"), set()),
    # Czech and Slovak: women's given names end in a vowel, men's seldom in -a; -ová/-á surnames
    ("CZE", "male", "given", _not_ends("a"), {"Vlasta"}),
    ("CZE", "female", "given", _ends("a", "e"), {"Dagmar", "Ester", "Nikol"}),
    ("CZE", "male", "family", _not_ends("ová"), set()),
    ("CZE", "female", "family", _ends("á"), set()),
    ("SVK", "male", "given", _not_ends("a"), {"Atila", "Gejza", "Iľja"}),
    ("SVK", "female", "given", _ends("a", "e"), {"Aiko", "Iris"}),
    ("SVK", "male", "family", _not_ends("ová"), set()),
    ("SVK", "female", "family", _ends("á"), set()),
    # Bulgarian: men's given names seldom end in -а/-я, women's end in a vowel; -ов/-ова surnames
    ("BGR", "male", "given", _not_ends("а", "я"), {"Тома", "Йеремия"}),
    ("BGR", "female", "given", _ends("а", "я", "и", "е", "о"),
     {"Жаклин", "Инан", "Ирин", "Марен", "Полин"}),
    ("BGR", "male", "family", _not_ends("а", "я"), set()),
    ("BGR", "female", "family", _ends("а", "я"), set()),
    # Greek: men's given names end in -ς/-ν (a few Hebrew names are indeclinable), women's in a
    # vowel or -ις; women's surnames never end in -ς
    ("GRC", "male", "given", _ends("ς", "ν"),
     {"Αδάμ", "Δανιήλ", "Εμμανουήλ", "Ισαάκ", "Ιωακείμ", "Ναθαναήλ", "Ραφαήλ", "Σαμουήλ",
      "Σεραφείμ", "Φλοριάντ"}),
    ("GRC", "female", "given", _ends("α", "ά", "η", "ή", "ω", "ώ", "υ", "ις", "ίς", "ϊς"),
     {"Ραχήλ"}),
    ("GRC", "female", "family", _not_ends("ς"), set()),
]  # fmt: skip


@pytest.mark.parametrize(("nation", "sex", "part", "rule", "exceptions"), ENDINGS)
def test_gendered_endings_agree_with_sex(
    nation: str, sex: str, part: str, rule: Callable[[str], bool], exceptions: set[str]
) -> None:
    pool = _pool(nation, sex, part)
    assert exceptions <= set(pool)  # an exception that is not there any more is dropped
    assert [n for n in pool if not rule(n) and n not in exceptions] == []


def test_generated_men_and_women_carry_their_own_names() -> None:
    """On a default-preset sample, no man carries a name of his nation's women's pool only."""
    scenario = get_preset("large_scale_conventional")
    female_only = {
        n: set(_pool(n, "female", "given")) - UNISEX_GIVEN.get(n, frozenset()) for n in NATION_CODES
    }
    male_only = {
        n: set(_pool(n, "male", "given")) - UNISEX_GIVEN.get(n, frozenset()) for n in NATION_CODES
    }
    men = wrong = 0
    for b in range(4):
        for r in generate_block(scenario, 20240601, b, 8192).records():
            d, nation = r["demographics"], r["nationality"]
            own = male_only if d["sex"] == "male" else female_only
            other = female_only if d["sex"] == "male" else male_only
            men += d["sex"] == "male"
            wrong += d["given_name"] in other[nation] or d["given_name"] not in (
                own[nation] | UNISEX_GIVEN.get(nation, frozenset())
            )
    assert men > 5000
    assert wrong == 0
