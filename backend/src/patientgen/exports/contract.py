"""Field order of the patient record, shared by the structured encoders; derived from the one
declaration of the record (simulation.record_model)."""

from __future__ import annotations

from patientgen.simulation.layout import fields
from patientgen.simulation.record_model import Demographics, PatientRecord

# `index` and `id` are written by each encoder in its own way (attributes, identifiers).
RECORD_FIELDS: tuple[str, ...] = tuple(PatientRecord.model_fields)[2:]
DEMOGRAPHIC_FIELDS: tuple[str, ...] = tuple(Demographics.model_fields)


def _item_fields() -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    out = {}
    for f in fields(PatientRecord):
        if f.kind == "list" and f.model is not None:
            item = fields(f.model)
            out[f.name] = (
                tuple(i.name for i in item),
                tuple(i.name for i in item if i.required),
            )
    return out


# list field -> (every declared key of its items, the keys every item has), in declared order
LIST_ITEM_FIELDS = _item_fields()


Path = tuple[str, ...]  # keys from the record to a value: ("demographics", "sex")


def _flat_scalars() -> tuple[tuple[Path, ...], tuple[Path, ...]]:
    """The record's plain values before its first list (nested objects opened) and after its
    last one, as paths."""
    parts: list[list[Path]] = [[]]
    for f in fields(PatientRecord):
        if f.kind == "list":
            if parts[-1]:
                parts.append([])
        elif f.kind == "object" and f.model is not None:
            parts[-1].extend((f.name, i.name) for i in fields(f.model))
        else:
            parts[-1].append((f.name,))
    if len(parts) != 2:
        raise RuntimeError("flat exports expect plain values, the lists, then plain values")
    return tuple(parts[0]), tuple(parts[1])


# The flat exports (CSV) write these values as they are, around their summaries of the lists;
# a column is named by the path's last key.
FLAT_BEFORE_LISTS, FLAT_AFTER_LISTS = _flat_scalars()
