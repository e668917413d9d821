"""HL7 FHIR R4 (validated against the R4B models of ``fhir.resources``).

Two formats share one mapping (documented in docs/exports.md):

* ``fhir-bundle``: NDJSON of Bundles, one ``transaction`` Bundle per patient. Every entry
  has a ``urn:uuid:`` fullUrl, every reference points at one of them, and each entry
  carries ``request: PUT <Type>/<id>`` — so a line can be POSTed as is to a FHIR server,
  and loading the same export twice updates rather than duplicates (ids are stable).
* ``fhir-ndjson``: Bulk Data style, one NDJSON file per resource type
  (Patient, Encounter, Condition, Procedure, Observation, Location) with relative
  references (``Patient/<id>``), made in one pass over the records (``ndjson_files``).

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

from patientgen.exports.archive import DeflateSpool, coalesce, spooled_files
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
) -> Iterator[tuple[str, Iterable[bytes]]]:
    """``fhir-ndjson``: ``(file name, chunks)`` per resource type, in ``RESOURCE_TYPES`` order.

    One pass over ``records_factory()`` builds every type: Patient.ndjson streams as the records
    are read, and each of the other types is deflated as it is made into a spool (an anonymous
    temporary file: ``archive.DeflateSpool``), which the ZIP copies once the pass is done. A
    pass per type instead would read, parse and map every record five times, and deflating
    twice (spooling raw text, then zipping it) would cost as much as the mapping. Memory stays
    flat; the temporary disk is those files' share of the ZIP (about 1.4 KB a default-preset
    patient), freed when the export ends or is closed. Iterating a spool gives its text
    (inflated), for anything but the plain ZIP writer.

    Types without resources are left out. Location.ndjson comes last and holds the facilities
    seen by the pass, so the files must be consumed in order and the first to its end — as
    ``zip_stream`` does.
    """
    spools = {t: DeflateSpool() for t in RESOURCE_TYPES if t not in _STREAMED}
    seen: dict[bytes, tuple[tuple[int, str, str], bytes]] = {}
    pass_done = False

    def patients() -> Iterator[bytes]:
        """The Patient lines, writing every other type's lines to its spool on the way."""
        nonlocal pass_done
        spooled = [(PER_TYPE[t], spool) for t, spool in spools.items()]
        for record in records_factory():
            resources = PatientResources(record, bundle=False)
            yield resources.patient()[0][1] + b"\n"
            for build, spool in spooled:
                built = build(resources)
                if built:
                    spool.write(b"\n".join([resource for _rid, resource in built]) + b"\n")
            for (lid, resource), (_lid, role, name) in zip(
                resources.location_resources(), resources.locations(), strict=True
            ):
                key = (ROLE_ORDER.get(role, len(ROLE_ORDER)), role, name)
                seen.setdefault(lid, (key, resource))
        for spool in spools.values():
            spool.finish()
        pass_done = True

    def locations() -> Iterator[bytes]:
        for _key, resource in sorted(seen.values(), key=lambda kv: kv[0]):
            yield resource + b"\n"

    try:
        chunks = coalesce(patients())
        first = next(chunks, None)
        if first is not None:
            yield "Patient.ndjson", chain([first], chunks)
        named = ((f"{resource_type}.ndjson", spool) for resource_type, spool in spools.items())
        yield from spooled_files(named, pass_done, "fhir-ndjson")
        if seen:
            yield "Location.ndjson", coalesce(locations())
    finally:
        for spool in spools.values():
            spool.close()


# streamed in the pass (Patient) or made after it (Location); every other type is spooled
_STREAMED = ("Patient", "Location")
