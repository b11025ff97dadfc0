"""``policy-assistant outreach``: match an enterprise list and write the results workbook and report."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from assistant.settings import Settings
from ingest.errors import IngestError

__all__ = ["cmd_outreach"]


def cmd_outreach(args: argparse.Namespace, settings: Settings) -> int:
    """Match an enterprise list (.xlsx/.csv) and write the results workbook and report; or write the template."""
    from tqdm import tqdm

    from assistant.consultation import ConsultationDesk
    from assistant.consultation.export.base import ExportError
    from assistant.consultation.store import MemoryConsultationStore
    from assistant.outreach import (
        OutreachFileError,
        desk_matcher,
        read_table,
        results_workbook,
        run_batch,
        summary_markdown,
        template_workbook,
    )
    from assistant.outreach.report_pdf import render_summary_pdf
    from assistant.retrieve.knowledge import Knowledge

    if args.template:
        Path(args.template).write_bytes(template_workbook())
        print(f"已写出模板：{args.template}")
        return 0
    if not args.list or not args.out:
        print(
            "请给出企业名单文件和 --out 结果文件，如：policy-assistant outreach 名单.xlsx --out 结果.xlsx",
            file=sys.stderr,
        )
        return 2
    source = Path(args.list)
    try:
        table = read_table(source.read_bytes(), source.name)
    except OSError as exc:
        print(f"无法读取企业名单 {source}：{exc}", file=sys.stderr)
        return 2
    except OutreachFileError as exc:
        print(f"企业名单无效（{source}）：{exc}", file=sys.stderr)
        return 2
    try:
        knowledge = Knowledge.load(settings.index_config())
    except IngestError as exc:
        print(f"无法加载索引：{exc}", file=sys.stderr)
        return 1
    desk = ConsultationDesk(knowledge, MemoryConsultationStore())
    with tqdm(total=len(table.rows), unit="行", desc="匹配", disable=args.quiet, file=sys.stderr) as bar:
        result = run_batch(table, desk_matcher(desk), progress=lambda done, _: bar.update(1), source=source.name)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(results_workbook(result))
    report = Path(args.report) if args.report else out.with_suffix(".md")
    report.write_text(summary_markdown(result), encoding="utf-8")
    written = [str(out), str(report)]
    try:
        report.with_suffix(".pdf").write_bytes(render_summary_pdf(result, font_path=settings.pdf_font_path))
        written.append(str(report.with_suffix(".pdf")))
    except ExportError as exc:
        print(f"未写出 PDF 汇总报告：{exc}", file=sys.stderr)
    counts = result.counts
    for error in result.errors:
        print(error.text, file=sys.stderr)
    print(
        f"读取 {counts.read} 行：匹配 {counts.matched} 家，暂无适用条款 {counts.unmatched} 家，"
        f"未能读取 {counts.rejected} 行。"
    )
    print(f"已写出：{'、'.join(written)}")
    return 0
