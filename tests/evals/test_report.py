"""Report writing: every file appears, failed items are listed with what came back."""

from __future__ import annotations

import json
from pathlib import Path
from typing import get_args

from evals.dataset import Kind
from evals.labels import KIND_LABELS, METRIC_LABELS
from evals.metrics import ALL_METRICS
from evals.report import find_cjk_font, format_metric, markdown_table, render_markdown, write_report
from evals.results import EvalRun, SystemRun
from tests.evals.helpers import UNITS_3, answer, award_call, cite, item, perfect_answer, record, refusal_item

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def make_run() -> EvalRun:
    calc = item(id="dev-026", kind="calculator", expected={"award_yuan": 150000}, question="奖励多少|多少钱？")
    ours = SystemRun.from_records(
        "ours",
        [
            record(item(id="dev-001"), perfect_answer(), seconds=0.02),
            record(
                calc, answer("奖励为 1,500,000 元\n（第三条）", [cite(3, UNITS_3)], tool_calls=[award_call(1500000)])
            ),
            record(refusal_item(id="dev-070"), answer("抱歉，超出范围", refused=True), seconds=0.005),
        ],
    )
    baseline = SystemRun.from_records(
        "naive_rag",
        [
            record(item(id="dev-001"), answer("原文片段", [cite(3), cite(5)]), seconds=0.01),
            record(calc, answer("原文片段", [cite(3)])),
            record(refusal_item(id="dev-070"), answer("原文片段"), seconds=0.01),
        ],
    )
    return EvalRun(dataset="dev.jsonl", systems=[ours, baseline])


def test_write_report_files(tmp_path: Path) -> None:
    out = tmp_path / "report"
    written = write_report(make_run(), out)
    assert {p.name for p in written} == {"metrics.json", "report.md", "metrics.png", "latency.png"}
    for name in ("metrics.png", "latency.png"):
        assert (out / name).read_bytes().startswith(PNG_MAGIC)

    data = json.loads((out / "metrics.json").read_text(encoding="utf-8"))
    assert [s["name"] for s in data["systems"]] == ["ours", "naive_rag"]
    assert data["items"] == 3
    ours = data["systems"][0]
    assert ours["overall"]["calculator_exact"] == 0.0
    assert ours["overall"]["refusal_accuracy"] == 1.0
    assert set(ours["by_kind"]) == {"article_lookup", "calculator", "out_of_scope"}
    assert [f["id"] for f in ours["failed"]] == ["dev-026"]
    assert ours["answerability_confusion"]["answered"] == {"answered": 2, "not_in_text": 0, "out_of_scope": 0}
    assert ours["answerability_confusion"]["out_of_scope"]["out_of_scope"] == 1
    # The baseline never declines: its out-of-scope item lands in the answered column.
    assert data["systems"][1]["answerability_confusion"]["out_of_scope"]["answered"] == 1

    report = (out / "report.md").read_text(encoding="utf-8")
    assert "| 指标 | ours | naive_rag | 样本数 |" in report
    failures = report.split("## 未通过题目")[1]
    assert "（ours，1 / 3）" in failures
    assert "dev-026" in failures
    assert "dev-001" not in failures
    assert "金额不符：期望 150,000，计算器给出 1,500,000" in failures
    assert "金额：1,500,000" in failures
    # The pipe in the question is escaped and the newline in the answer flattened.
    assert "奖励多少\\|多少钱" in failures
    assert "奖励为 1,500,000 元 （第三条）" in failures
    row = next(line for line in failures.splitlines() if line.startswith("| dev-026"))
    assert row.count(" | ") == 5
    assert "![metrics.png](metrics.png)" in report


def test_all_passed_message() -> None:
    run = EvalRun(dataset="x", systems=[SystemRun.from_records("ours", [record(item(), perfect_answer())])])
    assert "全部通过。" in render_markdown(run)


def test_formatting_helpers() -> None:
    assert format_metric("citation_hit", 0.9312) == "93.1%"
    assert format_metric("mrr", 0.5) == "0.500"
    assert format_metric("latency_p50_ms", 12.345) == "12.3"
    assert format_metric("hit_at_1", None) == "—"
    assert markdown_table(["a", "b"], [["x|y", "1\n2"]]) == "| a | b |\n|---|---|\n| x\\|y | 1 2 |"


def test_font_lookup_returns_an_installed_font_or_none() -> None:
    from matplotlib import font_manager

    font = find_cjk_font()
    assert font is None or font in {f.name for f in font_manager.fontManager.ttflist}


def test_confusion_table_in_report() -> None:
    nit = item(id="dev-071", kind="not_in_text", must_refuse=True, answerability="not_in_text")
    records = [
        record(item(id="dev-001"), perfect_answer()),
        record(nit, answer("原文未规定", [cite(3, UNITS_3)], answerability="not_in_text")),
        record(nit.model_copy(update={"id": "dev-072"}), answer("抱歉", answerability="out_of_scope")),
        record(refusal_item(id="dev-070"), answer("抱歉", answerability="not_in_text")),
    ]
    report = render_markdown(EvalRun(dataset="x", systems=[SystemRun.from_records("ours", records)]))
    section = report.split("## 可答性混淆矩阵")[1].split("## ")[0]
    lines = [line for line in section.splitlines() if line.startswith("|")]
    assert lines[0] == (
        "| 期望（行）/ 实际（列） | 作答（answered） | 原文未规定（not_in_text） | 超出范围（out_of_scope） | 合计 |"
    )
    assert lines[2:] == [
        "| 作答（answered） | 1 | 0 | 0 | 1 |",
        "| 原文未规定（not_in_text） | 0 | 1 | 1 | 2 |",
        "| 超出范围（out_of_scope） | 0 | 1 | 0 | 1 |",
    ]
    failures = report.split("## 未通过题目")[1]
    assert "拒答类型不符：应为 not_in_text，实为 out_of_scope" in failures
    assert "拒答：是（超出范围）" in failures
    assert "应拒答（原文未规定）；条款 3" in failures


def test_every_metric_and_kind_has_a_label() -> None:
    assert set(METRIC_LABELS) == set(ALL_METRICS)
    assert set(KIND_LABELS) == set(get_args(Kind))
    assert KIND_LABELS["not_in_text"] == "原文未规定"
    assert KIND_LABELS["mention"] == "提及查询"
    run = EvalRun(dataset="x", systems=[SystemRun.from_records("ours", [record(item(), perfect_answer())])])
    overall = render_markdown(run).split("## 总体指标")[1]
    for name in ("answerability_accuracy", "refusal_not_in_text", "refusal_out_of_scope", "mention_all_gold"):
        assert f"| {METRIC_LABELS[name][0]} |" in overall
