"""Warfare types: when casualties happen (hour of day) and what wounds them.

Mechanism weights are calibrated on Owens et al. 2008 (explosion 78%, gunshot 18%) for
conventional and artillery warfare and on the Ukraine sample (mine-explosive 45.8%,
shrapnel 38.2%, gunshot 16%); body regions on Owens 2008 (extremities 54%, head 8, eyes 6,
ears 3, face 10, neck 3, thorax 6, abdomen 11). Hourly patterns are planning assumptions.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from patientgen.simulation.enums import EventKind, WarfareType


def _bumps(base: float, peaks: list[tuple[float, float, float]]) -> tuple[float, ...]:
    """24 hourly weights: a floor plus circular Gaussian peaks (hour, height, width)."""
    out = []
    for h in range(24):
        v = base
        for centre, height, width in peaks:
            d = min(abs(h + 0.5 - centre), 24 - abs(h + 0.5 - centre))
            v += height * math.exp(-0.5 * (d / width) ** 2)
        out.append(round(v, 4))
    return tuple(out)


@dataclass(frozen=True, slots=True)
class WarfareProfile:
    type: WarfareType
    name: str
    description: str
    hourly: tuple[float, ...]  # 24 relative weights, UTC hour of day
    mechanism: tuple[float, ...]  # explosive, gunshot, burn, blunt
    region: tuple[float, ...]  # upper limb, lower limb, head, eye, ear, face, neck, thorax, abdomen
    severity: float  # multiplies the odds of T1 (and T4) among battle casualties


_OWENS = (22, 32, 8, 6, 3, 10, 3, 6, 11)

PROFILES: dict[WarfareType, WarfareProfile] = {
    p.type: p
    for p in (
        WarfareProfile(
            WarfareType.CONVENTIONAL, "Conventional combined arms",
            "Manoeuvre warfare; dawn attacks and afternoon engagements.",
            _bumps(1.0, [(5.5, 2.0, 1.5), (16.0, 1.2, 2.5)]), (72, 20, 5, 3), _OWENS, 1.0,
        ),
        WarfareProfile(
            WarfareType.ARTILLERY, "Artillery and rockets",
            "Indirect fire; fragments dominate, fire missions at dawn and dusk.",
            _bumps(1.0, [(5.0, 1.5, 1.5), (18.5, 1.5, 2.0)]), (90, 4, 4, 2), _OWENS, 1.15,
        ),
        WarfareProfile(
            WarfareType.URBAN, "Urban combat",
            "Close-quarter fighting by day; more gunshot, head and torso wounds.",
            _bumps(0.4, [(12.0, 2.0, 4.0)]), (50, 38, 4, 8), (20, 26, 11, 6, 3, 11, 4, 8, 11),
            1.05,
        ),
        WarfareProfile(
            WarfareType.GUERRILLA, "Guerrilla / IED",
            "Night raids and morning IED strikes on patrols; lower-limb blast wounds.",
            _bumps(0.6, [(2.0, 1.5, 2.5), (8.0, 1.5, 1.5)]), (58, 37, 3, 2),
            (20, 40, 7, 6, 3, 9, 3, 5, 7), 1.0,
        ),
        WarfareProfile(
            WarfareType.DRONE, "Drone strikes",
            "FPV and loitering munitions in daylight; fragments and burns.",
            _bumps(0.5, [(6.5, 1.5, 1.5), (13.0, 1.5, 3.0), (19.0, 1.2, 1.5)]),
            (88, 2, 7, 3), (24, 28, 11, 6, 3, 11, 3, 6, 8), 1.1,
        ),
        WarfareProfile(
            WarfareType.NAVAL, "Naval / littoral",
            "Ship strikes and landings; burns and blunt trauma are frequent.",
            _bumps(1.0, [(6.0, 0.5, 2.0)]), (45, 5, 35, 15), (26, 26, 9, 5, 3, 11, 3, 8, 9),
            1.05,
        ),
        WarfareProfile(
            WarfareType.CBRN, "CBRN",
            "Chemical attacks favour the early-morning temperature inversion; vesicant burns "
            "(coded as burns) and blast.",
            _bumps(0.5, [(4.5, 3.0, 1.5)]), (35, 5, 55, 5), _OWENS, 1.2,
        ),
        WarfareProfile(
            WarfareType.PEACEKEEPING, "Peacekeeping / stability",
            "Daytime patrols; small-arms fire, mines and vehicle accidents.",
            _bumps(0.2, [(11.0, 2.0, 3.0)]), (40, 45, 5, 10), _OWENS, 0.8,
        ),
    )
}  # fmt: skip

# Disease presents at sick call; non-battle injuries follow daytime activity.
DISEASE_HOURLY = _bumps(0.2, [(8.5, 3.0, 1.5), (14.0, 1.0, 2.0)])
NBI_HOURLY = _bumps(0.25, [(10.0, 1.5, 3.0), (15.0, 1.5, 2.5)])
NIGHT_HOURS = (20, 21, 22, 23, 0, 1, 2, 3, 4, 5)
NIGHT_OPS_FACTOR = 1.8  # environment "night": battle weight at night hours multiplied

# Special events override the mechanism mix (None keeps the warfare type's own).
EVENT_MECHANISM: dict[EventKind, tuple[float, ...] | None] = {
    EventKind.MASS_CASUALTY: (85, 5, 7, 3),
    EventKind.MAJOR_OFFENSIVE: None,
    EventKind.AMBUSH: (40, 55, 3, 2),
}
