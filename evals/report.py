"""Write an evaluation run to a folder: ``metrics.json``, ``report.md`` and two PNG charts.

Charts are drawn on plain ``matplotlib.figure.Figure`` objects (Agg canvas), so no pyplot
state or global backend is touched. Chinese labels are used when a CJK font is installed;
otherwise the charts fall back to English labels rather than rendering empty boxes.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import matplotlib
from matplotlib import font_manager
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from evals.metrics import RATE_METRICS, ItemResult, ItemVerdict, awards, cited_articles
from evals.results import EvalRun, SystemRun

# metric → (Chinese label, English label)
METRIC_LABELS: dict[str, tuple[str, str]] = {
    "pass_rate": ("整题通过率", "pass rate"),
    "hit_at_1": ("检索 hit@1", "hit@1"),
    "hit_at_3": ("检索 hit@3", "hit@3"),
    "mrr": ("检索 MRR", "MRR"),
    "citation_hit": ("引用命中率", "citation hit"),
    "citation_all_gold": ("引全正确条款", "all gold cited"),
    "citation_precision": ("引用精确率", "citation precision"),
    "calculator_exact": ("计算器精确率", "calculator exact"),
    "numeric_accuracy": ("数值准确率", "numeric accuracy"),
    "unit_accuracy": ("责任单位准确率", "unit accuracy"),
    "refusal_accuracy": ("拒答准确率", "refusal accuracy"),
    "false_refusal_rate": ("误拒率（越低越好）", "false refusal (lower=better)"),
    "latency_p50_ms": ("延迟 p50（毫秒）", "latency p50 (ms)"),
    "latency_p95_ms": ("延迟 p95（毫秒）", "latency p95 (ms)"),
}
KIND_LABELS: dict[str, str] = {
    "article_lookup": "条款查询",
    "paraphrase": "口语/缩写/错字",
    "calculator": "奖励计算",
    "responsible_unit": "责任单位",
    "multi_article": "跨条款",
    "numeric_fact": "数值事实",
    "eligibility": "适用条件",
    "out_of_scope": "超出范围",
    "injection": "提示注入",
    "multi_turn": "多轮对话",
}
# Per-kind table columns (the full set is in metrics.json).
KIND_COLUMNS: tuple[str, ...] = (
    "pass_rate",
    "hit_at_3",
    "mrr",
    "citation_hit",
    "citation_precision",
    "calculator_exact",
    "numeric_accuracy",
    "unit_accuracy",
    "refusal_accuracy",
    "false_refusal_rate",
    "latency_p50_ms",
)
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
ANSWER_PREVIEW_CHARS = 120
QUESTION_PREVIEW_CHARS = 80


# --- formatting ----------------------------------------------------------------------------------


def format_metric(name: str, value: float | None) -> str:
    """A metric for a table: rates as percentages, MRR as a fraction, latency in ms; ``—`` for no data."""
    if value is None:
        return "—"
    if name.endswith("_ms"):
        return f"{value:.1f}"
    if name == "mrr":
        return f"{value:.3f}"
    return f"{value * 100:.1f}%"


def truncate(text: str, limit: int) -> str:
    """``text`` on one line, cut to ``limit`` characters with an ellipsis."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _cell(text: str) -> str:
    # A pipe would split a Markdown table cell; newlines would end the row.
    return " ".join(text.split()).replace("|", "\\|")


def markdown_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A GitHub-flavoured Markdown table."""
    lines = ["| " + " | ".join(_cell(h) for h in header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def overall_table(run: EvalRun) -> str:
    """Overall metrics: one row per metric, one column per system (ours first), plus ours' sample size."""
    header = ["指标", *(s.name for s in run.systems), "样本数"]
    rows = []
    for name, (label, _) in METRIC_LABELS.items():
        values = [format_metric(name, s.overall.value(name)) for s in run.systems]
        rows.append([label, *values, str(run.ours.overall.support.get(name, 0))])
    return markdown_table(header, rows)


def kind_table(system: SystemRun) -> str:
    """One system's metrics per kind."""
    header = ["题型", "题数", *(METRIC_LABELS[m][0] for m in KIND_COLUMNS)]
    rows = [
        [
            f"{KIND_LABELS.get(kind, kind)}（{kind}）",
            str(m.items),
            *(format_metric(c, m.value(c)) for c in KIND_COLUMNS),
        ]
        for kind, m in system.by_kind.items()
    ]
    return markdown_table(header, rows)


def _latencies_ms(system: SystemRun) -> list[float]:
    return [r.seconds * 1000.0 for r in system.records if r.error is None]


