"""The lists of a record line — conditions, treatments, vitals, timeline — as grid pieces read
off the journey (see documents.py). Every item's text comes from layout.split over its
declared model; what is encoded once (a care plan's conditions and procedures, a scenario's
facility names, the events' fixed parts) is looked up by integer code per patient.
"""

from __future__ import annotations

import threading
from functools import cache, lru_cache
from typing import Any

import numpy as np

from patientgen.simulation import care
from patientgen.simulation.enums import MECHANISMS, TRIAGES, WARFARE_TYPES, FinalStatus
from patientgen.simulation.fields import ROLE_LABELS
from patientgen.simulation.grid import Fixed, Grid, Ints, Table, Texts
from patientgen.simulation.journey import (
    FLOAT_VITALS,
    N_ROLES,
    POI_VITAL_INDEX,
    TERMINAL_KIND,
)
from patientgen.simulation.layout import HOLE, Syntax, list_text
from patientgen.simulation.line import Line, Writer
from patientgen.simulation.measurements import BOUNDS as VITAL_BOUNDS
from patientgen.simulation.record_model import (
    OUT_OF_THEATRE,
    TimelineEvent,
    Treatment,
    Vital,
)
from patientgen.simulation.reference.profiles import DEADLINE_MINUTES, DEADLINES
from patientgen.simulation.reference.vitals import VITALS
from patientgen.simulation.text import encoded, framed, json_text, objects, time_codes

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


def _open(line: Line, g: Grid, glue: str, name: str, some: np.ndarray) -> None:
    """The glue before a list and its open, for the patients with ``some`` items; the empty
    list for the others (where empty is open then close, for every patient in one piece)."""
    syntax = line.syntax
    opening = syntax.list_open(name)
    if syntax.empty_list(name) == opening + syntax.list_close(name):
        g.const(glue + opening)
        return
    g.const(glue)
    g.const(opening, some)
    g.const(syntax.empty_list(name), ~some)


def _close(line: Line, g: Grid, name: str, some: np.ndarray) -> None:
    syntax = line.syntax
    closing = syntax.list_close(name)
    g.const(closing, None if syntax.empty_list(name) == syntax.list_open(name) + closing else some)


# ---------------------------------------------------------------------------------------
# conditions and treatments: text per care plan


class _PlanText:
    """Per plan number: the conditions list; per role each procedure's item up to its time,
    as the first item (``first``) and after another (``later``, with the separator). Tables
    grow by doubling; rows already filled never change."""

    def __init__(self, plans: care.Plans, syntax: Syntax) -> None:
        self.plans = plans
        self.syntax = syntax
        self.rows = 0
        self.conditions = Table(objects([]))
        self.first = [_empty(0, 0) for _ in range(N_ROLES)]
        self.later = [_empty(0, 0) for _ in range(N_ROLES)]
        self.lock = threading.Lock()

    def cover(self, upto: int) -> _PlanText:
        """Make sure plans ``0 .. upto - 1`` have their text."""
        if upto <= self.rows:
            return self
        with self.lock:
            if upto > self.rows:
                self._grow(upto)
        return self

    def _grow(self, upto: int) -> None:
        new = [self.plans.plan(number) for number in range(self.rows, upto)]
        heads_by_plan = [
            [[_treatment_head(self.syntax, r, *procedure) for procedure in procedures]
             for r, procedures in enumerate(plan.procedures)]
            for plan in new
        ]  # fmt: skip
        cap = self.first[0].shape[0]
        widths = [
            max([self.first[r].shape[1], *(len(i[r]) for i in heads_by_plan)])
            for r in range(N_ROLES)
        ]
        conditions = self.conditions.values
        if upto > cap or widths != [f.shape[1] for f in self.first]:
            cap = max(2 * cap, upto, 256)
            conditions = _empty(cap)
            conditions[: self.rows] = self.conditions.values[: self.rows]
            first, later = [], []
            for r in range(N_ROLES):
                f, lt = _empty(cap, widths[r]), _empty(cap, widths[r])
                w = self.first[r].shape[1]
                f[: self.rows, :w] = self.first[r][: self.rows]
                lt[: self.rows, :w] = self.later[r][: self.rows]
                first.append(f)
                later.append(lt)
        else:
            first, later = self.first, self.later
        separator = self.syntax.separator.encode()
        made = zip(new, heads_by_plan, strict=True)
        for number, (plan, heads) in enumerate(made, start=self.rows):
            conditions[number] = list_text("conditions", plan.conditions, self.syntax).encode()
            for r, role_heads in enumerate(heads):
                for k, head in enumerate(role_heads):
                    first[r][number, k] = head
                    later[r][number, k] = separator + head
        # publish: tables a reader already holds stay valid for the rows they had
        self.first, self.later = first, later
        self.conditions = self.conditions.grown(conditions, self.rows, upto)
        self.rows = upto


