"""Where a TCCC-style card marks a patient's injuries on its body diagram: a front and a back
view, the patient facing the reader in front (the patient's right on the reader's left).

Each condition's body site (simulation/care.body_site: a wound region, sided where the body has
two, or the condition's own site) maps to a point of one view, in fractions of the view's width
and height; cards.typ draws the figure in the same fractions. Systemic conditions (no site) get
no mark; every condition is also listed in words on the card.
"""

from __future__ import annotations

from typing import Any

Mark = dict[str, Any]  # {"view": "front" | "back", "x": 0..1, "y": 0..1, "site": str}

# sites on the body's midline: (view, x, y)
_MIDLINE: dict[str, tuple[str, float, float]] = {
    "head": ("front", 0.5, 0.06),
    "face": ("front", 0.5, 0.095),
    "neck": ("front", 0.5, 0.165),
    "upper respiratory tract": ("front", 0.5, 0.15),
    "thorax": ("front", 0.5, 0.28),
    "lung": ("front", 0.5, 0.29),
    "bronchus": ("front", 0.5, 0.25),
    "abdomen": ("front", 0.5, 0.43),
    "gastrointestinal tract": ("front", 0.5, 0.44),
    "spine": ("back", 0.5, 0.3),
    "lower back": ("back", 0.5, 0.46),
}
# paired sites of the front view: (distance from the midline as a fraction of the width, y);
# a pair named without its side (e.g. "ankle") is marked on both
_PAIRED: dict[str, tuple[float, float]] = {
    "eye": (0.05, 0.075),
    "ear": (0.1, 0.085),
    "upper limb": (0.27, 0.36),
    "lower limb": (0.09, 0.72),
    "ankle": (0.09, 0.94),
}


def marks(conditions: list[dict[str, Any]]) -> list[Mark]:
    """The marks of the conditions' body sites, in the conditions' order, each site once."""
    out: list[Mark] = []
    seen: set[str] = set()
    for condition in conditions:
        site = condition.get("body_site")
        if site and site not in seen:
            seen.add(site)
            out.extend(_marks_of(site))
    return out


def _marks_of(site: str) -> list[Mark]:
    if site in _MIDLINE:
        view, x, y = _MIDLINE[site]
        return [{"view": view, "x": x, "y": y, "site": site}]
    side, _, pair = site.partition(" ")
    if side not in ("left", "right"):
        side, pair = "", site
    if pair not in _PAIRED:
        return []  # no place on the diagram: the card lists it in words
    offset, y = _PAIRED[pair]
    # the patient's right is on the reader's left
    xs = {"right": 0.5 - offset, "left": 0.5 + offset}
    return [{"view": "front", "x": xs[s], "y": y, "site": site} for s in ([side] if side else xs)]
