"""Quality gates: minimum (or, with the ``_max`` suffix, maximum) values for ours' overall metrics.

A thresholds file is a JSON object such as ``{"citation_hit": 0.9, "false_refusal_rate_max": 0.05}``:
a plain metric name is a floor, ``<metric>_max`` is a ceiling.

Example:
    >>> from evals.metrics import MetricSet
    >>> [v.message() for v in check_thresholds(MetricSet(items=1, citation_hit=0.5), {"citation_hit": 0.9})]
    ['citation_hit = 0.500，低于阈值 0.900']
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from evals.metrics import ALL_METRICS, MetricSet

DEFAULT_THRESHOLDS = Path(__file__).resolve().parent / "thresholds.json"
MAX_SUFFIX = "_max"
# Rates are sums of floats divided by counts; don't fail 0.8999999999 against 0.9.
TOLERANCE = 1e-9


class ThresholdError(ValueError):
    """The thresholds file is missing, malformed, or names a metric that does not exist."""


@dataclass(frozen=True)
class Threshold:
    """One gate: ``metric`` must be at least (or, when ``upper``, at most) ``limit``."""

    metric: str
    limit: float
    upper: bool = False


@dataclass(frozen=True)
class Violation:
    """A gate that the measured metrics do not meet."""

    threshold: Threshold
    value: float | None

    def message(self) -> str:
        """The Chinese line printed for this violation."""
        t = self.threshold
        if self.value is None:
            return f"{t.metric}：评测集中没有可计算的题目，无法判断是否达到阈值 {t.limit:.3f}"
        relation = "高于上限" if t.upper else "低于阈值"
        return f"{t.metric} = {self.value:.3f}，{relation} {t.limit:.3f}"


def parse_thresholds(data: object, source: str = "阈值") -> list[Threshold]:
    """Gates from a decoded thresholds object.

    Raises:
        ThresholdError: the object is not a name → number mapping of known metrics.
    """
    if not isinstance(data, dict):
        raise ThresholdError(f"{source}：应为 JSON 对象（指标名 → 数值）")
    thresholds = []
    for key, limit in data.items():
        upper = key.endswith(MAX_SUFFIX)
        metric = key[: -len(MAX_SUFFIX)] if upper else key
        if metric not in ALL_METRICS:
            raise ThresholdError(f"{source}：未知指标「{key}」；可用指标：{'、'.join(ALL_METRICS)}")
        if isinstance(limit, bool) or not isinstance(limit, int | float):
            raise ThresholdError(f"{source}：「{key}」的阈值应为数字，实际是 {limit!r}")
        thresholds.append(Threshold(metric=metric, limit=float(limit), upper=upper))
    return thresholds


def load_thresholds(path: str | Path = DEFAULT_THRESHOLDS) -> list[Threshold]:
    """Read gates from a JSON file.

    Raises:
        ThresholdError: the file is missing, not JSON, or names unknown metrics.
    """
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ThresholdError(f"找不到阈值文件：{path}") from exc
    except json.JSONDecodeError as exc:
        raise ThresholdError(f"{path}：不是合法的 JSON（第 {exc.lineno} 行：{exc.msg}）") from exc
    return parse_thresholds(data, str(path))


def check_thresholds(metrics: MetricSet, thresholds: list[Threshold] | dict[str, float]) -> list[Violation]:
    """Every gate ``metrics`` fails; a metric with no data fails its gate (a gate must be checkable)."""
    gates = parse_thresholds(thresholds) if isinstance(thresholds, dict) else thresholds
    violations = []
    for gate in gates:
        value = metrics.value(gate.metric)
        if value is None or (value > gate.limit + TOLERANCE if gate.upper else value < gate.limit - TOLERANCE):
            violations.append(Violation(threshold=gate, value=value))
    return violations
