"""Leases on index builds: a build some process still reads is never deleted.

Every build holds a lease file. A process reading a build keeps a *shared* ``flock`` on it for
as long as it uses the build; pruning takes an *exclusive* lock without waiting, and only a build
it can lock that way is retired. The kernel drops a process's locks when it exits, so a killed
server leaves no stale lease behind, and any number of servers (and ``ask``/``eval`` runs) on one
machine can share the data dir.

Retiring renames the build out of ``builds/`` while still holding the exclusive lock, then
deletes it. A reader that opened the lease file just before that sees, once it has its shared
lock, that the path no longer names the file it locked, and tries the live pointer again.

Example:
    >>> lease = acquire_lease(Path("data/builds/20260101T000000-abcdef"))  # doctest: +SKIP
    >>> lease.release()  # doctest: +SKIP
"""

from __future__ import annotations

import fcntl
import os
import shutil
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

LEASE_FILE = "lease.lock"
RETIRED_PREFIX = ".retired-"


@dataclass
class BuildLease:
    """A shared lock on one build's lease file; the build stays on disk until it is released."""

    build_dir: Path
    _handle: IO[bytes] | None = field(repr=False)

    @property
    def held(self) -> bool:
        """Whether the lease is still held."""
        return self._handle is not None

    def release(self) -> None:
        """Let the build be pruned (idempotent)."""
        if self._handle is not None:
            handle, self._handle = self._handle, None
            handle.close()  # closing the descriptor drops the flock


def create_lease_file(build_dir: Path) -> None:
    """Give a new build its lease file (before its manifest, so every complete build has one)."""
    (build_dir / LEASE_FILE).touch(exist_ok=True)


def acquire_lease(build_dir: Path) -> BuildLease | None:
    """A shared lease on ``build_dir``, or None when the build is being retired or is gone.

    Args:
        build_dir: A complete build under ``builds/``.

    Returns:
        The held lease; None means: read the live pointer again.
    """
    path = build_dir / LEASE_FILE
    try:
        handle = path.open("rb")
    except FileNotFoundError:
        return None
    try:
        fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.close()  # a pruner holds it exclusively: the build is going away
        return None
    try:
        still_there = os.stat(path).st_ino == os.fstat(handle.fileno()).st_ino
    except FileNotFoundError:
        still_there = False
    if not still_there:
        handle.close()
        return None
    return BuildLease(build_dir=build_dir, _handle=handle)


def retire_build(build_dir: Path) -> bool:
    """Delete ``build_dir`` unless some process holds a lease on it.

    Returns:
        True when the build was deleted, False when it is in use (it is left untouched).
    """
    path = build_dir / LEASE_FILE
    try:
        handle = path.open("ab")
    except FileNotFoundError:
        # An unfinished build of an interrupted ingest: nobody can have opened it.
        shutil.rmtree(build_dir, ignore_errors=True)
        return True
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        retired = build_dir.with_name(f"{RETIRED_PREFIX}{build_dir.name}-{uuid.uuid4().hex[:6]}")
        os.replace(build_dir, retired)
    shutil.rmtree(retired, ignore_errors=True)
    return True


def in_use(build_dir: Path) -> bool:
    """Whether some process holds a lease on ``build_dir`` (for reports and tests)."""
    path = build_dir / LEASE_FILE
    try:
        handle = path.open("rb")
    except FileNotFoundError:
        return False
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(handle, fcntl.LOCK_UN)
        return False
