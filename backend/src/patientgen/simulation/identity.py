"""Identifiers: the patient id (uuid5 of seed and index) and the national service number,
one at a time for the readable records and a block at a time for the fast path."""

from __future__ import annotations

import hashlib
import uuid
from functools import cache

import numpy as np

from patientgen.simulation.reference.names import name_pools
from patientgen.simulation.reference.nations import BLOOD_TYPES, NATIONS
from patientgen.simulation.text import date_codes, day_string, json_text, unquoted_text

ID_NAMESPACE = uuid.UUID("5b0c8f3e-2f8e-5a51-9d55-1f7c2f0e6a11")
_NS_BYTES = ID_NAMESPACE.bytes
_HEX = np.frombuffer(b"0123456789abcdef", dtype=np.uint8)
_UUID_HEX = np.array([p for p in range(36) if p not in (8, 13, 18, 23)], dtype=np.int64)
_POW10 = 10 ** np.arange(1, 19, dtype=np.int64)


def patient_id(seed: int, index: int) -> str:
    """uuid5(ID_NAMESPACE, f"{seed}:{index}"), built without UUID objects (hot path)."""
    b = bytearray(hashlib.sha1(_NS_BYTES + f"{seed}:{index}".encode()).digest()[:16])  # noqa: S324
    b[6] = (b[6] & 0x0F) | 0x50
    b[8] = (b[8] & 0x3F) | 0x80
    h = b.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def _as_bytes(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("ascii"), dtype=np.uint8)


