"""`patientgen generate`: offline generation straight to a file or stdout, no server."""

from __future__ import annotations

import os
import secrets
import sys
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Any, BinaryIO

import typer
from pydantic import ValidationError

from patientgen.exports import cards_pdf, xlsx
from patientgen.exports.formats import Archive, ExportFormat, export_stream, plan_export
from patientgen.exports.ndjson import encode_block
from patientgen.simulation import Scenario, get_preset, iter_blocks, list_presets
from patientgen.simulation.presets import DEFAULT_PRESET
from patientgen.simulation.selection import FILTER_NAMES, Selection


def _password() -> str:
    password = os.environ.get("PATIENTGEN_EXPORT_PASSWORD")
    if password is None:
        password = typer.prompt("Archive password", hide_input=True, confirmation_prompt=True)
    if len(password) < 8:
        raise _fail("the password needs at least 8 characters", "--encrypt")
    return password


def _fail(message: str, param: str | None = None) -> typer.BadParameter:
    # BadParameter -> Click prints "Error: ..." with usage and exits with code 2.
    return typer.BadParameter(message, param_hint=param)


def _format_errors(err: ValidationError) -> str:
    lines = []
    for e in err.errors():
        loc = ".".join(str(p) for p in e["loc"]) or "(scenario)"
        lines.append(f"  {loc}: {e['msg']}")
    return "invalid scenario:\n" + "\n".join(lines)


def load_scenario(scenario: Path | None, preset: str | None) -> Scenario:
    if scenario is not None and preset is not None:
        raise _fail("give either --scenario or --preset, not both", "--scenario / --preset")
    if scenario is not None:
        try:
            text = scenario.read_text(encoding="utf-8")
        except OSError as exc:
            raise _fail(f"cannot read {scenario}: {exc.strerror or exc}", "--scenario") from None
        try:
            return Scenario.model_validate_json(text)
        except ValidationError as exc:
            raise _fail(_format_errors(exc), "--scenario") from None
    preset_id = preset or DEFAULT_PRESET
    try:
        return get_preset(preset_id)
    except KeyError:
        known = ", ".join(p["id"] for p in list_presets())
        raise _fail(f"unknown preset {preset_id!r}; known presets: {known}", "--preset") from None


class _Progress:
    """A progress bar on stderr when it is a terminal; nothing when piped."""

    def __init__(self, patients: int) -> None:
        self.patients = patients
        self.bar: Any = None  # a rich Progress, on a terminal only
        self.task: Any = None
        self.passes = 0

    def __enter__(self) -> _Progress:
        if sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeRemainingColumn,
            )

            self.bar = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeRemainingColumn(),
                console=Console(stderr=True),
            )
            self.bar.__enter__()
        return self

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc)

    def new_pass(self) -> None:
        # Every format reads the patients once today; one that read them again gets a bar a pass.
        self.passes += 1
        if self.bar is not None:
            label = "generating" if self.passes == 1 else f"generating (pass {self.passes})"
            self.task = self.bar.add_task(label, total=self.patients)

    def advance(self, count: int) -> None:
        if self.bar is not None:
            self.bar.advance(self.task, count)


