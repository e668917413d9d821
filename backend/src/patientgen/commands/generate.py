"""`patientgen generate`: offline generation straight to a file or stdout, no server."""

from __future__ import annotations

import secrets
import sys
from contextlib import nullcontext
from pathlib import Path
from typing import BinaryIO

import typer
from pydantic import ValidationError

from patientgen.exports.ndjson import encode_block
from patientgen.simulation import Scenario, get_preset, iter_blocks, list_presets
from patientgen.simulation.presets import DEFAULT_PRESET

SUPPORTED_FORMATS = ("ndjson",)


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


def _write(out: BinaryIO, scenario: Scenario, patients: int, seed: int) -> None:
    blocks = iter_blocks(scenario, patients, seed)
    if sys.stderr.isatty():
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeRemainingColumn,
        )

        progress = Progress(
            TextColumn("generating"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=Console(stderr=True),
        )
        with progress:
            task = progress.add_task("patients", total=patients)
            for block in blocks:
                out.write(encode_block(block))
                progress.advance(task, block.size)
    else:
        for block in blocks:
            out.write(encode_block(block))
    out.flush()


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
    fmt: str = typer.Option(
        "ndjson", "--format", help=f"Output format: {', '.join(SUPPORTED_FORMATS)}."
    ),
    output: str = typer.Option("-", "--output", help="Output file; '-' is stdout."),
) -> None:
    """Generate patients offline and write them to a file or stdout."""
    if fmt not in SUPPORTED_FORMATS:
        raise _fail(
            f"unsupported format {fmt!r}; supported: {', '.join(SUPPORTED_FORMATS)}", "--format"
        )
    chosen = load_scenario(scenario, preset)
    count = patients if patients is not None else chosen.patients
    if seed is None:
        seed = secrets.randbits(32)
        typer.echo(f"seed: {seed}", err=True)
    target = (
        nullcontext(sys.stdout.buffer) if output == "-" else Path(output).open("wb")  # noqa: SIM115
    )
    try:
        with target as out:
            _write(out, chosen, count, seed)
    except BrokenPipeError:
        # the reader (e.g. `head`) went away: stop quietly like other Unix tools
        sys.stderr.close()
        raise typer.Exit(0) from None
    except OSError as exc:
        raise _fail(f"cannot write {output}: {exc.strerror or exc}", "--output") from None
