"""Condition profiles: what each condition of the catalogue (conditions.py) is, clinically.

A profile says how severe the condition can be and how severe it is (an AIS-like score per
severity band), what it does to the body (its physiology and how fast that worsens while it
is untreated), which of the 10-1-2 treatment deadlines it sets, whether the casualty is
carried, the lowest role that can return it to duty, and where its stay falls in a role's
treatment time. The generator reads these for triage, care, disposition, death and vitals;
docs/simulation.md tabulates them with their sources.

Sources: AIS 2005 (update 2008) severities for the trauma conditions (1 minor … 5 critical;
the disease rows use the same 1-5 scale as an explicit planning scale, not AIS); the 10-1-2
rule (UK DMS / NATO AJP-4.10, shared/domain.md) for the deadlines; TCCC guidelines (MARCH:
massive haemorrhage, airway, respiration, circulation, head/hypothermia) for which physiology
each deadline protects; Cox et al. (Role 3 medical admissions: 72-90% returned to unit, mean
stay 1.6-2 days) and Cohen et al. (what is evacuated out of theatre) for the dispositions.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

from patientgen.simulation.enums import SEVERITIES, Role
from patientgen.simulation.reference.conditions import CONDITIONS

# What a condition does to the body, the order of MARCH where it applies:
# haemorrhage (HR up, BP down), airway (SpO2 and GCS down), breathing (RR up, SpO2 down),
# brain (GCS down), fluid_loss (HR up, BP down a little), infection (fever, HR up),
# local (pain only), mental (no physiological change).
Physiology = Literal[
    "haemorrhage", "airway", "breathing", "brain", "fluid_loss", "infection", "local", "mental"
]
PHYSIOLOGIES: tuple[str, ...] = get_args(Physiology)
# The 10-1-2 rule: first aid within 10 min, care by medical staff within 1 h, damage-control
# surgery within 2 h of wounding.
Deadline = Literal["first_aid", "medical_care", "surgery"]
DEADLINES: tuple[str, ...] = get_args(Deadline)
DEADLINE_MINUTES: dict[str, int] = {"first_aid": 10, "medical_care": 60, "surgery": 120}

SEVERE, MODERATE, MILD = (SEVERITIES.index(s) for s in ("severe", "moderate", "mild"))
R1, R2, R3 = Role.R1, Role.R2, Role.R3


@dataclass(frozen=True, slots=True)
class Profile:
    """One condition's clinical profile."""

    severity: tuple[int, int]  # band codes it can have: (most severe, mildest)
    ais: tuple[int, int, int]  # AIS-like score by band (severe, moderate, mild)
    physiology: Physiology
    deterioration: float  # physiological state gained per untreated hour, when severe
    deadlines: frozenset[Deadline]  # the deadlines it sets unless mild
    litter: bool  # carried on a litter unless mild (9-line line 5); mild casualties walk
    rtd_role: tuple[Role | None, Role | None, Role | None]  # by band; None: leaves theatre
    stay: float  # 0 short .. 1 long: where the stay falls in a role's treatment range

    def band(self, drawn: int) -> int:
        """The condition's severity band for a casualty of severity band ``drawn``."""
        most, mildest = self.severity
        return min(max(drawn, most), mildest)


_D = frozenset[Deadline]
_ALL: _D = frozenset({"first_aid", "medical_care", "surgery"})
_MC: _D = frozenset({"medical_care"})
_FA_MC: _D = frozenset({"first_aid", "medical_care"})
_MC_S: _D = frozenset({"medical_care", "surgery"})
_NONE: _D = frozenset()
_ANY = (SEVERE, MILD)
P = Profile

