"""The batch's summary as a short Markdown report for the office that sent the officers."""

from __future__ import annotations

from decimal import Decimal

from assistant.consultation.record import DISCLAIMER, POLICY_TITLE
from assistant.outreach.batch import BatchResult
from assistant.outreach.summary import article_totals, district_totals, visit_plan
from assistant.outreach.workbook import ESTIMATE_NOTE
from assistant.understand.yuan import format_yuan

__all__ = ["REPORT_TOP", "summary_markdown"]

REPORT_TOP = 10


def _yuan(value: float) -> str:
    return format_yuan(Decimal(str(round(value)))) if value > 0 else "—"


def summary_markdown(result: BatchResult, *, top: int = REPORT_TOP) -> str:
    """The report: counts, totals per article and per district, the first visits to make, rows not read."""
    counts = result.counts
    articles = article_totals(result)
    districts = district_totals(result)
    lines = [
        "# 政策找企业：企业名单匹配汇总（预估）",
        "",
        f"依据：{POLICY_TITLE}。名单：{result.source or '—'}；生成日期：{result.made_on.isoformat()}。",
        "",
        f"共读取 {counts.read} 行：{counts.matched} 家企业有适用条款，{counts.unmatched} 家暂无，"
        f"{counts.rejected} 行未能读取。",
        "",
        "## 各条款可覆盖的企业",
        "",
        "| 条款 | 标题 | 企业数 | 预估支持合计 | 责任单位 |",
        "|---|---|---:|---:|---|",
        *(
            f"| {a.label} | {a.title} | {a.enterprises} | {_yuan(a.estimate)} | {'、'.join(a.units)} |"
            for a in articles
        ),
        "",
        "## 各区",
        "",
        "| 所在区 | 企业数 | 有适用条款 | 预估支持合计 |",
        "|---|---:|---:|---:|",
        *(f"| {d.district} | {d.enterprises} | {d.matched} | {_yuan(d.estimate)} |" for d in districts),
        "",
        f"## 优先走访（前 {top} 家）",
        "",
        "| 排名 | 企业 | 所在区 | 适用条款 | 预估支持 | 只差一项事实 | 先问 |",
        "|---:|---|---|---:|---:|---:|---|",
        *(
            f"| {v.rank} | {v.outcome.enterprise} | {v.outcome.profile.district or '—'} | {v.articles} | "
            f"{_yuan(v.estimate)} | {v.one_fact_away} | {'；'.join(v.ask_first) or '—'} |"
            for v in visit_plan(result)[:top]
        ),
    ]
    if result.errors:
        lines += ["", "## 未能读取的行", "", *(f"- {e.text}" for e in result.errors)]
    lines += ["", f"> {ESTIMATE_NOTE}{DISCLAIMER}", ""]
    return "\n".join(lines)
