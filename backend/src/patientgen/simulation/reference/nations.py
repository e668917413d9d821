"""The 32 NATO nations: names, blood groups, women's share, service-number formats.

Blood groups: USA, DEU, FRA and POL from the table in shared/domain.md; GBR from NHS Blood
and Transplant's published split; every other nation uses EUROPEAN_AVERAGE (documented in
docs/simulation.md). Service-number formats imitate the length and grouping of national
identifiers; the numbers are synthetic and carry no check digits.

Format tokens: ``#`` a digit, ``A`` an upper-case letter, ``{dob}`` the birth date as
DDMMYY, ``{fi}`` the first letter of the family name (German Personenkennziffer style).
"""

from __future__ import annotations

from dataclasses import dataclass

# O+, A+, B+, AB+, O-, A-, B-, AB-
BLOOD_TYPES = ("O+", "A+", "B+", "AB+", "O-", "A-", "B-", "AB-")
EUROPEAN_AVERAGE = (35, 36, 10, 4, 6, 6, 2, 1)

_BLOOD: dict[str, tuple[int, ...]] = {
    "USA": (38, 34, 9, 3, 7, 6, 2, 1),
    "DEU": (35, 37, 9, 4, 6, 6, 2, 1),
    "FRA": (36, 38, 8, 3, 6, 7, 1, 1),
    "POL": (31, 32, 15, 7, 6, 6, 2, 1),
    "GBR": (35, 30, 8, 2, 13, 8, 2, 1),
}


@dataclass(frozen=True, slots=True)
class Nation:
    code: str
    name: str
    female_share: float  # approximate share of women in the armed forces
    service_number: str
    blood: tuple[int, ...]
    blood_source: str


def _n(code: str, name: str, female: float, svc: str) -> Nation:
    blood = _BLOOD.get(code, EUROPEAN_AVERAGE)
    source = "domain.md / national blood service" if code in _BLOOD else "European average"
    return Nation(code, name, female, svc, blood, source)


NATIONS: tuple[Nation, ...] = (
    _n("ALB", "Albania", 0.10, "AL-######"),
    _n("BEL", "Belgium", 0.09, "#######"),
    _n("BGR", "Bulgaria", 0.15, "##########"),
    _n("CAN", "Canada", 0.16, "A##-###-###"),
    _n("HRV", "Croatia", 0.12, "#########"),
    _n("CZE", "Czechia", 0.13, "######/####"),
    _n("DNK", "Denmark", 0.08, "######-####"),
    _n("EST", "Estonia", 0.10, "###########"),
    _n("FIN", "Finland", 0.03, "######A###A"),
    _n("FRA", "France", 0.16, "##########"),
    _n("DEU", "Germany", 0.13, "{dob}-{fi}-#####"),
    _n("GRC", "Greece", 0.13, "AA######"),
    _n("HUN", "Hungary", 0.20, "AA######"),
    _n("ISL", "Iceland", 0.10, "######-####"),
    _n("ITA", "Italy", 0.07, "AA#######"),
    _n("LVA", "Latvia", 0.16, "######-#####"),
    _n("LTU", "Lithuania", 0.12, "###########"),
    _n("LUX", "Luxembourg", 0.07, "####-####"),
    _n("MNE", "Montenegro", 0.10, "#############"),
    _n("NLD", "Netherlands", 0.10, "########"),
    _n("MKD", "North Macedonia", 0.10, "#############"),
    _n("NOR", "Norway", 0.15, "###########"),
    _n("POL", "Poland", 0.08, "AA-#######"),
    _n("PRT", "Portugal", 0.12, "########"),
    _n("ROU", "Romania", 0.07, "#############"),
    _n("SVK", "Slovakia", 0.11, "######/####"),
    _n("SVN", "Slovenia", 0.17, "#######"),
    _n("ESP", "Spain", 0.13, "########A"),
    _n("SWE", "Sweden", 0.10, "########-####"),
    _n("TUR", "Türkiye", 0.03, "###########"),
    _n("GBR", "United Kingdom", 0.11, "########"),
    _n("USA", "United States", 0.17, "##########"),
)

NATION_CODES: tuple[str, ...] = tuple(n.code for n in NATIONS)
NATION_INDEX: dict[str, int] = {c: i for i, c in enumerate(NATION_CODES)}
