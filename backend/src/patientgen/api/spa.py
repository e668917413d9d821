"""Serves the built SPA (frontend/dist) from the API's own origin: `make run` is then the whole
product on one port. Client-side routes (/jobs/…) get index.html; /api/… never does."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

from patientgen.api.problems import ProblemError


def mount_spa(app: FastAPI, web_dir: Path, api_prefix: str) -> None:
    index = web_dir / "index.html"
    if not index.is_file():
        return  # API only: the SPA is not built (or served elsewhere)
    assets = web_dir / "assets"
    if assets.is_dir():
        app.mount("/assets", StaticFiles(directory=assets), name="spa-assets")
    router = APIRouter(include_in_schema=False)
    root = web_dir.resolve()

    @router.get("/{path:path}")
    async def spa(path: str) -> FileResponse:
        if ("/" + path).startswith(api_prefix + "/") or "/" + path == api_prefix:
            raise ProblemError(404, f"No route {path!r}.")
        candidate = (root / path).resolve()
        if path and candidate.is_file() and candidate.is_relative_to(root):
            return FileResponse(candidate)  # favicon, robots.txt …
        return FileResponse(index, headers={"Cache-Control": "no-cache"})

    app.include_router(router)
