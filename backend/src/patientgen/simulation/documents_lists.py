"""The lists of a record line — conditions, treatments, vitals, deadlines; the timeline in
documents_timeline.py — as grid pieces read off the journey (see documents.py). Every item's
text comes from the syntax's split of its declared model; what is encoded once (a care plan's
conditions and procedures, the vitals' segments) is looked up by integer code per patient.
"""

from __future__ import annotations

import threading
from functools import cache

import numpy as np

from patientgen.simulation import care
from patientgen.simulation.documents_timeline import write_timeline
from patientgen.simulation.fields import ROLE_LABELS
from patientgen.simulation.grid import Fixed, Grid, Table, Texts
from patientgen.simulation.journey import (
    FLOAT_VITALS,
    N_ROLES,
    POI_VITAL_INDEX,
)
from patientgen.simulation.layout import HOLE, Syntax, list_text
from patientgen.simulation.line import Line, Writer
from patientgen.simulation.measurements import BOUNDS as VITAL_BOUNDS
from patientgen.simulation.record_model import (
    Treatment,
    Vital,
)
from patientgen.simulation.reference.profiles import DEADLINE_MINUTES, DEADLINES
from patientgen.simulation.reference.vitals import VITALS
from patientgen.simulation.text import encoded, framed, json_text, objects, time_codes


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
    ("timeline",): write_timeline,
    ("deadlines",): _deadlines,
}
