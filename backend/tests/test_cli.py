"""`patientgen keys create` prints the key once and stores only its hash."""

from __future__ import annotations

import os
import subprocess
import sys

import httpx


def _cli(*args: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "patientgen", *args],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_keys_create_list_revoke(live_server, server_env):
    created = _cli("keys", "create", "--name", "cli-user", env=server_env)
    assert created.returncode == 0, created.stderr
    plaintext = created.stdout.strip()
    assert plaintext.startswith("pgk_")
    assert (
        httpx.get(live_server.api + "/me", headers={"X-API-Key": plaintext}).json()["name"]
        == "cli-user"
    )

    listed = _cli("keys", "list", env=server_env)
    assert "cli-user" in listed.stdout
    assert plaintext not in listed.stdout

    key_id = next(line.split()[0] for line in listed.stdout.splitlines() if "cli-user" in line)
    assert _cli("keys", "revoke", key_id, env=server_env).returncode == 0
    assert "revoked" in _cli("keys", "list", env=server_env).stdout
    # Revoked by another process: the server refuses the key on its very next request.
    refused = httpx.get(live_server.api + "/me", headers={"X-API-Key": plaintext})
    assert refused.status_code == 401


def test_keys_create_admin_on_embedded_sqlite(tmp_path):
    env = {"PATIENTGEN_DATA_DIR": str(tmp_path), "PATIENTGEN_DATABASE_URL": ""}
    created = _cli("keys", "create", "--name", "ops", "--admin", env=env)
    assert created.returncode == 0, created.stderr
    assert "admin" in created.stderr
    assert (tmp_path / "patientgen.db").exists()
