"""Security headers: no sniffing, no framing, no referrer, a strict CSP on every page (the web
app holds a key), no-store on API answers (keys and patient data), and API docs that load no
script from anywhere else."""

from __future__ import annotations

import re

import httpx

from tests.support.keys import new_key
from tests.support.server import start_server


def _assert_baseline(response: httpx.Response) -> None:
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["referrer-policy"] == "no-referrer"
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]


async def test_api_answers_carry_the_headers(live_server, pg_engine):
    admin = await new_key(pg_engine, "headers-admin", admin=True)
    async with httpx.AsyncClient(base_url=live_server.api) as client:
        created = await client.post("/keys", json={"name": "shown-once"}, headers=admin)
        assert created.status_code == 201
        assert created.headers["cache-control"] == "no-store"  # carries a key
        _assert_baseline(created)
        for response in (
            await client.get("/me", headers=admin),
            await client.get("/jobs"),  # an error answer too
            await client.get("/reference/presets"),
        ):
            _assert_baseline(response)
            assert response.headers["cache-control"] == "no-store"
            assert response.headers["content-security-policy"].startswith("default-src 'none'")


async def test_the_docs_load_only_this_origins_scripts(live_server):
    async with httpx.AsyncClient(base_url=live_server.base_url) as client:
        page = await client.get("/api/v1/docs")
        assert page.status_code == 200
        _assert_baseline(page)
        sources = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', page.text)
        assert sources
        assert all(src.startswith("/api/v1/docs/") for src in sources), sources
        assert "<script>" not in page.text  # nothing inline: the CSP allows none
        policy = page.headers["content-security-policy"]
        assert "script-src 'self'" in policy
        assert "unsafe-inline" not in policy.split("script-src", 1)[1].split(";", 1)[0]
        for src in sources:
            assert (await client.get(src)).status_code == 200, src


def test_the_web_app_page_gets_a_strict_policy(server_env, tmp_path):
    web = tmp_path / "web"
    web.mkdir()
    (web / "index.html").write_text("<!doctype html><div id=root></div>")
    env = {**server_env, "PATIENTGEN_WEB_DIR": str(web), "PATIENTGEN_DATA_DIR": str(tmp_path)}
    with start_server(env) as server:
        page = httpx.get(server.base_url + "/jobs/some-job")
    assert page.status_code == 200
    _assert_baseline(page)
    policy = page.headers["content-security-policy"]
    for directive in ("default-src 'self'", "script-src 'self';", "object-src 'none'"):
        assert directive in policy
