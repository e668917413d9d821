"""First-start key provisioning: production registers its configured admin key (hashed);
development creates one admin key on an empty database and hands it to the developer."""

from __future__ import annotations

import logging
import os
import sys

from patientgen.api.state import AppState
from patientgen.services import keys as key_service

log = logging.getLogger("patientgen")


async def bootstrap_keys(state: AppState) -> None:
    settings = state.settings
    async with state.sessions() as session, session.begin():
        if settings.admin_api_key is not None:
            if await key_service.ensure_key(
                session,
                name="configured admin",
                plaintext=settings.admin_api_key.get_secret_value(),
                is_admin=True,
            ):
                log.info("registered the configured admin key")
            return
        if settings.environment != "development" or await key_service.has_active_admin(session):
            return
        issued = await key_service.issue_key(session, name="development admin", is_admin=True)

    key_file = settings.dev_admin_key_file
    key_file.parent.mkdir(parents=True, exist_ok=True)
    key_file.write_text(issued.plaintext + "\n", encoding="utf-8")
    os.chmod(key_file, 0o600)
    # Shown once on the developer's terminal, never through logging; when the output goes to a
    # file (a service's log), only where to find the key.
    shown = f":\n\n    {issued.plaintext}\n" if sys.stderr.isatty() else "; it is not shown here.\n"
    print(
        f"\nCreated a development admin API key, saved to {key_file}{shown}",
        file=sys.stderr,
        flush=True,
    )
