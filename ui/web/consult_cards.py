"""HTML for the 特派员 tab: matched-policy cards, the 尚需补充 list, the empty state and the saved line.

A card is a ``<details class="consult-card article-3" data-article="3">`` whose summary reads
「【第三条】引导社会资本“投早”“投小”」 with the estimated amount as a badge; opened, it shows why
the article applies, each condition met ✓ / not met ✗ / unknown ？ (the calculator's
``li.condition`` items), the estimate and its steps, the verbatim text and the 责任单位. The cards
look like the chat's citation cards (same border, summary and quote styles).

Example:
    >>> html = render_matches(desk.preview(draft))  # doctest: +SKIP
    >>> 'class="consult-card article-3"' in html  # doctest: +SKIP
    True
"""

from __future__ import annotations

from collections.abc import Sequence

from assistant.consultation import AwardEstimate, ConsultationRecord, MatchedArticle
from corpus.numerals import int_to_cn
from ui.web.awards import condition_item
from ui.web.citations import units_line
from ui.web.markup import escape

__all__ = ["article_labels", "match_card", "render_matches", "saved_html"]

# What to ask for when a profile matches nothing and the matcher names no missing fact.
# Each names the profile field it asks for, so a field already filled is not asked again.
DEFAULT_SUGGESTIONS: tuple[tuple[str, str], ...] = (
    ("kind", "企业（机构）类型，如 科技型中小企业、创投机构、融资担保机构"),
    ("district", "所在区，如 南沙区、黄埔区"),
    ("stage", "发展阶段：种子期 / 初创期 / 成长期 / 成熟期"),
    ("needs", "主要需求，如 贷款、股权融资、上市、知识产权质押"),
    ("recent_financing", "近期融资或投资情况，如「今年获得A轮融资3000万」"),
)
FREE_TEXT_HINT = (
    "也可以在「企业情况与需求」中用一两句话描述，如「我们是黄埔的科技型中小企业，"
    "有5项发明专利，想做知识产权质押贷款」，系统会从中识别类型、所在地、知识产权和需求。"
)
# Profile rows the chips leave out: the name is the heading, the free text is long.
_HIDDEN_PROFILE_ROWS = frozenset({"企业名称", "企业自述"})
MAX_LABELS_SHOWN = 4


def article_labels(numbers: Sequence[int], limit: int = MAX_LABELS_SHOWN) -> str:
    """「第三条、第一条、第五条」, shortened to 「…等 6 条」 after ``limit`` labels."""
    labels = [f"第{int_to_cn(n)}条" for n in numbers]
    if len(labels) > limit:
        return f"{'、'.join(labels[:limit])} 等 {len(labels)} 条"
    return "、".join(labels)


def _badge(award: AwardEstimate | None) -> str:
    if award is None:
        return ""
    if award.amount_yuan is not None:
        text = award.amount_text if award.is_ceiling else f"预估 {award.amount_text}"
        return f'<span class="consult-badge consult-badge-amount">{escape(text)}</span>'
    text = "按现行政策核定" if award.decided_by else award.amount_text
    return f'<span class="consult-badge">{escape(text)}</span>'


def _award_html(award: AwardEstimate) -> str:
    heading = "补助上限" if award.is_ceiling else "预估金额"
    if award.amount_yuan is None:
        heading = "支持标准"
    parts = [
        '<div class="consult-award award-result">',
        f'<p class="award-headline">{heading}：<strong class="award-amount">{escape(award.amount_text)}</strong></p>',
    ]
    if award.steps:
        steps = "".join(f"<li>{escape(step)}</li>" for step in award.steps)
        parts.append(f'<ol class="award-steps">{steps}</ol>')
    if award.decided_by and award.decided_by not in award.steps:
        parts.append(f'<p class="award-decided-by">{escape(award.decided_by)}</p>')
    if award.missing:
        parts.append(f'<p class="award-missing">还需确认：{escape("、".join(award.missing))}</p>')
    parts.append("</div>")
    return "".join(parts)


def match_card(match: MatchedArticle, award: AwardEstimate | None = None, *, opened: bool = False) -> str:
    """One matched article as ``<details class="consult-card article-N">``.

    Args:
        match: The matched article (reason, conditions, benefit, verbatim quotes, units).
        award: The calculator's estimate for it, if the article has an award rule.
        opened: Whether the card starts open.

    Returns:
        Single-line HTML.
    """
    parts = [
        f'<details class="consult-card article-{match.article}" data-article="{match.article}"'
        f"{' open' if opened else ''}>",
        f'<summary><span class="consult-label">【{escape(match.label)}】</span>'
        f'<span class="consult-title">{escape(match.title)}</span>{_badge(award)}</summary>',
        '<div class="consult-body">',
    ]
    if match.part:
        parts.append(f'<p class="citation-part">{escape(match.part)}</p>')
    if match.reason:
        parts.append(f'<p class="consult-reason"><span class="consult-key">匹配理由</span>{escape(match.reason)}</p>')
    if match.benefit:
        parts.append(f'<p class="consult-benefit"><span class="consult-key">支持内容</span>{escape(match.benefit)}</p>')
    if match.conditions:
        rows = "".join(condition_item(c.label, c.status, c.reason) for c in match.conditions)
        parts.append(f'<p class="award-section">条件核对</p><ul class="award-conditions">{rows}</ul>')
    if award is not None:
        parts.append(_award_html(award))
    if match.quotes:
        quotes = "".join(f'<blockquote class="citation-quote">{escape(q)}</blockquote>' for q in match.quotes)
        parts.append(f'<p class="award-section">政策原文（{escape(match.citation)}）</p>{quotes}')
    units = units_line(match.units)
    if units:
        parts.append(f'<p class="citation-units">{escape(units)}</p>')
    parts.append("</div></details>")
    return "".join(parts)


