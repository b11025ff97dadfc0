"""Engines for the configured database: SQLite by default, PostgreSQL (or any SQLAlchemy URL) by setting.

Example:
    >>> engine = create_engine_for_url("sqlite://")
    >>> engine.dialect.name
    'sqlite'
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.pool import StaticPool

from assistant.settings import Settings
from assistant.storage.tables import Base

# How long a SQLite connection waits for another process's write lock before failing.
SQLITE_BUSY_TIMEOUT_S = 30.0


def create_engine_for(settings: Settings, *, create_tables: bool = True) -> Engine:
    """The engine for ``settings.resolved_database_url``, with the tables created.

    Args:
        settings: The application settings; ``database_url`` defaults to ``data_dir/policy.db``.
        create_tables: Create missing tables (never alters existing ones).

    Returns:
        A thread-safe engine (SQLite in WAL mode, or a pooled server connection).
    """
    return create_engine_for_url(settings.resolved_database_url, create_tables=create_tables)


def create_engine_for_url(url: str | URL, *, create_tables: bool = True) -> Engine:
    """An engine for a SQLAlchemy URL such as ``sqlite:///data/policy.db`` or ``postgresql+psycopg://…``.

    Args:
        url: The database URL; ``sqlite://`` alone is an in-memory database (tests).
        create_tables: Create missing tables.

    Returns:
        The engine.
    """
    parsed = make_url(url)
    engine = _sqlite_engine(parsed) if parsed.get_backend_name() == "sqlite" else _server_engine(parsed)
    if create_tables:
        _create_schema(engine)
    return engine


# Any fixed 64-bit key: it names the schema's lock among the database's advisory locks.
_SCHEMA_LOCK_KEY = 0x706F6C6963790001


def _create_schema(engine: Engine) -> None:
    """Create missing tables and columns in one transaction, one process at a time on PostgreSQL.

    Replicas starting together on a fresh database would otherwise each issue the same CREATE TABLE,
    and all but one would fail on PostgreSQL's catalog (a duplicate type name). The advisory lock is
    held until the transaction ends; whoever comes second then sees the tables and creates nothing.
    """
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _SCHEMA_LOCK_KEY})
        Base.metadata.create_all(connection)
        _add_missing_columns(connection)


# Columns added to tables after their first release: ``create_all`` never alters a table that exists,
# so a database created earlier gets them here (nullable, or with the default given, so old rows stay valid).
_ADDED_COLUMNS: dict[str, tuple[str, ...]] = {
    "consultations": ("owner", "team", "session_id"),
    "sessions": ("version",),
    "messages": ("request_id",),
}
_COLUMN_DEFAULTS = {("sessions", "version"): "NOT NULL DEFAULT 1"}


def _add_missing_columns(connection: Connection) -> None:
    """Bring a database made by an earlier version up to date (each step is idempotent)."""
    inspector = inspect(connection)
    for table_name, columns in _ADDED_COLUMNS.items():
        present = {column["name"] for column in inspector.get_columns(table_name)}
        table = Base.metadata.tables[table_name]
        for name in columns:
            if name in present:
                continue
            column_type = table.c[name].type.compile(dialect=connection.dialect)
            extra = _COLUMN_DEFAULTS.get((table_name, name), "")
            connection.execute(text(f"ALTER TABLE {table_name} ADD COLUMN {name} {column_type} {extra}".rstrip()))


def is_memory_sqlite(url: URL) -> bool:
    """Whether the URL names an in-memory SQLite database."""
    return url.get_backend_name() == "sqlite" and url.database in (None, "", ":memory:")


def _sqlite_engine(url: URL) -> Engine:
    memory = is_memory_sqlite(url)
    connect_args: dict[str, Any] = {"check_same_thread": False, "timeout": SQLITE_BUSY_TIMEOUT_S}
    if memory:
        # One shared connection, or every pooled connection would see its own empty database.
        engine = create_engine(url, connect_args=connect_args, poolclass=StaticPool)
    else:
        if url.database and not url.database.startswith("file:"):
            Path(url.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args=connect_args, pool_size=10, max_overflow=20)

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        try:
            if not memory:
                # Readers never block the writer; a commit survives a killed process.
                cursor.execute("PRAGMA journal_mode=WAL")
                cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute(f"PRAGMA busy_timeout={int(SQLITE_BUSY_TIMEOUT_S * 1000)}")
        finally:
            cursor.close()

    return engine


def _server_engine(url: URL) -> Engine:
    # pre_ping replaces connections the server closed (restarts, idle timeouts).
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20)
