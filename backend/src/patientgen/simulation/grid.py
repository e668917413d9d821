"""The piece grid: each patient's line as a sequence of pieces, joined once as UTF-8 bytes.

A piece has a value for each patient in its ``mask`` (None: every patient). Writers add
constant glue (``Const``, from layout.py) and values (a ``Gather`` from a lookup ``Table``,
fixed-width byte rows, times, integers, or plain byte strings); before the join
the grid folds every constant into a neighbouring value piece of the same patients and fuses
neighbouring lookups into one, so the glue costs nothing per patient and no writer needs to
know its neighbours' keys.

Allocation size matters as much as instruction count here: fresh memory costs page faults,
so pieces are gathered in lists of ``CHUNK_ROWS`` patients and each line is joined alone.
"""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from patientgen.simulation.text import framed, ints, objects, time_codes

CHUNK_ROWS = 128  # patients per list of pieces: keeps allocations small
PRODUCT_LIMIT = 4096  # neighbouring lookups fuse while their product table stays this small
_MEMO_LIMIT = 256


class Table:
    """A lookup table of byte strings, remembering its affixed and fused forms (tables live as
    long as the reference or scenario data they were made from)."""

    __slots__ = ("_memo", "values")

    def __init__(self, values: np.ndarray) -> None:
        self.values = values
        self._memo: dict[tuple[Any, ...], tuple[Any, Table]] = {}

    def __len__(self) -> int:
        return len(self.values)

    def _remember(self, key: tuple[Any, ...], keep: Any, make: Callable[[], Table]) -> Table:
        hit = self._memo.get(key)
        if hit is not None and hit[0] is keep:
            return hit[1]
        if len(self._memo) >= _MEMO_LIMIT:
            self._memo.clear()
        table = make()
        self._memo[key] = (keep, table)
        return table

    def affixed(self, prefix: bytes, suffix: bytes) -> Table:
        if not prefix and not suffix:
            return self
        return self._remember(
            ("affix", prefix, suffix),
            None,
            lambda: Table(objects(prefix + v + suffix for v in self.values.tolist())),
        )

    def grown(self, values: np.ndarray, start: int, stop: int) -> Table:
        """A table of ``values`` whose entries before ``start`` are this table's and from
        ``stop`` on unused: its affixed forms carry over, affixing only ``start:stop``."""
        table = Table(values)
        for key, (keep, made) in list(self._memo.items()):  # one C call: safe beside readers
            if key[0] == "affix":
                _, prefix, suffix = key
                out = np.empty(len(values), dtype=object)
                out[:start] = made.values[:start]
                out[start:stop] = [prefix + v + suffix for v in values[start:stop].tolist()]
                out[stop:] = prefix + suffix
                table._memo[key] = (keep, Table(out))
        return table

    def zipped(self, other: Table) -> Table:
        """Entry i of both, joined (the two are looked up by the same codes)."""
        return self._remember(
            ("zip", id(other)),
            other,
            lambda: Table(
                objects(
                    a + b for a, b in zip(self.values.tolist(), other.values.tolist(), strict=True)
                )
            ),
        )

    def product(self, other: Table) -> Table:
        """Entry ``i * len(other) + j`` = entry i of this + entry j of the other."""
        return self._remember(
            ("product", id(other)),
            other,
            lambda: Table(
                objects(a + b for a in self.values.tolist() for b in other.values.tolist())
            ),
        )


@dataclass(slots=True)
class Piece:
    mask: np.ndarray | None
    prefix: bytes = b""
    suffix: bytes = b""

    affixes = True  # whether constants can be folded into it

    def values(self, grid: Grid) -> Any:
        raise NotImplementedError


@dataclass(slots=True)
class Const(Piece):
    text: bytes = b""
    affixes = False

    def values(self, grid: Grid) -> Any:
        return self.text


