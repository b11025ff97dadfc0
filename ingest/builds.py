"""The builds folder of a data dir: one ingest at a time, and old builds pruned once nobody reads them."""

from __future__ import annotations

import fcntl
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ingest.leases import RETIRED_PREFIX, retire_build
from ingest.store import MANIFEST, IndexConfig, chroma_client, read_manifest

__all__ = ["ingest_lock", "prune_builds"]


@contextmanager
def ingest_lock(data_dir: Path) -> Iterator[None]:
    """One ingest at a time per data dir (a second one waits)."""
    data_dir.mkdir(parents=True, exist_ok=True)
    with (data_dir / "ingest.lock").open("w", encoding="utf-8") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def prune_builds(config: IndexConfig, keep: set[str]) -> list[str]:
    """Remove builds other than ``keep`` that no process holds a lease on (and their server collections).

    Returns:
        The builds left in place because a running server or another reader still uses them;
        a later ingest prunes them once they are released.
    """
    in_use: list[str] = []
    for build in sorted(config.builds_dir.iterdir()):
        if not build.is_dir() or build.name in keep:
            continue
        if build.name.startswith(RETIRED_PREFIX):
            shutil.rmtree(build, ignore_errors=True)  # left by an ingest killed while deleting it
            continue
        manifest = read_manifest(build) if config.chroma_host and (build / MANIFEST).exists() else None
        if not retire_build(build):
            in_use.append(build.name)
            continue
        if manifest is not None:
            client = chroma_client(config, build)
            for name in filter(None, (manifest.collection, manifest.question_collection)):
                try:
                    client.delete_collection(name)
                except ValueError:
                    pass  # already gone
    return in_use
