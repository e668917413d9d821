"""The OpenAPI document is self-contained: the web UI's types are generated from it, and a
generator stops at the first reference it cannot resolve."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from patientgen.app import create_app
from patientgen.settings import Settings


def _refs(node: Any, where: str = "#") -> Iterator[tuple[str, str]]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                yield where, value
            else:
                yield from _refs(value, f"{where}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _refs(value, f"{where}/{i}")


def _resolve(document: dict[str, Any], ref: str) -> Any:
    assert ref.startswith("#/"), f"{ref} points outside the document"
    node: Any = document
    for part in ref[2:].split("/"):
        node = node[part]
    return node


def test_every_reference_resolves_inside_the_document():
    document = create_app(Settings(_env_file=None)).openapi()
    refs = list(_refs(document))
    assert refs, "the document refers to no schema at all"
    unresolved = []
    for where, ref in refs:
        try:
            _resolve(document, ref)
        except (KeyError, AssertionError):
            unresolved.append(f"{where} -> {ref}")
    assert not unresolved, unresolved
    assert "$defs" not in str(document), "a schema's local $defs was left in place"


def test_the_event_payload_is_published_with_what_it_refers_to():
    schemas = create_app(Settings(_env_file=None)).openapi()["components"]["schemas"]
    status = schemas["ProgressData"]["properties"]["status"]
    assert status["$ref"] == "#/components/schemas/JobStatus"
    assert "running" in schemas["JobStatus"]["enum"]