def _list_section(css_class: str, heading: str, items: Sequence[str]) -> str:
    rows = "".join(f"<li>{item}</li>" for item in items)
    return f'<div class="{css_class}"><p class="consult-section">{heading}</p><ul>{rows}</ul></div>'


def _profile_chips(record: ConsultationRecord) -> str:
    chips = [
        f'<span class="consult-chip"><span class="consult-chip-key">{escape(label)}</span>{escape(value)}</span>'
        for label, value in record.profile_summary
        if label not in _HIDDEN_PROFILE_ROWS
    ]
    return f'<div class="consult-profile">{"".join(chips)}</div>' if chips else ""


def _summary_line(record: ConsultationRecord) -> str:
    priced = [a for a in record.awards if a.amount_yuan]
    amounts = "；".join(f"{escape(a.label)} {escape(a.amount_text)}" for a in priced)
    estimate = f"，可测算金额：{amounts}" if priced else ""
    return (
        f'<p class="consult-summary">为「{escape(record.enterprise)}」匹配到 '
        f"<strong>{len(record.matches)}</strong> 条政策，按相关程度排列{estimate}。点击条款查看理由、条件和原文。</p>"
    )


def _empty_state(record: ConsultationRecord) -> str:
    unfilled = [text for name, text in DEFAULT_SUGGESTIONS if not getattr(record.profile, name)]
    suggestions = [escape(item) for item in record.missing] or [escape(item) for item in unfilled]
    head = '<div class="consult-empty" role="status"><p class="consult-empty-title">暂未匹配到适用的政策条款</p>'
    if not suggestions:
        return (
            f"{head}<p>根据目前填写的信息，《若干意见》中暂无适用于「{escape(record.enterprise)}」的条款。"
            "如有融资、上市、知识产权等具体需求，可在「企业情况与需求」中补充后再匹配。</p></div>"
        )
    return (
        f"{head}<p>根据目前填写的信息，还不能确定哪些条款适用于「{escape(record.enterprise)}」。"
        "请补充以下信息后再点「匹配政策」：</p>"
        f"<ul>{''.join(f'<li>{item}</li>' for item in suggestions)}</ul>"
        f'<p class="calc-hint">{escape(FREE_TEXT_HINT)}</p></div>'
    )


def _excluded_section(record: ConsultationRecord) -> str:
    """The articles a stated fact rules out, each with why (「贵机构位于北京，不属于粤港澳大湾区」)."""
    if not record.excluded:
        return ""
    items = [
        f'<span class="consult-unit">【{escape(e.label)}】{escape(e.title)}</span>：{escape(e.reason)}'
        for e in record.excluded
    ]
    return _list_section("consult-excluded", "经核对不适用", items)


def render_matches(record: ConsultationRecord, *, notices: Sequence[str] = ()) -> str:
    """The tab's result area for a (previewed or saved) record.

    Args:
        record: The record; its matches are in ranking order.
        notices: Short lines shown above the cards (e.g. a chat session that was not found).

    Returns:
        ``div.consult-result`` (single-line HTML): a summary line, the profile as chips, one card
        per matched article (the first open), 尚需补充, the 责任单位 to contact and the disclaimer;
        or the empty state (``div.consult-empty``) when nothing matched.
    """
    notes = "".join(f'<p class="consult-notice">{escape(n)}</p>' for n in notices)
    if not record.matches:
        excluded = _excluded_section(record)
        return (
            f'<div class="consult-result" data-count="0">{notes}{_profile_chips(record)}{_empty_state(record)}'
            f"{excluded}</div>"
        )
    awards = {a.article: a for a in record.awards}
    cards = "".join(match_card(m, awards.get(m.article), opened=index == 0) for index, m in enumerate(record.matches))
    parts = [
        f'<div class="consult-result" data-count="{len(record.matches)}">',
        notes,
        _summary_line(record),
        _profile_chips(record),
        f'<div class="consult-cards">{cards}</div>',
    ]
    if record.missing:
        parts.append(_list_section("consult-missing", "尚需补充", [escape(m) for m in record.missing]))
    parts.append(_excluded_section(record))
    if record.contacts:
        contacts = [
            f'<span class="consult-unit">{escape(c.unit)}</span>：{escape("、".join(c.articles))}'
            for c in record.contacts
        ]
        parts.append(_list_section("consult-contacts", "对接责任单位", contacts))
    parts.append(f'<p class="award-note">注：{escape(record.disclaimer)}</p></div>')
    return "".join(parts)


def saved_html(record: ConsultationRecord, *, action: str = "已保存", problems: Sequence[str] = ()) -> str:
    """The line under the save button: the record id and what the record holds.

    Args:
        record: The saved record.
        action: 「已保存」 after saving, 「已打开」 when reopened from the history.
        problems: Exports that could not be written, shown as warnings.

    Returns:
        ``div.consult-saved`` (single-line HTML).
    """
    officers = "、".join(o.name for o in record.officers) or "未填写"
    matched = article_labels(record.articles) or "无"
    return (
        f'<div class="consult-saved" role="status" data-record="{escape(record.id or "")}">'
        f'<p><span class="consult-saved-mark">✓</span> {escape(action)}咨询记录，编号 '
        f'<code class="record-id">{escape(record.id or "")}</code></p>'
        f'<p class="consult-saved-meta">{escape(record.enterprise)} · {record.date.isoformat()} · '
        f"特派员：{escape(officers)} · 匹配条款：{escape(matched)}</p>"
        '<p class="consult-saved-meta">可在下方下载 DOCX / PDF / Markdown 文件。</p>'
        + "".join(f'<p class="consult-export-error" role="alert">{escape(p)}</p>' for p in problems)
        + "</div>"
    )
