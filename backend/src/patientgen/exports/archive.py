"""Byte-stream plumbing for exports: chunk coalescing, gzip, and (optionally AES-256) ZIP.

Everything here is a generator over generators: nothing is buffered beyond one chunk, so an
export of any size streams in flat memory.

Determinism: ``gzip_stream`` writes a fixed header (mtime 0, no file name, OS "unknown") and
``zip_stream`` stamps every entry with the ``modified_at`` it is given, so the same input
gives the same bytes. The one exception is encryption: WinZip AES draws a random salt per
entry (as it must — a reused salt with the same password reuses the key stream), so two
encrypted ZIPs of the same data differ byte for byte while decrypting to identical files.
"""

from __future__ import annotations

import stat
import struct
import tempfile
import zlib
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import UTC, datetime

from stream_zip import ZIP_64, stream_zip

from patientgen.exports.zip_writer import zip64

CHUNK_SIZE = 64 * 1024
"""Target size of the chunks encoders yield (they coalesce per-record parts up to this)."""

COMPRESSION_LEVEL = 3
"""zlib level for gzip and ZIP. Measured on patient NDJSON and FHIR: level 3 deflates at about
twice the speed of level 6 for output ~20% larger; level 9 (stream-zip's default) is slower
still for ~1% less. Exports are CPU-bound on the server, so speed wins."""

DOS_EPOCH = datetime(1980, 1, 1, tzinfo=UTC)
"""ZIP (MS-DOS) timestamps cannot express anything earlier; also the default entry mtime."""

# magic, CM=deflate, FLG=0 (no name/comment/extra), MTIME=0, XFL=0, OS=255 (unknown)
_GZIP_HEADER = b"\x1f\x8b\x08\x00" + b"\x00\x00\x00\x00" + b"\x00\xff"
_FILE_MODE = stat.S_IFREG | 0o644


def coalesce(parts: Iterable[bytes], size: int = CHUNK_SIZE) -> Iterator[bytes]:
    """Join small byte strings into chunks of at least ``size`` bytes (the last may be less).

    Empty input yields nothing; no empty chunk is ever yielded.
    """
    joiner = _Joiner(size)
    for part in parts:
        if (chunk := joiner.add(part)) is not None:
            yield chunk
    if rest := joiner.rest():
        yield rest


