"""Two rebuilds while 8 clients chat with a real server: no request fails, the server follows each build."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ui.api.rebuild_load import run_rebuild_load

pytestmark = [pytest.mark.integration, pytest.mark.slow]


def test_two_rebuilds_under_load_fail_no_request(index_dir: Path, tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    shutil.copytree(index_dir, data_dir, symlinks=True)
    result = run_rebuild_load(data_dir, clients=8, rebuilds=2)
    print(result.summary())
    assert result.requests >= 16
    assert result.errors == 0, result.summary()
    # The server served three builds in turn, switching in place (one process throughout).
    assert len(result.builds_served) == len(set(result.builds_served)) == 3
    # Ingest pruned what no process held; the build the server serves now is still there.
    assert (data_dir / "builds" / result.builds_served[-1]).is_dir()


def test_two_rebuilds_under_load_on_a_chroma_server(tmp_path: Path) -> None:
    from ingest.pipeline import run_ingest
    from ingest.store import IndexConfig
    from ui.api.subprocess_server import running_chroma

    with running_chroma(tmp_path / "chroma", tmp_path / "chroma.log") as (host, port):
        data_dir = tmp_path / "data"
        config = IndexConfig(data_dir=data_dir, chroma_host=host, chroma_port=port)
        run_ingest(config, progress=False)
        result = run_rebuild_load(data_dir, clients=8, rebuilds=2, chroma=(host, port))
        print(result.summary())
        assert result.requests >= 16
        assert result.errors == 0, result.summary()
        assert len(set(result.builds_served)) == 3
        import chromadb

        names = {c.name for c in chromadb.HttpClient(host=host, port=port).list_collections()}
        # Each build has its own collection; the one served now is there.
        assert f"{config.collection}-{result.builds_served[-1]}" in names