PROFILES: dict[str, Profile] = {
    # key: severity range, AIS by band, physiology, deterioration/h, deadlines, litter,
    #      lowest role returning it to duty by band, stay
    "bullet_wound": P((SEVERE, MODERATE), (4, 2, 2), "haemorrhage", 0.15, _ALL, True,
                      (None, R3, R3), 0.5),
    "amputation": P((SEVERE, SEVERE), (4, 4, 4), "haemorrhage", 0.25, _ALL, True,
                    (None, None, None), 0.8),
    "open_fracture": P((SEVERE, MODERATE), (3, 2, 2), "haemorrhage", 0.08, _ALL, True,
                       (None, None, None), 0.7),
    "open_wound": P(_ANY, (3, 2, 1), "haemorrhage", 0.10, _ALL, True, (None, R2, R1), 0.4),
    "burn": P((MODERATE, MILD), (2, 2, 1), "fluid_loss", 0.02, _MC, False, (R3, R2, R1), 0.4),
    "burn_2": P((MODERATE, MODERATE), (3, 2, 2), "fluid_loss", 0.04, _MC, True,
                (None, R3, R3), 0.6),
    "burn_3": P((SEVERE, SEVERE), (4, 4, 4), "fluid_loss", 0.08, _MC, True,
                (None, None, None), 0.8),
    "tbi": P((SEVERE, SEVERE), (4, 4, 4), "brain", 0.10, _MC_S, True, (None, None, None), 0.8),
    "tbi_loc": P((SEVERE, SEVERE), (4, 4, 4), "airway", 0.12, _ALL, True,
                 (None, None, None), 0.8),
    "tbi_no_loc": P((MODERATE, MODERATE), (2, 2, 2), "brain", 0.03, _MC, False,
                    (R3, R3, R3), 0.6),
    "concussion": P((MODERATE, MILD), (2, 2, 1), "brain", 0.01, _NONE, False, (R2, R2, R1), 0.3),
    "pneumothorax": P((SEVERE, MODERATE), (3, 3, 3), "breathing", 0.10, _FA_MC, True,
                      (None, R3, R3), 0.6),
    "tension_pneumothorax": P((SEVERE, SEVERE), (5, 5, 5), "breathing", 0.30, _FA_MC, True,
                              (None, None, None), 0.7),
    "haemothorax": P((SEVERE, SEVERE), (4, 4, 4), "haemorrhage", 0.15, _ALL, True,
                     (None, None, None), 0.7),
    "haemorrhagic_shock": P((SEVERE, SEVERE), (5, 5, 5), "haemorrhage", 0.30, _ALL, True,
                            (None, None, None), 0.8),
    "femur_fracture": P((SEVERE, MODERATE), (3, 3, 3), "haemorrhage", 0.05, _MC_S, True,
                        (None, None, None), 0.7),
    "vertebral_cord": P((SEVERE, SEVERE), (5, 5, 5), "local", 0.0, _MC_S, True,
                        (None, None, None), 0.9),
    "multiple_injuries": P((SEVERE, SEVERE), (5, 5, 5), "haemorrhage", 0.20, _ALL, True,
                           (None, None, None), 0.8),
    "contusion": P((MODERATE, MILD), (2, 2, 1), "local", 0.0, _NONE, False, (R2, R1, R1), 0.2),
    "facial_laceration": P(_ANY, (3, 2, 1), "airway", 0.05, _FA_MC, False, (None, R2, R1), 0.3),
    "gastroenteritis": P(_ANY, (3, 2, 1), "fluid_loss", 0.02, _NONE, False, (R3, R2, R1), 0.4),
    "diarrhoea": P((MODERATE, MILD), (2, 2, 1), "fluid_loss", 0.01, _NONE, False,
                   (R2, R2, R1), 0.3),
    "uri": P((MODERATE, MILD), (2, 2, 1), "infection", 0.0, _NONE, False, (R1, R1, R1), 0.2),
    "pneumonia": P((SEVERE, MODERATE), (3, 3, 3), "infection", 0.02, _NONE, False,
                   (None, R3, R3), 0.7),
    "bronchitis": P((MODERATE, MILD), (2, 2, 1), "infection", 0.005, _NONE, False,
                    (R1, R1, R1), 0.3),
    "ankle_sprain": P((MODERATE, MILD), (2, 2, 1), "local", 0.0, _NONE, False, (R2, R2, R1), 0.3),
    "low_back_pain": P((MODERATE, MILD), (2, 2, 1), "local", 0.0, _NONE, False,
                       (R2, R2, R1), 0.3),
    "cellulitis": P(_ANY, (3, 2, 1), "infection", 0.01, _NONE, False, (R3, R2, R1), 0.5),
    "dehydration": P(_ANY, (3, 2, 1), "fluid_loss", 0.03, _NONE, False, (R2, R1, R1), 0.2),
    "ptsd": P((SEVERE, MODERATE), (3, 2, 2), "mental", 0.0, _NONE, False, (None, R3, R3), 0.5),
}  # fmt: skip

if set(PROFILES) != {c.key for c in CONDITIONS}:
    raise RuntimeError("every condition of the catalogue needs exactly one profile")
# in catalogue order, so a condition's code indexes it
PROFILE_LIST: tuple[Profile, ...] = tuple(PROFILES[c.key] for c in CONDITIONS)
PROFILE_BY_CODE: dict[str, Profile] = {c.code: PROFILES[c.key] for c in CONDITIONS}