def latency_table(run: EvalRun) -> str:
    """Latency per system: p50, p95, mean and max in milliseconds."""
    rows = []
    for s in run.systems:
        ms = _latencies_ms(s)
        mean = sum(ms) / len(ms) if ms else None
        rows.append(
            [
                s.name,
                str(len(ms)),
                format_metric("latency_p50_ms", s.overall.latency_p50_ms),
                format_metric("latency_p95_ms", s.overall.latency_p95_ms),
                format_metric("mean_ms", mean),
                format_metric("max_ms", max(ms) if ms else None),
            ]
        )
    return markdown_table(["系统", "题数", "p50（毫秒）", "p95（毫秒）", "平均（毫秒）", "最大（毫秒）"], rows)


def describe_returned(record: ItemResult) -> str:
    """What came back for one item: answer preview, cited articles, refusal, calculator award."""
    answer = record.answer
    cited = "、".join(map(str, cited_articles(answer))) or "无"
    award = "、".join(f"{v:,}" for v in awards(answer)) or "无"
    parts = [
        f"回答：{truncate(answer.answer, ANSWER_PREVIEW_CHARS) or '（空）'}",
        f"引用：{cited}",
        f"拒答：{'是' if answer.refused else '否'}",
        f"金额：{award}",
    ]
    if record.error:
        parts.append(f"错误：{record.error}")
    return "；".join(parts)


def _question_text(record: ItemResult) -> str:
    item = record.item
    question = truncate(item.question, QUESTION_PREVIEW_CHARS)
    if not item.turns:
        return question
    earlier = " / ".join(truncate(t, QUESTION_PREVIEW_CHARS) for t in item.turns)
    return f"前文：{earlier} → {question}"


def failures_table(failures: Sequence[tuple[ItemResult, ItemVerdict]]) -> str:
    """Every failed item with what was expected, what came back, and why it failed."""
    rows = [
        [r.item.id, r.item.kind, _question_text(r), r.item.expected_text(), describe_returned(r), "；".join(v.reasons)]
        for r, v in failures
    ]
    return markdown_table(["编号", "题型", "问题", "期望", "实际返回", "未通过原因"], rows)


def render_markdown(run: EvalRun, charts: Sequence[str] = ()) -> str:
    """The whole ``report.md``."""
    ours = run.ours
    failures = ours.failures()
    sections = [
        "# 政策通评测报告",
        f"- 评测集：`{run.dataset}`（{ours.overall.items} 题）\n- 时间：{run.started_at}\n"
        f"- 系统：{'、'.join(s.name for s in run.systems)}（第一列为本系统）",
        "## 总体指标",
        overall_table(run),
        "检索指标（hit@k、MRR）只统计可回答题（非拒答题且有标准条款），且只用当前问句检索"
        "（多轮题不带上文，故偏低）；引用指标只统计其中未被拒答的题；未引用任何条款的回答精确率计为 0。"
        "基线系统不拒答、不调用计算器，只用当前问句。",
        f"## 各题型指标（{ours.name}）",
        kind_table(ours),
        "## 延迟",
        latency_table(run),
        "延迟为评测中每题最后一问的单次耗时，包含首次加载与缓存未命中；"
        "预热后的稳定延迟请运行 `python -m evals.bench`。",
    ]
    if charts:
        sections += ["## 图表", "\n\n".join(f"![{c}]({c})" for c in charts)]
    sections.append(f"## 未通过题目（{ours.name}，{len(failures)} / {ours.overall.items}）")
    sections.append(failures_table(failures) if failures else "全部通过。")
    return "\n\n".join(sections) + "\n"


# --- charts --------------------------------------------------------------------------------------


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
    data = [_latencies_ms(s) or [0.0] for s in run.systems]
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


def write_report(run: EvalRun, out_dir: str | Path) -> list[Path]:
    """Write ``metrics.json``, ``metrics.png``, ``latency.png`` and ``report.md`` into ``out_dir``.

    Returns:
        The paths written.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    font = find_cjk_font()
    metrics_json = out / "metrics.json"
    metrics_json.write_text(json.dumps(run.to_json(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    metrics_png, latency_png = out / "metrics.png", out / "latency.png"
    metrics_chart(run, metrics_png, font)
    latency_chart(run, latency_png, font)
    report_md = out / "report.md"
    report_md.write_text(render_markdown(run, charts=[metrics_png.name, latency_png.name]), encoding="utf-8")
    return [metrics_json, report_md, metrics_png, latency_png]