class _Joiner:
    """``coalesce``'s rule for a writer that is handed its parts (``DeflateSpool``): ``add``
    returns a chunk once at least ``size`` bytes are held."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._parts: list[bytes] = []
        self._held = 0

    def add(self, part: bytes) -> bytes | None:
        if not part:
            return None
        self._parts.append(part)
        self._held += len(part)
        return self.rest() if self._held >= self.size else None

    def rest(self) -> bytes:
        chunk = b"".join(self._parts)
        self._parts.clear()
        self._held = 0
        return chunk


def evenly(parts: Iterable[bytes], size: int = CHUNK_SIZE) -> Iterator[bytes]:
    """The same bytes in chunks of exactly ``size`` (the last may be less): big parts are cut,
    small ones joined, so a consumer never holds more than one chunk."""
    pending = b""
    for part in parts:
        if not part:
            continue
        data = pending + part if pending else part
        whole = len(data) - len(data) % size
        for start in range(0, whole, size):
            yield data[start : start + size]
        pending = data[whole:]
    if pending:
        yield pending


_DEFLATE_THREADS = ThreadPoolExecutor(max_workers=2, thread_name_prefix="deflate")


class PipelinedDeflate:
    """A raw deflate compressor (``zlib.compressobj``'s interface, the part stream-zip uses)
    that deflates on a worker thread, one chunk behind: ``compress(chunk)`` hands the chunk
    over and returns the output of the previous one. zlib lets go of the GIL while it
    deflates, so the next chunk is encoded (Python, holding the GIL) on one core while the
    last one is compressed on the other. Calls run one at a time and in order, so the output
    is byte for byte that of the plain compressor."""

    def __init__(self, level: int = COMPRESSION_LEVEL) -> None:
        self._zlib = zlib.compressobj(level, zlib.DEFLATED, -zlib.MAX_WBITS)
        self._pending: Future[bytes] | None = None

    def _previous(self) -> bytes:
        out = self._pending.result() if self._pending is not None else b""
        self._pending = None
        return out

    def compress(self, data: bytes) -> bytes:
        out = self._previous()
        self._pending = _DEFLATE_THREADS.submit(self._zlib.compress, data)
        return out

    def flush(self) -> bytes:
        return self._previous() + self._zlib.flush()


def gzip_stream(chunks: Iterable[bytes], *, level: int = COMPRESSION_LEVEL) -> Iterator[bytes]:
    """Compress a byte stream into one gzip member (RFC 1952), deterministically.

    The header is written by hand rather than by zlib's gzip wrapper so that the OS byte
    (which zlib sets per build platform) is fixed too: the output depends only on the input.
    """

    def parts() -> Iterator[bytes]:
        compressor = PipelinedDeflate(level)
        crc = 0
        size = 0
        yield _GZIP_HEADER
        for chunk in chunks:
            if not chunk:
                continue
            crc = zlib.crc32(chunk, crc)
            size += len(chunk)
            yield compressor.compress(chunk)
        yield compressor.flush() + struct.pack("<II", crc & 0xFFFFFFFF, size & 0xFFFFFFFF)

    # deflate's output comes in pieces of a few KiB per 64 KiB read; each chunk the API sends
    # costs a hop between the encoding thread and the event loop
    return coalesce(parts())


def _zip_time(modified_at: datetime) -> datetime:
    # Naive datetimes are taken as UTC; everything is normalised to UTC so the DOS time
    # fields and the Unix extended timestamp agree whatever the server's time zone.
    moment = modified_at.replace(tzinfo=UTC) if modified_at.tzinfo is None else modified_at
    return max(moment.astimezone(UTC), DOS_EPOCH)


def zip_stream(
    files: Iterable[tuple[str, Iterable[bytes]]],
    *,
    modified_at: datetime = DOS_EPOCH,
    password: str | None = None,
) -> Iterator[bytes]:
    """Stream a ZIP archive of ``(name, chunks)`` members, each consumed lazily and in order.

    Members are deflated in ZIP64 form (sizes are unknown until the stream ends, and an
    export can pass 4 GiB); every entry carries ``modified_at`` (UTC, clamped to 1980).
    Members deflated ahead of time (a ``DeflateSpool``) are copied as they are. With a
    ``password`` each member is encrypted with WinZip AES-256 (AE-2: AES-256-CTR,
    PBKDF2-HMAC-SHA1 key derivation, HMAC-SHA1 authentication), the format 7-Zip, WinZip,
    libarchive (``bsdtar``) and pyzipper decrypt; Info-ZIP ``unzip`` 6.0 has no AES support.
    Encrypted archives are written by stream-zip, which deflates every member itself (a
    spooled one is inflated for it); plain ones by zip_writer.py, in the same layout.
    """
    if password is not None and not password:
        raise ValueError("password must not be empty")
    when = _zip_time(modified_at)
    zipped: Iterable[bytes]
    try:
        if password is None:
            plain = zip64(files, modified_at=when, mode=_FILE_MODE, compressor=PipelinedDeflate)
            zipped = evenly(plain)  # as stream-zip cuts its output (a row group is ~1 MB)
        else:
            members = ((name, when, _FILE_MODE, ZIP_64, chunks) for name, chunks in files)
            zipped = stream_zip(
                members,
                chunk_size=CHUNK_SIZE,
                get_compressobj=PipelinedDeflate,  # type: ignore[arg-type]
                # Key derivation takes the password's UTF-8 bytes (as 7-Zip and pyzipper do);
                # given a str, stream-zip's PBKDF2 would encode it as latin-1 and fail
                # mid-stream on the rest.
                password=password.encode("utf-8"),  # type: ignore[arg-type]
            )
        yield from coalesce(zipped)  # in chunks of CHUNK_SIZE, as gzip_stream
    finally:
        close = getattr(files, "close", None)
        if close is not None:  # a producer's spools are removed now, not when collected
            close()


class DeflateSpool:
    """One ZIP member deflated as it is written, into an anonymous temporary file, for a
    producer that makes several members in one pass but can stream only the first: the rest
    wait here, deflated (disk about their share of the archive, no memory). Parts are joined
    into CHUNK_SIZE chunks as ``coalesce`` joins a streamed member's, and deflated by the same
    compressor, so the member's bytes in the archive are the ones streaming it would give.
    ``finish()`` once the last part is written; ``close()`` removes the file."""

    def __init__(self, level: int = COMPRESSION_LEVEL) -> None:
        # open for the spool's life, closed by close()
        self._file = tempfile.TemporaryFile(prefix="patientgen-spool-")  # noqa: SIM115
        self._deflate = PipelinedDeflate(level)
        self._joiner = _Joiner(CHUNK_SIZE)
        self._finished = False
        self.crc = self.size = self.compressed_size = 0

    def write(self, part: bytes) -> None:
        if (chunk := self._joiner.add(part)) is not None:
            self._compress(chunk)

    def _compress(self, chunk: bytes) -> None:
        self.crc = zlib.crc32(chunk, self.crc)
        self.size += len(chunk)
        self._store(self._deflate.compress(chunk))

    def _store(self, deflated: bytes) -> None:
        self._file.write(deflated)
        self.compressed_size += len(deflated)

    def finish(self) -> None:
        if rest := self._joiner.rest():
            self._compress(rest)
        self._store(self._deflate.flush())
        self._finished = True

    def compressed(self) -> Iterator[bytes]:
        """The raw deflate stream, in CHUNK_SIZE pieces."""
        if not self._finished:
            raise RuntimeError("a spooled member is read once it is finished")
        self._file.seek(0)
        while piece := self._file.read(CHUNK_SIZE):
            yield piece

    def __iter__(self) -> Iterator[bytes]:
        """The member's own bytes (inflated)."""
        inflate = zlib.decompressobj(-zlib.MAX_WBITS)
        for piece in self.compressed():
            if out := inflate.decompress(piece):
                yield out
        if rest := inflate.flush():
            yield rest

    def close(self) -> None:
        self._file.close()


def spooled_files(
    spools: Iterable[tuple[str, DeflateSpool]], pass_done: bool, what: str
) -> Iterator[tuple[str, DeflateSpool]]:
    """What a one-pass producer hands the ZIP after the file it streamed: each spool that holds
    anything, in order, closed once the next file is asked for (it has been read by then).
    ``pass_done`` is false if the streamed file was not read to its end: the spools are not
    finished, so the files were not consumed in order."""
    if not pass_done:
        raise RuntimeError(f"{what} files must be consumed in order, the first to its end")
    for name, spool in spools:
        if spool.size:
            yield name, spool
        spool.close()
