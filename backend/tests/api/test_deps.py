"""The auth matrix over real HTTP: no key, unknown key, revoked key, user key, admin key."""

from __future__ import annotations

import httpx
import pytest

from patientgen.services.keys import issue_key, revoke_key

PROBLEM = "application/problem+json"


@pytest.fixture(scope="module")
async def keys(pg_engine) -> dict[str, str]:
    from sqlalchemy.ext.asyncio import async_sessionmaker

    async with async_sessionmaker(pg_engine)() as session, session.begin():
        admin = await issue_key(session, name="admin", is_admin=True)
        user = await issue_key(session, name="user", is_admin=False)
        revoked = await issue_key(session, name="revoked", is_admin=True)
        await revoke_key(session, revoked.record.id)
    return {"admin": admin.plaintext, "user": user.plaintext, "revoked": revoked.plaintext}


@pytest.mark.parametrize(
    ("who", "path", "expected"),
    [
        (None, "/keys", 401),
        ("bad", "/keys", 401),
        ("revoked", "/keys", 401),
        ("user", "/keys", 403),
        ("admin", "/keys", 200),
        (None, "/me", 401),
        ("bad", "/me", 401),
        ("revoked", "/me", 401),
        ("user", "/me", 200),
        ("admin", "/me", 200),
        (None, "/health", 200),
    ],
)
def test_auth_matrix(live_server, keys, who, path, expected):
    headers = {}
    if who == "bad":
        headers["X-API-Key"] = "pgk_not-a-real-key"
    elif who:
        headers["X-API-Key"] = keys[who]
    response = httpx.get(live_server.api + path, headers=headers)
    assert response.status_code == expected, response.text
    if expected >= 400:
        assert response.headers["content-type"] == PROBLEM
        assert response.json()["status"] == expected


def test_metrics_needs_admin(live_server, keys):
    httpx.get(live_server.api + "/keys")
    assert httpx.get(live_server.base_url + "/metrics").status_code == 401
    assert (
        httpx.get(
            live_server.base_url + "/metrics", headers={"X-API-Key": keys["user"]}
        ).status_code
        == 403
    )
    response = httpx.get(live_server.base_url + "/metrics", headers={"X-API-Key": keys["admin"]})
    assert response.status_code == 200
    assert "patientgen_http_requests_total" in response.text
    assert 'route="/api/v1/keys"' in response.text
    assert "patientgen_http_request_duration_seconds_bucket" in response.text


def test_key_lifecycle_over_http(live_server, keys):
    admin = {"X-API-Key": keys["admin"]}
    created = httpx.post(live_server.api + "/keys", json={"name": "temp"}, headers=admin)
    assert created.status_code == 201
    body = created.json()
    new_key = body["key"]
    assert body["is_admin"] is False
    assert body["prefix"] == new_key[:12]

    listed = httpx.get(live_server.api + "/keys", headers=admin).json()
    assert any(k["id"] == body["id"] for k in listed)
    assert all("key" not in k and "key_hash" not in k for k in listed), "secrets must not be listed"

    me = httpx.get(live_server.api + "/me", headers={"X-API-Key": new_key})
    assert me.json()["name"] == "temp"  # now cached server-side

    assert httpx.delete(live_server.api + f"/keys/{body['id']}", headers=admin).status_code == 204
    # Revocation takes effect at once, even though the principal was cached.
    assert httpx.get(live_server.api + "/me", headers={"X-API-Key": new_key}).status_code == 401


async def test_only_the_hash_is_stored(pg_engine, live_server, keys):
    from sqlalchemy import text

    async with pg_engine.connect() as connection:
        rows = (await connection.execute(text("SELECT prefix, key_hash FROM api_keys"))).all()
    stored = " ".join(f"{prefix} {key_hash}" for prefix, key_hash in rows)
    for plaintext in keys.values():
        assert plaintext not in stored
    assert keys["admin"] not in live_server.log(), "a key leaked into the server log"
