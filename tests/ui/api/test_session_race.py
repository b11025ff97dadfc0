"""8 parallel turns of one session over two server processes sharing a database: nothing is lost."""

from __future__ import annotations

from pathlib import Path

import pytest

from ui.api.session_race import run_session_race

pytestmark = [pytest.mark.integration, pytest.mark.slow]


def test_parallel_turns_across_two_processes_lose_no_update(index_dir: Path) -> None:
    result = run_session_race(index_dir, parallel=8, servers=2)
    print(result.summary())
    assert result.failed == 0
    assert result.stored_turns == result.state_turns == 9
    assert result.statements_kept == result.statements_sent == 9
    assert result.ok
