"""Every error class is application/problem+json (RFC 9457)."""

from __future__ import annotations

import httpx
import pytest

from tests.support.keys import new_key

PROBLEM = "application/problem+json"


@pytest.fixture(scope="module")
async def admin_key(pg_engine) -> str:
    return (await new_key(pg_engine, "problems-admin", admin=True))["X-API-Key"]


def _assert_problem(response: httpx.Response, status: int) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == PROBLEM
    body = response.json()
    assert body["status"] == status
    assert body["title"]
    assert body["type"] == "about:blank"
    return body


def test_401_403(live_server):
    _assert_problem(httpx.get(live_server.api + "/keys"), 401)


def test_404_unknown_route_and_unknown_resource(live_server, admin_key):
    _assert_problem(httpx.get(live_server.api + "/nope"), 404)
    body = _assert_problem(
        httpx.delete(
            live_server.api + "/keys/00000000-0000-0000-0000-000000000000",
            headers={"X-API-Key": admin_key},
        ),
        404,
    )
    assert "00000000-0000-0000-0000-000000000000" in body["detail"]


def test_405(live_server):
    _assert_problem(httpx.put(live_server.api + "/health"), 405)


def test_422_names_each_failing_field(live_server, admin_key):
    response = httpx.post(
        live_server.api + "/keys",
        json={"name": "", "is_admin": "maybe", "extra": 1},
        headers={"X-API-Key": admin_key},
    )
    body = _assert_problem(response, 422)
    fields = {error["field"] for error in body["errors"]}
    assert fields == {"body.name", "body.is_admin", "body.extra"}
    assert all(error["message"] for error in body["errors"])


def test_422_for_a_malformed_path_parameter(live_server, admin_key):
    response = httpx.delete(live_server.api + "/keys/not-a-uuid", headers={"X-API-Key": admin_key})
    body = _assert_problem(response, 422)
    assert body["errors"][0]["field"] == "path.key_id"


async def test_500_is_generic_and_logged(tmp_path, caplog):
    """An unexpected exception becomes a bare 500 problem; the detail stays in the server log."""
    from patientgen.app import create_app
    from patientgen.settings import Settings

    app = create_app(Settings(data_dir=tmp_path, _env_file=None))

    @app.get("/api/v1/boom")
    async def boom():
        raise RuntimeError("secret-connection-string=postgres://u:hunter2@db")

    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=transport, base_url="http://test") as client,
    ):
        response = await client.get("/api/v1/boom")
    body = _assert_problem(response, 500)
    assert "hunter2" not in response.text
    assert "Traceback" not in response.text
    assert body["detail"] == "An unexpected error occurred."
    assert "unhandled error on GET /api/v1/boom" in caplog.text


def _app_that_fails():
    from fastapi import FastAPI
    from fastapi.responses import StreamingResponse

    from patientgen.api.problems import UnexpectedErrors, install_problem_handlers

    app = FastAPI()
    install_problem_handlers(app)
    app.add_middleware(UnexpectedErrors)

    @app.get("/boom")
    async def boom() -> dict:
        raise RuntimeError("secret detail")

    @app.get("/late")
    async def late() -> StreamingResponse:
        async def chunks():
            yield b"first part"
            raise RuntimeError("mid-stream")

        return StreamingResponse(chunks())

    return app


async def test_an_unexpected_error_is_a_500_problem_and_goes_no_further():
    transport = httpx.ASGITransport(app=_app_that_fails(), raise_app_exceptions=True)
    async with httpx.AsyncClient(transport=transport, base_url="http://app") as client:
        response = await client.get("/boom")  # would raise here if the error escaped
        body = _assert_problem(response, 500)
        assert "secret" not in response.text
        assert body["detail"] == "An unexpected error occurred."
        # A response already under way is cut off, never passed off as complete.
        with pytest.raises(RuntimeError, match="mid-stream"):
            await client.get("/late")


def test_405_lists_every_method_of_the_path(live_server):
    response = httpx.patch(live_server.api + "/jobs")
    _assert_problem(response, 405)
    assert response.headers["allow"] == "GET, POST"