@cache
def _treatment_head(syntax: Syntax, role: int, code: str, display: str) -> bytes:
    """A procedure's item up to its time (plans share procedures)."""
    values = {"code": code, "display": display, "facility": ROLE_LABELS[role], "time": HOLE}
    texts, _holes = syntax.split(Treatment, values)
    return texts[0].encode()


def _empty(*shape: int) -> np.ndarray:
    out = np.empty(shape, dtype=object)
    out.fill(b"")
    return out


def _plan_text(plans: care.Plans, upto: int, syntax: Syntax) -> _PlanText:
    key = ("documents", syntax)
    text: _PlanText | None = plans.views.get(key)
    if text is None:
        text = plans.views.setdefault(key, _PlanText(plans, syntax))
    return text.cover(upto)


@cache
def _treatment_close(syntax: Syntax) -> str:
    return syntax.split(Treatment, {"code": "", "display": "", "facility": "POI",
                                    "time": HOLE})[0][1]  # fmt: skip


def _conditions(line: Line, g: Grid, glue: tuple[str, ...]) -> None:
    j = line.journey
    text = _plan_text(j.plans, int(j.profile.max()) + 1, line.syntax)
    g.const(glue[0])
    g.gather(text.conditions, j.profile)


def _treatments(line: Line, g: Grid, glue: tuple[str, ...]) -> None:
    j, syntax = line.journey, line.syntax
    text = _plan_text(j.plans, int(j.profile.max()) + 1, syntax)
    close = _treatment_close(syntax)
    some = j.treatments.sum(axis=1) > 0
    _open(line, g, glue[0], "treatments", some)
    written = np.zeros(line.block.size, dtype=bool)  # any treatment written yet
    for r in range(N_ROLES):
        counts = j.treatments[:, r]
        for k in range(int(counts.max(initial=0))):
            sel = counts > k
            p = j.profile[sel]
            heads = np.where(written[sel], text.later[r][p, k], text.first[r][p, k])
            g.add(Texts(sel, texts=heads))
            if r == 0:  # with first aid, at its time
                g.add(Fixed(sel, codes=line.first_aid_codes[sel[j.first_aid]]))
            else:
                g.times(j.treatment_time[r][sel, k], sel)
            g.const(close, sel)
            written |= sel
    _close(line, g, "treatments", some)


# ---------------------------------------------------------------------------------------
# vitals: a group of items per patient (at the POI with first aid, on arrival at each role),
# all of one time. Cut at that time, a group is a run of segments that each hold one value:
# the group is ``time.join(segments)``, each segment looked up by its value's code.

# codes per vital: whole numbers as they are, those measured to a tenth in tenths, up to the
# highest value a vital is held to
_VALUE_CODES = 1 + max(
    round(hi * 10) if k in FLOAT_VITALS else int(hi) for k, (_lo, hi) in enumerate(VITAL_BOUNDS)
)


@cache
def _value_texts(tenths: bool) -> tuple[str, ...]:
    return tuple(json_text(v / 10 if tenths else v) for v in range(_VALUE_CODES))


@cache
def _vital_segments(syntax: Syntax, role: int, keys: tuple[int, ...]) -> np.ndarray:
    """A group's segment texts, flat: item i's by value code at ``i * _VALUE_CODES``; then the
    first item's after another group (with the separator); then the text after the last time
    (``_segment_codes`` picks from it)."""
    pieces = []
    for k in keys:
        _key, code, _display, unit = VITALS[k]
        texts, _ = syntax.split(Vital, {"code": code, "value": HOLE, "unit": unit,
                                        "facility": ROLE_LABELS[role], "time": HOLE})  # fmt: skip
        pieces.append(texts)
    separator = syntax.separator
    leads = ["", *(pieces[i - 1][2] + separator for i in range(1, len(keys)))]
    tables = [
        [lead + item[0] + v + item[1] for v in _value_texts(k in FLOAT_VITALS)]
        for lead, item, k in zip([*leads, separator], [*pieces, pieces[0]], [*keys, keys[0]],
                                 strict=True)
    ]  # fmt: skip
    return encoded([t for table in tables for t in table] + [pieces[-1][2]])


