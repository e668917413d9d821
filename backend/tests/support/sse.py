"""A small SSE client over httpx, for tests."""

from __future__ import annotations

import json
from dataclasses import dataclass

import httpx


@dataclass
class Frame:
    id: int | None
    event: str
    data: dict | None
    comment: bool = False


async def read_events(
    client: httpx.AsyncClient,
    url: str,
    headers: dict[str, str],
    *,
    last_event_id: int | None = None,
    stop_after: int | None = None,
    include_comments: bool = False,
) -> list[Frame]:
    """Reads frames until the server closes the stream (or `stop_after` events arrived)."""
    request_headers = dict(headers)
    if last_event_id is not None:
        request_headers["Last-Event-ID"] = str(last_event_id)
    frames: list[Frame] = []
    async with client.stream("GET", url, headers=request_headers) as response:
        assert response.status_code == 200, await response.aread()
        assert response.headers["content-type"].startswith("text/event-stream")
        fields: dict[str, str] = {}
        async for line in response.aiter_lines():
            if line.startswith(":"):
                if include_comments:
                    frames.append(Frame(None, "comment", None, comment=True))
                continue
            if line:
                name, _, value = line.partition(":")
                fields[name] = value.removeprefix(" ")
                continue
            if "event" in fields or "data" in fields:
                frames.append(
                    Frame(
                        int(fields["id"]) if "id" in fields else None,
                        fields.get("event", "message"),
                        json.loads(fields["data"]) if "data" in fields else None,
                    )
                )
                if stop_after is not None and sum(not f.comment for f in frames) >= stop_after:
                    break
            fields = {}
    return frames
