"""Cuts the rows of consecutive blocks into batches of a job's batch size."""

from __future__ import annotations

from patientgen.storage.patient_sink import RowChunk


class Batcher:
    """A batch is a list of chunks (slices of blocks, not copies) holding exactly ``size`` rows;
    only the last batch of a job may hold fewer."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._batch: list[RowChunk] = []
        self._count = 0

    def add(self, chunk: RowChunk) -> list[list[RowChunk]]:
        """Takes the next rows in order; returns the batches they completed."""
        full = []
        while len(chunk):
            head, chunk = chunk.split(self.size - self._count)
            self._batch.append(head)
            self._count += len(head)
            if self._count == self.size:
                full.append(self._batch)
                self._batch, self._count = [], 0
        return full

    def rest(self) -> list[RowChunk] | None:
        """The last, short batch, if rows are left over."""
        return self._batch or None