def _segment_codes(values: np.ndarray, keys: tuple[int, ...], later: np.ndarray) -> np.ndarray:
    """(m, items + 1) positions in ``_vital_segments`` of each patient's segments: one per value
    (the first after another group where ``later``) and the closing text."""
    m, items = values.shape[0], len(keys)
    codes = np.empty((m, items + 1), dtype=np.int64)
    for i, k in enumerate(keys):
        column = values[:, i] * 10 if k in FLOAT_VITALS else values[:, i]
        codes[:, i] = np.rint(column)
    if m and (codes[:, :items].min() < 0 or codes[:, :items].max() >= _VALUE_CODES):
        raise ValueError("a vital sign outside the range the record text covers")
    codes[:, :items] += np.arange(items) * _VALUE_CODES
    codes[:, 0] += later * (items * _VALUE_CODES)
    codes[:, items] = (items + 1) * _VALUE_CODES
    return codes


def _group(syntax: Syntax, role: int, keys: tuple[int, ...], values: np.ndarray,
           times: np.ndarray, later: np.ndarray) -> np.ndarray:  # fmt: skip
    """Each patient's group text, as bytes."""
    segments = _vital_segments(syntax, role, keys)[_segment_codes(values, keys, later)].tolist()
    return objects([t.join(s) for t, s in zip(times.tolist(), segments, strict=True)])


def _vitals(line: Line, g: Grid, glue: tuple[str, ...]) -> None:
    j, syntax = line.journey, line.syntax
    some = j.first_aid | j.arrived[:, 1:].any(axis=1)
    _open(line, g, glue[0], "vitals", some)
    fa = j.first_aid
    none_before = np.zeros(int(fa.sum()), dtype=bool)
    poi_times = framed(line.first_aid_codes)
    poi = _group(syntax, 0, POI_VITAL_INDEX, j.poi_vitals[fa], poi_times, none_before)
    g.add(Texts(fa, texts=poi))
    written = fa.copy()  # a group written before: the next one starts with a separator
    arrived = j.arrived[:, 1:]
    # every role's arrival times in one go, patient by patient
    all_times = framed(time_codes(j.arrive[:, 1:][arrived]))
    slot = np.full(arrived.shape, -1)
    slot[arrived] = np.arange(int(arrived.sum()))
    every = tuple(range(len(VITALS)))
    for r in range(1, N_ROLES):
        at = j.arrived[:, r]
        if not at.any():
            continue
        texts = _group(syntax, r, every, j.vitals[at, r], all_times[slot[at, r - 1]], written[at])
        g.add(Texts(at, texts=texts))
        written |= at
    _close(line, g, "vitals", some)


# ---------------------------------------------------------------------------------------
# the timeline


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


def _timeline(line: Line, g: Grid, glue: tuple[str, ...]) -> None:
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


# ---------------------------------------------------------------------------------------
# the deadlines: one lookup-table entry per combination of (applies, met) over the three


@cache
def _deadline_lists(syntax: Syntax) -> Table:
    """Every deadlines list there can be, by ``sum(state_k * 3**k)`` over the kinds, state 0
    (does not apply), 1 (missed) or 2 (met): the items are constant text."""
    lists = []
    for combo in range(3 ** len(DEADLINES)):
        checks = []
        for k, care_kind in enumerate(DEADLINES):
            state = combo // 3**k % 3
            if state:
                checks.append({"care": care_kind, "minutes": DEADLINE_MINUTES[care_kind],
                               "met": state == 2})  # fmt: skip
        lists.append(list_text("deadlines", checks, syntax))
    return Table(encoded(lists))


def _deadlines(line: Line, g: Grid, glue: tuple[str, ...]) -> None:
    j = line.journey
    state = j.deadline_applies * (1 + j.deadline_met)
    g.const(glue[0])
    g.gather(_deadline_lists(line.syntax), (state * 3 ** np.arange(len(DEADLINES))).sum(axis=1))


LIST_WRITERS: dict[tuple[str, ...], Writer] = {
    ("conditions",): _conditions,
    ("treatments",): _treatments,
    ("vitals",): _vitals,
    ("timeline",): _timeline,
    ("deadlines",): _deadlines,
}
