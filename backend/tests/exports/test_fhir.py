"""FHIR R4 exports: every resource validates with fhir.resources (R4B models), every
reference resolves, and the mapping carries the record's facts."""

from __future__ import annotations

import io
import json
import os
import tempfile
import zipfile
from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson
import pytest
from fhir.resources.R4B import get_fhir_model_class
from fhir.resources.R4B.bundle import Bundle

from patientgen.exports import fhir
from patientgen.exports.formats import ExportFormat, export_stream
from tests.support.samples import PRESETS, arrivals, generated_records, sample_records

# Required codes the models do not check (they accept any string for a `code`).
STATUS = {
    "Encounter": {"planned", "arrived", "triaged", "in-progress", "onleave", "finished"},
    "Procedure": {"preparation", "in-progress", "not-done", "on-hold", "stopped", "completed"},
    "Observation": {"registered", "preliminary", "final", "amended"},
    "Location": {"active", "suspended", "inactive"},
}
GENDERS = {"male", "female", "other", "unknown"}


def _references(node: Any) -> list[str]:
    found: list[str] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "reference" and isinstance(value, str):
                found.append(value)
            else:
                found.extend(_references(value))
    elif isinstance(node, list):
        for value in node:
            found.extend(_references(value))
    return found


def _check_resource(resource: dict[str, Any], *, validate: bool = True) -> None:
    if validate:  # inside a Bundle, Bundle.model_validate has validated it already
        get_fhir_model_class(resource["resourceType"]).model_validate(resource)
    kind = resource["resourceType"]
    if kind in STATUS:
        assert resource["status"] in STATUS[kind]
    if kind == "Patient":
        assert resource["gender"] in GENDERS
    if kind == "Encounter":
        period = resource["period"]
        if "end" in period:
            assert datetime.fromisoformat(period["start"]) <= datetime.fromisoformat(period["end"])


def _check_bundle(bundle: dict[str, Any]) -> None:
    Bundle.model_validate(bundle)
    assert bundle["type"] == "transaction"
    full_urls = [entry["fullUrl"] for entry in bundle["entry"]]
    assert len(set(full_urls)) == len(full_urls)
    for entry in bundle["entry"]:
        resource = entry["resource"]
        assert entry["fullUrl"] == f"urn:uuid:{resource['id']}"
        assert entry["request"] == {
            "method": "PUT",
            "url": f"{resource['resourceType']}/{resource['id']}",
        }
        _check_resource(resource, validate=False)
    for reference in _references(bundle):
        assert reference in full_urls, reference


def _bundles(records: list[dict]) -> list[dict]:
    data = b"".join(fhir.encode_bundles(records))
    lines = data.splitlines()
    assert data.endswith(b"\n")
    return [orjson.loads(line) for line in lines]


def _vital_observations(observations: list[dict]) -> list[dict]:
    """The Observations made from the record's vitals (not triage, not blood group)."""
    return [
        o
        for o in observations
        if o["code"]["coding"][0]["code"] not in ("triage-category", "882-1")
    ]


def _values(observation: dict) -> list[tuple[str, Any, str, str]]:
    """(LOINC code, value, unit, time) of an Observation's value or of each component."""
    parts = observation.get("component") or [observation]
    return [
        (c["code"]["coding"][0]["code"], c["valueQuantity"]["value"], c["valueQuantity"]["code"],
         observation["effectiveDateTime"])
        for c in parts
    ]  # fmt: skip


def _by_type(bundle: dict) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for entry in bundle["entry"]:
        out.setdefault(entry["resource"]["resourceType"], []).append(entry["resource"])
    return out


def test_every_bundle_validates_and_references_resolve() -> None:
    records = sample_records()
    bundles = _bundles(records)
    assert len(bundles) == len(records)
    for bundle in bundles:
        _check_bundle(bundle)


def test_patient_mapping() -> None:
    records = sample_records()
    for record, bundle in zip(records, _bundles(records), strict=True):
        resources = _by_type(bundle)
        (patient,) = resources["Patient"]
        demo = record["demographics"]
        assert patient["id"] == record["id"]
        assert patient["name"][0]["family"] == demo["family_name"]
        assert patient["name"][0]["given"] == [demo["given_name"]]
        assert patient["gender"] == demo["sex"]
        assert patient["birthDate"] == demo["birth_date"]
        assert patient["identifier"][0]["value"] == demo["service_number"]
        nationality = patient["extension"][0]
        assert nationality["url"] == fhir.NATIONALITY_EXTENSION
        code = nationality["extension"][0]["valueCodeableConcept"]["coding"][0]
        assert code == {"system": "urn:iso:std:iso:3166", "code": record["nationality"]}
        if record["final_status"] in ("KIA", "DOW"):
            death = [e for e in record["timeline"] if e["event"] == "death"][-1]
            assert patient["deceasedDateTime"] == death["time"]
        else:
            assert "deceasedDateTime" not in patient