@dataclass(slots=True)
class Gather(Piece):
    """``table[codes]``; ``key`` names what the codes are, for fusing lookups by the same codes."""

    table: Table | None = None
    codes: np.ndarray | None = None
    key: Any = None

    def values(self, grid: Grid) -> Any:
        assert self.table is not None
        return self.table.affixed(self.prefix, self.suffix).values[self.codes]

    def fuse(self, other: Gather) -> Gather | None:
        assert self.table is not None
        assert other.table is not None
        a = self.table.affixed(self.prefix, self.suffix)
        b = other.table.affixed(other.prefix, other.suffix)
        if self.key is not None and self.key == other.key:
            return Gather(self.mask, table=a.zipped(b), codes=self.codes, key=self.key)
        if len(a) * len(b) > PRODUCT_LIMIT:
            return None
        assert self.codes is not None
        assert other.codes is not None
        codes = self.codes.astype(np.int64) * len(b) + other.codes
        return Gather(self.mask, table=a.product(b), codes=codes)


@dataclass(slots=True)
class Fixed(Piece):
    """Fixed-width byte rows, (patients, width) uint8."""

    codes: np.ndarray | None = None

    def values(self, grid: Grid) -> Any:
        assert self.codes is not None
        return framed(self.codes, self.prefix, self.suffix)


@dataclass(slots=True)
class Times(Piece):
    """Timestamps as JSON strings; every time of a block is formatted in one pass."""

    request: int = 0

    def values(self, grid: Grid) -> Any:
        return framed(grid.time_text[self.request], self.prefix, self.suffix)


@dataclass(slots=True)
class Ints(Piece):
    """Integers, between ``affixes[variant]`` (and the piece's own prefix and suffix)."""

    numbers: np.ndarray | None = None
    variants: tuple[tuple[bytes, bytes], ...] = ((b"", b""),)
    variant: np.ndarray | int = 0

    def values(self, grid: Grid) -> Any:
        affixes = tuple((self.prefix + p, s + self.suffix) for p, s in self.variants)
        assert self.numbers is not None
        return ints(self.numbers, affixes, self.variant)


@dataclass(slots=True)
class Texts(Piece):
    """Byte strings made by the writer, one per patient in the mask."""

    texts: Any = None
    affixes = False

    def values(self, grid: Grid) -> Any:
        return self.texts


def _same(a: np.ndarray | None, b: np.ndarray | None) -> bool:
    return a is b


