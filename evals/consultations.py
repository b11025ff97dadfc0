"""``python -m evals.consultations``: score the consultation desk on labelled enterprise profiles.

Each case in ``evals/datasets/consultations.jsonl`` is a consultation draft and what the policy
text says must follow from it: articles that must be matched, articles that must not be, and
award amounts (null where the text fixes none). The command prints one row per case (matched
articles and award amounts), the pass rate, article recall, wrongly matched articles, award
exactness and the latency of building a record; ``--export DIR`` also writes every record as
Markdown, DOCX and PDF, and ``--check`` exits 1 when a case fails.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, Field, ValidationError

from assistant.consultation import ConsultationDesk, ConsultationDraft, ConsultationRecord
from assistant.consultation.export import ExportError, ExportFormat, export_record
from assistant.consultation.store import MemoryConsultationStore
from assistant.retrieve.knowledge import Knowledge
from assistant.settings import Settings, get_settings
from evals.metrics import percentile
from ingest.errors import IngestError

CONSULTATION_SET = Path(__file__).parent / "datasets" / "consultations.jsonl"
EXPORT_FORMATS: tuple[ExportFormat, ...] = ("md", "docx", "pdf")


class Expectation(BaseModel):
    """What the policy text says must follow from a profile."""

    articles: list[int] = Field(default_factory=list, description="必须匹配的条款")
    absent: list[int] = Field(default_factory=list, description="不得匹配的条款")
    awards: dict[int, int | None] = Field(default_factory=dict, description="条款 → 金额（元）；null 表示正文未定金额")


class ConsultationCase(BaseModel):
    """One labelled consultation."""

    id: str
    draft: ConsultationDraft
    expect: Expectation
    notes: str = ""


@dataclass(frozen=True)
class CaseResult:
    """How the desk did on one case."""

    case: ConsultationCase
    record: ConsultationRecord
    latency_ms: float

    @property
    def awards(self) -> dict[int, int | float | None]:
        """The record's award amounts by article."""
        return {a.article: a.amount_yuan for a in self.record.awards}

    @property
    def missed(self) -> list[int]:
        """Articles that must match but did not."""
        return [n for n in self.case.expect.articles if n not in self.record.articles]

    @property
    def wrongly_matched(self) -> list[int]:
        """Articles that must not match but did."""
        return [n for n in self.case.expect.absent if n in self.record.articles]

    @property
    def wrong_awards(self) -> list[int]:
        """Articles whose award differs from the expected amount (or is absent)."""
        return [n for n, amount in self.case.expect.awards.items() if n not in self.awards or self.awards[n] != amount]

    @property
    def passed(self) -> bool:
        """Whether every expectation holds."""
        return not (self.missed or self.wrongly_matched or self.wrong_awards)


def load_cases(path: Path) -> list[ConsultationCase]:
    """The cases of a JSONL file; a bad line raises ``ValueError`` naming the file and line."""
    cases: list[ConsultationCase] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            cases.append(ConsultationCase.model_validate_json(line))
        except ValidationError as exc:
            raise ValueError(f"{path} 第 {number} 行格式错误：{exc}") from exc
    return cases


def run_cases(desk: ConsultationDesk, cases: list[ConsultationCase]) -> list[CaseResult]:
    """Build every case's record (not saved) and time it."""
    results: list[CaseResult] = []
    for case in cases:
        started = time.perf_counter()
        record = desk.preview(case.draft)
        results.append(CaseResult(case, record, (time.perf_counter() - started) * 1000))
    return results


def _amount(value: int | float | None) -> str:
    return "未定" if value is None else f"{value:,}"


def summary_lines(results: list[CaseResult]) -> list[str]:
    """The per-case table and the figures, in Chinese."""
    lines = ["| 编号 | 企业 | 匹配条款 | 测算金额（元） | 结果 |", "|---|---|---|---|---|"]
    for r in results:
        awards = "；".join(f"第{n}条 {_amount(v)}" for n, v in r.awards.items() if v is not None) or "—"
        verdict = "通过" if r.passed else f"未通过：缺{r.missed} 误配{r.wrongly_matched} 金额{r.wrong_awards}"
        matched = "、".join(str(n) for n in r.record.articles) or "无"
        lines.append(f"| {r.case.id} | {r.case.draft.enterprise} | {matched} | {awards} | {verdict} |")
    expected = sum(len(r.case.expect.articles) for r in results)
    found = expected - sum(len(r.missed) for r in results)
    absent = sum(len(r.case.expect.absent) for r in results)
    wrong = sum(len(r.wrongly_matched) for r in results)
    award_total = sum(len(r.case.expect.awards) for r in results)
    award_right = award_total - sum(len(r.wrong_awards) for r in results)
    timings = [r.latency_ms for r in results]
    lines += [
        "",
        f"通过：{sum(r.passed for r in results)}/{len(results)}",
        f"应匹配条款召回：{found}/{expected}",
        f"不应匹配却匹配：{wrong}/{absent}",
        f"测算金额精确：{award_right}/{award_total}",
        f"生成记录延迟：p50 {percentile(timings, 50) or 0:.1f} 毫秒，p95 {percentile(timings, 95) or 0:.1f} 毫秒",
    ]
    return lines


def export_all(results: list[CaseResult], directory: Path, settings: Settings) -> list[Path]:
    """Write every record in every format; returns the paths written."""
    directory.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for r in results:
        for fmt in EXPORT_FORMATS:
            exported = export_record(r.record, fmt, pdf_font_path=settings.pdf_font_path)
            path = directory / f"{r.case.id}.{fmt}"
            path.write_bytes(exported.content)
            written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    """Entry point: score the set, print the table, optionally export and check."""
    parser = argparse.ArgumentParser(description="特派员咨询：在标注的企业画像上评测条款匹配与测算")
    parser.add_argument("--set", type=Path, default=CONSULTATION_SET, help="咨询用例 JSONL")
    parser.add_argument("--export", type=Path, default=None, help="把每条记录导出为 md/docx/pdf 到此目录")
    parser.add_argument("--check", action="store_true", help="有用例未通过时以 1 退出")
    args = parser.parse_args(argv)
    settings = get_settings()
    try:
        cases = load_cases(args.set)
        knowledge = Knowledge.load(settings.index_config())
    except (OSError, ValueError) as exc:
        print(f"无法读取用例：{exc}", file=sys.stderr)
        return 2
    except IngestError as exc:
        print(f"无法加载索引：{exc}", file=sys.stderr)
        return 2
    results = run_cases(ConsultationDesk(knowledge, MemoryConsultationStore()), cases)
    print("\n".join(summary_lines(results)))
    if args.export is not None:
        try:
            paths = export_all(results, args.export, settings)
        except ExportError as exc:
            print(f"导出失败：{exc}", file=sys.stderr)
            return 1
        print(f"已导出 {len(paths)} 个文件到 {args.export}")
    if args.check and not all(r.passed for r in results):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
