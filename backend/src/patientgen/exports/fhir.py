"""HL7 FHIR R4 (validated against the R4B models of ``fhir.resources``).

Two formats share one mapping (documented in docs/exports.md):

* ``fhir-bundle``: NDJSON of Bundles, one ``transaction`` Bundle per patient. Every entry
  has a ``urn:uuid:`` fullUrl, every reference points at one of them, and each entry
  carries ``request: PUT <Type>/<id>`` — so a line can be POSTed as is to a FHIR server,
  and loading the same export twice updates rather than duplicates (ids are stable).
* ``fhir-ndjson``: Bulk Data style, one NDJSON file per resource type
  (Patient, Encounter, Condition, Procedure, Observation, Location) with relative
  references (``Patient/<id>``). See ``ndjson_files`` for why it makes several passes.

Ids are deterministic: Patient.id is the record's ``id``; every other resource of a
patient is ``uuid5(<patient id>, "<Type>/<n>")``; Locations (one per facility) are
``uuid5(LOCATION_NAMESPACE, "<role>/<facility name>")``, shared by all patients.

Vital signs: a systolic and a diastolic pressure taken together are one blood-pressure panel
(LOINC 85354-9) with the two as components; the Glasgow coma score is a scored assessment, so
its Observation is in the ``survey`` category, not ``vital-signs``. A Procedure's
``reasonReference`` is the Condition it treats (``PatientResources._reason`` in fhir_resources.py).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Iterator
from itertools import chain
from typing import Any

import orjson

from patientgen.exports.archive import coalesce
from patientgen.exports.fhir_resources import PER_TYPE, PatientResources
from patientgen.exports.fhir_vocabulary import (
    NATIONALITY_EXTENSION,
    NATO_TRIAGE,
    RESOURCE_TYPES,
    ROLE_ORDER,
    uuid5_bytes,
)

MEDIA_TYPE = "application/fhir+ndjson"
# names other modules and the tests read from here
__all__ = [
    "MEDIA_TYPE",
    "NATIONALITY_EXTENSION",
    "NATO_TRIAGE",
    "RESOURCE_TYPES",
    "bundle",
    "bundle_line",
    "encode_bundles",
    "ndjson_files",
    "resources_of_type",
]


def bundle_line(record: dict[str, Any]) -> bytes:
    """The transaction Bundle of one patient record as one NDJSON line (the bytes
    ``orjson.dumps`` gives for ``bundle(record)``, plus a newline)."""
    resources = PatientResources(record, bundle=True)
    entries = [
        b'{"fullUrl":"urn:uuid:%b","resource":%b,"request":{"method":"PUT","url":"%b/%b"}}'
        % (rid, resource, kind, rid)
        for kind, built in resources.all()
        for rid, resource in built
    ]
    bundle_id = uuid5_bytes(uuid.UUID(record["id"]).bytes, b"Bundle")
    return b"".join(
        (
            b'{"resourceType":"Bundle","id":"%b","type":"transaction","entry":[' % bundle_id,
            b",".join(entries),
            b"]}\n",
        )
    )


def bundle(record: dict[str, Any]) -> dict[str, Any]:
    """The transaction Bundle of one patient record."""
    result: dict[str, Any] = orjson.loads(bundle_line(record))
    return result


def encode_bundles(records: Iterable[dict[str, Any]]) -> Iterator[bytes]:
    """``fhir-bundle``: one Bundle per line, in record order."""
    return coalesce(bundle_line(record) for record in records)


def resources_of_type(record: dict[str, Any], resource_type: str) -> list[dict[str, Any]]:
    """The resources of one type for one record, with relative references."""
    built = PER_TYPE[resource_type](PatientResources(record, bundle=False))
    return [orjson.loads(resource) for _rid, resource in built]


def ndjson_files(
    records_factory: Callable[[], Iterable[dict[str, Any]]],
) -> Iterator[tuple[str, Iterator[bytes]]]:
    """``fhir-ndjson``: ``(file name, chunks)`` per resource type, in ``RESOURCE_TYPES`` order.

    Each file is one pass over ``records_factory()``: the export re-reads the records once
    per resource type instead of spooling every type to temporary files in a single pass.
    Re-reading is an ordered primary-key range scan in the database (or a deterministic
    re-generation offline), while spooling would need disk space proportional to the export
    (gigabytes at a million patients), cleanup when a client disconnects, and would delay
    the first byte until the whole job had been read. Memory stays flat either way.

    Types without resources are left out (each pass is peeked before its file is named).
    Location.ndjson comes last and holds the facilities seen by the Encounter pass, so the
    files must be consumed in order and each to its end — as ``zip_stream`` does.
    """
    seen: dict[bytes, tuple[tuple[int, str, str], bytes]] = {}
    encounter_pass_done = False

    def per_type(resource_type: str) -> Iterator[bytes]:
        nonlocal encounter_pass_done
        build = PER_TYPE[resource_type]
        for record in records_factory():
            resources = PatientResources(record, bundle=False)
            built = build(resources)
            if built:
                yield b"\n".join([resource for _rid, resource in built]) + b"\n"
            if resource_type == "Encounter":
                for (lid, resource), (_lid, role, name) in zip(
                    resources.location_resources(), resources.locations(), strict=True
                ):
                    key = (ROLE_ORDER.get(role, len(ROLE_ORDER)), role, name)
                    seen.setdefault(lid, (key, resource))
        if resource_type == "Encounter":
            encounter_pass_done = True

    def locations() -> Iterator[bytes]:
        if not encounter_pass_done:
            raise RuntimeError("fhir-ndjson files must be consumed in order, each to its end")
        for _key, resource in sorted(seen.values(), key=lambda kv: kv[0]):
            yield resource + b"\n"

    for resource_type in RESOURCE_TYPES:
        chunks = coalesce(locations() if resource_type == "Location" else per_type(resource_type))
        first = next(chunks, None)
        if first is None:
            continue
        yield f"{resource_type}.ndjson", chain([first], chunks)
