"""Table definitions. Alembic migrations are the only way these reach a database."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from enum import StrEnum

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    Uuid,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Stable constraint names so migrations are identical on PostgreSQL and SQLite.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


def as_utc(value: datetime) -> datetime:
    """SQLite hands timestamps back without their zone; they were written in UTC."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class ApiKey(Base):
    __tablename__ = "api_keys"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    name: Mapped[str] = mapped_column(String(100))
    # The first characters of the key, shown in listings so a person can tell keys apart.
    prefix: Mapped[str] = mapped_column(String(16))
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    is_admin: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class ScenarioRecord(Base):
    __tablename__ = "scenarios"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    owner_key_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("api_keys.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    definition: Mapped[dict] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )


class JobStatus(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    COMPLETED = "completed"
    FAILED = "failed"
    CANCELLED = "cancelled"

    @property
    def is_terminal(self) -> bool:
        return self in TERMINAL_STATUSES


TERMINAL_STATUSES = frozenset({JobStatus.COMPLETED, JobStatus.FAILED, JobStatus.CANCELLED})
ACTIVE_STATUSES = frozenset({JobStatus.QUEUED, JobStatus.RUNNING})


class JobRecord(Base):
    __tablename__ = "jobs"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    owner_key_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("api_keys.id", ondelete="CASCADE"), index=True
    )
    scenario_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("scenarios.id", ondelete="SET NULL"), default=None
    )
    # The scenario as it was when the job was created: later edits never change a job's output.
    scenario_snapshot: Mapped[dict] = mapped_column(JSON)
    # Its name, apart, so that listing jobs never loads the snapshot.
    scenario_name: Mapped[str] = mapped_column(String(200), default="")
    seed: Mapped[int] = mapped_column(BigInteger)
    patients: Mapped[int] = mapped_column(Integer)
    batch_size: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), default=JobStatus.QUEUED, index=True)
    generated: Mapped[int] = mapped_column(Integer, default=0)
    batches: Mapped[int] = mapped_column(Integer, default=0)
    cancel_requested: Mapped[bool] = mapped_column(Boolean, default=False)
    error: Mapped[str | None] = mapped_column(Text, default=None)
    # Which process runs the job and when it last proved alive; recovery takes over stale jobs.
    runner_id: Mapped[str | None] = mapped_column(String(64), default=None)
    heartbeat_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)
    # The dashboard's aggregates, computed once when the job ends (its rows never change again).
    statistics: Mapped[dict | None] = mapped_column(JSON, default=None)


class DownloadTicket(Base):
    """A short-lived, single-use right to download one export of one job without a key in the
    URL. Only the token's hash is stored; an export password is sealed with the token itself,
    so the table alone never reveals it."""

    __tablename__ = "download_tickets"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    job_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("jobs.id", ondelete="CASCADE"), index=True
    )
    owner_key_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("api_keys.id", ondelete="CASCADE")
    )
    format: Mapped[str] = mapped_column(String(20))
    archive: Mapped[str] = mapped_column(String(10))
    sealed_password: Mapped[bytes | None] = mapped_column(LargeBinary, default=None)
    # what the export selects and how: {"filters": {...}, "card_options": {...}} (JSON values:
    # a day as YYYY-MM-DD); None for a whole job with the format's defaults
    options: Mapped[dict | None] = mapped_column(JSON, default=None)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)


class PatientRow(Base):
    """One patient. Typed columns serve filters and aggregates; the full record is `document`
    (JSON text, lz4-compressed on PostgreSQL: parsing jsonb on ingest would halve COPY speed).
    No foreign key to jobs: its per-row trigger would slow COPY; deleting a job deletes its rows."""

    __tablename__ = "patients"

    job_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    idx: Mapped[int] = mapped_column(Integer, primary_key=True)
    nationality: Mapped[str] = mapped_column(String(3))
    front: Mapped[str] = mapped_column(String(100))
    injury_type: Mapped[str] = mapped_column(String(20))
    triage: Mapped[str] = mapped_column(String(2))
    final_status: Mapped[str] = mapped_column(String(10))
    final_facility: Mapped[str] = mapped_column(String(10))
    injury_time: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # Flow through the chain, flattened for the dashboard's SQL aggregates: facilities visited
    # ("POI>R1>R2"), delays from injury (seconds), and each Role's stay as epoch seconds.
    path: Mapped[str] = mapped_column(String(40))
    first_treatment_s: Mapped[int | None] = mapped_column(Integer)
    first_mtf_s: Mapped[int | None] = mapped_column(Integer)
    r1_in: Mapped[int | None] = mapped_column(BigInteger)
    r1_out: Mapped[int | None] = mapped_column(BigInteger)
    r2_in: Mapped[int | None] = mapped_column(BigInteger)
    r2_out: Mapped[int | None] = mapped_column(BigInteger)
    r3_in: Mapped[int | None] = mapped_column(BigInteger)
    r3_out: Mapped[int | None] = mapped_column(BigInteger)
    r4_in: Mapped[int | None] = mapped_column(BigInteger)
    r4_out: Mapped[int | None] = mapped_column(BigInteger)
    document: Mapped[str] = mapped_column(Text)


PATIENT_COLUMNS = (
    "job_id",
    "idx",
    "nationality",
    "front",
    "injury_type",
    "triage",
    "final_status",
    "final_facility",
    "injury_time",
    "path",
    "first_treatment_s",
    "first_mtf_s",
    "r1_in",
    "r1_out",
    "r2_in",
    "r2_out",
    "r3_in",
    "r3_out",
    "r4_in",
    "r4_out",
    "document",
)
STAY_ROLES = ("R1", "R2", "R3", "R4")
# Each Role's stay as epoch seconds (arrival, departure or end), and the delays from injury.
STAY_COLUMNS = tuple(f"{role.lower()}_{end}" for role in STAY_ROLES for end in ("in", "out"))
DELAY_COLUMNS = ("first_treatment_s", "first_mtf_s")
