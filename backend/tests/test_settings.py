"""Settings defaults and the production guard rails."""

from __future__ import annotations

import subprocess
import sys

import pytest

from patientgen.settings import DEV_ORIGINS, Settings

STRONG_KEY = "k" * 40


def test_embedded_defaults():
    settings = Settings(_env_file=None)
    assert settings.environment == "development"
    assert settings.is_sqlite
    assert settings.resolved_database_url == "sqlite+aiosqlite:///data/patientgen.db"
    assert settings.redis_url == ""
    assert settings.job_backend == "inprocess"
    assert settings.cors_origins == DEV_ORIGINS


def test_cors_origins_from_comma_separated_env(monkeypatch):
    monkeypatch.setenv("PATIENTGEN_CORS_ORIGINS", "https://a.example, https://b.example")
    assert Settings(_env_file=None).cors_origins == ["https://a.example", "https://b.example"]


def test_production_refuses_missing_admin_key():
    with pytest.raises(ValueError, match="PATIENTGEN_ADMIN_API_KEY"):
        Settings(environment="production", _env_file=None)


def test_production_refuses_wildcard_cors():
    with pytest.raises(ValueError, match="PATIENTGEN_CORS_ORIGINS"):
        Settings(
            environment="production", admin_api_key=STRONG_KEY, cors_origins=["*"], _env_file=None
        )


def test_production_accepts_secure_settings():
    settings = Settings(
        environment="production",
        admin_api_key=STRONG_KEY,
        cors_origins=["https://planner.example"],
        _env_file=None,
    )
    assert STRONG_KEY not in repr(settings), "secrets must not show in reprs or logs"


def _patientgen(command: str, env: dict[str, str], cwd) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "patientgen", command],
        env={"PATH": "/usr/bin:/bin", **env},
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_serve_refuses_to_start_insecure_production(tmp_path):
    result = _patientgen("serve", {"PATIENTGEN_ENVIRONMENT": "production"}, tmp_path)
    assert result.returncode == 2
    assert "refusing to start in production" in result.stderr


def test_workers_need_redis_and_postgresql():
    with pytest.raises(ValueError, match="PATIENTGEN_REDIS_URL") as refused:
        Settings(_env_file=None, job_backend="taskiq")
    assert "PATIENTGEN_DATABASE_URL" in str(refused.value)
    shared = Settings(
        _env_file=None,
        job_backend="taskiq",
        redis_url="redis://127.0.0.1:6379/0",
        database_url="postgresql+asyncpg://postgres@127.0.0.1/x",
    )
    assert shared.worker_jobs == 1


def test_worker_refuses_to_start_without_the_queue_backend(tmp_path):
    result = _patientgen("worker", {}, tmp_path)
    assert result.returncode == 2
    assert "PATIENTGEN_JOB_BACKEND=taskiq" in result.stderr


def test_configuration_errors_never_echo_values(tmp_path):
    secret = "pgk_" + "s3cr3t" * 8
    env = {
        "PATIENTGEN_ADMIN_API_KEY": secret,
        "PATIENTGEN_REDIS_URL": "redis://:hunter2hunter2@127.0.0.1:6379/0",
        "PATIENTGEN_JOB_BACKEND": "taskiq",  # refused: the database is SQLite
    }
    result = _patientgen("serve", env, tmp_path)
    assert result.returncode == 2
    assert "PATIENTGEN_DATABASE_URL" in result.stderr
    assert "s3cr3t" not in result.stderr
    assert "hunter2" not in result.stderr