@contextmanager
def _whole_file(path: Path) -> Iterator[BinaryIO]:
    """Write to a hidden sibling and move it to ``path`` once complete: a run that fails or is
    interrupted leaves no partial file behind (and an existing file as it was)."""
    partial = path.with_name(f".{path.name}.partial")
    try:
        with partial.open("wb") as out:
            yield out
        os.replace(partial, path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def _blocks(scenario: Scenario, patients: int, seed: int, progress: _Progress):
    progress.new_pass()
    for block in iter_blocks(scenario, patients, seed):
        yield block
        progress.advance(block.size)


def _write(
    out: BinaryIO,
    scenario: Scenario,
    patients: int,
    seed: int,
    fmt: ExportFormat,
    archive: Archive,
    password: str | None,
    options: cards_pdf.CardOptions | None = None,
    selection: Selection = Selection(),
) -> None:
    with _Progress(patients) as progress:
        if fmt is ExportFormat.NDJSON and archive is Archive.NONE and selection.everyone:
            for block in _blocks(scenario, patients, seed, progress):
                out.write(encode_block(block))  # the fast path: no per-record dicts
        else:
            selected = 0

            def records():
                nonlocal selected
                selected = 0  # per pass over the patients
                for block in _blocks(scenario, patients, seed, progress):
                    if selection.may_hold(block.start_index, block.start_index + block.size):
                        for record in selection.of(block.records()):
                            selected += 1
                            yield record

            stream = export_stream(
                fmt, records, archive=archive, password=password, options=options
            )
            for chunk in stream.chunks:
                out.write(chunk)
            if not selection.everyone:
                # a filter can match nobody: say so rather than leave an empty file unexplained
                typer.echo(f"--where: {selected} of {patients} patients selected", err=True)
    out.flush()


def _card_options(fmt: ExportFormat, **chosen: Any) -> cards_pdf.CardOptions | None:
    """The cards' print options; offline cards have no job (their QR codes hold the patient's
    id). Given with another format, or invalid, they are a usage error naming the option."""
    given = {name: value for name, value in chosen.items() if value is not None}
    for name in given:
        if fmt is not ExportFormat.CARDS_PDF:
            flag = "--" + name.replace("_", "-")
            raise _fail(f"{flag} is an option of --format cards-pdf", flag)
    if fmt is not ExportFormat.CARDS_PDF:
        return None
    try:
        if "cards" in given:
            given["cards"] = cards_pdf.parse_kinds(given["cards"])
        return cards_pdf.CardOptions(**given)
    except ValidationError as exc:
        name = str(exc.errors()[0]["loc"][0])
        raise _fail(exc.errors()[0]["msg"], "--" + name.replace("_", "-")) from None
    except ValueError as exc:
        raise _fail(str(exc), "--cards") from None


def generate(
    scenario: Path | None = typer.Option(
        None, "--scenario", help="Scenario JSON file (as GET /scenarios/{id} returns it)."
    ),
    preset: str | None = typer.Option(
        None, "--preset", help=f"Built-in preset id (default: {DEFAULT_PRESET})."
    ),
    patients: int | None = typer.Option(
        None, "--patients", min=1, help="Number of patients (default: the scenario's)."
    ),
    seed: int | None = typer.Option(
        None,
        "--seed",
        min=0,
        help="Seed; the same seed gives the same patients. "
        "Default: a random seed, reported on stderr.",
    ),
    fmt: ExportFormat = typer.Option(ExportFormat.NDJSON, "--format", help="Output format."),
    archive: Archive | None = typer.Option(
        None, "--archive", help="none, gzip or zip (fhir-ndjson and parquet are always a zip)."
    ),
    encrypt: bool = typer.Option(
        False,
        "--encrypt",
        help="AES-256 encrypted zip; the password is read from PATIENTGEN_EXPORT_PASSWORD "
        "or asked for (never given on the command line).",
    ),
    output: str = typer.Option("-", "--output", help="Output file; '-' is stdout."),
    paper: str | None = typer.Option(None, "--paper", help="cards-pdf: a4 (default) or letter."),
    per_page: int | None = typer.Option(
        None, "--per-page", help="cards-pdf: cards per page, 1, 2 or 4 (default)."
    ),
    cards: str | None = typer.Option(
        None, "--cards", help="cards-pdf: role-player,instructor,tccc (default: all, in order)."
    ),
    where: list[str] | None = typer.Option(
        None,
        "--where",
        help="Only the patients matching NAME=VALUE (repeatable, all must match), NAME one of "
        f"{', '.join(FILTER_NAMES)}: the web app's patient filters, e.g. --where triage=T1 "
        "--where facility=R2 (day: YYYY-MM-DD; facility: reached that role; index: one patient).",
    ),
) -> None:
    """Generate patients offline and write them to a file or stdout."""
    options = _card_options(fmt, paper=paper, per_page=per_page, cards=cards)
    try:
        selection = Selection.parse(where or ())
    except ValueError as exc:
        raise _fail(str(exc), "--where") from None
    if archive is None:
        archive = Archive.ZIP if (fmt.multi_file or encrypt) else Archive.NONE
    password = _password() if encrypt else None
    try:
        plan_export(fmt, archive, password=password)
    except ValueError as exc:
        raise _fail(str(exc), "--archive") from None
    chosen = load_scenario(scenario, preset)
    count = patients if patients is not None else chosen.patients
    if fmt is ExportFormat.XLSX:
        try:
            xlsx.check_patients(count)
        except xlsx.RowLimitError as exc:
            raise _fail(str(exc), "--patients") from None
    if seed is None:
        seed = secrets.randbits(32)
        typer.echo(f"seed: {seed}", err=True)
    target = nullcontext(sys.stdout.buffer) if output == "-" else _whole_file(Path(output))
    try:
        with target as out:
            _write(out, chosen, count, seed, fmt, archive, password, options, selection)
    except BrokenPipeError:
        # the reader (e.g. `head`) went away: stop quietly like other Unix tools
        sys.stderr.close()
        raise typer.Exit(0) from None
    except xlsx.RowLimitError as exc:
        # another sheet (vitals, …) outgrew Excel while writing: nothing complete was written
        raise _fail(str(exc), "--format") from None
    except OSError as exc:
        raise _fail(f"cannot write {output}: {exc.strerror or exc}", "--output") from None
