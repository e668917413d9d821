"""PatientBlock -> NDJSON without building per-patient dicts (the fast path).

The record shape is the one ``records.build_records`` spells out readably; this module
writes the same bytes as ``orjson.dumps`` of those records (tests/simulation/
test_documents.py holds the two together over every preset, plus golden digests):

* every JSON fragment that depends only on reference or scenario data (names, units,
  ranks, a patient's conditions with their treatments, facility and front names, event
  kinds, what follows an arrival) is encoded once with orjson and looked up per patient
  by integer code;
* timestamps, dates, ids and service numbers are written for a whole block at once as
  numpy byte arrays; the two vitals groups are one %-template per patient;
* a line is the pieces present for that patient — a sparse ``(patients, pieces)`` grid,
  flattened in row order — joined once as UTF-8 bytes (no re-encoding).

Allocation size matters as much as instruction count here: fresh memory costs page faults,
so pieces are gathered in lists of ``_CHUNK_ROWS`` patients and each line is joined alone.

``flow_rows`` derives the database's flow columns from the same arrays.
"""

from __future__ import annotations

import hashlib
import itertools
import threading
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

import numpy as np
import orjson

from patientgen.simulation.enums import MECHANISMS, REGIONS, SEVERITIES, WARFARE_TYPES
from patientgen.simulation.flow import DOW, EVACUATED, KIA, RTD
from patientgen.simulation.records import (
    _INJURY_S,
    _MECH_S,
    _NS_BYTES,
    _POI_VITALS,
    _STATUS_S,
    _SYSTEMIC,
    _TERMINAL,
    _TITLES,
    _TRIAGE_S,
    _WARFARE_S,
    OUT_OF_THEATRE,
    ROLE_S,
    SNOMED,
    UNIT_NAMES,
    _site,
    _treatments,
    day_string,
    service_number,
)
from patientgen.simulation.reference.conditions import CONDITIONS
from patientgen.simulation.reference.names import name_pools
from patientgen.simulation.reference.nations import BLOOD_TYPES, NATION_CODES, NATIONS
from patientgen.simulation.reference.ranks import RANK_CODES
from patientgen.simulation.reference.vitals import VITALS

if TYPE_CHECKING:
    from patientgen.simulation.block import PatientBlock

_N_COND = len(CONDITIONS)
_N_REGION = len(REGIONS)
_N_WARFARE = len(WARFARE_TYPES)
_POW10 = 10 ** np.arange(1, 19, dtype=np.int64)
_STATUSES = (RTD, KIA, DOW, EVACUATED)
_BATTLE = 2
_CHUNK_ROWS = 128  # patients per list of pieces: keeps allocations small


def _j(value: Any) -> str:
    """One JSON value exactly as orjson writes it."""
    return orjson.dumps(value).decode()


def _tab(texts: Any) -> np.ndarray:
    """A lookup table: object array of UTF-8 byte strings."""
    values = [t.encode() for t in texts]
    out = np.empty(len(values), dtype=object)
    out[:] = values
    return out


def _pct(value: Any) -> str:
    """JSON text for a %-template."""
    return _j(value).replace("%", "%%")


def _tab_bytes(values: Any) -> np.ndarray:
    """Byte strings -> object array."""
    values = list(values)
    out = np.empty(len(values), dtype=object)
    out[:] = values
    return out


def _digits2(out: np.ndarray, col: int, v: np.ndarray) -> None:
    out[:, col] = 48 + v // 10
    out[:, col + 1] = 48 + v % 10


