"""Runtime configuration: one pydantic-settings class, from PATIENTGEN_* variables and `.env`."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

DEFAULT_DATA_DIR = Path("data")
DEV_ORIGINS = ["http://localhost:5173", "http://127.0.0.1:5173", "http://localhost:8000"]


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="PATIENTGEN_",
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        # A bad setting is named, never echoed: values may be secrets (keys, URLs with passwords).
        hide_input_in_errors=True,
    )

    environment: Literal["development", "production"] = "development"
    data_dir: Path = DEFAULT_DATA_DIR
    # The built SPA, served at / when present (`make run` builds it).
    web_dir: Path = Path("frontend/dist")

    # Storage. Empty means the embedded SQLite file under data_dir.
    database_url: str = ""
    db_pool_size: int = Field(10, ge=1, le=200)
    db_max_overflow: int = Field(10, ge=0, le=200)
    db_pool_timeout_s: float = Field(30.0, gt=0)
    db_pool_recycle_s: int = Field(1800, ge=-1)
    db_pool_pre_ping: bool = True
    db_connect_timeout_s: float = Field(10.0, gt=0)
    db_statement_timeout_s: float = Field(60.0, gt=0)

    # Cache and progress bus. Empty means in-memory.
    redis_url: str = ""
    cache_prefix: str = "patientgen:"
    cache_default_ttl_s: int = Field(300, ge=1)

    # Who runs jobs: the API process itself, or `patientgen worker` processes fed over Redis.
    job_backend: Literal["inprocess", "taskiq"] = "inprocess"
    # Jobs an API process runs at once (in-process backend); more wait `queued`, in order.
    max_running_jobs: int = Field(2, ge=1, le=64)

    # Per-key quotas (admin keys are exempt): jobs queued or running, patients asked per 24 h.
    key_max_active_jobs: int = Field(4, ge=1, le=10_000)
    key_max_patients_per_day: int = Field(20_000_000, ge=1, le=10**12)

    # Request limits, enforced before a body is parsed or a key is checked.
    max_request_bytes: int = Field(1_048_576, ge=1024, le=1_073_741_824)
    max_json_depth: int = Field(32, ge=4, le=512)
    # Jobs one worker process runs at once (generation is CPU-bound: about one per core).
    worker_jobs: int = Field(1, ge=1, le=16)
    # A running job whose runner has not written for this long is presumed dead and resumed.
    job_stale_after_s: float = Field(60.0, gt=0)
    job_recovery_interval_s: float = Field(10.0, gt=0)
    # Where patients are generated: a thread beside the event loop (default: measured fastest on
    # 2 cores, see bench/pipeline.py), worker processes, or the event loop itself.
    generation: Literal["thread", "process", "loop"] = "thread"
    generation_workers: int = Field(1, ge=1, le=64)
    sse_ping_interval_s: float = Field(15.0, gt=0)
    sse_max_connection_s: float = Field(3600.0, gt=0)

    cors_origins: Annotated[list[str], NoDecode] = Field(default_factory=lambda: list(DEV_ORIGINS))

    # Production must provision its first admin key explicitly (stored hashed at start-up).
    admin_api_key: SecretStr | None = None

    # Where the web app is reached: casualty cards' QR codes link to patient pages under it.
    web_base_url: str = Field("http://localhost:8000", pattern=r"^https?://[^\s]+$")

    host: str = "127.0.0.1"
    port: int = Field(8000, ge=1, le=65535)
    log_level: Literal["debug", "info", "warning", "error"] = "info"

    @field_validator("cors_origins", mode="before")
    @classmethod
    def _split_origins(cls, value: object) -> object:
        # Accept a comma-separated string from the environment as well as a JSON-style list.
        if isinstance(value, str):
            return [origin.strip() for origin in value.split(",") if origin.strip()]
        return value

    @model_validator(mode="after")
    def _workers_need_shared_services(self) -> Settings:
        if self.job_backend != "taskiq":
            return self
        problems = []
        if not self.redis_url:
            problems.append("PATIENTGEN_REDIS_URL must be set (jobs reach workers over Redis)")
        if self.is_sqlite:
            problems.append("PATIENTGEN_DATABASE_URL must point to PostgreSQL (shared by workers)")
        if problems:
            raise ValueError("PATIENTGEN_JOB_BACKEND=taskiq: " + "; ".join(problems))
        return self

    @model_validator(mode="after")
    def _refuse_insecure_production(self) -> Settings:
        if self.environment != "production":
            return self
        problems = []
        if self.admin_api_key is None or len(self.admin_api_key.get_secret_value()) < 32:
            problems.append("PATIENTGEN_ADMIN_API_KEY must be set to a secret of 32+ characters")
        if any(origin.strip() == "*" for origin in self.cors_origins):
            problems.append("PATIENTGEN_CORS_ORIGINS must list origins, not '*'")
        if problems:
            raise ValueError("refusing to start in production: " + "; ".join(problems))
        return self

    @property
    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite+aiosqlite:///{(self.data_dir / 'patientgen.db').as_posix()}"

    @property
    def is_sqlite(self) -> bool:
        return self.resolved_database_url.startswith("sqlite")

    @property
    def dev_admin_key_file(self) -> Path:
        return self.data_dir / "dev-admin-key.txt"


@lru_cache
def get_settings() -> Settings:
    return Settings()
