"""What the server writes to its logs: access lines with nothing secret in them."""

from __future__ import annotations

import copy
import logging
import re

# A download ticket in a path is a credential (single-use, but still): keep only its start.
_TICKET_IN_PATH = re.compile(r"(/downloads/pgt_)[^/?\s]*")


def redact_target(target: str) -> str:
    """A request target fit for a log: no query string values, no ticket tokens."""
    path, question, query = target.partition("?")
    path = _TICKET_IN_PATH.sub(r"\1…", path)
    if not question:
        return path
    names = [part.split("=", 1)[0] for part in query.split("&") if part]
    return path + "?" + "&".join(f"{name}=…" for name in names)


class RedactAccessLog(logging.Filter):
    """Rewrites uvicorn's access records, whose args are (client, method, target, http, status)."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) == 5 and isinstance(args[2], str):
            record.args = (args[0], args[1], redact_target(args[2]), args[3], args[4])
        return True


def uvicorn_log_config() -> dict:
    from uvicorn.config import LOGGING_CONFIG

    config = copy.deepcopy(LOGGING_CONFIG)
    config.setdefault("filters", {})["redact"] = {"()": RedactAccessLog}
    config["handlers"]["access"]["filters"] = ["redact"]
    return config
