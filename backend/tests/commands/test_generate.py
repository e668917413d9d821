"""`patientgen generate`: offline, default preset, stdout, clean errors with exit code 2."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import orjson
import pytest
import typer
from typer.testing import CliRunner

from patientgen.commands.generate import _whole_file, generate
from patientgen.simulation import default_scenario

app = typer.Typer()
app.command("generate")(generate)


@app.callback()
def _root() -> None:
    """Keep `generate` a subcommand, as in the real CLI."""


runner = CliRunner()


def test_default_preset_to_stdout() -> None:
    res = runner.invoke(app, ["generate", "--patients", "25", "--seed", "3"])
    assert res.exit_code == 0, res.output
    lines = res.stdout.strip().split("\n")
    assert len(lines) == 25
    recs = [orjson.loads(line) for line in lines]
    assert [r["index"] for r in recs] == list(range(25))
    assert {r["front"] for r in recs} <= {"North", "South", "Rear area"}


def test_same_seed_same_bytes_and_file_output(tmp_path: Path) -> None:
    out = tmp_path / "p.ndjson"
    res = runner.invoke(app, ["generate", "--preset", "urban", "--patients", "40",
                              "--seed", "9", "--output", str(out)])  # fmt: skip
    assert res.exit_code == 0, res.output
    again = runner.invoke(app, ["generate", "--preset", "urban", "--patients", "40",
                                "--seed", "9"])  # fmt: skip
    assert out.read_bytes() == again.stdout_bytes
    assert out.read_bytes().count(b"\n") == 40
    assert [f.name for f in tmp_path.iterdir()] == ["p.ndjson"]  # no partial file left


def test_a_failed_run_leaves_no_partial_output(tmp_path: Path) -> None:
    """Written whole or not at all: an error mid-write keeps an existing file as it was."""
    out = tmp_path / "p.xlsx"
    out.write_bytes(b"before")

    def fail_halfway() -> None:
        with _whole_file(out) as partial:
            partial.write(b"half of it")
            raise RuntimeError("the vitals sheet outgrew Excel")

    with pytest.raises(RuntimeError):
        fail_halfway()
    assert out.read_bytes() == b"before"
    assert [f.name for f in tmp_path.iterdir()] == ["p.xlsx"]


def test_scenario_file(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    data = default_scenario().model_dump(mode="json")
    data["fronts"] = [{"name": "Only", "share": 1.0, "nationality_mix": {"ISL": 1.0}}]
    data["special_events"] = []
    path.write_text(json.dumps(data))
    res = runner.invoke(app, ["generate", "--scenario", str(path), "--patients", "10",
                              "--seed", "1"])  # fmt: skip
    assert res.exit_code == 0, res.output
    assert all(orjson.loads(x)["nationality"] == "ISL" for x in res.stdout.split("\n") if x)


def test_errors_exit_2_without_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    data = default_scenario().model_dump(mode="json")
    data["injury_mix"]["disease"] = 0.9
    bad.write_text(json.dumps(data))
    cases = [
        (["--preset", "nope"], "unknown preset"),
        (["--scenario", str(bad)], "injury_mix"),
        (["--scenario", str(tmp_path / "missing.json")], "cannot read"),
        (["--format", "pdf"], "pdf"),
        (["--format", "fhir-ndjson", "--archive", "gzip"], "ZIP"),
        (["--preset", "cbrn", "--scenario", str(bad)], "not both"),
    ]
    for args, text in cases:
        res = runner.invoke(app, ["generate", *args, "--patients", "5"])
        assert res.exit_code == 2, (args, res.output)
        assert text in res.output, (args, res.output)
        assert "Traceback" not in res.output


def test_piped_has_no_progress_bar_and_reports_random_seed() -> None:
    code = (
        "import typer, sys; from patientgen.commands.generate import generate; "
        "app = typer.Typer(); app.command()(generate); app()"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code, "--patients", "30"],
        capture_output=True,
        check=True,
        timeout=120,
    )
    assert proc.stdout.count(b"\n") == 30
    assert proc.stderr.decode().startswith("seed: ")
    assert "generating" not in proc.stderr.decode()


def test_every_format_matches_the_export_encoders(tmp_path: Path) -> None:
    """The CLI writes what the API would: the same encoders over the same records."""
    from patientgen.exports.formats import export_stream
    from patientgen.simulation import iter_blocks

    records = [r for b in iter_blocks(default_scenario(), 40, 5) for r in b.records()]
    for fmt, archive in [
        ("csv", "none"),
        ("xml", "gzip"),
        ("fhir-bundle", "none"),
        ("json", "zip"),
    ]:
        out = tmp_path / f"out.{fmt}.{archive}"
        res = runner.invoke(
            app,
            [
                *("generate", "--patients", "40", "--seed", "5", "--format", fmt),
                *("--archive", archive, "--output", str(out)),
            ],
        )
        assert res.exit_code == 0, res.output
        expected = export_stream(fmt, lambda: iter(records), archive=archive)
        assert out.read_bytes() == b"".join(expected.chunks), (fmt, archive)


def test_fhir_ndjson_is_a_zip_and_encryption_takes_the_password_from_env(tmp_path: Path) -> None:
    import zipfile

    import pyzipper

    fhir = tmp_path / "fhir.zip"
    res = runner.invoke(
        app,
        [
            "generate",
            "--patients",
            "10",
            "--seed",
            "1",
            "--format",
            "fhir-ndjson",
            "--output",
            str(fhir),
        ],
    )
    assert res.exit_code == 0, res.output
    assert "Patient.ndjson" in zipfile.ZipFile(fhir).namelist()

    secret = tmp_path / "secret.zip"
    res = runner.invoke(
        app,
        ["generate", "--patients", "10", "--seed", "1", "--encrypt", "--output", str(secret)],
        env={"PATIENTGEN_EXPORT_PASSWORD": "s3cret-enough"},
    )
    assert res.exit_code == 0, res.output
    with pyzipper.AESZipFile(secret) as archive:
        archive.setpassword(b"s3cret-enough")
        assert archive.read("patients.ndjson").count(b"\n") == 10


def test_cards_pdf_with_its_print_options(tmp_path: Path) -> None:
    import pypdf

    out = tmp_path / "cards.pdf"
    res = runner.invoke(app, ["generate", "--patients", "6", "--seed", "3", "--format",
                              "cards-pdf", "--paper", "letter", "--per-page", "2", "--cards",
                              "tccc", "--output", str(out)])  # fmt: skip
    assert res.exit_code == 0, res.output
    reader = pypdf.PdfReader(out)
    assert len(reader.pages) == 3
    assert float(reader.pages[0].mediabox.width) == 612.0  # US Letter
    assert "urn:uuid" not in reader.pages[0].extract_text()
    assert "Job offline" in reader.pages[0].extract_text()


def test_card_options_are_refused_with_another_format_or_a_bad_value() -> None:
    other = runner.invoke(app, ["generate", "--patients", "2", "--format", "csv",
                                "--per-page", "2"])  # fmt: skip
    assert other.exit_code == 2
    assert "--per-page" in other.output
    bad = runner.invoke(app, ["generate", "--patients", "2", "--format", "cards-pdf",
                              "--cards", "front"])  # fmt: skip
    assert bad.exit_code == 2
    assert "--cards" in bad.output


def test_where_selects_as_the_filters_do() -> None:
    everyone = runner.invoke(app, ["generate", "--patients", "300", "--seed", "5"])
    records = [orjson.loads(x) for x in everyone.stdout.splitlines()]
    expected = [
        r
        for r in records
        if r["triage"] == "T1" and any(e["facility"] == "R2" for e in r["timeline"])
    ]
    assert expected
    res = runner.invoke(app, ["generate", "--patients", "300", "--seed", "5",
                              "--where", "triage=T1", "--where", "facility=R2"])  # fmt: skip
    assert res.exit_code == 0, res.output
    assert [orjson.loads(x) for x in res.stdout.splitlines()] == expected
    assert f"--where: {len(expected)} of 300 patients selected" in res.stderr
    none = runner.invoke(app, ["generate", "--patients", "20", "--seed", "5",
                               "--where", "index=25"])  # fmt: skip
    assert none.exit_code == 0, none.output
    assert none.stdout == ""
    assert "--where: 0 of 20 patients selected" in none.stderr
    one = runner.invoke(app, ["generate", "--patients", "300", "--seed", "5",
                              "--where", "index=7", "--format", "medevac-text"])  # fmt: skip
    assert one.exit_code == 0, one.output
    assert "=== Patient 7 " in one.stdout
    assert "=== Patient 8 " not in one.stdout
    # an index past the first block: only its block's records are built, the patient is there
    far = runner.invoke(app, ["generate", "--patients", "5000", "--seed", "5",
                              "--where", "index=4321"])  # fmt: skip
    assert far.exit_code == 0, far.output
    assert [orjson.loads(x)["index"] for x in far.stdout.splitlines()] == [4321]


def test_a_bad_where_exits_2_naming_it() -> None:
    res = runner.invoke(app, ["generate", "--patients", "5", "--where", "triage=T9"])
    assert res.exit_code == 2
    assert "--where" in res.output
    assert "triage='T9'" in res.output
