"""Closed vocabularies shared by the scenario model, the generator and the records.

The integer position of each member is the code stored in PatientBlock's columnar arrays,
so the order here is part of the block format: append, never reorder.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal, get_args


class InjuryType(StrEnum):
    DISEASE = "DISEASE"
    NON_BATTLE_INJURY = "NON_BATTLE_INJURY"
    BATTLE_INJURY = "BATTLE_INJURY"


class Triage(StrEnum):
    T1 = "T1"
    T2 = "T2"
    T3 = "T3"
    T4 = "T4"


class Role(StrEnum):
    POI = "POI"
    R1 = "R1"
    R2 = "R2"
    R3 = "R3"
    R4 = "R4"


class FinalStatus(StrEnum):
    RTD = "RTD"
    KIA = "KIA"
    DOW = "DOW"
    EVACUATED = "EVACUATED"


class WarfareType(StrEnum):
    CONVENTIONAL = "conventional"
    ARTILLERY = "artillery"
    URBAN = "urban"
    GUERRILLA = "guerrilla"
    DRONE = "drone"
    NAVAL = "naval"
    CBRN = "cbrn"
    PEACEKEEPING = "peacekeeping"


class Tempo(StrEnum):
    SUSTAINED = "sustained"
    ESCALATING = "escalating"
    SURGE = "surge"
    DECLINING = "declining"
    INTERMITTENT = "intermittent"


class EventKind(StrEnum):
    MASS_CASUALTY = "mass_casualty"
    MAJOR_OFFENSIVE = "major_offensive"
    AMBUSH = "ambush"


class Environment(StrEnum):
    RAIN = "rain"
    FOG = "fog"
    STORM = "storm"
    EXTREME_HEAT = "extreme_heat"
    EXTREME_COLD = "extreme_cold"
    DUST = "dust"
    NIGHT = "night"
    MOUNTAIN = "mountain"
    URBAN_RUBBLE = "urban_rubble"


class Mechanism(StrEnum):
    EXPLOSIVE = "explosive"
    GUNSHOT = "gunshot"
    BURN = "burn"
    BLUNT = "blunt"


class Region(StrEnum):
    """Body regions of battle wounds, after Owens et al. 2008."""

    UPPER_LIMB = "upper limb"
    LOWER_LIMB = "lower limb"
    HEAD = "head"
    EYE = "eye"
    EAR = "ear"
    FACE = "face"
    NECK = "neck"
    THORAX = "thorax"
    ABDOMEN = "abdomen"


INJURY_TYPES = list(InjuryType)
TRIAGES = list(Triage)
ROLES = list(Role)
FINAL_STATUSES = list(FinalStatus)
WARFARE_TYPES = list(WarfareType)
EVENT_KINDS = list(EventKind)
MECHANISMS = list(Mechanism)
REGIONS = list(Region)


def code(member: StrEnum) -> int:
    """A member's integer code in block columns: its position in its enum."""
    return list(type(member)).index(member)


# Severity bands, coded by position; the band of each triage category: T1 and T4 severe, T2
# moderate, T3 mild.
Severity = Literal["severe", "moderate", "mild"]
SEVERITIES: tuple[str, ...] = get_args(Severity)
_TRIAGE_SEVERITY = {Triage.T1: "severe", Triage.T2: "moderate", Triage.T3: "mild",
                    Triage.T4: "severe"}  # fmt: skip
TRIAGE_BAND = tuple(SEVERITIES.index(_TRIAGE_SEVERITY[t]) for t in Triage)
