"""One PDF written as a stream from many small ones: the casualty cards are typeset in batches
(exports/cards_pdf.py), and each batch's pages are copied into the output as soon as it is
ready, so a card export starts at once and holds one batch in memory whatever its size.

Each batch is a complete PDF (Typst's output). Its pages and everything they reference (content
streams, fonts, images) are renumbered and written out as plain indirect objects; the batch's
pages hang under a page-tree node of their own, and the root page tree, the catalog, the
cross-reference table and the trailer follow the last batch. Only an offset per object and an id
per batch stay in memory until then. Objects the pages do not reach (the batch's catalog,
outline, structure tree, XMP metadata) are left out.
"""

from __future__ import annotations

import hashlib
import io
from array import array
from collections.abc import Iterator

from pypdf import PdfReader
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    PdfObject,
    StreamObject,
)

HEADER = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"
_CATALOG, _ROOT_PAGES = 1, 2
# Keys of a page dictionary that point back into the batch's own document structure.
_DROPPED_PAGE_KEYS = frozenset({"/Parent", "/StructParents"})


class PdfStreamWriter:
    """Write with ``start()``, ``add(pdf)`` per batch, then ``finish()``: each returns the
    bytes to send next. The output is deterministic for the same batches and ``identity``."""

    def __init__(self, identity: bytes = b"") -> None:
        self._offsets = array("Q", [0, 0, 0])  # by object id; 0 is the free list head
        self._position = 0
        self._nodes: list[int] = []
        self._pages = 0
        self._identity = hashlib.md5(identity, usedforsecurity=False)

    def _emit(self, data: bytes) -> bytes:
        self._position += len(data)
        return data

    def _new_id(self) -> int:
        self._offsets.append(0)
        return len(self._offsets) - 1

    def _object(self, number: int, body: bytes) -> bytes:
        self._offsets[number] = self._position
        return self._emit(b"%d 0 obj\n%s\nendobj\n" % (number, body))

    def start(self) -> bytes:
        return self._emit(HEADER)

    def add(self, pdf: bytes) -> Iterator[bytes]:
        """The objects of one batch's pages, then its page-tree node."""
        reader = PdfReader(io.BytesIO(pdf))
        node = self._new_id()
        numbers: dict[int, int] = {}
        queue: list[int] = []

        def ref(idnum: int) -> int:
            if idnum not in numbers:
                numbers[idnum] = self._new_id()
                queue.append(idnum)
            return numbers[idnum]

        kids = []
        for page in reader.pages:
            assert page.indirect_reference is not None
            kids.append(ref(page.indirect_reference.idnum))
        pages = set(queue)
        done = 0
        while done < len(queue):
            idnum = queue[done]
            done += 1
            obj = reader.get_object(idnum)
            assert obj is not None
            out = io.BytesIO()
            if idnum in pages:
                assert isinstance(obj, DictionaryObject)
                out.write(b"<</Parent %d 0 R" % node)
                for key, value in obj.items():
                    if key not in _DROPPED_PAGE_KEYS:
                        NameObject(key).write_to_stream(out)
                        out.write(b" ")
                        _write(value, out, ref)
                out.write(b">>")
            else:
                _write(obj, out, ref)
            yield self._object(numbers[idnum], out.getvalue())
        self._identity.update(pdf)
        self._pages += len(kids)
        self._nodes.append(node)
        kids_text = b" ".join(b"%d 0 R" % k for k in kids)
        yield self._object(
            node,
            b"<</Type/Pages/Parent %d 0 R/Kids[%s]/Count %d>>"
            % (_ROOT_PAGES, kids_text, len(kids)),
        )

    def finish(self) -> Iterator[bytes]:
        kids = b" ".join(b"%d 0 R" % n for n in self._nodes)
        yield self._object(_ROOT_PAGES, b"<</Type/Pages/Kids[%s]/Count %d>>" % (kids, self._pages))
        yield self._object(_CATALOG, b"<</Type/Catalog/Pages %d 0 R>>" % _ROOT_PAGES)
        xref = self._position
        size = len(self._offsets)
        table = [b"xref\n0 %d\n0000000000 65535 f \n" % size]
        table.extend(b"%010d 00000 n \n" % offset for offset in self._offsets[1:])
        digest = self._identity.hexdigest().encode()
        table.append(
            b"trailer\n<</Size %d/Root %d 0 R/ID[<%s><%s>]>>\nstartxref\n%d\n%%%%EOF\n"
            % (size, _CATALOG, digest, digest, xref)
        )
        yield self._emit(b"".join(table))


def _write(obj: PdfObject, out: io.BytesIO, ref) -> None:
    """Serialise `obj` with every indirect reference renumbered through `ref`."""
    if isinstance(obj, IndirectObject):
        out.write(b"%d 0 R" % ref(obj.idnum))
    elif isinstance(obj, StreamObject):
        data = obj._data  # the stream as stored: still encoded by its /Filter
        out.write(b"<<")
        for key, value in obj.items():
            if key != "/Length":
                NameObject(key).write_to_stream(out)
                out.write(b" ")
                _write(value, out, ref)
        out.write(b"/Length %d>>\nstream\n" % len(data))
        out.write(data)
        out.write(b"\nendstream")
    elif isinstance(obj, DictionaryObject):
        out.write(b"<<")
        for key, value in obj.items():
            NameObject(key).write_to_stream(out)
            out.write(b" ")
            _write(value, out, ref)
        out.write(b">>")
    elif isinstance(obj, ArrayObject):
        out.write(b"[")
        for k, value in enumerate(obj):
            if k:
                out.write(b" ")
            _write(value, out, ref)
        out.write(b"]")
    else:
        obj.write_to_stream(out)
