"""A streaming, unencrypted ZIP64 writer that also takes members deflated ahead of time.

stream-zip (archive.zip_stream's writer for AES-256 ZIPs) deflates every member itself: it needs
each member's bytes, to deflate them and to compute their CRC-32. A member that has already been
deflated once (``PreDeflated``: fhir-ndjson's per-type files, spooled while the first file
streamed) would have to be inflated only to be deflated again. This writer copies such a member's
deflate stream as it is, with the CRC-32 and sizes worked out when it was made, and deflates any
other member as stream-zip does.

Its bytes are stream-zip's for the same members (tests/exports/test_zip_writer.py): every member
in ZIP64 form, sizes in a data descriptor after the data, UTF-8 names, the Unix extended
timestamp, then the central directory and the ZIP64 end records.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Callable, Generator, Iterable, Iterator
from datetime import datetime
from typing import Protocol, runtime_checkable

_LOCAL_HEADER = struct.Struct("<HHH4sIIIHH")
_DESCRIPTOR = struct.Struct("<IQQ")
_CENTRAL_HEADER = struct.Struct("<BBBBHH4sIIIHHHHHII")
_ZIP64_LOCAL_EXTRA = struct.Struct("<2sHQQ")
_ZIP64_CENTRAL_EXTRA = struct.Struct("<2sHQQQ")
_UNIX_TIME_EXTRA = struct.Struct("<2sH1sl")
_ZIP64_END = struct.Struct("<QHHIIQQQQ")
_ZIP64_LOCATOR = struct.Struct("<IQI")
_END = struct.Struct("<HHHHIIH")
_DOS_TIME = struct.Struct("<HH")

_VERSION = 45  # ZIP64
_UNIX = 3
_DEFLATE = 8
_FLAGS = 0x0008 | 0x0800  # sizes in a data descriptor; UTF-8 names
_UNKNOWN32 = 0xFFFFFFFF  # "see the ZIP64 extra field"


@runtime_checkable
class PreDeflated(Protocol):
    """A member's raw deflate stream, made before the archive is written. Iterating it gives
    the member's own (inflated) bytes, for a writer that has to deflate it again."""

    crc: int  # CRC-32 of the member's bytes
    size: int  # their length
    compressed_size: int

    def compressed(self) -> Iterator[bytes]: ...

    def __iter__(self) -> Iterator[bytes]: ...


class Deflater(Protocol):
    """What the writer needs of a raw deflate compressor (``zlib.compressobj``'s interface)."""

    def compress(self, data: bytes, /) -> bytes: ...

    def flush(self) -> bytes: ...


def zip64(
    members: Iterable[tuple[str, Iterable[bytes]]],
    *,
    modified_at: datetime,
    mode: int,
    compressor: Callable[[], Deflater],
) -> Iterator[bytes]:
    """The archive of ``(name, chunks)`` members, each consumed lazily and in order; chunks
    that are ``PreDeflated`` are copied, any others deflated by ``compressor()`` (raw
    deflate). ``modified_at`` (aware, from 1980 on) stamps every member."""
    dos_time = _DOS_TIME.pack(
        modified_at.second // 2 | modified_at.minute << 5 | modified_at.hour << 11,
        modified_at.day | modified_at.month << 5 | (modified_at.year - 1980) << 9,
    )
    unix_time = _UNIX_TIME_EXTRA.pack(b"UT", 5, b"\x01", int(modified_at.timestamp()))
    central: list[bytes] = []
    offset = 0
    for name, chunks in members:
        encoded = name.encode("utf-8")
        extra = _ZIP64_LOCAL_EXTRA.pack(b"\x01\x00", 16, 0, 0) + unix_time
        header = b"PK\x03\x04" + _LOCAL_HEADER.pack(
            _VERSION, _FLAGS, _DEFLATE, dos_time, 0, _UNKNOWN32, _UNKNOWN32,
            len(encoded), len(extra),
        )  # fmt: skip
        start = offset
        yield header + encoded + extra
        offset += len(header) + len(encoded) + len(extra)
        if isinstance(chunks, PreDeflated):
            yield from chunks.compressed()
            crc, size, compressed = chunks.crc, chunks.size, chunks.compressed_size
        else:
            crc, size, compressed = yield from _deflated(chunks, compressor())
        offset += compressed
        descriptor = b"PK\x07\x08" + _DESCRIPTOR.pack(crc, compressed, size)
        yield descriptor
        offset += len(descriptor)
        central.append(
            _central_entry(encoded, dos_time, unix_time, mode, crc, size, compressed, start)
        )
    yield _end_records(central, offset)


def _central_entry(
    name: bytes, dos_time: bytes, unix_time: bytes, mode: int,
    crc: int, size: int, compressed: int, offset: int,
) -> bytes:  # fmt: skip
    extra = _ZIP64_CENTRAL_EXTRA.pack(b"\x01\x00", 24, size, compressed, offset) + unix_time
    fields = (
        _VERSION, _UNIX, _VERSION, 0, _FLAGS, _DEFLATE, dos_time, crc, _UNKNOWN32, _UNKNOWN32,
        len(name), len(extra), 0, 0, 0, mode << 16, _UNKNOWN32,
    )  # fmt: skip
    return b"PK\x01\x02" + _CENTRAL_HEADER.pack(*fields) + name + extra


def _deflated(
    chunks: Iterable[bytes], compressor: Deflater
) -> Generator[bytes, None, tuple[int, int, int]]:
    """Deflate a member's chunks; returns (CRC-32, size, compressed size)."""
    crc = size = compressed = 0
    for chunk in chunks:
        crc = zlib.crc32(chunk, crc)
        size += len(chunk)
        out = compressor.compress(chunk)
        compressed += len(out)
        yield out
    out = compressor.flush()
    compressed += len(out)
    yield out
    return crc, size, compressed


def _end_records(central: list[bytes], start: int) -> bytes:
    directory = b"".join(central)
    if not central:  # an empty archive: the plain end record alone
        return b"PK\x05\x06" + _END.pack(0, 0, 0, 0, 0, 0, 0)
    end = start + len(directory)
    n = len(central)
    return b"".join(
        (
            directory,
            b"PK\x06\x06"
            + _ZIP64_END.pack(44, _VERSION, _VERSION, 0, 0, n, n, len(directory), start),
            b"PK\x06\x07" + _ZIP64_LOCATOR.pack(0, end, 1),
            b"PK\x05\x06" + _END.pack(0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, _UNKNOWN32, _UNKNOWN32, 0),
        )
    )
