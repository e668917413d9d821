"""Security headers on every response.

- `X-Content-Type-Options: nosniff`, `Referrer-Policy: no-referrer` (a ticket URL must not
  travel on in a Referer) and no framing (`X-Frame-Options: DENY`, CSP `frame-ancestors`).
- HTML (the web app, the API docs) gets a Content-Security-Policy that allows only this origin's
  own scripts and styles: the web app holds an API key, so no third-party script may run in it.
- API answers are `Cache-Control: no-store` unless a route says otherwise: they may carry keys
  and patient data, which no browser or proxy should keep.
"""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# Inline style attributes are allowed (the charting library sets them); scripts never inline.
HTML_POLICY = (
    "default-src 'self'; script-src 'self'{scripts}; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'{connect}; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
API_POLICY = "default-src 'none'; frame-ancestors 'none'"


def html_policy(*, script_hashes: tuple[str, ...] = (), connect: tuple[str, ...] = ()) -> str:
    scripts = "".join(f" '{h}'" for h in script_hashes)
    return HTML_POLICY.format(scripts=scripts, connect="".join(f" {c}" for c in connect))


class SecurityHeaders:
    def __init__(self, app: ASGIApp, *, api_prefix: str, connect: tuple[str, ...] = ()) -> None:
        self.app = app
        self.api_prefix = api_prefix
        self.page_policy = html_policy(connect=connect)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        is_api = scope.get("path", "").startswith(self.api_prefix)

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.setdefault("X-Content-Type-Options", "nosniff")
                headers.setdefault("X-Frame-Options", "DENY")
                headers.setdefault("Referrer-Policy", "no-referrer")
                html = headers.get("content-type", "").startswith("text/html")
                # A route may set its own policy (the docs page allows its one inline script).
                headers.setdefault(
                    "Content-Security-Policy", self.page_policy if html else API_POLICY
                )
                if is_api:
                    headers.setdefault("Cache-Control", "no-store")
            await send(message)

        await self.app(scope, receive, with_headers)
