"""The plain ZIP writer: stream-zip's bytes for the same members, members deflated ahead of time
copied as they are, readable by independent tools."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import zipfile
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from stream_zip import ZIP_64, stream_zip

from patientgen.exports.archive import (
    CHUNK_SIZE,
    DeflateSpool,
    PipelinedDeflate,
    coalesce,
    evenly,
    zip_stream,
)
from tests.support.chunks import pieces

WHEN = datetime(2031, 2, 3, 4, 5, 6, tzinfo=UTC)
TEXT = b"".join(
    b'{"resourceType":"Observation","id":"%d","status":"final"}\n' % i for i in range(40_000)
)
NOISE = os.urandom(200_000)


def _stream_zip(files: Iterable[tuple[str, Iterable[bytes]]]) -> bytes:
    """What stream-zip writes for the members, as archive.zip_stream configures it."""
    members = ((name, WHEN, 0o100644, ZIP_64, chunks) for name, chunks in files)
    return b"".join(stream_zip(members, chunk_size=CHUNK_SIZE, get_compressobj=PipelinedDeflate))  # type: ignore[arg-type]


def _spool(data: bytes) -> DeflateSpool:
    spool = DeflateSpool()
    for piece in pieces(data):
        spool.write(piece)
    spool.finish()
    return spool


def test_plain_members_are_stream_zip_s_bytes() -> None:
    def files() -> list[tuple[str, Iterator[bytes]]]:
        return [
            ("Patient.ndjson", pieces(TEXT)),
            ("noise.bin", pieces(NOISE)),
            ("empty.txt", iter([])),
            ("Ωμέγα/файл.txt", iter([b"x"])),
        ]

    assert b"".join(zip_stream(files(), modified_at=WHEN)) == _stream_zip(files())
    assert b"".join(zip_stream([], modified_at=WHEN)) == _stream_zip([])


def test_a_spooled_member_is_copied_with_the_bytes_streaming_it_gives() -> None:
    spooled = b"".join(
        zip_stream([("a.ndjson", _spool(TEXT)), ("b.bin", pieces(NOISE))], modified_at=WHEN)
    )
    streamed = _stream_zip([("a.ndjson", coalesce(pieces(TEXT))), ("b.bin", pieces(NOISE))])
    assert spooled == streamed
    with zipfile.ZipFile(io.BytesIO(spooled)) as archive:
        assert archive.testzip() is None
        assert archive.read("a.ndjson") == TEXT
        assert archive.read("b.bin") == NOISE


def test_a_spool_reads_back_as_its_text_and_only_once_finished() -> None:
    spool = _spool(TEXT)
    assert b"".join(spool) == TEXT
    assert spool.size == len(TEXT)
    assert spool.compressed_size == sum(map(len, spool.compressed())) < len(TEXT) // 5
    unfinished = DeflateSpool()
    unfinished.write(b"x")
    with pytest.raises(RuntimeError, match="finished"):
        next(unfinished.compressed())
    spool.close()
    unfinished.close()


def test_an_encrypted_zip_of_a_spool_holds_its_text() -> None:
    pyzipper = pytest.importorskip("pyzipper")
    data = b"".join(zip_stream([("a.ndjson", _spool(TEXT))], modified_at=WHEN, password="pw"))
    with pyzipper.AESZipFile(io.BytesIO(data)) as archive:
        archive.setpassword(b"pw")
        assert archive.read("a.ndjson") == TEXT


@pytest.mark.skipif(shutil.which("unzip") is None, reason="Info-ZIP unzip not installed")
def test_unzip_tests_the_archive(tmp_path: Path) -> None:
    path = tmp_path / "x.zip"
    path.write_bytes(b"".join(zip_stream([("a", _spool(TEXT)), ("b", pieces(NOISE))])))
    result = subprocess.run(["unzip", "-t", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_evenly_cuts_and_joins_into_exact_chunks() -> None:
    parts = [b"a" * 10, b"", b"b" * 45, b"c" * 3, b"d" * 2]
    assert list(evenly(parts, size=20)) == [
        b"a" * 10 + b"b" * 10,
        b"b" * 20,
        b"b" * 15 + b"c" * 3 + b"d" * 2,
    ]
    assert list(evenly([b"x" * 40], size=20)) == [b"x" * 20] * 2
    assert list(evenly([])) == []
