"""Write an evaluation run to a folder: ``metrics.json``, ``report.md`` and two PNG charts (``evals.charts``)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from evals.answerability import ANSWERABILITIES, ANSWERABILITY_LABELS, answerability_confusion
from evals.charts import find_cjk_font, latency_chart, metrics_chart
from evals.labels import KIND_LABELS, METRIC_LABELS
from evals.metrics import ItemResult, ItemVerdict, awards, cited_articles
from evals.results import EvalRun, SystemRun

# Per-kind table columns (the full set is in metrics.json).
KIND_COLUMNS: tuple[str, ...] = (
    "pass_rate",
    "hit_at_3",
    "mrr",
    "citation_hit",
    "citation_precision",
    "calculator_exact",
    "award_over_rate",
    "numeric_accuracy",
    "unit_accuracy",
    "refusal_accuracy",
    "false_refusal_rate",
    "answerability_accuracy",
    "latency_p50_ms",
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


def confusion_table(system: SystemRun) -> str:
    """Counts of expected (rows) against returned (columns) answerability for one system."""
    counts = answerability_confusion(system.records)

    def label(value: str) -> str:
        return f"{ANSWERABILITY_LABELS[value]}（{value}）"

    header = ["期望（行）/ 实际（列）", *(label(g) for g in ANSWERABILITIES), "合计"]
    rows = []
    for expected in ANSWERABILITIES:
        row = [counts[expected, got] for got in ANSWERABILITIES]
        rows.append([label(expected), *map(str, row), str(sum(row))])
    return markdown_table(header, rows)


def latency_table(run: EvalRun) -> str:
    """Latency per system: p50, p95, mean and max in milliseconds."""
    rows = []
    for s in run.systems:
        ms = s.latencies_ms()
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
    refused = f"是（{ANSWERABILITY_LABELS[answer.answerability]}）" if answer.refused else "否"
    parts = [
        f"回答：{truncate(answer.answer, ANSWER_PREVIEW_CHARS) or '（空）'}",
        f"引用：{cited}",
        f"拒答：{refused}",
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
        "检索指标（hit@k、MRR）只统计可回答题（期望作答且有标准条款），且只用当前问句检索"
        "（多轮题不带上文，故偏低）；引用指标只统计其中未被拒答的题；未引用任何条款的回答精确率计为 0。"
        "基线系统不拒答、不调用计算器，只用当前问句。",
        f"## 各题型指标（{ours.name}）",
        kind_table(ours),
        "## 可答性混淆矩阵",
        confusion_table(ours),
        f"{ours.name}：行为评测集标注的期望可答性，列为系统返回的 answerability；对角线为判断正确的题数。",
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
