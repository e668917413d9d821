"""`patientgen` command line: serve, worker, migrate, keys, generate."""

from __future__ import annotations

import asyncio
import logging
import sys
import uuid
from typing import Annotated

import typer
from pydantic import ValidationError

from patientgen.commands.generate import generate
from patientgen.settings import Settings, get_settings

app = typer.Typer(
    help="PatientGen: synthetic casualty data for military medical exercises.",
    no_args_is_help=True,
    add_completion=False,
)
keys_app = typer.Typer(help="Manage API keys (only their hashes are stored).", no_args_is_help=True)
app.add_typer(keys_app, name="keys")


def _settings() -> Settings:
    try:
        return get_settings()
    except ValidationError as exc:
        typer.echo(f"Invalid configuration:\n{exc}", err=True)
        raise typer.Exit(2) from None
    except ValueError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(2) from None


def _configure_logging(level: str) -> None:
    logging.basicConfig(
        level=level.upper(),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )


def _require_database(settings: Settings) -> None:
    """Refuse to start, in one line and with exit code 1, when the database is unreachable."""
    from patientgen.connections import database_problem

    problem = asyncio.run(database_problem(settings))
    if problem is not None:
        typer.echo(f"patientgen: {problem}", err=True)
        raise typer.Exit(1)


@app.command()
def serve(
    host: Annotated[
        str | None, typer.Option(help="Interface to bind (default from settings).")
    ] = None,
    port: Annotated[int | None, typer.Option(help="Port (default from settings, 8000).")] = None,
    reload: Annotated[bool, typer.Option(help="Restart on code changes (development).")] = False,
) -> None:
    """Run the HTTP API."""
    import uvicorn

    from patientgen.app import create_app
    from patientgen.logs import uvicorn_log_config

    settings = _settings()
    _configure_logging(settings.log_level)
    _require_database(settings)
    uvicorn.run(
        "patientgen.app:create_app" if reload else create_app(settings),
        factory=reload,
        reload=reload,
        host=host or settings.host,
        port=port or settings.port,
        log_level=settings.log_level,
        log_config=uvicorn_log_config(),
        proxy_headers=True,
    )


@app.command()
def worker(
    jobs: Annotated[
        int | None,
        typer.Option(min=1, max=16, help="Jobs at once (default PATIENTGEN_WORKER_JOBS)."),
    ] = None,
) -> None:
    """Run generation jobs from the Redis queue (PATIENTGEN_JOB_BACKEND=taskiq); start as many
    as you like, on any machine that reaches the database and Redis."""
    settings = _settings()
    if settings.job_backend != "taskiq":
        typer.echo(
            "`patientgen worker` takes jobs from the queue that PATIENTGEN_JOB_BACKEND=taskiq "
            "sends them to; set it (with PATIENTGEN_REDIS_URL and PATIENTGEN_DATABASE_URL) for "
            "the API and the workers alike.",
            err=True,
        )
        raise typer.Exit(2)
    if jobs is not None:
        settings = settings.model_copy(update={"worker_jobs": jobs})
    _configure_logging(settings.log_level)
    _require_database(settings)
    from patientgen.worker import run_worker

    run_worker(settings)


@app.command()
def migrate(
    revision: Annotated[str, typer.Argument(help="Target revision.")] = "head",
    downgrade: Annotated[bool, typer.Option(help="Downgrade to REVISION instead.")] = False,
) -> None:
    """Apply database migrations (the only way the schema changes)."""
    from patientgen.storage import migrate as migrations
    from patientgen.storage.engine import create_engine

    settings = _settings()

    async def run() -> str | None:
        engine = create_engine(settings)
        try:
            if downgrade:
                await migrations.downgrade(engine, revision)
            else:
                await migrations.upgrade(engine, revision)
            return await migrations.current_revision(engine)
        finally:
            await engine.dispose()

    current = asyncio.run(run())
    typer.echo(f"database at revision {current or 'base'}")


async def _with_session(settings: Settings, action):
    from patientgen.storage import migrate as migrations
    from patientgen.storage.engine import create_engine, create_session_factory

    engine = create_engine(settings)
    try:
        if settings.is_sqlite:
            await migrations.upgrade(engine)
        async with create_session_factory(engine)() as session, session.begin():
            return await action(session)
    finally:
        await engine.dispose()


@keys_app.command("create")
def keys_create(
    name: Annotated[str, typer.Option(help="Who or what the key is for.")],
    admin: Annotated[bool, typer.Option("--admin", help="Grant admin rights.")] = False,
) -> None:
    """Create a key and print it once."""
    from patientgen.services.keys import issue_key

    issued = asyncio.run(
        _with_session(_settings(), lambda s: issue_key(s, name=name, is_admin=admin))
    )
    typer.echo(f"Created {'admin ' if admin else ''}key {issued.record.id} ({name}).", err=True)
    typer.echo("Store it now; it is not shown again:", err=True)
    typer.echo(issued.plaintext)


@keys_app.command("list")
def keys_list() -> None:
    """List keys (never their secrets)."""
    from patientgen.services.keys import list_keys

    for key in asyncio.run(_with_session(_settings(), list_keys)):
        state = "revoked" if key.revoked_at else "active"
        role = "admin" if key.is_admin else "user"
        typer.echo(f"{key.id}  {key.prefix}…  {role:5}  {state:7}  {key.name}")


@keys_app.command("revoke")
def keys_revoke(key_id: Annotated[uuid.UUID, typer.Argument(help="The key's id.")]) -> None:
    """Revoke a key; it stops working at once."""
    from patientgen.services.keys import revoke_key

    key = asyncio.run(_with_session(_settings(), lambda s: revoke_key(s, key_id)))
    if key is None:
        typer.echo(f"No key with id {key_id}.", err=True)
        raise typer.Exit(1)
    typer.echo(f"Revoked {key_id}.")


@app.command()
def openapi() -> None:
    """Print the HTTP API's OpenAPI document (the web UI's types are generated from it)."""
    import json

    from patientgen.app import create_app

    # Settings are not needed to describe the API: defaults only, nothing is opened.
    document = create_app(Settings(_env_file=None)).openapi()
    typer.echo(json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False))


@app.command("record-schema")
def record_schema_command() -> None:
    """Print the JSON Schema of one patient record (docs/record.schema.json is this output)."""
    import json

    from patientgen.simulation.record_model import record_schema

    typer.echo(json.dumps(record_schema(), indent=2, ensure_ascii=False))


app.command("generate")(generate)

if __name__ == "__main__":
    app()
