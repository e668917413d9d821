"""Download tickets over HTTP: minted with the key, redeemed by a plain GET without one, exactly
once, within a minute, for one job and one export; the token never reaches the server's log."""

from __future__ import annotations

import io
import uuid

import pytest
import pyzipper
from sqlalchemy import text

from patientgen.security import hash_key
from tests.support.jobs import scenario_json, wait_for_status
from tests.support.keys import new_key

PATIENTS, SEED = 900, 31
PROBLEM = "application/problem+json"


async def _ticket(client, job_id: str, headers: dict, **body) -> dict:
    response = await client.post(f"/jobs/{job_id}/downloads", json=body, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


async def _redeem(live_server, ticket: dict, http):
    # The ticket's url is a path on the server; no key goes with it.
    return await http.get(live_server.base_url + ticket["url"])


async def test_a_ticket_downloads_the_export_once_without_a_key(client, owner, job, live_server):
    direct = await client.get(
        f"/jobs/{job['id']}/export", params={"format": "csv", "archive": "gzip"}, headers=owner
    )
    ticket = await _ticket(client, job["id"], owner, format="csv", archive="gzip")
    assert ticket["url"].startswith("/api/v1/downloads/pgt_")
    assert ticket["encrypted"] is False
    assert (ticket["format"], ticket["archive"]) == ("csv", "gzip")

    first = await _redeem(live_server, ticket, client)
    assert first.status_code == 200, first.text
    assert first.content == direct.content
    assert first.headers["content-disposition"] == direct.headers["content-disposition"]
    assert first.headers["cache-control"] == "no-store"

    again = await _redeem(live_server, ticket, client)
    assert again.status_code == 404
    assert again.headers["content-type"] == PROBLEM
    assert ticket["url"].rsplit("/", 1)[1] not in live_server.log(), "tokens stay out of logs"


async def test_an_encrypted_ticket_needs_the_password_it_was_minted_with(
    client, owner, job, live_server
):
    password = "Pässwörd-ключ-密码-🔐"
    plain = await client.get(f"/jobs/{job['id']}/export", headers=owner)
    ticket = await _ticket(client, job["id"], owner, archive="zip", password=password)
    assert ticket["encrypted"] is True
    response = await _redeem(live_server, ticket, client)
    assert response.status_code == 200, response.text
    with pyzipper.AESZipFile(io.BytesIO(response.content)) as archive:
        archive.setpassword(password.encode("utf-8"))
        (name,) = archive.namelist()
        assert archive.read(name) == plain.content
        assert archive.getinfo(name).flag_bits & 0x1  # encrypted
    with pyzipper.AESZipFile(io.BytesIO(response.content)) as archive:
        archive.setpassword(b"not the password")
        with pytest.raises(RuntimeError):
            archive.read(name)


async def test_tickets_refuse_what_an_export_would_refuse(client, owner, job, pg_engine):
    url = f"/jobs/{job['id']}/downloads"
    cases = [
        ({"format": "fhir-ndjson", "archive": "none"}, "body.archive"),
        ({"format": "csv", "archive": "gzip", "password": "long enough"}, "body.archive"),
        ({"format": "csv", "password": "short"}, "body.password"),
        ({"format": "pdf"}, "body.format"),
    ]
    for body, field in cases:
        response = await client.post(url, json=body, headers=owner)
        assert response.status_code == 422, body
        assert response.headers["content-type"] == PROBLEM
        assert response.json()["errors"][0]["field"] == field, body
    stranger = await new_key(pg_engine, "tickets-stranger")
    assert (await client.post(url, json={}, headers=stranger)).status_code == 404
    assert (await client.post(url, json={})).status_code == 401
    unknown = await client.get("/downloads/pgt_" + "x" * 43)
    assert unknown.status_code == 404
    assert unknown.headers["content-type"] == PROBLEM


async def test_a_running_job_gets_no_ticket(client, owner, pg_engine):
    body = {"scenario": scenario_json(), "patients": 50, "seed": 3}
    created = (await client.post("/jobs", json=body, headers=owner)).json()
    await wait_for_status(client, f"/jobs/{created['id']}", owner)
    async with pg_engine.begin() as connection:  # as if it were still running
        await connection.execute(
            text("UPDATE jobs SET status = 'running' WHERE id = :id"),
            {"id": uuid.UUID(created["id"])},
        )
    response = await client.post(f"/jobs/{created['id']}/downloads", json={}, headers=owner)
    assert response.status_code == 409
    assert response.headers["content-type"] == PROBLEM


async def test_tickets_expire_and_die_with_their_key(client, job, pg_engine, live_server):
    admin = await new_key(pg_engine, "tickets-admin", admin=True)
    expiring = await _ticket(client, job["id"], admin)
    async with pg_engine.begin() as connection:
        await connection.execute(
            text(
                "UPDATE download_tickets SET expires_at = now() - interval '1 second'"
                " WHERE token_hash = :hash"
            ),
            {"hash": hash_key(expiring["url"].rsplit("/", 1)[1])},
        )
    assert (await _redeem(live_server, expiring, client)).status_code == 404

    holder = await new_key(pg_engine, "tickets-holder", admin=True)
    me = (await client.get("/me", headers=holder)).json()
    orphan = await _ticket(client, job["id"], holder)
    assert (await client.delete(f"/keys/{me['key_id']}", headers=admin)).status_code == 204
    assert (await _redeem(live_server, orphan, client)).status_code == 404
