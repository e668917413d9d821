"""The timeline of a record line as grid pieces read off the journey (see documents.py): each
event's text comes from the syntax's split of TimelineEvent; what is encoded once (a
scenario's facility names and special events, the events' fixed parts) is looked up by
integer code per patient.
"""

from __future__ import annotations

from functools import cache, lru_cache
from typing import Any

import numpy as np

from patientgen.simulation.enums import MECHANISMS, TRIAGES, WARFARE_TYPES, FinalStatus
from patientgen.simulation.fields import ROLE_LABELS
from patientgen.simulation.grid import Fixed, Grid, Ints, Table
from patientgen.simulation.journey import N_ROLES, TERMINAL_KIND
from patientgen.simulation.layout import HOLE, Syntax
from patientgen.simulation.line import Line
from patientgen.simulation.record_model import OUT_OF_THEATRE, TimelineEvent
from patientgen.simulation.text import encoded, json_text

_PLACES = (*ROLE_LABELS, OUT_OF_THEATRE)  # destinations by code
_STATUSES = len(FinalStatus)
_TRIAGES = tuple(t.value for t in TRIAGES)


def _event(syntax: Syntax, **values: Any) -> list[str]:
    texts, _holes = syntax.split(TimelineEvent, values)
    return texts


def _head(texts: list[str], *others: list[str]) -> str:
    """The text up to the first hole, which the variants of an item share."""
    assert all(o[0] == texts[0] for o in others), (texts, others)
    return texts[0]


def _terminal_head(syntax: Syntax, status: int, role: int) -> str:
    return _event(syntax, event=TERMINAL_KIND[status], facility=ROLE_LABELS[role], time=HOLE)[0]


def _departure(syntax: Syntax, role: int) -> tuple[str, list[str]]:
    """The head of a departure from ``role`` and its rest per destination code."""
    variants = [
        _event(syntax, event="departure", facility=ROLE_LABELS[role], time=HOLE,
               destination=place)
        for place in _PLACES
    ]  # fmt: skip
    return _head(*variants), [v[1] for v in variants]


@cache
def _fixed_events(syntax: Syntax) -> dict[str, Any]:
    first_aid = _event(syntax, event="first_aid", facility="POI", time=HOLE)
    # the final event's rest by (in transit, out of theatre)
    tails = [
        _event(syntax, event="death", facility="POI", time=HOLE,
               in_transit=True if transit else None,
               destination=OUT_OF_THEATRE if away else None)[1]
        for transit in (False, True)
        for away in (False, True)
    ]  # fmt: skip
    departures = [_departure(syntax, r) for r in range(N_ROLES)]
    separator = syntax.separator
    return {
        "first_aid": first_aid,
        "departure_head": [separator + head for head, _rest in departures],
        "destination": [Table(encoded(rest)) for _head, rest in departures],
        "terminal_head": Table(
            encoded(
                separator + _terminal_head(syntax, s, r)
                for s in range(_STATUSES)
                for r in range(N_ROLES)
            )
        ),
        "tail": Table(encoded(tails)),
    }


@lru_cache(maxsize=64)
def _scenario_events(
    syntax: Syntax, names: tuple[str, ...], kinds: tuple[str, ...]
) -> dict[str, Any]:
    fixed = _fixed_events(syntax)
    separator = syntax.separator
    # the injury: its extras by (mechanism, warfare, special event) for battle casualties
    plain = _event(syntax, event="injury", facility="POI", time=HOLE)
    battle = [
        _event(syntax, event="injury", facility="POI", time=HOLE, mechanism=m.value,
               warfare=w.value, special_event=k)
        for m in MECHANISMS
        for w in WARFARE_TYPES
        for k in (None, *kinds)
    ]  # fmt: skip
    arrivals = []
    for r in range(1, N_ROLES):
        waited = _event(syntax, event="arrival", facility=ROLE_LABELS[r], time=HOLE,
                        facility_name=names[r], wait_minutes=HOLE, triage=HOLE)  # fmt: skip
        direct = _event(syntax, event="arrival", facility=ROLE_LABELS[r], time=HOLE,
                        facility_name=names[r], triage=HOLE)  # fmt: skip
        close = waited[3]
        assert direct[2] == close, (direct, waited)
        # what follows an arrival: a departure from there, or the final event there
        follows = (
            fixed["departure_head"][r],
            *(separator + _terminal_head(syntax, s, r) for s in range(_STATUSES)),
        )
        arrivals.append(
            {
                "head": separator + _head(waited, direct),
                "names": Table(encoded([waited[1], direct[1]])),
                "minutes": ((b"", waited[2].encode()),),
                # the triage on arrival, the arrival's end and the head of what follows
                "triage": Table(
                    encoded([json_text(t) + close + f for t in _TRIAGES for f in follows])
                ),
                "follows": len(follows),
            }
        )
    return {
        "injury_head": _head(plain, *battle),
        "injury_rest": Table(encoded([plain[1], *(v[1] for v in battle)])),
        "events": len(kinds) + 1,
        "arrivals": arrivals,
    }


def write_timeline(line: Line, g: Grid, glue: tuple[str, ...]) -> None:
    b, j, syntax = line.block, line.journey, line.syntax
    inj = b.injuries
    fixed = _fixed_events(syntax)
    sc = _scenario_events(syntax, b.facility_names, b.event_kinds)

    g.const(glue[0] + syntax.list_open("timeline") + sc["injury_head"])
    g.add(Fixed(None, codes=line.injury_codes))
    extras = (inj.mechanism * len(WARFARE_TYPES) + inj.warfare) * sc["events"] + inj.event + 2
    g.gather(sc["injury_rest"], np.where(inj.mechanism >= 0, extras, 0))

    fa = j.first_aid
    g.const(syntax.separator + fixed["first_aid"][0], fa)
    g.add(Fixed(fa, codes=line.first_aid_codes))
    g.const(fixed["first_aid"][1], fa)

    status, final_role = j.status.astype(np.int64), j.final_role.astype(np.int64)
    for r in range(N_ROLES):
        dep = j.departs[:, r]
        if r:
            a = j.arrived[:, r]
            if not a.any():
                continue
            arrival = sc["arrivals"][r - 1]
            g.const(arrival["head"], a)
            g.times(j.arrive[a, r], a)
            ends_here = a & ~dep
            if (final_role[ends_here] != r).any():
                raise AssertionError("an arrival neither left nor the last stay")
            # the head of the next event comes with the rest of the arrival
            follow = np.where(dep, 0, 1 + status)
            waited = j.waited[:, r]
            g.gather(arrival["names"], np.where(waited, 0, 1)[a], mask=a)
            g.add(Ints(waited, numbers=j.wait_minutes[waited, r], variants=arrival["minutes"]))
            triage = j.triage_on_arrival[:, r] * arrival["follows"] + follow
            g.gather(arrival["triage"], triage[a], mask=a)
        else:
            g.const(fixed["departure_head"][0], dep)
        g.times(j.leave[dep, r], dep)
        g.gather(fixed["destination"][r], j.destination[dep, r], mask=dep)

    # the final event: its head came with the last arrival, unless it is at the POI
    at_poi = final_role == 0
    g.gather(fixed["terminal_head"], (status * N_ROLES + final_role)[at_poi], mask=at_poi)
    g.times(j.end)
    g.gather(fixed["tail"], j.in_transit.astype(np.int64) * 2 + j.out_of_theatre)
    g.const(syntax.list_close("timeline"))