def test_encounter_per_facility_stay_with_period_and_location() -> None:
    records = sample_records()
    evacuated = next(
        r
        for r in records
        if r["final_status"] == "EVACUATED" and arrivals(r) == ["R1", "R2", "R3", "R4"]
    )
    resources = _by_type(fhir.bundle(evacuated))
    encounters = resources["Encounter"]
    locations = {f"urn:uuid:{loc['id']}": loc for loc in resources["Location"]}
    assert [e["class"]["code"] for e in encounters] == ["FLD", "EMER", "IMP", "IMP", "IMP"]
    names = [locations[e["location"][0]["location"]["reference"]]["name"] for e in encounters]
    expected = ["Point of injury"] + [
        e["facility_name"] for e in evacuated["timeline"] if e["event"] == "arrival"
    ]
    assert names == expected
    timeline = evacuated["timeline"]
    arrival_r1 = next(e for e in timeline if e["event"] == "arrival" and e["facility"] == "R1")
    leave_r1 = next(e for e in timeline if e["event"] == "departure" and e["facility"] == "R1")
    assert encounters[1]["period"] == {"start": arrival_r1["time"], "end": leave_r1["time"]}
    assert encounters[0]["period"]["start"] == evacuated["injury_time"]
    dispositions = [
        e.get("hospitalization", {}).get("dischargeDisposition", {}).get("coding", [{}])[0]
        for e in encounters
    ]
    assert [d.get("code") for d in dispositions] == ["other-hcf"] * 4 + [None]
    # every treatment and vital belongs to the encounter at its facility, within its period
    by_id = {f"urn:uuid:{e['id']}": e for e in encounters}
    vitals = _vital_observations(resources["Observation"])
    items = resources["Procedure"] + vitals
    assert len(resources["Procedure"]) == len(evacuated["treatments"])
    assert sum(len(_values(o)) for o in vitals) == len(evacuated["vitals"])
    for item in items:
        encounter = by_id[item["encounter"]["reference"]]
        at = datetime.fromisoformat(item.get("performedDateTime") or item["effectiveDateTime"])
        start = datetime.fromisoformat(encounter["period"]["start"])
        end = datetime.fromisoformat(encounter["period"]["end"])
        assert start <= at <= end


def test_dispositions_of_the_final_stay() -> None:
    records = sample_records()
    expected = {"KIA": "exp", "DOW": "exp", "RTD": "oth"}
    for record in records:
        encounters = _by_type(fhir.bundle(record))["Encounter"]
        last = encounters[-1].get("hospitalization", {}).get("dischargeDisposition")
        in_transit = any(e.get("in_transit") for e in record["timeline"])
        if in_transit:  # left the POI alive, died on the way
            assert last["coding"][0]["code"] == "other-hcf"
        elif record["final_status"] in expected:
            assert last["coding"][0]["code"] == expected[record["final_status"]]
        elif record["final_facility"] != "R4":
            assert last["text"] == "Evacuated out of theatre"
        else:
            assert last is None


def test_conditions_procedures_and_observations() -> None:
    records = sample_records()
    for record in records:
        resources = _by_type(fhir.bundle(record))
        conditions = resources["Condition"]
        assert [c["code"]["coding"][0]["code"] for c in conditions] == [
            c["code"] for c in record["conditions"]
        ]
        for condition, source in zip(conditions, record["conditions"], strict=True):
            assert condition["code"]["coding"][0]["system"] == "http://snomed.info/sct"
            assert condition["onsetDateTime"] == record["injury_time"]
            assert condition["severity"]["coding"][0]["system"] == "http://snomed.info/sct"
            if source["body_site"]:
                assert condition["bodySite"] == [{"text": source["body_site"]}]
        procedures = resources.get("Procedure", [])
        assert [(p["code"]["coding"][0]["code"], p["performedDateTime"]) for p in procedures] == [
            (t["code"], t["time"]) for t in record["treatments"]
        ]
        condition_urls = {f"urn:uuid:{c['id']}" for c in conditions}
        for p in procedures:
            (reason,) = p["reasonReference"]
            assert reason["reference"] in condition_urls
        observations = resources["Observation"]
        vitals = _vital_observations(observations)
        # every vital of the record, in its order: blood pressure as one panel of two components
        assert [v for o in vitals for v in _values(o)] == [
            (v["code"], v["value"], v["unit"], v["time"]) for v in record["vitals"]
        ]
        for obs in vitals:
            coding = obs["code"]["coding"][0]
            assert coding["system"] == "http://loinc.org"
            category = obs["category"][0]["coding"][0]["code"]
            assert category == ("survey" if coding["code"] == "9269-2" else "vital-signs")
            assert coding["code"] not in ("8480-6", "8462-4")  # only as components
            if coding["code"] == "85354-9":
                assert "valueQuantity" not in obs
                assert [c["code"]["coding"][0]["code"] for c in obs["component"]] == [
                    "8480-6",
                    "8462-4",
                ]
            for part in obs.get("component") or [obs]:
                assert part["valueQuantity"]["system"] == "http://unitsofmeasure.org"
        (triage,) = [o for o in observations if o["code"]["coding"][0]["code"] == "triage-category"]
        value = triage["valueCodeableConcept"]["coding"][0]
        assert value["system"] == fhir.NATO_TRIAGE
        assert value["code"] == record["triage"]
        assert "encounter" in triage
        (blood,) = [o for o in observations if o["code"]["coding"][0]["code"] == "882-1"]
        assert blood["valueCodeableConcept"]["text"] == record["demographics"]["blood_type"]


