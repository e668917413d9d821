"""The layout of a record line: PatientBlock -> NDJSON without building per-patient dicts.

The fast path writes the bytes ``orjson.dumps`` writes for the readable records (records.py;
tests/simulation/test_documents.py holds the two together over every preset, plus golden
digests). The line is the declared record (record_model.py) with a hole at each value
(layout.py): this module walks those holes in order and fills each with pieces of a grid
(grid.py) — lookups of text encoded once per reference or scenario value, times, dates and
numbers written for the whole block at once (text.py, identity.py). The glue between the
pieces comes from the declaration; the grid folds it into its neighbours.

Plain fields are bound in fields.py; the writers here cover the rest (``_WRITERS``), the lists
in documents_lists.py and documents_timeline.py.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from patientgen.simulation import layout
from patientgen.simulation.documents_lists import LIST_WRITERS
from patientgen.simulation.fields import FIELDS, check_written
from patientgen.simulation.grid import Fixed, Grid, Texts
from patientgen.simulation.identity import heads, id_hex, identity, service_codes
from patientgen.simulation.layout import JSON, Syntax
from patientgen.simulation.line import Line, Writer

if TYPE_CHECKING:
    from patientgen.simulation.block import PatientBlock


def _heads(line: Line, g: Grid, glue: tuple[str, ...]) -> None:
    b = line.block
    hexed = line.shared("id_hex", lambda: id_hex(b.seed, b.index))
    g.add(Texts(None, texts=heads(b.seed, b.index, glue[0], glue[1], hexed)))


_IDENTITY = ("demographics.birth_date", "demographics.blood_type", "demographics.service_number")


def _identity(line: Line, g: Grid, glue: tuple[str, ...]) -> None:
    b = line.block
    dem = b.demographics
    nation = b.injuries.nation
    quoted = _quoted(line, _IDENTITY)
    codes = line.shared(
        "service_codes", lambda: service_codes(nation, dem.birth_day, dem.service, dem.family)
    )
    texts = identity(
        nation, dem.birth_day, dem.blood, dem.service, dem.family, glue, quoted=quoted, codes=codes
    )
    g.add(Texts(None, texts=texts))
    g.const('"' if quoted else "")  # the service number's closing quote


def _injury_time(line: Line, g: Grid, glue: tuple[str, ...]) -> None:
    g.const(glue[0])
    codes = line.injury_codes  # quoted JSON strings
    g.add(Fixed(None, codes=codes if _quoted(line, ("injury_time",)) else codes[:, 1:-1]))


def _quoted(line: Line, paths: tuple[str, ...]) -> bool:
    """Whether the syntax fills these holes with quoted strings (all of them, or none)."""
    unquoted = [p in line.syntax.unquoted for p in paths]
    if any(unquoted) and not all(unquoted):
        raise ValueError(f"{paths} are written by one writer: quote all of them or none")
    return not any(unquoted)


_WRITERS: dict[tuple[str, ...], Writer] = {
    ("index", "id"): _heads,
    _IDENTITY: _identity,
    ("injury_time",): _injury_time,
    **LIST_WRITERS,
}
check_written({p for paths in _WRITERS for p in paths} - set(FIELDS), __name__)


def _bound(path: str) -> Writer:
    binding = FIELDS[path]

    def write(line: Line, g: Grid, glue: tuple[str, ...]) -> None:
        g.const(glue[0])
        table = binding.labels(line.block).text(quoted=path not in line.syntax.unquoted)
        g.gather(table, line.codes(binding.codes), key=binding.codes)

    return write


@cache
def _plan(syntax: Syntax) -> tuple[tuple[tuple[Writer, tuple[str, ...]], ...], str]:
    """The writers in line order, each with the glue before each of its holes; the text after
    the last hole."""
    glue, holes = layout.record_glue(syntax)
    starts = {paths[0]: (paths, w) for paths, w in _WRITERS.items()}
    steps: list[tuple[Writer, tuple[str, ...]]] = []
    k = 0
    while k < len(holes):
        paths, write = starts.get(holes[k]) or ((holes[k],), _bound(holes[k]))
        if holes[k : k + len(paths)] != paths:
            raise RuntimeError(f"{paths} are not consecutive fields of the record")
        steps.append((write, glue[k : k + len(paths)]))
        k += len(paths)
    return tuple(steps), glue[-1]


def lines(b: PatientBlock, syntax: Syntax = JSON) -> list[bytes]:
    """Each patient's NDJSON line as UTF-8 bytes, without its newline (in another syntax: its
    text of the record)."""
    return _grid(b, syntax).lines() if b.size else []


def text(b: PatientBlock, syntax: Syntax = JSON, end: str = "\n") -> bytes:
    """Every patient's text in the syntax, each followed by ``end``, as one byte string."""
    return _grid(b, syntax, end).text() if b.size else b""


def _grid(b: PatientBlock, syntax: Syntax, end: str = "") -> Grid:
    line = Line(b, syntax)
    g = Grid(b.size, b.shared)
    steps, tail = _plan(syntax)
    for write, glue in steps:
        write(line, g, glue)
    g.const(tail + end)
    return g


def ndjson(b: PatientBlock) -> bytes:
    """Every patient of the block as NDJSON: one UTF-8 line each, each ending in b"\\n"."""
    return text(b)


def documents(b: PatientBlock) -> list[str]:
    """Each patient's NDJSON line as str, without its newline."""
    return [line.decode() for line in lines(b)]


__all__ = ["documents", "lines", "ndjson", "text"]