class Grid:
    """The pieces of each patient's line, in order. The first piece is every patient's."""

    def __init__(self, n: int, shared: dict[str, Any] | None = None) -> None:
        """``shared``: where the grids of one block's lines in other syntaxes keep what they
        have in common (the text of the times)."""
        self.n = n
        self.shared = shared
        self.pieces: list[Piece] = []
        self._times: list[np.ndarray] = []
        self.time_text: list[np.ndarray] = []
        self._folded: list[Piece] | None = None

    # -- adding -------------------------------------------------------------------------

    def const(self, text: str | bytes, mask: np.ndarray | None = None) -> None:
        if text:
            data = text.encode() if isinstance(text, str) else text
            self.pieces.append(Const(mask, text=data))

    def gather(
        self, table: Table, codes: np.ndarray, mask: np.ndarray | None = None, key: Any = None
    ) -> None:
        self.pieces.append(Gather(mask, table=table, codes=codes, key=key))

    def times(self, seconds: np.ndarray, mask: np.ndarray | None = None) -> None:
        """Times of the patients in the mask (``seconds`` has one per patient in it)."""
        self._times.append(np.asarray(seconds).astype(np.int64))
        self.pieces.append(Times(mask, request=len(self._times) - 1))

    def add(self, piece: Piece) -> None:
        self.pieces.append(piece)

    # -- folding ------------------------------------------------------------------------

    @staticmethod
    def _place(c: Const, out: list[Piece], nxt: Piece | None) -> Piece | None:
        """Fold a constant into the next piece, else the previous one, else keep it (the
        pieces are the grid's own: their affixes change in place)."""
        if nxt is not None and nxt.affixes and _same(nxt.mask, c.mask):
            nxt.prefix = c.text + nxt.prefix
            return nxt
        prev = out[-1] if out else None
        if prev is not None and prev.affixes and _same(prev.mask, c.mask):
            prev.suffix += c.text
            return nxt
        if nxt is not None and nxt.affixes and c.mask is None and nxt.mask is not None:
            out.append(Const(~nxt.mask, text=c.text))  # the others keep it where it was
            nxt.prefix = c.text + nxt.prefix
            return nxt
        out.append(c)
        return nxt

    def folded(self) -> list[Piece]:
        """The pieces with the constants folded in, neighbouring lookups fused (once: the
        pieces are changed in place)."""
        if self._folded is not None:
            return self._folded
        out: list[Piece] = []
        pending: Const | None = None
        for p in self.pieces:
            if isinstance(p, Const):
                if pending is not None and _same(pending.mask, p.mask):
                    pending = Const(p.mask, text=pending.text + p.text)
                else:
                    if pending is not None:
                        self._place(pending, out, None)
                    pending = p
                continue
            if pending is not None:
                p = self._place(pending, out, p)  # type: ignore[assignment]
                pending = None
            prev = out[-1] if out else None
            if isinstance(p, Gather) and isinstance(prev, Gather) and _same(prev.mask, p.mask):
                fused = prev.fuse(p)
                if fused is not None:
                    out[-1] = fused
                    continue
            out.append(p)
        if pending is not None:
            self._place(pending, out, None)
        self._folded = out
        return out

    # -- joining ------------------------------------------------------------------------

    def lines(self, rows: int = CHUNK_ROWS) -> list[bytes]:
        """One byte string per patient: the pieces present, in order, joined."""
        if self.n == 0:
            return []
        flat, starts = self._flat()
        join = b"".join
        out: list[bytes] = []
        for lo in range(0, self.n, rows):
            hi = min(self.n, lo + rows)
            base = starts[lo]
            chunk = flat[base : starts[hi]].tolist()
            bounds = [s - base for s in starts[lo : hi + 1]]
            out.extend([join(chunk[a:z]) for a, z in itertools.pairwise(bounds)])
        return out

    def _time_text(self, seconds: np.ndarray) -> np.ndarray:
        """``time_codes(seconds)``, or the same times' text another grid of the block made."""
        if self.shared is None:
            return time_codes(seconds)
        key = hashlib.blake2b(seconds.tobytes(), digest_size=16).digest()
        made = self.shared.get("time_text")
        if made is None or made[0] != key:
            made = self.shared["time_text"] = (key, time_codes(seconds))
        codes: np.ndarray = made[1]
        return codes

    def text(self) -> bytes:
        """Every patient's line, one after another, as one byte string."""
        return b"".join(self._flat()[0].tolist()) if self.n else b""

    def _flat(self) -> tuple[np.ndarray, list[int]]:
        """Every piece present, patient by patient, and where each patient's pieces start
        (with the end)."""
        pieces = self.folded()
        if self._times:
            codes = self._time_text(np.concatenate(self._times))
            start = 0
            for secs in self._times:
                stop = start + secs.shape[0]
                self.time_text.append(codes[start:stop])
                start = stop
        n, k = self.n, len(pieces)
        assert pieces
        assert pieces[0].mask is None
        # pos[c, i]: where patient i's piece c goes in patient-major order (piece by piece,
        # so every write is a contiguous row)
        pos = np.empty((k, n), dtype=np.int64)
        for c, piece in enumerate(pieces):
            pos[c] = 1 if piece.mask is None else piece.mask
        np.cumsum(pos, axis=0, out=pos)
        line_start = np.zeros(n, dtype=np.int64)
        np.cumsum(pos[-1, :-1], out=line_start[1:])
        total = int(line_start[-1] + pos[-1, -1])
        pos += line_start - 1
        flat = np.empty(total, dtype=object)
        for c, piece in enumerate(pieces):
            mask = piece.mask
            flat[pos[c] if mask is None else pos[c, mask]] = piece.values(self)
        return flat, [*line_start.tolist(), total]  # every line starts with its first piece
