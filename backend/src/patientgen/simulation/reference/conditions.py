"""Condition catalogue (SNOMED CT) and the rules that pick conditions per casualty.

Only the codes verified in shared/domain.md are used. Heat illness has no verified code
(public sources disagree on it), so heat casualties are coded as dehydration 34095006
with a raised body temperature; see docs/simulation.md.

Battle wounds are chosen per (mechanism, body region, severity band); DNBI per
(injury type, severity band). Weights are relative; rows are normalised when compiled.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from patientgen.simulation.enums import SEVERITIES, InjuryType, Mechanism, Region

# Where a condition sits (care.body_site):
# - "wound": at the wound's body region (battle), else at the condition's own ``site`` (DNBI);
# - "own": always at its own ``site``, whatever the wound's region: its mechanism reaches one
#   organ only (a concussion or brain injury is the head, a pneumothorax or haemothorax the
#   thorax), so a secondary concussion of a blast wound to a leg sits on the head;
# - "systemic": no body site (haemorrhagic shock, multiple injuries).
SiteRule = Literal["wound", "own", "systemic"]


@dataclass(frozen=True, slots=True)
class Condition:
    key: str
    code: str
    display: str
    injury_types: tuple[InjuryType, ...]
    site: str | None = None  # the condition's own site (DNBI, and the "own" rule)
    site_rule: SiteRule = "wound"


_B = (InjuryType.BATTLE_INJURY,)
_BN = (InjuryType.BATTLE_INJURY, InjuryType.NON_BATTLE_INJURY)
_N = (InjuryType.NON_BATTLE_INJURY,)
_D = (InjuryType.DISEASE,)

CONDITIONS: tuple[Condition, ...] = (
    Condition("bullet_wound", "262574004", "Bullet wound", _B),
    Condition("amputation", "262595009", "Traumatic amputation", _B),
    Condition("open_fracture", "397181002", "Open fracture", _BN, "lower limb"),
    Condition("open_wound", "125643001", "Open wound", _BN, "upper limb"),
    Condition("burn", "125666000", "Burn", _BN, "upper limb"),
    Condition("burn_2", "403191005", "Second degree burn", _B),
    Condition("burn_3", "403192003", "Third degree burn", _B),
    Condition("tbi", "127295002", "Traumatic brain injury", _B, "head", "own"),
    Condition(
        "tbi_loc",
        "127298000",
        "Traumatic brain injury with loss of consciousness",
        _B,
        "head",
        "own",
    ),
    Condition(
        "tbi_no_loc",
        "127302008",
        "Traumatic brain injury without loss of consciousness",
        _B,
        "head",
        "own",
    ),
    Condition("concussion", "110030002", "Concussion injury of brain", _BN, "head", "own"),
    Condition("pneumothorax", "36118008", "Pneumothorax", _B, "thorax", "own"),
    Condition("tension_pneumothorax", "233645004", "Tension pneumothorax", _B, "thorax", "own"),
    Condition("haemothorax", "31892009", "Haemothorax", _B, "thorax", "own"),
    Condition("haemorrhagic_shock", "355001", "Haemorrhagic shock", _B, site_rule="systemic"),
    Condition("femur_fracture", "71620000", "Fracture of femur", _BN, "lower limb"),
    Condition(
        "vertebral_cord",
        "1734006",
        "Fracture of vertebral column with spinal cord injury",
        _BN,
        "spine",
    ),
    Condition("multiple_injuries", "262519004", "Multiple injuries", _B, site_rule="systemic"),
    Condition("contusion", "125667009", "Contusion", _BN, "lower limb"),
    Condition("facial_laceration", "370247008", "Facial laceration", _BN, "face"),
    Condition("gastroenteritis", "25374005", "Gastroenteritis", _D, "gastrointestinal tract"),
    Condition("diarrhoea", "62315008", "Diarrhoea", _D, "gastrointestinal tract"),
    Condition("uri", "54150009", "Upper respiratory infection", _D, "upper respiratory tract"),
    Condition("pneumonia", "233604007", "Pneumonia", _D, "lung"),
    Condition("bronchitis", "10509002", "Acute bronchitis", _D, "bronchus"),
    Condition("ankle_sprain", "44465007", "Sprain of ankle", _N, "ankle"),
    Condition("low_back_pain", "279039007", "Low back pain", _N, "lower back"),
    Condition("cellulitis", "128045006", "Cellulitis", _D, "lower limb"),
    Condition("dehydration", "34095006", "Dehydration", _D),
    Condition("ptsd", "47505003", "Posttraumatic stress disorder", _D),
)

COND_INDEX: dict[str, int] = {c.key: i for i, c in enumerate(CONDITIONS)}
N_COND = len(CONDITIONS)
# Conditions that read as head injuries (drive GCS) and as respiratory illness (drive SpO2).
HEAD_CONDITIONS = ("tbi", "tbi_loc", "tbi_no_loc", "concussion")
FEVER_CONDITIONS = ("pneumonia", "gastroenteritis", "cellulitis", "bronchitis", "uri")

W = Mapping[str, float]  # relative weights by condition key
SEVERE, MODERATE, MILD = (SEVERITIES.index(s) for s in ("severe", "moderate", "mild"))  # band codes

_LIMB_EXPLOSIVE: dict[int, W] = {
    SEVERE: {"amputation": 40, "open_fracture": 35, "femur_fracture": 15, "open_wound": 10},
    MODERATE: {"open_fracture": 35, "open_wound": 60, "femur_fracture": 5},
    # walking wounded: a fragment wound, a bruise, or a fracture of the hand or forearm
    MILD: {"open_wound": 55, "contusion": 25, "open_fracture": 20},
}
_HEAD_EXPLOSIVE: dict[int, W] = {
    SEVERE: {"tbi_loc": 70, "tbi": 30},
    MODERATE: {"tbi_no_loc": 50, "concussion": 50},
    MILD: {"concussion": 70, "open_wound": 30},
}
_THORAX: dict[int, W] = {
    SEVERE: {"tension_pneumothorax": 35, "haemothorax": 35, "pneumothorax": 30},
    MODERATE: {"pneumothorax": 50, "open_wound": 50},
    MILD: {"contusion": 60, "open_wound": 40},
}


def battle_primary(mech: Mechanism, region: Region, band: int) -> W:
    """Relative weights of the primary condition of a battle wound."""
    if mech is Mechanism.BURN:
        return {SEVERE: {"burn_3": 1}, MODERATE: {"burn_2": 1}, MILD: {"burn": 1}}[band]
    if mech is Mechanism.GUNSHOT:
        # A bullet wound is the primary diagnosis wherever it lands; what it did to the
        # tissue underneath is the secondary condition.
        return {"bullet_wound": 1}
    if mech is Mechanism.BLUNT:
        if region in (Region.HEAD, Region.FACE):
            return {SEVERE: {"tbi_loc": 1}, MODERATE: {"concussion": 1}, MILD: {"contusion": 1}}[
                band
            ]
        if region in (Region.NECK, Region.THORAX) and band == SEVERE:
            return {"vertebral_cord": 40, "haemothorax": 30, "pneumothorax": 30}
        if region is Region.LOWER_LIMB and band == SEVERE:
            return {"femur_fracture": 70, "open_fracture": 30}
        return {SEVERE: {"open_fracture": 1}, MODERATE: {"contusion": 1}, MILD: {"contusion": 1}}[
            band
        ]
    # explosive: blast and fragments
    if region in (Region.UPPER_LIMB, Region.LOWER_LIMB):
        w = dict(_LIMB_EXPLOSIVE[band])
        if region is Region.UPPER_LIMB:
            w.pop("femur_fracture", None)
        return w
    if region is Region.HEAD:
        return _HEAD_EXPLOSIVE[band]
    if region is Region.FACE:
        return {SEVERE: {"open_fracture": 40, "facial_laceration": 60}}.get(
            band, {"facial_laceration": 1}
        )
    if region is Region.THORAX:
        return _THORAX[band]
    if region is Region.EAR:
        return {"open_wound": 60, "concussion": 40} if band != MILD else {"open_wound": 1}
    return {SEVERE: {"open_wound": 1}, MODERATE: {"open_wound": 1}, MILD: {"contusion": 1}}[band]


def battle_secondary(mech: Mechanism, region: Region, band: int) -> W:
    """Weights of the secondary condition; the key None means no second condition."""
    if band == SEVERE:
        w: dict[str, float] = {"none": 30, "haemorrhagic_shock": 35, "multiple_injuries": 25}
        if mech is Mechanism.GUNSHOT:
            if region in (Region.UPPER_LIMB, Region.LOWER_LIMB):
                w = {"open_fracture": 45, "haemorrhagic_shock": 35, "none": 20}
            elif region is Region.THORAX:
                w = {"haemothorax": 45, "tension_pneumothorax": 35, "haemorrhagic_shock": 20}
            elif region is Region.HEAD:
                w = {"tbi_loc": 80, "none": 20}
            elif region is Region.ABDOMEN:
                w = {"haemorrhagic_shock": 70, "none": 30}
        if mech is Mechanism.EXPLOSIVE:
            w["concussion"] = 10
        return w
    if band == MODERATE:
        if mech is Mechanism.GUNSHOT and region in (Region.UPPER_LIMB, Region.LOWER_LIMB):
            return {"open_fracture": 30, "none": 70}
        if mech is Mechanism.EXPLOSIVE:
            return {"none": 80, "concussion": 20}
        return {"none": 1}
    return {"none": 1}


# DNBI: disease weights after Bailey (medical admissions by system) and Cox (Role 3
# admissions); conditions without a verified code (epilepsy, migraine, cardiac) are left
# out and their share spread over the rest.
DISEASE_PRIMARY: dict[int, W] = {
    SEVERE: {"pneumonia": 35, "dehydration": 25, "gastroenteritis": 20, "ptsd": 8,
             "cellulitis": 12},
    MODERATE: {"gastroenteritis": 30, "diarrhoea": 10, "pneumonia": 12, "bronchitis": 10,
               "cellulitis": 12, "dehydration": 10, "uri": 10, "ptsd": 6},
    MILD: {"gastroenteritis": 30, "diarrhoea": 15, "uri": 20, "bronchitis": 6,
           "pneumonia": 3, "cellulitis": 9, "dehydration": 4, "ptsd": 3},
}  # fmt: skip
NBI_PRIMARY: dict[int, W] = {
    SEVERE: {"femur_fracture": 30, "open_fracture": 25, "concussion": 15,
             "vertebral_cord": 10, "burn": 10, "open_wound": 10},
    MODERATE: {"open_fracture": 12, "ankle_sprain": 20, "low_back_pain": 18,
               "concussion": 15, "open_wound": 15, "burn": 8, "facial_laceration": 7,
               "contusion": 5},
    MILD: {"ankle_sprain": 32, "low_back_pain": 24, "contusion": 16, "open_wound": 12,
           "facial_laceration": 8, "concussion": 4, "burn": 4},
}  # fmt: skip
DNBI_SECONDARY: dict[int, W] = {
    SEVERE: {"none": 75, "dehydration": 25},
    MODERATE: {"none": 90, "dehydration": 10},
    MILD: {"none": 1},
}