def test_blood_pressure_panel_gcs_and_reasons_on_generated_records() -> None:
    """Default preset: one BP panel per measurement time, GCS as a survey, and each Procedure's
    reasonReference on the condition it treats (chest drain: a pneumo-/haemothorax;
    craniotomy: a severe brain injury; laparotomy: an abdominal wound)."""
    chest = {"36118008", "233645004", "31892009"}
    wants = {"264957007": chest, "25353009": {"127295002", "127298000"},
             "86481000": {"262574004", "125643001"}}  # fmt: skip
    seen: Counter[str] = Counter()
    for record in generated_records(PRESETS[0]):
        resources = _by_type(fhir.bundle(record))
        conditions = {f"urn:uuid:{c['id']}": c for c in resources.get("Condition", [])}
        for obs in _vital_observations(resources["Observation"]):
            code = obs["code"]["coding"][0]["code"]
            seen[code] += 1
            if code == "9269-2":
                assert obs["category"][0]["coding"][0]["code"] == "survey"
        bp = [v for v in record["vitals"] if v["code"] == "8480-6"]
        panels = [
            o for o in resources["Observation"] if o["code"]["coding"][0]["code"] == "85354-9"
        ]
        assert len(panels) == len(bp)
        for p in resources.get("Procedure", []):
            code = p["code"]["coding"][0]["code"]
            condition = conditions[p["reasonReference"][0]["reference"]]
            if code in wants:
                seen[code] += 1
                assert condition["code"]["coding"][0]["code"] in wants[code], (code, condition)
                if code == "86481000":
                    assert condition["bodySite"] == [{"text": "abdomen"}]
        for source, condition in zip(record["conditions"], conditions.values(), strict=True):
            assert condition.get("bodySite") == (
                [{"text": source["body_site"]}] if source["body_site"] else None
            )
    assert seen["85354-9"] > 100
    assert seen["9269-2"] > 100
    assert seen["8480-6"] == seen["8462-4"] == 0
    assert seen["264957007"] + seen["86481000"] > 0


def test_ids_are_stable_and_distinct_across_patients() -> None:
    records = sample_records()
    first, second = _bundles(records), _bundles(sample_records())
    assert first == second
    ids = Counter(
        e["resource"]["id"]
        for b in first
        for e in b["entry"]
        if e["resource"]["resourceType"] != "Location"
    )
    assert max(ids.values()) == 1
    assert len({b["id"] for b in first}) == len(first)


def _ndjson_files(records: list[dict]) -> dict[str, list[dict]]:
    files = {name: b"".join(chunks) for name, chunks in fhir.ndjson_files(lambda: iter(records))}
    return {name: [json.loads(line) for line in data.splitlines()] for name, data in files.items()}


def _check_ndjson_files(records: list[dict], files: dict[str, list[dict]]) -> None:
    known = {f"{t}.ndjson" for t in fhir.RESOURCE_TYPES}
    assert set(files) <= known
    assert list(files) == [n for n in (f"{t}.ndjson" for t in fhir.RESOURCE_TYPES) if n in files]
    targets = set()
    for name, resources in files.items():
        for resource in resources:
            assert f"{resource['resourceType']}.ndjson" == name
            _check_resource(resource)
            targets.add(f"{resource['resourceType']}/{resource['id']}")
        assert len({r["id"] for r in resources}) == len(resources)
    for resources in files.values():
        for reference in _references(resources):
            assert reference in targets, reference
    assert len(files["Patient.ndjson"]) == len(records)
    # the same resources as the bundles, with relative references
    bundled = Counter(
        e["resource"]["resourceType"]
        for b in (fhir.bundle(r) for r in records)
        for e in b["entry"]
        if e["resource"]["resourceType"] != "Location"
    )
    per_type = Counter({n.removesuffix(".ndjson"): len(v) for n, v in files.items()})
    del per_type["Location"]
    assert per_type == bundled