def _civil(days: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Days since 1970-01-01 -> (year, month, day), proleptic Gregorian (H. Hinnant)."""
    z = days.astype(np.int64) + 719_468
    era = np.floor_divide(z, 146_097)
    doe = z - era * 146_097
    yoe = (doe - doe // 1460 + doe // 36_524 - doe // 146_096) // 365
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    d = doy - (153 * mp + 2) // 5 + 1
    m = np.where(mp < 10, mp + 3, mp - 9)
    return yoe + era * 400 + (m <= 2), m, d


def _date_codes(days: np.ndarray) -> np.ndarray:
    """Days since the epoch -> (n, 10) bytes of 'YYYY-MM-DD' (years 1..9999)."""
    y, m, d = _civil(days)
    out = np.empty((days.shape[0], 10), dtype=np.uint8)
    _digits2(out, 0, y // 100)
    _digits2(out, 2, y % 100)
    out[:, 4] = out[:, 7] = ord("-")
    _digits2(out, 5, m)
    _digits2(out, 8, d)
    return out


@cache
def _time_of_day_codes() -> np.ndarray:
    """(86400, 11) bytes of 'THH:MM:SSZ"' for every second of a day."""
    h, rem = np.divmod(np.arange(86_400), 3600)
    m, sec = np.divmod(rem, 60)
    out = np.empty((86_400, 11), dtype=np.uint8)
    out[:, 0] = ord("T")
    out[:, 3] = out[:, 6] = ord(":")
    out[:, 9] = ord("Z")
    out[:, 10] = ord('"')
    _digits2(out, 1, h)
    _digits2(out, 4, m)
    _digits2(out, 7, sec)
    return out


def _time_codes(seconds: np.ndarray) -> np.ndarray:
    """Epoch seconds, truncated like ``int()`` (records.iso) -> (n, 22) bytes of
    '"YYYY-MM-DDTHH:MM:SSZ"'."""
    secs = np.asarray(seconds).astype(np.int64)
    days, sod = np.divmod(secs, 86_400)
    out = np.empty((secs.shape[0], 22), dtype=np.uint8)
    if secs.shape[0]:
        first = int(days.min())
        span = np.arange(first, int(days.max()) + 1)
        day_codes = np.empty((span.shape[0], 11), dtype=np.uint8)
        day_codes[:, 0] = ord('"')
        day_codes[:, 1:] = _date_codes(span)
        out[:, :11] = day_codes[days - first]
        out[:, 11:] = _time_of_day_codes()[sod]
    return out


def _framed(codes: np.ndarray, prefix: bytes = b"", suffix: bytes = b"") -> np.ndarray:
    """Fixed-width byte rows between a constant prefix and suffix -> numpy bytes strings."""
    if not prefix and not suffix:
        return codes.view(f"S{codes.shape[1]}")[:, 0]
    width = len(prefix) + codes.shape[1] + len(suffix)
    out = np.empty((codes.shape[0], width), dtype=np.uint8)
    out[:, : len(prefix)] = np.frombuffer(prefix, dtype=np.uint8)
    out[:, len(prefix) : len(prefix) + codes.shape[1]] = codes
    out[:, width - len(suffix) :] = np.frombuffer(suffix, dtype=np.uint8)
    return out.view(f"S{width}")[:, 0]


class _Times:
    """Timestamps requested while a block is laid out, formatted in one pass at the end.

    A request's text is ``prefix`` + '"YYYY-MM-DDTHH:MM:SSZ"' + ``suffix`` (ASCII).
    """

    def __init__(self) -> None:
        self.parts: list[tuple[np.ndarray, bytes, bytes]] = []
        self.text: list[np.ndarray] = []

    def add(self, seconds: np.ndarray, prefix: str = "", suffix: str = "") -> int:
        secs = np.asarray(seconds).astype(np.int64)
        self.parts.append((secs, prefix.encode("ascii"), suffix.encode("ascii")))
        return len(self.parts) - 1

    def run(self) -> None:
        if not self.parts:
            return
        codes = _time_codes(np.concatenate([p[0] for p in self.parts]))
        start = 0
        for secs, prefix, suffix in self.parts:
            stop = start + secs.shape[0]
            self.text.append(_framed(codes[start:stop], prefix, suffix))
            start = stop


class _TimeRef:
    """A time request as a piece: all of it, or the rows ``sub`` of it."""

    __slots__ = ("req", "sub")

    def __init__(self, req: int, sub: np.ndarray | None = None) -> None:
        self.req, self.sub = req, sub


class _Grid:
    """Pieces of each patient's line, in order; ``mask`` marks the patients having one.

    A value is a str (the same for every patient in the mask), an array with one byte
    string per patient in the mask, or a ``_TimeRef``.
    """

    def __init__(self, n: int) -> None:
        self.n = n
        self.times = _Times()
        self.pieces: list[tuple[Any, np.ndarray | None]] = []

    def add(self, *values: Any, mask: np.ndarray | None = None) -> None:
        for v in values:
            self.pieces.append((v.encode() if isinstance(v, str) else v, mask))

    def time(
        self,
        seconds: np.ndarray,
        mask: np.ndarray | None = None,
        prefix: str = "",
        suffix: str = "",
    ) -> None:
        secs = seconds if mask is None else seconds[mask]
        self.add(_TimeRef(self.times.add(secs, prefix, suffix)), mask=mask)

    def lines(self, rows: int = _CHUNK_ROWS) -> list[bytes]:
        """One byte string per patient: the pieces present, in order, joined."""
        self.times.run()
        n, k = self.n, len(self.pieces)
        present = np.empty((n, k), dtype=bool)
        for c, (_v, mask) in enumerate(self.pieces):
            present[:, c] = True if mask is None else mask
        # position of each present piece in patient-major order
        pos = np.cumsum(present.ravel(), dtype=np.int64).reshape(n, k)
        pos -= 1
        flat = np.empty(int(pos[-1, -1]) + 1, dtype=object)
        for c, (v, mask) in enumerate(self.pieces):
            if isinstance(v, _TimeRef):
                v = self.times.text[v.req] if v.sub is None else self.times.text[v.req][v.sub]
            flat[pos[:, c] if mask is None else pos[mask, c]] = v
        # every line starts with its first piece, present for all; lists in chunks
        starts = [*pos[:, 0].tolist(), flat.shape[0]]
        join = b"".join
        out: list[bytes] = []
        for lo in range(0, n, rows):
            hi = min(n, lo + rows)
            base = starts[lo]
            chunk = flat[base : starts[hi]].tolist()
            bounds = [s - base for s in starts[lo : hi + 1]]
            out.extend([join(chunk[a:z]) for a, z in itertools.pairwise(bounds)])
        return out


_INT_TEXT: dict[tuple[tuple[str, str], ...], dict[int, bytes]] = {}


def _ints(
    values: np.ndarray,
    affixes: tuple[tuple[str, str], ...] = (("", ""),),
    variant: np.ndarray | int = 0,
) -> np.ndarray:
    """Integers -> prefix + decimal text + suffix, (prefix, suffix) = affixes[variant]."""
    v = np.asarray(values).astype(np.int64)
    keys = (v * len(affixes) + np.asarray(variant, dtype=np.int64)).tolist()
    known = _INT_TEXT.setdefault(affixes, {})
    out = [known.get(k) for k in keys]
    if None in out:
        for i, k in enumerate(keys):
            if out[i] is None:
                x, a = divmod(k, len(affixes))
                out[i] = known[k] = f"{affixes[a][0]}{x}{affixes[a][1]}".encode()
    return _tab_bytes(out)


def _floats(values: np.ndarray) -> np.ndarray:
    """Floats -> orjson's float text (shortest round trip)."""
    uniq, inv = np.unique(values, return_inverse=True)
    return _tab(_j(x) for x in uniq.tolist())[inv]


def _heads(seed: int, index: np.ndarray) -> np.ndarray:
    """'{"index":<i>,"id":"<records.patient_id>"' for the block."""
    sha1 = hashlib.sha1
    head = _NS_BYTES + f"{seed}:".encode()
    raw = b"".join([sha1(head + b"%d" % i).digest()[:16] for i in index.tolist()])
    d = np.frombuffer(raw, dtype=np.uint8).reshape(-1, 16).copy()
    d[:, 6] = (d[:, 6] & 0x0F) | 0x50
    d[:, 8] = (d[:, 8] & 0x3F) | 0x80
    nibbles = np.empty((d.shape[0], 32), dtype=np.uint8)
    nibbles[:, 0::2] = d >> 4
    nibbles[:, 1::2] = d & 0x0F
    hexed = _HEX[nibbles]
    out = np.empty(index.shape[0], dtype=object)
    ndigits = np.searchsorted(_POW10, index, side="right") + 1
    for nd in np.unique(ndigits).tolist():
        sel = ndigits == nd
        idx = index[sel]
        pre = len(_INDEX_PREFIX)
        width = pre + nd + len(_ID_PREFIX) + 37
        codes = np.empty((idx.shape[0], width), dtype=np.uint8)
        codes[:, :pre] = np.frombuffer(_INDEX_PREFIX.encode(), dtype=np.uint8)
        for c in range(nd):
            codes[:, pre + c] = 48 + (idx // 10 ** (nd - 1 - c)) % 10
        at = pre + nd
        codes[:, at : at + len(_ID_PREFIX)] = np.frombuffer(_ID_PREFIX.encode(), dtype=np.uint8)
        at += len(_ID_PREFIX)
        for p in (8, 13, 18, 23):
            codes[:, at + p] = ord("-")
        codes[:, _UUID_HEX + at] = hexed[sel]
        codes[:, -1] = ord('"')
        out[sel] = codes.view(f"S{width}")[:, 0]
    return out


_INDEX_PREFIX = '{"index":'
_ID_PREFIX = ',"id":"'
_HEX = np.frombuffer(b"0123456789abcdef", dtype=np.uint8)
_UUID_HEX = np.array([p for p in range(36) if p not in (8, 13, 18, 23)], dtype=np.int64)


# ---------------------------------------------------------------------------------------
# reference fragments, encoded once


@cache
def _static() -> dict[str, np.ndarray]:
    pools = name_pools()
    # the family-name pools are per (nation, sex): the index tells the sex
    female = np.zeros(len(pools.family), dtype=bool)
    for key, (start, size) in enumerate(
        zip(pools.family_offset.tolist(), pools.family_size.tolist(), strict=True)
    ):
        female[start : start + size] = key % 2 == 1
    sex = [',"sex":"male","birth_date":"', ',"sex":"female","birth_date":"']
    return {
        "given": _tab(',"demographics":{"given_name":' + _j(g) for g in pools.given),
        "family": _tab(
            ',"family_name":' + _j(f) + sex[w]
            for f, w in zip(pools.family, female.tolist(), strict=True)
        ),
        "family_female": female,
        "rank": _tab(
            f',"rank":{_j(RANK_CODES[r])},"rank_title":{_j(_TITLES[n][r])}'
            for n in range(len(NATION_CODES))
            for r in range(len(RANK_CODES))
        ),
        "unit": _tab(',"unit":' + _j(u) + '},"injury_time":' for u in UNIT_NAMES),
    }


# Birth date, blood group and service number (records.service_number) are one piece. The
# number comes from a byte program per nation: DIGIT k -> digit k of the zero-padded
# 15-digit draw; ALPHA k -> the letter from digits k and k+1; LIT c; DOB j -> byte j of
# ddmmyy; INITIAL -> the family name's first letter upper-cased; END pads (trailing NULs
# are no part of a numpy bytes string).
_END, _DIGIT, _ALPHA, _LIT, _DOB, _INITIAL = range(6)
_POW15 = 10 ** np.arange(14, -1, -1, dtype=np.int64)


def _service_ops(fmt: str) -> list[tuple[int, int]]:
    fmt = fmt.replace("{dob}", "D").replace("{fi}", "F")
    prog: list[tuple[int, int]] = []
    k = 0
    for ch in fmt:
        if ch == "#":
            prog.append((_DIGIT, k % 15))
            k += 1
        elif ch == "A":
            prog.append((_ALPHA, k % 15))
            k += 2
        elif ch == "D":
            prog.extend((_DOB, j) for j in range(6))
        elif ch == "F":
            prog.append((_INITIAL, 0))
        else:
            assert _j(ch) == f'"{ch}"', ch  # written as is
            assert ch.isascii(), ch
            prog.append((_LIT, ord(ch)))
    return prog


def _blood_text(blood: str) -> str:
    return f'","blood_type":{_j(blood)},"service_number":'


@cache
def _service_program() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(ops, args) per nation for the service number and its closing quote; the family
    initials (0 where not one plain ASCII letter, e.g. "Ö": those take the slow path)."""
    progs = [[*_service_ops(nation.service_number), (_LIT, ord('"'))] for nation in NATIONS]
    width = max(len(p) for p in progs)
    ops = np.full((len(progs), width), _END, dtype=np.int64)
    args = np.zeros((len(progs), width), dtype=np.int64)
    for i, prog in enumerate(progs):
        for c, (op, arg) in enumerate(prog):
            ops[i, c], args[i, c] = op, arg
    initials = []
    for f in name_pools().family:
        c = f[:1].upper()
        plain = len(c) == 1 and c.isascii() and c.isprintable() and _j(c) == f'"{c}"'
        initials.append(ord(c) if plain else 0)
    return ops, args, np.array(initials, dtype=np.int64)


@cache
def _blood_codes() -> list[np.ndarray]:
    return [np.frombuffer((_blood_text(b) + '"').encode("ascii"), np.uint8) for b in BLOOD_TYPES]


def _identity(b: PatientBlock) -> np.ndarray:
    """'YYYY-MM-DD","blood_type":"…","service_number":"…"' for the whole block."""
    dem = b.demographics
    nation = b.injuries.nation
    ops_t, args_t, initials_t = _service_program()
    n = b.size
    ops, args = ops_t[nation], args_t[nation]
    digits = ((dem.service[:, None] // _POW15) % 10).astype(np.uint8)
    k = np.minimum(args, 14)
    d0 = np.take_along_axis(digits, k, axis=1)
    d1 = np.take_along_axis(digits, (k + 1) % 15, axis=1)
    date = _date_codes(dem.birth_day)
    dob = date[:, [8, 9, 5, 6, 2, 3]]  # ddmmyy
    initial = initials_t[dem.family]
    number = np.select(
        [ops == _DIGIT, ops == _ALPHA, ops == _LIT, ops == _DOB, ops == _INITIAL],
        [
            48 + d0,
            65 + (10 * d0.astype(np.int64) + d1) % 26,
            args,
            np.take_along_axis(dob, np.minimum(args, 5), axis=1),
            initial[:, None],
        ],
        0,
    ).astype(np.uint8)
    result = np.empty(n, dtype=object)
    blood_codes = _blood_codes()
    for blood in np.unique(dem.blood).tolist():
        sel = dem.blood == blood
        mid = blood_codes[blood]
        w = 10 + mid.shape[0]
        out = np.empty((int(sel.sum()), w + number.shape[1]), dtype=np.uint8)
        out[:, :10] = date[sel]
        out[:, 10:w] = mid
        out[:, w:] = number[sel]
        result[sel] = out.view(f"S{out.shape[1]}")[:, 0]
    slow = np.flatnonzero((initial == 0) & (ops == _INITIAL).any(axis=1))
    if slow.size:
        family = name_pools().family
        for i in slow.tolist():
            birth = day_string(int(dem.birth_day[i]))
            fam = family[int(dem.family[i])]
            sn = service_number(int(nation[i]), int(dem.service[i]), birth, fam)
            result[i] = (birth + _blood_text(BLOOD_TYPES[int(dem.blood[i])]) + _j(sn)).encode()
    return result


# ---------------------------------------------------------------------------------------
# conditions and treatments: one "profile" per (cond, cond2, band, region, left)


def _profile_key(b: PatientBlock) -> np.ndarray:
    inj = b.injuries
    k = inj.cond * (_N_COND + 1) + (inj.cond2 + 1)
    k = k * 3 + inj.band
    k = k * (_N_REGION + 1) + (inj.region + 1)
    return k * 2 + inj.left


def _profile(key: int) -> tuple[str, tuple[tuple[str, ...], ...]]:
    """(',"conditions":[…],"treatments":[', per role each procedure's
    ',{"code":…,"display":…,"facility":…,"time":')."""
    k, left = divmod(key, 2)
    k, region = divmod(k, _N_REGION + 1)
    k, band = divmod(k, 3)
    cond, cond2 = divmod(k, _N_COND + 1)
    region -= 1
    cond2 -= 1
    site = _site(cond, region, bool(left))
    sev = SEVERITIES[band]
    c1 = CONDITIONS[cond]
    conditions: list[dict[str, Any]] = [
        {"system": SNOMED, "code": c1.code, "display": c1.display, "severity": sev,
         "body_site": site}
    ]  # fmt: skip
    if cond2 >= 0:
        c2 = CONDITIONS[cond2]
        conditions.append(
            {"system": SNOMED, "code": c2.code, "display": c2.display, "severity": sev,
             "body_site": None if c2.key in _SYSTEMIC or (c2.site is None and region < 0)
             else _site(cond2, region, bool(left))}
        )  # fmt: skip
    tsite = site or ""
    roles = tuple(
        tuple(
            "," + _j({"code": code, "display": display, "facility": ROLE_S[r]})[:-1] + ',"time":'
            for code, display in _treatments(r, cond, cond2, band, tsite)
        )
        for r in range(5)
    )
    return ',"conditions":' + _j(conditions) + ',"treatments":[', roles


@dataclass(slots=True)
class _ProfileTables:
    """Rows indexed by profile number: ``conditions``; ``counts[:, role]`` procedures at a
    role; ``later[role][:, j]`` procedure j with its leading comma, ``first`` without."""

    conditions: np.ndarray
    counts: np.ndarray
    first: list[np.ndarray]
    later: list[np.ndarray]


class _Profiles:
    """Every profile seen so far, numbered; tables grow, rows already filled never change."""

    def __init__(self) -> None:
        self.number: dict[int, int] = {}
        self.tables = self._alloc(0, [0] * 5)
        self.lock = threading.Lock()

    @staticmethod
    def _alloc(cap: int, widths: list[int]) -> _ProfileTables:
        def empty(*shape: int) -> np.ndarray:
            out = np.empty(shape, dtype=object)
            out.fill(b"")
            return out

        return _ProfileTables(
            conditions=empty(cap),
            counts=np.zeros((cap, 5), dtype=np.int64),
            first=[empty(cap, w) for w in widths],
            later=[empty(cap, w) for w in widths],
        )

    def lookup(self, keys: np.ndarray) -> tuple[np.ndarray, _ProfileTables]:
        uniq, inv = np.unique(keys, return_inverse=True)
        ukeys = uniq.tolist()
        with self.lock:
            number = self.number
            nums = [number.get(k, -1) for k in ukeys]
            if -1 in nums:
                new = [k for k, v in zip(ukeys, nums, strict=True) if v < 0]
                self._grow(new)
                nums = [number[k] for k in ukeys]
            tables = self.tables
        return np.asarray(nums, dtype=np.int64)[inv], tables

    def _grow(self, keys: list[int]) -> None:
        rows = [_profile(k) for k in keys]
        t = self.tables
        used = len(self.number)
        widths = [max([t.first[r].shape[1], *(len(p[1][r]) for p in rows)]) for r in range(5)]
        cap = t.conditions.shape[0]
        if used + len(rows) > cap or widths != [f.shape[1] for f in t.first]:
            cap = max(2 * cap, used + len(rows), 256)
            grown = self._alloc(cap, widths)
            grown.conditions[:used] = t.conditions[:used]
            grown.counts[:used] = t.counts[:used]
            for r in range(5):
                w = t.first[r].shape[1]
                grown.first[r][:used, :w] = t.first[r][:used]
                grown.later[r][:used, :w] = t.later[r][:used]
            t = grown
        for i, (key, (conditions, roles)) in enumerate(zip(keys, rows, strict=True)):
            p = used + i
            t.conditions[p] = conditions.encode()
            for r, items in enumerate(roles):
                t.counts[p, r] = len(items)
                for j, item in enumerate(items):
                    t.later[r][p, j] = item.encode()
                    t.first[r][p, j] = item[1:].encode()
            self.number[key] = p
        self.tables = t


_PROFILES = _Profiles()


# ---------------------------------------------------------------------------------------
# scenario and role fragments


@lru_cache(maxsize=64)
def _scenario_tables(
    fronts: tuple[str, ...], names: tuple[str, ...], kinds: tuple[str, ...]
) -> dict[str, Any]:
    n_ev = len(kinds) + 1
    extra = ["}"]  # after the injury event's time, by (mechanism, warfare, special event)
    for mech in _MECH_S:
        for war in _WARFARE_S:
            base = f',"mechanism":{_j(mech)},"warfare":{_j(war)}'
            extra.append(base + "}")
            extra.extend(f'{base},"special_event":{_j(k)}}}' for k in kinds)
    assert len(extra) == 1 + len(MECHANISMS) * _N_WARFARE * n_ev
    return {
        # by (nation, front, injury type, triage)
        "nation_kind": _tab(
            f',"nationality":{_j(c)},"front":{_j(f)},"injury_type":{_j(t)},"triage":{_j(tr)}'
            for c in NATION_CODES
            for f in fronts
            for t in _INJURY_S
            for tr in _TRIAGE_S
        ),
        "facility": [f',"facility_name":{_j(name)}' for name in names],
        "injury_extra": _tab(extra),
        "n_events": n_ev,
    }


def _terminal_head(status: int, role: int) -> str:
    return f',{{"event":{_j(_TERMINAL[status])},"facility":{_j(ROLE_S[role])},"time":'


def _departure_head(role: int) -> str:
    return f',{{"event":"departure","facility":{_j(ROLE_S[role])},"time":'


@cache
def _role_tables() -> dict[str, Any]:
    tails = []
    for s in _STATUSES:
        for fr in range(5):
            for transit in (False, True):
                ex = ""
                if s == KIA and transit:
                    ex = ',"in_transit":true'
                if s == EVACUATED and fr < 4:
                    ex = f',"destination":{_j(OUT_OF_THEATRE)}'
                tails.append(
                    f'{ex}}}],"final_status":{_j(_STATUS_S[s])},"final_facility":{_j(ROLE_S[fr])}}}'
                )
    places = (*ROLE_S, OUT_OF_THEATRE)  # by role index; 5: no further role
    dest = [f',"destination":{_j(r)}}}' for r in places]
    # the arrival that follows a departure at once, up to its time
    arrival = [f',{{"event":"arrival","facility":{_j(r)},"time":' for r in ROLE_S]
    return {
        "dest": _tab(dest + [d + a for d, a in zip(dest, arrival, strict=False)]),
        "terminal": _tab(_terminal_head(s, fr) for s in _STATUSES for fr in range(5)),
        "tail": _tab(tails),
    }


def _next_arrival(arrived: np.ndarray, r: int) -> np.ndarray:
    """The first role after r the patient arrived at, or 5 for none."""
    nxt = np.full(arrived.shape[0], 5, dtype=np.int64)
    for q in range(4, r, -1):
        nxt = np.where(arrived[:, q], q, nxt)
    return nxt


def _first_aid(b: PatientBlock) -> np.ndarray:
    """Who gets the first-aid event (and POI treatments and vitals)."""
    fl = b.flow
    battle = b.injuries.injury_type == _BATTLE
    return battle & ((fl.status != KIA) | (fl.first_aid < fl.end))


# ---------------------------------------------------------------------------------------
# the block


def lines(b: PatientBlock) -> list[bytes]:
    """Each patient's NDJSON line as UTF-8 bytes, without its newline."""
    n = b.size
    if n == 0:
        return []
    st = _static()
    sc = _scenario_tables(b.front_names, b.facility_names, b.event_kinds)
    rt = _role_tables()
    inj, dem, fl = b.injuries, b.demographics, b.flow
    g = _Grid(n)

    # --- head and demographics
    g.add(_heads(b.seed, b.index))
    kind = ((inj.nation * len(b.front_names) + inj.front) * 3 + inj.injury_type) * 4 + inj.triage
    g.add(sc["nation_kind"][kind], st["given"][dem.given], st["family"][dem.family])
    g.add(_identity(b))
    g.add(st["rank"][inj.nation * len(RANK_CODES) + dem.rank], st["unit"][dem.unit])
    t0 = _time_codes(inj.t0)
    g.add(_framed(t0))

    # --- conditions and treatments
    prof, pt = _PROFILES.lookup(_profile_key(b))
    g.add(pt.conditions[prof])

    status, final_role, end = fl.status, fl.final_role, fl.end
    arrive, care, leave, wait = fl.arrive, fl.care, fl.leave, fl.wait
    arrived = ~np.isnan(arrive)
    first_aid = _first_aid(b)
    fa = _time_codes(fl.first_aid[first_aid])
    fa_close = _framed(fa, suffix=b"}")

    written = np.zeros(n, dtype=bool)  # any treatment written yet
    for r in range(5):
        here = first_aid if r == 0 else arrived[:, r]
        counts = np.where(here, pt.counts[prof, r], 0)
        top = int(counts.max())
        if r > 0 and top:
            lv = leave[:, r]
            window_end = np.where(np.isnan(lv) | (final_role == r), end, lv)
            c0 = care[:, r]
        for j in range(top):
            sel = counts > j
            p = prof[sel]
            g.add(np.where(written[sel], pt.later[r][p, j], pt.first[r][p, j]), mask=sel)
            if r == 0:
                g.add(fa_close[sel[first_aid]], mask=sel)
            else:
                cs, m1 = c0[sel], (counts[sel] + 1).astype(np.float64)
                tt = cs + (j + 1) * (window_end[sel] - cs) / m1
                g.add(_TimeRef(g.times.add(tt, suffix="}")), mask=sel)
            written |= sel

    # --- vitals: at the POI with first aid, and at the first MTF; one piece per group
    vit = b.vitals
    poi_values = []
    parts = []
    for pos, (k, (_key, code, _disp, unit)) in enumerate(_POI_VITALS):
        value = vit[first_aid, k] + (8 if k == 0 else 2 if k == 1 else -1 if k == 5 else 0)
        if k == 5:
            value = np.minimum(value, 100)
        poi_values.append(value.astype(np.int64).tolist())
        parts.append(
            ("," if pos else "")
            + f'{{"code":{_pct(code)},"value":%d,"unit":{_pct(unit)},"facility":"POI","time":%b}}'
        )
    tpl = ('],"vitals":[' + "".join(parts)).encode()
    times = _framed(fa).tolist()
    g.add(
        _tab_bytes(
            tpl % (a, t, c, t, d, t, e, t) for a, c, d, e, t in zip(*poi_values, times, strict=True)
        ),
        mask=first_aid,
    )
    g.add('],"vitals":[', mask=~first_aid)
    mtf_any = arrived[:, 1:].any(axis=1)
    mtf = (np.argmax(arrived[:, 1:], axis=1) + 1)[mtf_any]
    times = _framed(_time_codes(arrive[mtf_any, mtf])).tolist()
    values = []
    for k in range(len(VITALS)):
        v = vit[mtf_any, k]
        values.append(_floats(v).tolist() if k == 4 else v.astype(np.int64).tolist())
    tpls = _mtf_templates()
    variant = (first_aid[mtf_any].astype(np.int64) * 5 + mtf).tolist()
    g.add(
        _tab_bytes(
            tpls[w] % (a, t, c, t, d, t, e, t, f, t, h, t, i, t)
            for w, a, c, d, e, f, h, i, t in zip(variant, *values, times, strict=True)
        ),
        mask=mtf_any,
    )

    # --- timeline (an event's head comes with the piece before it where that is known)
    g.add(_framed(t0, b'],"timeline":[{"event":"injury","facility":"POI","time":'))
    n_ev = sc["n_events"]
    ekey = (inj.mechanism * _N_WARFARE + inj.warfare) * n_ev + (inj.event + 1) + 1
    g.add(sc["injury_extra"][np.where(inj.injury_type == _BATTLE, ekey, 0)])
    g.add(_framed(fa, b',{"event":"first_aid","facility":"POI","time":', b"}"), mask=first_aid)

    dep0 = ~np.isnan(leave[:, 0])
    dest0 = fl.first_dest[dep0]
    if dest0.size and dest0.max() > 4:
        raise IndexError("departure from the POI to no role")  # as records.ROLE_S[5]
    g.time(leave[:, 0], dep0, prefix=_departure_head(0))
    g.add(rt["dest"][dest0 + 6 * mtf_any[dep0]], mask=dep0)

    for r in range(1, 5):
        a = arrived[:, r]
        if not a.any():
            continue
        g.time(arrive[:, r], a)  # its head came with the departure before it
        lv = leave[:, r]
        dep = a & ~np.isnan(lv) & ~((final_role == r) & (status == EVACUATED)) & (r < 4)
        waited = a & (wait[:, r] > 0)
        # what follows the arrival: a departure from here, else the final event here
        nexts = (_departure_head(r), *(_terminal_head(s, r) for s in _STATUSES))
        follow = np.where(dep, 0, 1 + status.astype(np.int64))
        fname = sc["facility"][r]
        names = _tab([fname + ',"wait_minutes":', *(fname + "}" + h for h in nexts)])
        g.add(names[np.where(waited, 0, 1 + follow)[a]], mask=a)
        # round() in records: half to even, like rint
        minutes = np.rint(wait[waited, r] / 60.0)
        g.add(_ints(minutes, tuple(("", "}" + h) for h in nexts), follow[waited]), mask=waited)
        if r < 4:
            g.time(lv, dep)
            nxt = _next_arrival(arrived, r)[dep]
            g.add(rt["dest"][nxt + 6 * (nxt < 5)], mask=dep)

    # the final event: its head came with the last arrival, unless it is at the POI
    sf = status.astype(np.int64) * 5 + final_role
    at_poi = final_role == 0
    g.add(rt["terminal"][sf[at_poi]], mask=at_poi)
    g.time(end)
    g.add(rt["tail"][sf * 2 + fl.in_transit])
    return g.lines()


@cache
def _mtf_templates() -> list[bytes]:
    """%-templates of the vitals taken on arrival at the first MTF, by (comma, role)."""
    out = []
    for comma in ("", ","):
        for r in range(5):
            parts = [
                f'{{"code":{_pct(code)},"value":{"%b" if k == 4 else "%d"},"unit":{_pct(unit)},'
                f'"facility":{_pct(ROLE_S[r])},"time":%b}}'
                for k, (_key, code, _disp, unit) in enumerate(VITALS)
            ]
            out.append((comma + ",".join(parts)).encode())
    return out


def ndjson(b: PatientBlock) -> bytes:
    """Every patient of the block as NDJSON: one UTF-8 line each, each ending in b"\\n"."""
    out = lines(b)
    out.append(b"")  # the last newline
    return b"\n".join(out) if len(out) > 1 else b""


def documents(b: PatientBlock) -> list[str]:
    """Each patient's NDJSON line as str, without its newline."""
    return [line.decode() for line in lines(b)]


# ---------------------------------------------------------------------------------------
# flow columns for the database rows


@dataclass(frozen=True)
class FlowArrays:
    """The flow columns as arrays: ``path`` codes into ``FLOW_PATHS``, and ``values`` (n, 10):
    first_treatment_s, first_mtf_s, r1_in, r1_out, …, r4_in, r4_out, valid where ``present``."""

    path: np.ndarray
    values: np.ndarray
    present: np.ndarray


# bit r-1 of a path code is set when the patient reached Role r
FLOW_PATHS = tuple(
    "POI" + "".join(f">{ROLE_S[r]}" for r in range(1, 5) if code >> (r - 1) & 1)
    for code in range(16)
)


def flow_arrays(b: PatientBlock) -> FlowArrays:
    """The database's flow columns, as ``jobs.rows.flow_columns`` reads them from the record's
    timeline and treatments."""
    n = b.size
    values = np.zeros((n, 10), dtype=np.int64)
    present = np.zeros((n, 10), dtype=bool)
    if n == 0:
        return FlowArrays(np.zeros(0, dtype=np.int64), values, present)
    fl = b.flow
    t0 = b.injuries.t0.astype(np.int64)
    status, final_role, end = fl.status, fl.final_role, fl.end
    arrive, care, leave = fl.arrive, fl.care, fl.leave
    arrived = ~np.isnan(arrive)
    first_aid = _first_aid(b)
    prof, pt = _PROFILES.lookup(_profile_key(b))
    counts = pt.counts[prof]

    # the earliest treatment: first aid at the POI, else each role's first procedure
    big = np.iinfo(np.int64).max
    has_poi = first_aid & (counts[:, 0] > 0)
    first_treat = np.full(n, big, dtype=np.int64)
    first_treat[has_poi] = fl.first_aid[has_poi].astype(np.int64)
    first_mtf = np.full(n, big, dtype=np.int64)
    path_code = np.zeros(n, dtype=np.int64)
    for r in range(1, 5):
        a = arrived[:, r]
        path_code |= a.astype(np.int64) << (r - 1)
        a_s = np.zeros(n, dtype=np.int64)
        a_s[a] = arrive[a, r].astype(np.int64)
        first_mtf[a] = np.minimum(first_mtf[a], a_s[a])
        lv = leave[:, r]
        treated = a & (counts[:, r] > 0)
        c0 = care[treated, r]
        window_end = np.where(np.isnan(lv) | (final_role == r), end, lv)[treated]
        tt = (c0 + (window_end - c0) / (counts[treated, r] + 1)).astype(np.int64)
        first_treat[treated] = np.minimum(first_treat[treated], tt)
        # leaving the role: its departure event, else the final event if it ends here
        departs = ~np.isnan(lv) & ~((final_role == r) & (status == EVACUATED)) & (r < 4)
        has_out = a & (departs | (final_role == r))
        out_s = np.zeros(n, dtype=np.int64)
        out_s[has_out] = np.where(departs, lv, end)[has_out].astype(np.int64)
        col = 2 * r
        values[:, col], present[:, col] = a_s, a
        values[:, col + 1], present[:, col + 1] = out_s, has_out
    present[:, 0], present[:, 1] = first_treat != big, first_mtf != big
    values[:, 0] = np.where(present[:, 0], first_treat - t0, 0)
    values[:, 1] = np.where(present[:, 1], first_mtf - t0, 0)
    return FlowArrays(path_code, values, present)


def flow_rows(b: PatientBlock) -> list[tuple]:
    """Per patient (path, first_treatment_s, first_mtf_s, r1_in, r1_out, …, r4_in, r4_out)."""
    fa = flow_arrays(b)
    path = [FLOW_PATHS[c] for c in fa.path.tolist()]
    columns = [_optional(fa.values[:, k], fa.present[:, k]) for k in range(10)]
    return list(zip(path, *columns, strict=True))


def _optional(values: np.ndarray, present: np.ndarray) -> list[Any]:
    out = values.tolist()
    if not present.all():
        for i in np.flatnonzero(~present).tolist():
            out[i] = None
    return out
