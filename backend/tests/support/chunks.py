"""Byte streams cut into small, uneven pieces, as encoders hand them to the archive writers."""

from __future__ import annotations

from collections.abc import Iterator


def pieces(data: bytes, size: int = 777) -> Iterator[bytes]:
    for start in range(0, len(data), size):
        yield data[start : start + size]
