"""The two PNG charts of an evaluation report: metrics per system and latency per question.

Charts are drawn on plain ``matplotlib.figure.Figure`` objects (Agg canvas), so no pyplot
state or global backend is touched. Chinese labels are used when a CJK font is installed;
otherwise the charts fall back to English labels rather than rendering empty boxes.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib
from matplotlib import font_manager
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from evals.labels import METRIC_LABELS
from evals.metrics import RATE_METRICS
from evals.results import EvalRun

CJK_FONT_NAMES: tuple[str, ...] = (
    "Noto Sans CJK SC",
    "Noto Sans CJK JP",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Droid Sans Fallback",
    "AR PL UMing CN",
    "SimHei",
    "Microsoft YaHei",
    "PingFang SC",
)


def find_cjk_font() -> str | None:
    """The name of an installed font that can draw Chinese, or None."""
    installed = {f.name for f in font_manager.fontManager.ttflist}
    for name in CJK_FONT_NAMES:
        if name in installed:
            return name
    # Any other family that advertises CJK coverage in its name.
    return next((n for n in sorted(installed) if "CJK" in n or "Hei" in n or "Han Sans" in n), None)


def _rc(font: str | None) -> dict[str, object]:
    if font is None:
        return {}
    return {"font.family": "sans-serif", "font.sans-serif": [font, "DejaVu Sans"], "axes.unicode_minus": False}


def metrics_chart(run: EvalRun, path: Path, font: str | None) -> None:
    """Grouped horizontal bars: every rate metric, one bar per system."""
    names = list(RATE_METRICS)
    labels = [METRIC_LABELS[n][0 if font else 1] for n in names]
    with matplotlib.rc_context(_rc(font)):
        fig = Figure(figsize=(10, 0.5 * len(names) * max(1, len(run.systems)) ** 0.5 + 2))
        FigureCanvasAgg(fig)
        ax = fig.add_subplot()
        height = 0.8 / len(run.systems)
        for i, system in enumerate(run.systems):
            values = [system.overall.value(n) for n in names]
            positions = [y + (i - (len(run.systems) - 1) / 2) * height for y in range(len(names))]
            bars = ax.barh(positions, [v or 0.0 for v in values], height=height, label=system.name)
            # Label every bar, so a zero reads as 0 and "no data" as a dash.
            ax.bar_label(bars, labels=[f"{v:.2f}" if v is not None else "—" for v in values], fontsize=7, padding=2)
        ax.set_yticks(range(len(names)), labels)
        ax.invert_yaxis()
        ax.set_xlim(0, 1.08)
        ax.set_xlabel("比例" if font else "fraction")
        ax.set_title("各系统指标对比" if font else "Metrics by system")
        ax.legend(loc="lower right")
        ax.grid(axis="x", alpha=0.3)
        fig.tight_layout()
        fig.savefig(path, dpi=120)


def latency_chart(run: EvalRun, path: Path, font: str | None) -> None:
    """Latency distribution per system (box plot with every point), log scale when the spread is wide."""
    data = [s.latencies_ms() or [0.0] for s in run.systems]
    with matplotlib.rc_context(_rc(font)):
        fig = Figure(figsize=(max(6, 1.8 * len(run.systems) + 2), 5))
        FigureCanvasAgg(fig)
        ax = fig.add_subplot()
        ax.boxplot(data, showfliers=False)
        ax.set_xticks(range(1, len(data) + 1), [s.name for s in run.systems])
        for i, values in enumerate(data, start=1):
            jitter = [i + ((j % 7) - 3) * 0.03 for j in range(len(values))]
            ax.scatter(jitter, values, s=8, alpha=0.5)
        positive = [v for values in data for v in values if v > 0]
        if positive and max(positive) / min(positive) > 50:
            ax.set_yscale("log")
        ax.set_ylabel("毫秒" if font else "ms")
        ax.set_title("单题延迟分布" if font else "Latency per question")
        ax.grid(axis="y", alpha=0.3)
        fig.tight_layout()
        fig.savefig(path, dpi=120)
