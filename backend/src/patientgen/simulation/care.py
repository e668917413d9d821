"""What a patient has and gets: the conditions and the procedures per role, decided once per
care profile — the drawn (condition, secondary condition, severity band, body region, side).

Profiles are numbered as they are first seen (``PLANS``); a block's ``profile`` column holds
the numbers. Both record paths read the same plan: the readable records its dicts, the fast
path text made from them (documents_care.py).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np

from patientgen.simulation.enums import REGIONS, ROLES, SEVERITIES, Role
from patientgen.simulation.injuries import Injuries
from patientgen.simulation.reference.conditions import CONDITIONS
from patientgen.simulation.reference.procedures import (
    PROCEDURE_MINUTES,
    PROCEDURES,
    treatments_for,
)
from patientgen.simulation.reference.profiles import PROFILE_LIST

SNOMED = "http://snomed.info/sct"
N_ROLES = len(ROLES)
_N_COND = len(CONDITIONS)
_N_REGION = len(REGIONS)
_SIDED = {"upper limb", "lower limb", "eye", "ear"}


def body_site(cond: int, region: int, left: bool) -> str | None:
    """Where a condition is, by its own rule (``Condition.site_rule``): the wound's region
    (battle) or the condition's own site (DNBI, and conditions whose mechanism reaches one
    organ: brain injuries the head, pneumo-/haemothorax the thorax), sided where the body has
    two; None for systemic conditions. A secondary condition follows its own rule, not the
    primary wound's site."""
    c = CONDITIONS[cond]
    if c.site_rule == "systemic":
        return None
    base = REGIONS[region].value if region >= 0 and c.site_rule == "wound" else c.site
    if base is None:
        return None
    if base in _SIDED:
        return ("left " if left else "right ") + base
    return base


@dataclass(frozen=True, slots=True)
class Plan:
    """One care profile: its conditions (record dicts, declared field order) and per role the
    procedures done there, in the order they happen, as (SNOMED CT code, display), with their
    usual times (minutes after the start of care, PROCEDURE_MINUTES)."""

    conditions: tuple[dict[str, Any], ...]
    procedures: tuple[tuple[tuple[str, str], ...], ...]
    minutes: tuple[tuple[tuple[int, int], ...], ...]


def profile_keys(inj: Injuries, airway: np.ndarray) -> np.ndarray:
    """One integer per patient naming its care profile; ``airway``: the airway is compromised
    (a GCS of 8 or less, or a severe airway injury), which decides airway management."""
    k = inj.cond * (_N_COND + 1) + (inj.cond2 + 1)
    k = k * 3 + inj.band
    k = k * (_N_REGION + 1) + (inj.region + 1)
    k = k * 2 + inj.left
    return np.asarray(k * 2 + airway)


def _plan(key: int) -> Plan:
    k, airway = divmod(key, 2)
    k, left = divmod(k, 2)
    k, region = divmod(k, _N_REGION + 1)
    k, band = divmod(k, 3)
    cond, cond2 = divmod(k, _N_COND + 1)
    region -= 1
    cond2 -= 1
    site = body_site(cond, region, bool(left))
    conditions = [_condition(cond, band, site)]
    if cond2 >= 0:
        conditions.append(_condition(cond2, band, body_site(cond2, region, bool(left))))
    keys = [_procedures(r, cond, cond2, band, site or "", bool(airway)) for r in range(N_ROLES)]
    return Plan(
        tuple(conditions),
        tuple(tuple(PROCEDURES[k] for k in role_keys) for role_keys in keys),
        tuple(tuple(PROCEDURE_MINUTES[k] for k in role_keys) for role_keys in keys),
    )


def _condition(cond: int, band: int, site: str | None) -> dict[str, Any]:
    """A condition's record dict; its severity is the casualty's within the condition's own
    range (a contusion is never severe, haemorrhagic shock always is)."""
    c = CONDITIONS[cond]
    severity = SEVERITIES[PROFILE_LIST[cond].band(band)]
    return {"system": SNOMED, "code": c.code, "display": c.display, "severity": severity,
            "body_site": site}  # fmt: skip


@cache
def _procedures(
    role: int, cond: int, cond2: int, band: int, site: str, airway: bool
) -> tuple[str, ...]:
    """Procedure keys at a role, in the order their usual times begin."""
    keys = treatments_for(
        Role(ROLES[role]),
        CONDITIONS[cond].key,
        CONDITIONS[cond2].key if cond2 >= 0 else None,
        band,
        site,
        airway,
    )
    return tuple(sorted(keys, key=lambda k: PROCEDURE_MINUTES[k][0]))


class Plans:
    """Every profile seen so far, numbered; ``counts[number, role]`` procedures at a role.
    Numbers never change, so tables made from plans (the fast path's text) stay valid."""

    def __init__(self) -> None:
        self.number: dict[int, int] = {}
        self.plans: list[Plan] = []
        self.counts = np.zeros((0, N_ROLES), dtype=np.int64)
        self.lock = threading.Lock()
        self.views: dict[Any, Any] = {}  # tables other modules make from the plans

    def lookup(self, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(plan number per patient, counts table covering them)."""
        uniq, inv = np.unique(keys, return_inverse=True)
        ukeys = uniq.tolist()
        with self.lock:
            number = self.number
            nums = [number.get(k, -1) for k in ukeys]
            if -1 in nums:
                new = [k for k, v in zip(ukeys, nums, strict=True) if v < 0]
                plans = [_plan(k) for k in new]
                for k, plan in zip(new, plans, strict=True):
                    number[k] = len(self.plans)
                    self.plans.append(plan)
                rows = [[len(p) for p in plan.procedures] for plan in plans]
                # a new array: a reader holding the old one keeps its rows
                self.counts = np.concatenate([self.counts, np.array(rows, dtype=np.int64)])
                nums = [number[k] for k in ukeys]
            counts = self.counts
        return np.asarray(nums, dtype=np.int64)[inv], counts

    def plan(self, number: int) -> Plan:
        return self.plans[number]

    def minutes(self, role: int, covering: int) -> np.ndarray:
        """(plans, most procedures, 2) usual minutes (lo, hi) of each plan's procedures at
        ``role``, for plans ``0 .. covering - 1`` at least. Grown by doubling; rows already
        filled never change."""
        key = f"minutes-{role}"
        table, filled = self.views.get(key, (np.zeros((0, 0, 2)), 0))
        if filled < covering:
            with self.lock:
                new = self.plans[filled:covering]
                width = max([table.shape[1], *(len(p.minutes[role]) for p in new)])
                if covering > table.shape[0] or width > table.shape[1]:
                    grown = np.zeros((max(2 * table.shape[0], covering, 256), width, 2))
                    grown[:filled, : table.shape[1]] = table[:filled]
                    table = grown
                for number, plan in enumerate(new, start=filled):
                    if plan.minutes[role]:
                        table[number, : len(plan.minutes[role])] = plan.minutes[role]
                self.views[key] = (table, covering)
        return np.asarray(table[:covering])


PLANS = Plans()
