"""gzip and ZIP streams: readable by independent tools, deterministic, AES-256 that only
opens with the right password."""

from __future__ import annotations

import gzip
import io
import os
import zipfile
import zlib
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone

import pytest
import pyzipper

from patientgen.exports.archive import (
    CHUNK_SIZE,
    PipelinedDeflate,
    coalesce,
    gzip_stream,
    zip_stream,
)
from tests.support.chunks import pieces

WHEN = datetime(2030, 6, 1, 12, 30, 44, tzinfo=UTC)
PAYLOAD = b"".join(f"line {i}: caf\u00e9 \u2014 patient\n".encode() for i in range(20_000))
RANDOM = os.urandom(300_000)  # incompressible


def _files() -> list[tuple[str, Iterator[bytes]]]:
    return [
        ("patients.ndjson", pieces(PAYLOAD)),
        ("random.bin", pieces(RANDOM)),
        ("empty.txt", iter([])),
        ("dir/Å.txt", iter([b"x"])),
    ]


def _expected() -> dict[str, bytes]:
    return {"patients.ndjson": PAYLOAD, "random.bin": RANDOM, "empty.txt": b"", "dir/Å.txt": b"x"}


def test_coalesce() -> None:
    parts = [b"a" * 10] * 10 + [b""] + [b"b"]
    assert list(coalesce(parts, size=25)) == [b"a" * 30, b"a" * 30, b"a" * 30, b"a" * 10 + b"b"]
    assert list(coalesce([])) == []
    assert list(coalesce([b""])) == []


def test_gzip_opens_with_stdlib_and_is_deterministic() -> None:
    first = b"".join(gzip_stream(pieces(PAYLOAD)))
    second = b"".join(gzip_stream(pieces(PAYLOAD, 5000)))
    assert first == second
    assert gzip.decompress(first) == PAYLOAD
    assert first[4:8] == b"\x00\x00\x00\x00"  # mtime 0
    assert len(first) < len(PAYLOAD) / 5
    assert gzip.decompress(b"".join(gzip_stream(iter([])))) == b""


def test_plain_zip_opens_with_stdlib_and_is_deterministic() -> None:
    first = b"".join(zip_stream(_files(), modified_at=WHEN))
    second = b"".join(zip_stream(_files(), modified_at=WHEN))
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert archive.testzip() is None
        assert {n: archive.read(n) for n in archive.namelist()} == _expected()
        info = archive.getinfo("patients.ndjson")
        assert info.date_time == (2030, 6, 1, 12, 30, 44)
        assert info.compress_type == zipfile.ZIP_DEFLATED
        assert not info.flag_bits & 0x1  # not encrypted


def test_zip_time_is_normalised_to_utc_and_clamped() -> None:
    plus_two = WHEN.astimezone(timezone(timedelta(hours=2)))
    assert b"".join(zip_stream(_files(), modified_at=plus_two)) == b"".join(
        zip_stream(_files(), modified_at=WHEN)
    )
    old = b"".join(zip_stream([("a", iter([b"a"]))], modified_at=datetime(1970, 1, 1)))
    with zipfile.ZipFile(io.BytesIO(old)) as archive:
        assert archive.getinfo("a").date_time == (1980, 1, 1, 0, 0, 0)


def test_aes_zip_opens_with_the_password_in_pyzipper() -> None:
    data = b"".join(zip_stream(_files(), modified_at=WHEN, password="correct horse"))
    with pyzipper.AESZipFile(io.BytesIO(data)) as archive:
        archive.setpassword(b"correct horse")
        assert {n: archive.read(n) for n in archive.namelist()} == _expected()
        assert archive.getinfo("patients.ndjson").flag_bits & 0x1  # encrypted
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.getinfo("patients.ndjson").compress_type == 99  # WinZip AES marker
    assert PAYLOAD[:200] not in data


@pytest.mark.parametrize("password", ["Pässwörd ü", "ключ-密码-🔐 secret"])
def test_aes_zip_takes_any_utf8_password(password: str) -> None:
    data = b"".join(zip_stream(_files(), modified_at=WHEN, password=password))
    with pyzipper.AESZipFile(io.BytesIO(data)) as archive:
        archive.setpassword(password.encode("utf-8"))
        assert {n: archive.read(n) for n in archive.namelist()} == _expected()


def test_aes_zip_fails_with_a_wrong_or_missing_password() -> None:
    data = b"".join(zip_stream(_files(), modified_at=WHEN, password="correct horse"))
    with pyzipper.AESZipFile(io.BytesIO(data)) as archive:
        archive.setpassword(b"wrong horse")
        with pytest.raises(RuntimeError, match=r"[Bb]ad password"):
            archive.read("patients.ndjson")
    with pyzipper.AESZipFile(io.BytesIO(data)) as archive, pytest.raises(RuntimeError):
        archive.read("patients.ndjson")  # no password
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        with pytest.raises(RuntimeError, match="password required"):
            archive.read("patients.ndjson")
        with pytest.raises(NotImplementedError):  # no AES in the stdlib: no plaintext leaks
            archive.read("patients.ndjson", pwd=b"correct horse")


def test_aes_zip_uses_a_fresh_salt_each_time() -> None:
    first = b"".join(zip_stream(_files(), modified_at=WHEN, password="pw"))
    second = b"".join(zip_stream(_files(), modified_at=WHEN, password="pw"))
    assert first != second  # documented: encrypted archives are not byte-identical
    for data in (first, second):
        with pyzipper.AESZipFile(io.BytesIO(data)) as archive:
            archive.setpassword(b"pw")
            assert archive.read("random.bin") == RANDOM


def test_empty_password_is_refused() -> None:
    with pytest.raises(ValueError, match="empty"):
        next(zip_stream(_files(), password=""))


def test_streams_are_lazy() -> None:
    consumed = 0

    def endless() -> Iterator[bytes]:
        nonlocal consumed
        while True:
            consumed += 1
            yield os.urandom(1024)

    gz = gzip_stream(endless())
    for _ in range(5):
        next(gz)
    zipped = zip_stream([("endless", endless())], modified_at=WHEN, password="pw")
    chunks = [next(zipped) for _ in range(5)]
    assert all(len(c) < 2 * CHUNK_SIZE for c in chunks)
    assert consumed < 2_000  # a few chunks' worth, not everything


def test_pipelined_deflate_gives_the_plain_compressor_s_bytes() -> None:
    parts = [os.urandom(5_000), b"patient " * 20_000, b"", b"x" * 70_000, os.urandom(10)]
    plain = zlib.compressobj(3, zlib.DEFLATED, -zlib.MAX_WBITS)
    expected = b"".join(plain.compress(p) for p in parts) + plain.flush()
    pipelined = PipelinedDeflate(3)
    assert b"".join(pipelined.compress(p) for p in parts) + pipelined.flush() == expected
    assert PipelinedDeflate().flush() == zlib.compressobj(3, zlib.DEFLATED, -15).flush()
