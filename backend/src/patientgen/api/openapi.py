"""The OpenAPI document says what the API really answers: every error as
`application/problem+json` with the Problem schema, and each error status a route can give.

Statuses that follow from how a route is built are added here, once, instead of by hand on
every route: 401 wherever a key is needed, 404 wherever the path names something, 413 and 422
wherever a body is read, 422 wherever a parameter is. Statuses that depend on what a route
does (403 admin, 409 job state, 429 quota) are declared on the routes with `problems()`.
"""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from pydantic import BaseModel

from patientgen.api.problems import PROBLEM_JSON, Problem
from patientgen.jobs.events import ProgressData

_PROBLEM_REF = {"$ref": "#/components/schemas/Problem"}
_WHY = {
    401: "No key, or an unknown or revoked one.",
    403: "The route needs an admin key.",
    404: "Nothing with that id that this key may see.",
    409: "Not possible in the job's current state.",
    413: "The request body is over the size limit.",
    422: "A field is invalid; `errors` names each.",
    429: "A quota is used up; `Retry-After` says when to try again.",
}


def problems(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """`responses=` for a route: the problems it answers besides those derived here."""
    return {
        status: {"description": _WHY.get(status, HTTPStatus(status).phrase)} for status in statuses
    }


def _as_problem(response: dict[str, Any], status: int) -> dict[str, Any]:
    return {
        "description": response.get("description") or _WHY.get(status, HTTPStatus(status).phrase),
        "content": {PROBLEM_JSON: {"schema": _PROBLEM_REF}},
        **({"headers": response["headers"]} if "headers" in response else {}),
    }


def _operation_problems(path: str, operation: dict[str, Any]) -> set[int]:
    derived = set()
    if operation.get("security"):
        derived.add(401)
    if "{" in path:
        derived.add(404)
    if "requestBody" in operation:
        derived.update((413, 422))
    if operation.get("parameters"):
        derived.add(422)
    return derived


def _add_schema(schemas: dict[str, Any], name: str, model: type[BaseModel]) -> None:
    """A model's schema under components, the models it refers to beside it."""
    schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
    schemas.update(schema.pop("$defs", {}))
    schemas[name] = schema


def describe_problems(document: dict[str, Any]) -> dict[str, Any]:
    schemas = document.setdefault("components", {}).setdefault("schemas", {})
    for name in ("HTTPValidationError", "ValidationError"):
        schemas.pop(name, None)
    _add_schema(schemas, "Problem", Problem)
    # The `data` of each event on GET /jobs/{id}/events (a stream, so no response schema).
    _add_schema(schemas, "ProgressData", ProgressData)
    for path, operations in document.get("paths", {}).items():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            for status in _operation_problems(path, operation):
                responses.setdefault(str(status), {})
            for code, response in list(responses.items()):
                if code.isdigit() and int(code) >= 400 and code != "503":
                    responses[code] = _as_problem(response, int(code))
            if "429" in responses:
                responses["429"]["headers"] = {
                    "Retry-After": {
                        "description": "Seconds to wait before trying again.",
                        "schema": {"type": "integer"},
                    }
                }
    return document


def install_openapi(app: FastAPI) -> None:
    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            document = get_openapi(
                title=app.title,
                version=app.version,
                summary=app.summary,
                routes=app.routes,
            )
            app.openapi_schema = describe_problems(document)
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
