"""Browsing patients (pages, filters, one patient, its FHIR bundle), checked against the
generator's own records (same scenario and seed)."""

from __future__ import annotations

import json

from tests.support.keys import new_key

PATIENTS, SEED = 3_000, 4242


async def test_pages_walk_every_patient_once(client, owner, job, records):
    seen, cursor = [], None
    while True:
        params = {"limit": 450} | ({"cursor": cursor} if cursor is not None else {})
        page = (
            await client.get(f"/jobs/{job['id']}/patients", params=params, headers=owner)
        ).json()
        seen.extend(page["items"])
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == records


async def test_filters_combine(client, owner, job, records):
    expected = [r for r in records if r["triage"] == "T1" and r["injury_type"] == "BATTLE_INJURY"]
    page = (
        await client.get(
            f"/jobs/{job['id']}/patients",
            params={"triage": "T1", "injury_type": "BATTLE_INJURY", "limit": 1000},
            headers=owner,
        )
    ).json()
    assert page["items"] == expected[:1000]
    nation = records[0]["nationality"]
    front = records[0]["front"]
    page = (
        await client.get(
            f"/jobs/{job['id']}/patients",
            params={"nationality": nation, "front": front, "final_status": "RTD", "limit": 5},
            headers=owner,
        )
    ).json()
    assert all(p["nationality"] == nation and p["front"] == front for p in page["items"])
    assert all(p["final_status"] == "RTD" for p in page["items"])


async def test_single_patient_and_errors(client, owner, job, records, pg_engine):
    response = await client.get(f"/jobs/{job['id']}/patients/17", headers=owner)
    assert response.json() == records[17]
    missing = await client.get(f"/jobs/{job['id']}/patients/{PATIENTS}", headers=owner)
    assert missing.status_code == 404
    bad = await client.get(f"/jobs/{job['id']}/patients", params={"triage": "T9"}, headers=owner)
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["field"] == "query.triage"
    stranger = await new_key(pg_engine, "results-stranger")
    assert (await client.get(f"/jobs/{job['id']}/patients", headers=stranger)).status_code == 404
    forbidden = await client.get(f"/jobs/{job['id']}/statistics", headers=stranger)
    assert forbidden.status_code == 404


async def test_one_patient_as_fhir_is_its_bundle_from_the_export(client, owner, job):
    export = await client.get(
        f"/jobs/{job['id']}/export", params={"format": "fhir-bundle"}, headers=owner
    )
    bundles = [json.loads(line) for line in export.text.splitlines()]
    response = await client.get(f"/jobs/{job['id']}/patients/17/fhir", headers=owner)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/fhir+json"
    assert response.json() == bundles[17]
    assert response.json()["resourceType"] == "Bundle"
    missing = await client.get(f"/jobs/{job['id']}/patients/{PATIENTS}/fhir", headers=owner)
    assert missing.status_code == 404