def heads(
    seed: int, index: np.ndarray, before_index: str, before_id: str, hexed: np.ndarray | None = None
) -> np.ndarray:
    """``before_index`` + <index> + ``before_id`` + '"<patient_id>"' for a block (``hexed``:
    ``id_hex(seed, index)``, if made)."""
    if hexed is None:
        hexed = id_hex(seed, index)
    out = np.empty(index.shape[0], dtype=object)
    ndigits = np.searchsorted(_POW10, index, side="right") + 1
    pre, mid = _as_bytes(before_index), _as_bytes(before_id + '"')
    for nd in np.unique(ndigits).tolist():
        sel = ndigits == nd
        idx = index[sel]
        width = len(pre) + nd + len(mid) + 37
        codes = np.empty((idx.shape[0], width), dtype=np.uint8)
        codes[:, : len(pre)] = pre
        for c in range(nd):
            codes[:, len(pre) + c] = 48 + (idx // 10 ** (nd - 1 - c)) % 10
        at = len(pre) + nd
        codes[:, at : at + len(mid)] = mid
        at += len(mid)
        for p in (8, 13, 18, 23):
            codes[:, at + p] = ord("-")
        codes[:, _UUID_HEX + at] = hexed[sel]
        codes[:, -1] = ord('"')
        out[sel] = codes.view(f"S{width}")[:, 0]
    return out


def id_hex(seed: int, index: np.ndarray) -> np.ndarray:
    """The patient ids' 32 hex digits, (n, 32) ASCII bytes (``patient_id`` without dashes)."""
    sha1 = hashlib.sha1
    head = _NS_BYTES + f"{seed}:".encode()
    raw = b"".join([sha1(head + b"%d" % i).digest()[:16] for i in index.tolist()])
    d = np.frombuffer(raw, dtype=np.uint8).reshape(-1, 16).copy()
    d[:, 6] = (d[:, 6] & 0x0F) | 0x50
    d[:, 8] = (d[:, 8] & 0x3F) | 0x80
    nibbles = np.empty((d.shape[0], 32), dtype=np.uint8)
    nibbles[:, 0::2] = d >> 4
    nibbles[:, 1::2] = d & 0x0F
    return _HEX[nibbles]


# ---------------------------------------------------------------------------------------
# service numbers: a national format of '#' (a digit of the drawn 15), 'A' (a letter from
# two of them), '{dob}' (ddmmyy), '{fi}' (the family name's initial) and literal characters


@cache
def _service_formatter(nation: int) -> tuple[str, ...]:
    return tuple(NATIONS[nation].service_number.replace("{dob}", "D").replace("{fi}", "F"))


def service_number(nation: int, digits: int, birth: str, family: str) -> str:
    src = f"{digits:015d}"
    out = []
    k = 0
    for ch in _service_formatter(nation):
        if ch == "#":
            out.append(src[k % 15])
            k += 1
        elif ch == "A":
            out.append(chr(65 + int(src[k % 15] + src[(k + 1) % 15]) % 26))
            k += 2
        elif ch == "D":
            out.append(birth[8:10] + birth[5:7] + birth[2:4])
        elif ch == "F":
            out.append(family[:1].upper())
        else:
            out.append(ch)
    return "".join(out)


# The vectorised form runs a byte program per nation: DIGIT k -> digit k of the zero-padded
# 15-digit draw; ALPHA k -> the letter from digits k and k+1; LIT c; DOB j -> byte j of
# ddmmyy; INITIAL -> the family name's first letter upper-cased; END pads (trailing NULs
# are no part of a numpy bytes string).
_END, _DIGIT, _ALPHA, _LIT, _DOB, _INITIAL = range(6)
_POW15 = 10 ** np.arange(14, -1, -1, dtype=np.int64)


def _service_ops(nation: int) -> list[tuple[int, int]]:
    prog: list[tuple[int, int]] = []
    k = 0
    for ch in _service_formatter(nation):
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
            assert json_text(ch) == f'"{ch}"', ch  # written as is
            assert ch.isascii(), ch
            prog.append((_LIT, ord(ch)))
    return prog


@cache
def service_program() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(ops, args) per nation for the service number (its closing quote is the writer's); the
    family initials (0 where not one plain ASCII letter, e.g. "Ö": those take the readable
    path)."""
    progs = [_service_ops(i) for i in range(len(NATIONS))]
    width = max(len(p) for p in progs)
    ops = np.full((len(progs), width), _END, dtype=np.int64)
    args = np.zeros((len(progs), width), dtype=np.int64)
    for i, prog in enumerate(progs):
        for c, (op, arg) in enumerate(prog):
            ops[i, c], args[i, c] = op, arg
    initials = []
    for f in name_pools().family:
        first = f[:1].upper()
        plain = (
            len(first) == 1
            and first.isascii()
            and first.isprintable()
            and json_text(first) == f'"{first}"'
        )
        initials.append(ord(first) if plain else 0)
    return ops, args, np.array(initials, dtype=np.int64)


def service_codes(
    nation: np.ndarray, birth_day: np.ndarray, service: np.ndarray, family: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(birth dates as (n, 10) bytes, service numbers as NUL-padded byte rows, the patients
    whose number takes the readable path) for a block."""
    ops_t, args_t, initials_t = service_program()
    ops, args = ops_t[nation], args_t[nation]
    digits = ((service[:, None] // _POW15) % 10).astype(np.uint8)
    k = np.minimum(args, 14)
    d0 = np.take_along_axis(digits, k, axis=1)
    d1 = np.take_along_axis(digits, (k + 1) % 15, axis=1)
    date = date_codes(birth_day)
    dob = date[:, [8, 9, 5, 6, 2, 3]]  # ddmmyy
    initial = initials_t[family]
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
    slow = np.flatnonzero((initial == 0) & (ops == _INITIAL).any(axis=1))
    return date, number, slow


def identity(
    nation: np.ndarray,
    birth_day: np.ndarray,
    blood: np.ndarray,
    service: np.ndarray,
    family: np.ndarray,
    glue: tuple[str, ...],
    *,
    quoted: bool = True,
    codes: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None,
) -> np.ndarray:
    """glue[0] + birth date + glue[1] + blood group + glue[2] + service number, per patient:
    the JSON values, quoted unless ``quoted`` is False, but for the service number's closing
    quote, which the caller writes. ``codes``: ``service_codes`` of these patients, if made."""
    quote = '"' if quoted else ""
    string = json_text if quoted else unquoted_text
    date, number, slow = codes or service_codes(nation, birth_day, service, family)
    result = np.empty(nation.shape[0], dtype=object)
    head = _as_bytes(glue[0] + quote)
    for code in np.unique(blood).tolist():
        sel = blood == code
        mid = _as_bytes(quote + glue[1] + string(BLOOD_TYPES[code]) + glue[2] + quote)
        a, w = len(head), len(head) + 10 + len(mid)
        out = np.empty((int(sel.sum()), w + number.shape[1]), dtype=np.uint8)
        out[:, :a] = head
        out[:, a : a + 10] = date[sel]
        out[:, a + 10 : w] = mid
        out[:, w:] = number[sel]
        result[sel] = out.view(f"S{out.shape[1]}")[:, 0]
    if slow.size:
        families = name_pools().family
        for i in slow.tolist():
            birth = day_string(int(birth_day[i]))
            sn = service_number(int(nation[i]), int(service[i]), birth, families[int(family[i])])
            blood_type = BLOOD_TYPES[int(blood[i])]
            text = glue[0] + string(birth) + glue[1] + string(blood_type) + glue[2]
            result[i] = (text + string(sn).removesuffix(quote)).encode()
    return result
