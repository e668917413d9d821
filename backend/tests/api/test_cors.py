"""CORS over real HTTP: configured origins get answers, unknown origins get no CORS headers."""

from __future__ import annotations

import httpx
import pytest

PREFLIGHT = {
    "Access-Control-Request-Method": "GET",
    "Access-Control-Request-Headers": "X-API-Key, Last-Event-ID",
}


@pytest.mark.parametrize("origin", ["http://allowed.example", "http://localhost:5173"])
def test_preflight_for_allowed_origin(live_server, origin):
    response = httpx.options(live_server.api + "/keys", headers={"Origin": origin, **PREFLIGHT})
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == origin
    allowed = response.headers["access-control-allow-headers"].lower()
    assert "x-api-key" in allowed
    assert "last-event-id" in allowed


def test_preflight_for_unknown_origin_gets_no_cors_headers(live_server):
    response = httpx.options(
        live_server.api + "/keys", headers={"Origin": "http://evil.example", **PREFLIGHT}
    )
    assert response.status_code >= 400
    assert not [h for h in response.headers if h.lower().startswith("access-control-")]


def test_simple_request_origin_handling(live_server):
    ok = httpx.get(live_server.api + "/health", headers={"Origin": "http://allowed.example"})
    assert ok.headers["access-control-allow-origin"] == "http://allowed.example"
    evil = httpx.get(live_server.api + "/health", headers={"Origin": "http://evil.example"})
    assert "access-control-allow-origin" not in evil.headers


def test_error_responses_carry_cors_headers(live_server):
    # A browser can only read a 401 problem if CORS headers decorate it too.
    response = httpx.get(live_server.api + "/keys", headers={"Origin": "http://allowed.example"})
    assert response.status_code == 401
    assert response.headers["access-control-allow-origin"] == "http://allowed.example"


def test_the_headers_the_web_app_reads_are_exposed(live_server):
    """Another origin's script sees only exposed headers: the file name of a download, where a
    new resource is, and when a refused (429) request may be tried again."""
    response = httpx.get(live_server.api + "/keys", headers={"Origin": "http://allowed.example"})
    exposed = {
        h.strip().lower() for h in response.headers["access-control-expose-headers"].split(",")
    }
    assert {"content-disposition", "location", "retry-after"} <= exposed
