"""The text of record values: JSON values, dates, times and numbers.

Two forms of the same spelling: one value at a time for the readable records (``iso``,
``day_string``), and a block at a time as numpy byte rows or tables of byte strings for the
fast document path (``time_codes``, ``date_codes``, ``ints``, ``floats``). Both write what
``orjson.dumps`` writes for the record's values (tests/simulation/test_documents.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from functools import cache
from typing import Any

import numpy as np
import orjson

_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()


def json_text(value: Any) -> str:
    """One JSON value exactly as orjson writes it."""
    return orjson.dumps(value).decode()


def unquoted_text(value: Any) -> str:
    """``json_text(value)``, a string's without its quotes (how a syntax's ``unquoted`` holes
    are filled)."""
    text = json_text(value)
    return text[1:-1] if isinstance(value, str) else text


def objects(values: Iterable[Any]) -> np.ndarray:
    """Values -> a 1-d object array (numpy would otherwise make strings or nested arrays)."""
    values = list(values)
    out = np.empty(len(values), dtype=object)
    out[:] = values
    return out


def encoded(texts: Iterable[str]) -> np.ndarray:
    """Texts -> an object array of their UTF-8 bytes (a lookup table of pieces)."""
    return objects(t.encode() for t in texts)


# ---------------------------------------------------------------------------------------
# one value at a time (the readable records)

_DAYS: dict[int, str] = {}
_TIME_OF_DAY: list[str] | None = None


def day_string(day: int) -> str:
    """Days since 1970-01-01 -> 'YYYY-MM-DD'."""
    s = _DAYS.get(day)
    if s is None:
        s = _DAYS[day] = date.fromordinal(_EPOCH_ORDINAL + day).isoformat()
    return s


def _tod() -> list[str]:
    global _TIME_OF_DAY
    if _TIME_OF_DAY is None:
        _TIME_OF_DAY = [
            f"T{h:02d}:{m:02d}:{s:02d}Z" for h in range(24) for m in range(60) for s in range(60)
        ]
    return _TIME_OF_DAY


def iso(seconds: float) -> str:
    """Epoch seconds (truncated) -> ISO 8601 UTC with a Z, e.g. 2030-06-01T06:12:09Z."""
    day, rest = divmod(int(seconds), 86_400)
    d = _DAYS.get(day) or day_string(day)
    return d + (_TIME_OF_DAY or _tod())[rest]


# ---------------------------------------------------------------------------------------
# a block at a time (the fast path): fixed-width byte rows


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


def date_codes(days: np.ndarray) -> np.ndarray:
    """Days since the epoch -> (n, 10) bytes of 'YYYY-MM-DD' (years 1..9999), as day_string."""
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


def time_codes(seconds: np.ndarray) -> np.ndarray:
    """Epoch seconds, truncated like ``iso`` -> (n, 22) bytes of '"YYYY-MM-DDTHH:MM:SSZ"'
    (the JSON string, quotes included)."""
    secs = np.asarray(seconds).astype(np.int64)
    days, sod = np.divmod(secs, 86_400)
    out = np.empty((secs.shape[0], 22), dtype=np.uint8)
    if secs.shape[0]:
        first = int(days.min())
        span = np.arange(first, int(days.max()) + 1)
        day_codes = np.empty((span.shape[0], 11), dtype=np.uint8)
        day_codes[:, 0] = ord('"')
        day_codes[:, 1:] = date_codes(span)
        out[:, :11] = day_codes[days - first]
        out[:, 11:] = _time_of_day_codes()[sod]
    return out


def framed(codes: np.ndarray, prefix: bytes = b"", suffix: bytes = b"") -> np.ndarray:
    """Fixed-width byte rows between a constant prefix and suffix -> numpy bytes strings."""
    if not prefix and not suffix:
        return codes.view(f"S{codes.shape[1]}")[:, 0]
    width = len(prefix) + codes.shape[1] + len(suffix)
    out = np.empty((codes.shape[0], width), dtype=np.uint8)
    out[:, : len(prefix)] = np.frombuffer(prefix, dtype=np.uint8)
    out[:, len(prefix) : len(prefix) + codes.shape[1]] = codes
    out[:, width - len(suffix) :] = np.frombuffer(suffix, dtype=np.uint8)
    return out.view(f"S{width}")[:, 0]


# ---------------------------------------------------------------------------------------
# numbers

_INT_TEXT: dict[tuple[tuple[bytes, bytes], ...], dict[int, bytes]] = {}


def ints(
    values: np.ndarray,
    affixes: tuple[tuple[bytes, bytes], ...] = ((b"", b""),),
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
                out[i] = known[k] = b"%b%d%b" % (affixes[a][0], x, affixes[a][1])
    return objects(out)


def floats(values: np.ndarray) -> np.ndarray:
    """Floats -> orjson's float text (shortest round trip), as bytes."""
    uniq, inv = np.unique(values, return_inverse=True)
    return encoded(json_text(x) for x in uniq.tolist())[inv]