def test_bulk_ndjson_files_validate_and_references_resolve() -> None:
    records = sample_records()
    files = _ndjson_files(records)
    assert list(files) == [f"{t}.ndjson" for t in fhir.RESOURCE_TYPES]
    _check_ndjson_files(records, files)
    locations = files["Location.ndjson"]
    assert [loc["type"][0]["coding"][0]["code"] for loc in locations] == [
        "POI",
        "R1",
        "R2",
        "R3",
        "R4",
    ]


def test_bulk_ndjson_in_a_zip() -> None:
    records = sample_records()
    stream = export_stream(ExportFormat.FHIR_NDJSON, lambda: records, archive="zip")
    assert stream.media_type == "application/zip"
    with zipfile.ZipFile(io.BytesIO(b"".join(stream.chunks))) as archive:
        names = archive.namelist()
        assert names == [f"{t}.ndjson" for t in fhir.RESOURCE_TYPES]
        contents = {n: archive.read(n) for n in names}
    expected = {n: b"".join(c) for n, c in fhir.ndjson_files(lambda: iter(records))}
    assert contents == expected


def test_bulk_ndjson_leaves_out_empty_types_and_reads_the_records_once() -> None:
    records = [r for r in sample_records() if r["final_status"] == "KIA"]
    for record in records:  # no treatments at all
        record["treatments"] = []
    calls = 0

    def factory() -> list[dict]:
        nonlocal calls
        calls += 1
        return records

    files = _ndjson_files_with(factory)
    assert "Procedure.ndjson" not in files
    assert calls == 1  # one pass: the other types are spooled while Patient streams
    assert list(_ndjson_files([])) == []


def _ndjson_files_with(factory: Any) -> dict[str, bytes]:
    return {name: b"".join(chunks) for name, chunks in fhir.ndjson_files(factory)}


def test_bulk_ndjson_files_must_be_consumed_in_order() -> None:
    records = generated_records(PRESETS[0])  # more than one chunk per file
    files = fhir.ndjson_files(lambda: iter(records))
    name, _chunks = next(files)  # Patient, not read to its end
    assert name == "Patient.ndjson"
    with pytest.raises(RuntimeError, match="in order"):
        next(files)


def test_bulk_ndjson_in_one_pass_is_each_type_on_its_own() -> None:
    """The single pass writes, per file, the lines of mapping every record to that type alone
    (``resources_of_type``), in record order; Locations once each, in role order."""
    records = generated_records(PRESETS[0])
    files = _ndjson_files_with(lambda: iter(records))
    for resource_type in fhir.RESOURCE_TYPES[:-1]:
        expected = b"".join(
            orjson.dumps(resource) + b"\n"
            for record in records
            for resource in fhir.resources_of_type(record, resource_type)
        )
        assert files[f"{resource_type}.ndjson"] == expected, resource_type
    locations = [orjson.loads(line) for line in files["Location.ndjson"].splitlines()]
    assert len({loc["id"] for loc in locations}) == len(locations)


def test_bulk_ndjson_spools_are_removed_when_the_export_is_closed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    records = generated_records(PRESETS[0])
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    stream = export_stream(ExportFormat.FHIR_NDJSON, lambda: iter(records), archive="zip")
    next(stream.chunks)
    assert len(_open_spools(tmp_path)) == len(fhir.RESOURCE_TYPES) - 2  # not Patient, Location
    assert list(tmp_path.iterdir()) == []  # anonymous files: never a name on disk
    stream.chunks.close()  # type: ignore[attr-defined]  # a client that went away mid-export
    assert _open_spools(tmp_path) == []


def _open_spools(directory: Path) -> list[str]:
    """This process's open files in ``directory`` (deleted ones included)."""
    fds = Path("/proc/self/fd")
    targets = [os.readlink(fd) for fd in fds.iterdir() if fd.is_symlink()]
    return [t for t in targets if t.startswith(str(directory))]


@pytest.mark.slow
@pytest.mark.parametrize("preset", PRESETS)
def test_fhir_of_generated_records(preset: str) -> None:
    records = generated_records(preset)
    for bundle in _bundles(records):
        _check_bundle(bundle)
    _check_ndjson_files(records, _ndjson_files(records))
