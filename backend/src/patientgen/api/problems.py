"""RFC 9457 problem details for every error the API returns."""

from __future__ import annotations

import logging
import re
from http import HTTPStatus
from typing import Any

import orjson
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from patientgen.storage.availability import database_unavailable

PROBLEM_JSON = "application/problem+json"
log = logging.getLogger("patientgen.api")
DATABASE_RETRY_AFTER_S = 5  # pooled connections are re-tested on use, so the first retry can work


class ProblemError(Exception):
    """Raised by services and routes for an error the client can act on."""

    def __init__(
        self,
        status: int,
        detail: str,
        *,
        title: str | None = None,
        errors: list[dict[str, str]] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.title = title
        self.errors = errors
        self.headers = headers


class FieldError(BaseModel):
    field: str = Field(description="Where: `body.fronts[0].share`, `query.limit`, `path.key_id`.")
    message: str


class Problem(BaseModel):
    """RFC 9457 problem details: the body of every error answer."""

    type: str = "about:blank"
    title: str
    status: int
    instance: str = Field(description="The request's path.")
    detail: str | None = None
    errors: list[FieldError] | None = Field(None, description="Each failing field (422, 413…).")


def problem_body(
    status: int,
    path: str,
    detail: str | None = None,
    *,
    title: str | None = None,
    errors: list[dict[str, str]] | None = None,
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": title or HTTPStatus(status).phrase,
        "status": status,
        "instance": path,
    }
    if detail:
        body["detail"] = detail
    if errors:
        body["errors"] = errors
    return body


def problem_response(
    request: Request,
    status: int,
    detail: str | None = None,
    *,
    title: str | None = None,
    errors: list[dict[str, str]] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    body = problem_body(status, request.url.path, detail, title=title, errors=errors)
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


def field_path(loc: tuple[Any, ...] | list[Any]) -> str:
    """('body', 'fronts', 0, 'share') -> 'body.fronts[0].share'"""
    path = ""
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += ("." if path else "") + str(part)
    return path


# A cross-field rule names the field it is about at the start of its message
# ("special_events.0.day: …"), since a model validator cannot set the error's location itself.
_NAMED_FIELD = re.compile(
    r"^Value error, ([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*): (.+)$", re.S
)


def _located(err: dict[str, Any]) -> tuple[tuple, str]:
    loc, message = tuple(err.get("loc", ())), err.get("msg", "")
    named = _NAMED_FIELD.match(message)
    if err.get("type") == "value_error" and named:
        parts = tuple(int(p) if p.isdigit() else p for p in named.group(1).split("."))
        return loc + parts, named.group(2)
    return loc, message.removeprefix("Value error, ")


def validation_errors(errors: list[dict[str, Any]]) -> list[dict[str, str]]:
    located = (_located(err) for err in errors)
    return [{"field": field_path(loc), "message": message} for loc, message in located]


def allowed_methods(request: Request) -> list[str]:
    """Every method the API documents at this path (a 405 from the router names none)."""
    path = request.url.path
    for pattern, methods in _documented_methods(request.app):
        if pattern.fullmatch(path):
            return methods
    return []


def _documented_methods(app: FastAPI) -> list[tuple[re.Pattern, list[str]]]:
    cached = getattr(app.state, "documented_methods", None)
    if cached is None:
        cached = [
            (
                re.compile(re.sub(r"\\\{[^/]+?\\\}", "[^/]+", re.escape(template))),
                sorted(m.upper() for m in operations),
            )
            for template, operations in app.openapi().get("paths", {}).items()
        ]
        app.state.documented_methods = cached
    return cached


def install_problem_handlers(app: FastAPI) -> None:
    @app.exception_handler(ProblemError)
    async def _problem(request: Request, exc: ProblemError) -> JSONResponse:
        return problem_response(
            request, exc.status, exc.detail, title=exc.title, errors=exc.errors, headers=exc.headers
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        detail = exc.detail if isinstance(exc.detail, str) else None
        headers = dict(exc.headers or {})
        if exc.status_code == 405:
            headers["Allow"] = ", ".join(allowed_methods(request))
        return problem_response(request, exc.status_code, detail, headers=headers)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = validation_errors(list(exc.errors()))
        fields = ", ".join(err["field"] for err in errors)
        return problem_response(request, 422, f"Invalid request: {fields}", errors=errors)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        # Full detail goes to the server log only; the client gets a generic problem.
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return problem_response(request, 500, "An unexpected error occurred.")


class UnexpectedErrors:
    """The innermost middleware: an exception a route did not handle becomes a 500 problem, and
    the exception stops here. (Starlette's outermost handler re-raises after answering, and the
    server then drops the connection, so the client's next request on it failed too.) Only a
    response already under way is cut off, as it must be: its client must not take a truncated
    body for a whole one."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def watch(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, watch)
        except Exception as error:
            unavailable = database_unavailable(error)
            if unavailable:  # not our fault and expected to pass: one line, no traceback
                log.warning(
                    "database unavailable on %s %s: %s",
                    scope.get("method"),
                    scope.get("path"),
                    type(error).__name__,
                )
            else:
                log.exception("unhandled error on %s %s", scope.get("method"), scope.get("path"))
            if started:
                raise
            status, detail = (
                (503, "The database cannot be reached right now; try again shortly.")
                if unavailable
                else (500, "An unexpected error occurred.")
            )
            body = orjson.dumps(problem_body(status, scope.get("path", ""), detail))
            headers = [
                (b"content-type", PROBLEM_JSON.encode()),
                (b"content-length", str(len(body)).encode()),
            ]
            if unavailable:
                headers.append((b"retry-after", str(DATABASE_RETRY_AFTER_S).encode()))
            await send({"type": "http.response.start", "status": status, "headers": headers})
            await send({"type": "http.response.body", "body": body})
