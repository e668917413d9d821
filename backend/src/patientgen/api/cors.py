"""CORS limited to configured origins. A disallowed origin gets no CORS headers at all."""

from __future__ import annotations

from starlette.datastructures import Headers
from starlette.middleware.cors import CORSMiddleware
from starlette.responses import PlainTextResponse, Response

ALLOWED_HEADERS = ["X-API-Key", "Last-Event-ID", "Content-Type", "Accept"]
# the response headers the web app reads: download names, new resources, when to retry (429)
EXPOSED_HEADERS = ["Content-Disposition", "Location", "Retry-After"]


class StrictCORSMiddleware(CORSMiddleware):
    def preflight_response(self, request_headers: Headers) -> Response:
        # Starlette still sends Allow-Methods/Allow-Headers when it refuses an origin; we send none.
        if not self.is_allowed_origin(request_headers.get("origin", "")):
            return PlainTextResponse("Disallowed CORS origin", status_code=403)
        return super().preflight_response(request_headers)


def cors_options(origins: list[str]) -> dict:
    return {
        "allow_origins": origins,
        "allow_methods": ["GET", "POST", "PUT", "DELETE", "OPTIONS"],
        "allow_headers": ALLOWED_HEADERS,
        "expose_headers": EXPOSED_HEADERS,
        "allow_credentials": False,
        "max_age": 600,
    }
