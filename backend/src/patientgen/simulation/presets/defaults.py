"""Default building blocks shared by the presets: the chain, transit times, triage weights.

Figures and their sources are tabulated in docs/simulation.md. In short: triage 25/25/50
(Duncan et al. 2014, planning assumption) shifted slightly towards T1 for battle injury;
POI times follow the 10-1-2 rule; R2->R3 transfer ~39 min (Mil Med 2024); Role 3 stay
under 1-2 days before strategic evacuation (Vassallo); Role 4 within ~3 days (Landstuhl).
Outcome probabilities are calibrated so the default preset lands in domain.md's ranges.
"""

from __future__ import annotations

from typing import Any

J = dict[str, Any]


def rng(lo: float, hi: float) -> J:
    return {"min": lo, "max": hi}


def per_triage(t1: J, t2: J, t3: J, t4: J) -> J:
    return {"T1": t1, "T2": t2, "T3": t3, "T4": t4}


def out(die: float, rtd: float) -> J:
    return {"die": die, "rtd": rtd, "evacuate": round(1.0 - die - rtd, 6)}


def triage(t1: float, t2: float, t3: float, t4: float = 0.0) -> J:
    return {"T1": t1, "T2": t2, "T3": t3, "T4": t4}


# T4 (expectant) is only used in mass-casualty events (AMedP-1.10), hence 0 here.
TRIAGE_WEIGHTS: J = {
    "disease": triage(0.015, 0.12, 0.865),
    "non_battle_injury": triage(0.04, 0.20, 0.76),
    "battle_injury": triage(0.26, 0.26, 0.48),
}

TRANSIT: J = {
    "R1": per_triage(rng(10, 30), rng(15, 45), rng(20, 90), rng(15, 45)),
    "R2": per_triage(rng(20, 50), rng(30, 90), rng(45, 180), rng(30, 90)),
    "R3": per_triage(rng(25, 60), rng(40, 120), rng(60, 240), rng(40, 120)),
    "R4": per_triage(rng(360, 720), rng(480, 1440), rng(720, 2880), rng(480, 1440)),
}


def chain(
    *,
    r1: bool = True,
    r2: bool = True,
    r3: bool = True,
    r4: bool = True,
    capacity: tuple[float, float, float, float] = (100, 60, 40, 25),
) -> J:
    return {
        "POI": {
            "name": "Point of injury",
            # first aid, extraction and casualty collection before evacuation starts
            "treatment_minutes": per_triage(rng(5, 25), rng(10, 40), rng(15, 60), rng(10, 40)),
            "outcomes": {
                # Death before an MTF is KIA, which needs hostile action: DNBI never dies here.
                "disease": per_triage(out(0, 0), out(0, 0), out(0, 0), out(0, 0)),
                "non_battle_injury": per_triage(out(0, 0), out(0, 0), out(0, 0), out(0, 0)),
                "battle_injury": per_triage(out(0.44, 0), out(0.03, 0), out(0, 0), out(0.85, 0)),
            },
        },
        "R1": {
            "present": r1,
            "name": "Role 1 battalion aid station",
            "capacity_per_hour": capacity[0],
            "treatment_minutes": per_triage(rng(15, 40), rng(20, 60), rng(20, 90), rng(15, 45)),
            "bypass": triage(0.65, 0.3, 0.0, 0.0),
            "outcomes": {
                "disease": per_triage(out(0.01, 0), out(0, 0.45), out(0, 0.55), out(0.3, 0)),
                "non_battle_injury": per_triage(
                    out(0.01, 0), out(0, 0.25), out(0, 0.55), out(0.3, 0)
                ),
                "battle_injury": per_triage(
                    out(0.04, 0), out(0.005, 0.02), out(0, 0.2), out(0.6, 0)
                ),
            },
        },
        "R2": {
            "present": r2,
            "name": "Role 2 forward surgical hospital",
            "capacity_per_hour": capacity[1],
            "treatment_minutes": per_triage(rng(60, 180), rng(60, 240), rng(60, 360), rng(30, 120)),
            "bypass": triage(0.1, 0.1, 0.0, 0.0),
            "outcomes": {
                "disease": per_triage(out(0.03, 0.3), out(0, 0.55), out(0, 0.55), out(0.3, 0)),
                "non_battle_injury": per_triage(
                    out(0.02, 0.05), out(0, 0.4), out(0, 0.5), out(0.3, 0)
                ),
                "battle_injury": per_triage(
                    out(0.09, 0), out(0.015, 0.15), out(0, 0.3), out(0.5, 0)
                ),
            },
        },
        "R3": {
            "present": r3,
            "name": "Role 3 field hospital",
            "capacity_per_hour": capacity[2],
            "treatment_minutes": per_triage(
                rng(480, 2400), rng(720, 2880), rng(240, 2160), rng(240, 1440)
            ),
            "bypass": triage(0.0, 0.0, 0.0, 0.0),
            "outcomes": {
                "disease": per_triage(out(0.03, 0.5), out(0, 0.6), out(0, 0.45), out(0.3, 0)),
                "non_battle_injury": per_triage(
                    out(0.02, 0.1), out(0, 0.45), out(0, 0.45), out(0.3, 0)
                ),
                "battle_injury": per_triage(
                    out(0.07, 0.03), out(0.01, 0.15), out(0, 0.3), out(0.4, 0)
                ),
            },
        },
        "R4": {
            "present": r4,
            "name": "Role 4 home-nation hospital",
            "capacity_per_hour": capacity[3],
            "treatment_minutes": per_triage(
                rng(1440, 4320), rng(1440, 4320), rng(1440, 4320), rng(1440, 4320)
            ),
        },
    }
