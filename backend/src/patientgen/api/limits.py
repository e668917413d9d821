"""Limits checked before any route runs: before a body is parsed, before a key is looked up.

- A body over `max_bytes` is refused with 413, from its Content-Length or, for a chunked body,
  as soon as it has sent more than that; nothing bigger is ever held in memory.
- A JSON body must be standard JSON (no NaN or Infinity, which no database column can store),
  nested at most `max_depth` deep, and hold no NUL character (PostgreSQL text cannot).
- Query parameters may hold no NUL character either.

Each refusal is problem+json naming the field, so a client can fix its request.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qsl

import orjson
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from patientgen.api.problems import PROBLEM_JSON, field_path, problem_body

_NUL = "\x00"


class RequestLimits:
    def __init__(self, app: ASGIApp, *, max_bytes: int, max_depth: int) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.max_depth = max_depth

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        query = scope.get("query_string", b"").decode("latin-1")
        for name, value in parse_qsl(query, keep_blank_values=True):
            if _NUL in value or _NUL in name:
                await _refuse(send, path, 422, f"query.{name.strip(_NUL)}", "contains a NUL")
                return
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await self._too_large(send, path)
            return
        if scope.get("method") in ("GET", "HEAD", "OPTIONS", "DELETE") and declared in (None, b"0"):
            await self.app(scope, receive, send)
            return
        body, too_large = await self._read_body(receive)
        if too_large:
            await self._too_large(send, path)
            return
        content_type = headers.get(b"content-type", b"").split(b";")[0].strip().lower()
        if body and content_type.endswith(b"json"):
            problem = self._json_problem(body)
            if problem is not None:
                await _refuse(send, path, 422, *problem)
                return
        await self.app(scope, _replay(body, receive), send)

    async def _read_body(self, receive: Receive) -> tuple[bytes, bool]:
        parts: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return b"".join(parts), False
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                return b"", True
            parts.append(chunk)
            if not message.get("more_body", False):
                return b"".join(parts), False

    def _json_problem(self, body: bytes) -> tuple[str, str] | None:
        try:
            document = orjson.loads(body)  # refuses NaN/Infinity and malformed UTF-8
        except orjson.JSONDecodeError as exc:
            return "body", f"not valid JSON: {exc}"
        for location, problem in _walk(document, ("body",), self.max_depth):
            return field_path(location), problem
        return None

    async def _too_large(self, send: Send, path: str) -> None:
        detail = f"The request body is larger than {self.max_bytes:,} bytes."
        await _refuse(send, path, 413, "body", detail, status_detail=detail)


def _walk(value: Any, location: tuple, max_depth: int) -> Iterator[tuple[tuple, str]]:
    """The first problems of a parsed document: too deep, or a NUL in a key or a string."""
    stack = [(value, location)]
    while stack:
        item, where = stack.pop()
        if len(where) - 1 > max_depth:
            yield where, f"nested deeper than {max_depth} levels"
            return
        if isinstance(item, str):
            if _NUL in item:
                yield where, "contains a NUL character"
                return
        elif isinstance(item, dict):
            for key, child in item.items():
                if _NUL in key:
                    yield where, "a key contains a NUL character"
                    return
                stack.append((child, (*where, key)))
        elif isinstance(item, list):
            stack.extend((child, (*where, i)) for i, child in enumerate(item))


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()  # only a disconnect can follow

    return replay


async def _refuse(
    send: Send,
    path: str,
    status: int,
    field: str,
    message: str,
    *,
    status_detail: str | None = None,
) -> None:
    detail = status_detail or f"Invalid request: {field} {message}"
    errors = [{"field": field, "message": message}]
    body = orjson.dumps(problem_body(status, path, detail, errors=errors))
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", PROBLEM_JSON.encode()),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
