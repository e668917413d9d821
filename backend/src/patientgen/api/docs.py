"""The interactive API docs (Swagger UI) served from this origin: the page loads no script from
anywhere else, and none inline, so the strict Content-Security-Policy holds on it too."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from fastapi import APIRouter, FastAPI
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles

# The Swagger UI build shipped inside the fastapi-offline package (only its files are used).
_SPEC = importlib.util.find_spec("fastapi_offline")
_FOUND = _SPEC.submodule_search_locations if _SPEC else None
ASSETS = Path(next(iter(_FOUND))) / "static" if _FOUND else None

_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title} — API docs</title>
<link rel="icon" href="{prefix}/docs/assets/favicon.png">
<link rel="stylesheet" href="{prefix}/docs/assets/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="{prefix}/docs/assets/swagger-ui-bundle.js"></script>
<script src="{prefix}/docs/init.js"></script>
</body>
</html>
"""
_INIT = """window.ui = SwaggerUIBundle({{
  url: "{openapi_url}",
  dom_id: "#swagger-ui",
  deepLinking: true,
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIBundle.SwaggerUIStandalonePreset],
  layout: "BaseLayout"
}});
"""


def mount_docs(app: FastAPI, api_prefix: str) -> None:
    if ASSETS is None or not ASSETS.is_dir():
        return
    app.mount(f"{api_prefix}/docs/assets", StaticFiles(directory=ASSETS), name="docs-assets")
    router = APIRouter(prefix=api_prefix, include_in_schema=False)
    page = _PAGE.format(title=app.title, prefix=api_prefix)
    init = _INIT.format(openapi_url=app.openapi_url)

    @router.get("/docs")
    async def docs() -> HTMLResponse:
        return HTMLResponse(page)

    @router.get("/docs/init.js")
    async def docs_init() -> Response:
        return Response(init, media_type="text/javascript")

    app.include_router(router)
