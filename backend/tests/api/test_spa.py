"""The built SPA is served from the API's origin: files as they are, client-side routes as
index.html, and /api/… stays the API's (problem+json 404, never the page)."""

from __future__ import annotations

import httpx

from tests.support.server import start_server


def test_spa_routes_files_and_api_stay_apart(pg_engine, server_env, tmp_path):
    web = tmp_path / "web"
    (web / "assets").mkdir(parents=True)
    (web / "index.html").write_text("<!doctype html><div id=root></div>")
    (web / "assets" / "app.js").write_text("console.log(1)")
    (web / "robots.txt").write_text("User-agent: *")
    (tmp_path / "secret.txt").write_text("top secret")  # beside the web folder, not in it
    env = {**server_env, "PATIENTGEN_WEB_DIR": str(web), "PATIENTGEN_DATA_DIR": str(tmp_path)}
    with start_server(env) as server:
        get = httpx.Client(base_url=server.base_url, timeout=10).get
        for route in ("/", "/jobs/1234", "/settings"):
            page = get(route)
            assert page.status_code == 200
            assert "<div id=root>" in page.text
        assert get("/assets/app.js").text == "console.log(1)"
        assert get("/robots.txt").text == "User-agent: *"
        for escape in ("/%2e%2e/secret.txt", "/..%2fsecret.txt", "/assets/..%2f..%2fsecret.txt"):
            assert "top secret" not in get(escape).text, escape
        missing = get("/api/v1/no-such-route")
        assert missing.status_code == 404
        assert missing.headers["content-type"].startswith("application/problem+json")
        assert get("/api/v1/health").json()["status"] == "ok"


def test_without_a_build_only_the_api_answers(live_server):
    assert httpx.get(live_server.base_url + "/").status_code == 404
