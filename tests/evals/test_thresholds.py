"""Threshold gates: floors, ceilings (``_max``), missing data and bad files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evals.metrics import MetricSet
from evals.thresholds import DEFAULT_THRESHOLDS, ThresholdError, check_thresholds, load_thresholds


def metrics(**values: float | None) -> MetricSet:
    return MetricSet(items=10, **values)


GATES = {"citation_hit": 0.9, "calculator_exact": 1.0, "refusal_accuracy": 0.9, "false_refusal_rate_max": 0.05}


def test_default_file_is_at_least_as_strict_as_the_issue_floors() -> None:
    """The shipped gates sit just under measured figures; never looser than the issue's minimums."""
    gates = {(g.metric, g.upper): g.limit for g in load_thresholds(DEFAULT_THRESHOLDS)}
    assert gates[("citation_hit", False)] >= 0.9
    assert gates[("calculator_exact", False)] == 1.0
    assert gates[("refusal_accuracy", False)] >= 0.9
    assert gates[("false_refusal_rate", True)] <= 0.05
    assert gates[("refusal_not_in_text", False)] >= 0.9


def test_all_met(tmp_path: Path) -> None:
    (tmp_path / "gates.json").write_text(json.dumps(GATES), encoding="utf-8")
    m = metrics(citation_hit=0.9, calculator_exact=1.0, refusal_accuracy=0.95, false_refusal_rate=0.05)
    assert check_thresholds(m, load_thresholds(tmp_path / "gates.json")) == []


def test_floor_and_ceiling_violations(tmp_path: Path) -> None:
    (tmp_path / "gates.json").write_text(json.dumps(GATES), encoding="utf-8")
    m = metrics(citation_hit=0.85, calculator_exact=1.0, refusal_accuracy=0.9, false_refusal_rate=0.1)
    messages = [v.message() for v in check_thresholds(m, load_thresholds(tmp_path / "gates.json"))]
    assert messages == ["citation_hit = 0.850，低于阈值 0.900", "false_refusal_rate = 0.100，高于上限 0.050"]


def test_float_noise_does_not_fail_a_gate() -> None:
    assert check_thresholds(metrics(citation_hit=sum([0.1] * 9)), {"citation_hit": 0.9}) == []


def test_metric_without_data_fails() -> None:
    (violation,) = check_thresholds(metrics(), {"calculator_exact": 1.0})
    assert violation.value is None
    assert "没有可计算的题目" in violation.message()


def test_latency_ceiling() -> None:
    (violation,) = check_thresholds(metrics(latency_p95_ms=900.0), {"latency_p95_ms_max": 500})
    assert violation.threshold.upper


def test_bad_threshold_files(tmp_path: Path) -> None:
    with pytest.raises(ThresholdError, match="找不到阈值文件"):
        load_thresholds(tmp_path / "missing.json")
    (tmp_path / "bad.json").write_text("{", encoding="utf-8")
    with pytest.raises(ThresholdError, match="不是合法的 JSON"):
        load_thresholds(tmp_path / "bad.json")
    (tmp_path / "unknown.json").write_text(json.dumps({"citation_hits": 0.9}), encoding="utf-8")
    with pytest.raises(ThresholdError, match="未知指标「citation_hits」"):
        load_thresholds(tmp_path / "unknown.json")
    (tmp_path / "text.json").write_text(json.dumps({"citation_hit": "0.9"}), encoding="utf-8")
    with pytest.raises(ThresholdError, match="应为数字"):
        load_thresholds(tmp_path / "text.json")
    (tmp_path / "list.json").write_text("[]", encoding="utf-8")
    with pytest.raises(ThresholdError, match="应为 JSON 对象"):
        load_thresholds(tmp_path / "list.json")
