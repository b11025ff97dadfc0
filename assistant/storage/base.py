"""What every database store shares: short transactions, serialised the way the backend needs.

SQLite has one writer at a time, so the writes of one process queue on a lock instead of
SQLite's sleep-and-retry busy handler; an in-memory SQLite database is one shared connection, so
its reads queue on the same lock. The locks belong to the engine, not to a store: the session
store and the consultation store on one database take turns like two methods of one store.

Example:
    >>> from assistant.storage.engine import create_engine_for_url
    >>> engine = create_engine_for_url("sqlite://")
    >>> engine_locks(engine) is engine_locks(engine)
    True
"""

from __future__ import annotations

import contextlib
import threading
import weakref
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from assistant.storage.engine import is_memory_sqlite
from assistant.storage.errors import StorageUnavailableError

__all__ = ["EngineLocks", "SqlStore", "engine_locks", "unavailable_on_failure"]


@dataclass(frozen=True)
class EngineLocks:
    """The locks a transaction on one engine takes: ``write`` for writes, ``read`` for reads."""

    write: contextlib.AbstractContextManager[Any]
    read: contextlib.AbstractContextManager[Any]


_LOCKS: weakref.WeakKeyDictionary[Engine, EngineLocks] = weakref.WeakKeyDictionary()
_LOCKS_GUARD = threading.Lock()


def engine_locks(engine: Engine) -> EngineLocks:
    """The locks of ``engine``, created on first use and shared by every store on it.

    Args:
        engine: The database engine.

    Returns:
        A real lock for SQLite writes (and for reads too on an in-memory database); no-op
        contexts where the server serialises transactions itself.
    """
    with _LOCKS_GUARD:
        locks = _LOCKS.get(engine)
        if locks is None:
            on_sqlite = engine.dialect.name == "sqlite"
            write: contextlib.AbstractContextManager[Any] = threading.Lock() if on_sqlite else contextlib.nullcontext()
            read = write if on_sqlite and is_memory_sqlite(engine.url) else contextlib.nullcontext()
            locks = _LOCKS[engine] = EngineLocks(write=write, read=read)
        return locks


@contextlib.contextmanager
def unavailable_on_failure() -> Iterator[None]:
    """Turn the driver's operational failures (unreachable, locked, disk full) into one error.

    Raises:
        StorageUnavailableError: The database failed to answer.
    """
    try:
        yield
    except OperationalError as exc:
        raise StorageUnavailableError(f"数据库暂不可用：{exc.orig}") from exc


class SqlStore:
    """Base of the database stores: one short transaction per call, safe to share across threads."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        locks = engine_locks(engine)
        self._write_lock = locks.write
        self._read_lock = locks.read

    @contextlib.contextmanager
    def _reading(self) -> Iterator[Session]:
        """A session for reads (not committed)."""
        with self._read_lock, unavailable_on_failure(), self._sessions() as session:
            yield session

    @contextlib.contextmanager
    def _writing(self) -> Iterator[Session]:
        """A session in a transaction, committed when the block ends without an error."""
        with self._write_lock, unavailable_on_failure(), self._sessions.begin() as session:
            yield session
