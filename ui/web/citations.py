"""Citation cards under a chat answer: each cited article, its full text, the quote marked.

A card is a ``<details class="citation-card article-3" data-article="3">`` whose summary reads
「【第三条】引导社会资本“投早”“投小”」; opened, it shows the article's text with the quoted
sentence in ``<mark>``, its 责任单位 and the documents it cites. When the answer called the
calculator, a ``<details class="calc-card">`` with the steps comes first.

The chat's HTML sanitizer keeps ``class`` but drops ``data-*`` attributes, so in the browser a
card is found by its classes (``.citation-card.article-3``); ``data-article`` serves the
surfaces that render the HTML as is. The sanitizer keeps ``id``, so each card's body carries
the anchor its citation marker in the answer links to (:func:`card_anchors`); following the link
opens the card, as browsers open a ``<details>`` around a fragment's target.

Example:
    >>> html = render_citations(answer, knowledge)  # doctest: +SKIP
    >>> 'data-article="3"' in html  # doctest: +SKIP
    True
"""

from __future__ import annotations

from collections.abc import Mapping

from pydantic import ValidationError

from assistant.answer.award_both import SUM_TOOL
from assistant.awards.result import AwardResult
from assistant.retrieve.knowledge import Knowledge
from assistant.schemas import Answer, Citation, ToolCall
from corpus.awards import load_award_rules
from corpus.numerals import int_to_cn
from corpus.records import Article
from corpus.registry import Registry
from ui.web.awards import award_title, render_award
from ui.web.markup import escape, find_span, highlight

# A rule's tool is named by the rule data; its label says which article's estimate it is (the rule
# label ends in the kind of support: 奖励、补助).
TOOL_LABELS = {
    **{rule.tool: f"第{int_to_cn(rule.article)}条{rule.label[-2:]}测算" for rule in load_award_rules().rules},
    "lookup_unfixed_support": "支持标准查询",
    SUM_TOOL: "各项测算合计",
    "match_enterprise_profile": "按企业画像匹配适用条款",
}


def units_line(units: list[str]) -> str:
    """「责任单位：市科技局、市发展改革委」, or an empty string when there are none."""
    return f"责任单位：{'、'.join(units)}" if units else ""


def references_html(article: Article, registry: Registry | None) -> str:
    """The documents an article cites, as 《title》（文号）, in a ``p.article-refs``."""
    if registry is None or not article.references:
        return ""
    names = []
    for doc_id in article.references:
        doc = registry.get(doc_id)
        if doc is None:
            continue
        number = f"（{escape(doc.number)}）" if doc.number else ""
        names.append(f'<span class="ref-doc" data-doc="{escape(doc.id)}">《{escape(doc.title)}》{number}</span>')
    return f'<p class="article-refs">引用文件：{"；".join(names)}</p>' if names else ""


def article_text_html(article: Article, quotes: list[str], registry: Registry | None = None) -> str:
    """An article's body and 责任单位 line, each quote marked where it occurs.

    Args:
        article: The article (of the policy or of an extra document).
        quotes: Verbatim passages to mark; a quote found neither in the body nor in the units
            line is shown on its own above the text, still marked.
        registry: When given, the documents the article cites are listed too.

    Returns:
        Single-line HTML.
    """
    units = units_line(article.units)
    in_body = [q for q in quotes if find_span(article.body, q) is not None]
    in_units = [q for q in quotes if q not in in_body and units and find_span(units, q) is not None]
    elsewhere = [q for q in quotes if q not in in_body and q not in in_units]
    parts = [f'<blockquote class="citation-quote"><mark>{escape(q)}</mark></blockquote>' for q in elsewhere]
    parts.append(f'<p class="citation-text">{highlight(article.body, in_body)}</p>')
    if units:
        parts.append(f'<p class="citation-units">{highlight(units, in_units)}</p>')
    parts.append(references_html(article, registry))
    return "".join(parts)


def card_anchors(answer: Answer, token: str) -> dict[int, str]:
    """The anchor of each cited policy article's card under one answer: ``{3: "cite-<token>-3"}``.

    Args:
        answer: The answer.
        token: Unique to this answer on the page, so two answers citing one article link apart.

    Returns:
        Article number → element id, for the policy's articles (extra documents' clauses have no marker link).
    """
    numbers = (c.article for c in answer.citations if c.document is None and c.article is not None)
    return {number: f"cite-{token}-{number}" for number in dict.fromkeys(numbers)}


def citation_card(
    article: Article,
    quotes: list[str],
    *,
    registry: Registry | None = None,
    document_title: str | None = None,
    anchor: str | None = None,
) -> str:
    """One ``<details class="citation-card">`` for a cited article.

    Args:
        article: The cited article.
        quotes: The passages the answer quotes from it.
        registry: For listing the documents the article cites.
        document_title: For an extra document's clause, the document's title (shown in the summary).
        anchor: The id of the card's body, the target of the answer's marker link.

    Returns:
        Single-line HTML.
    """
    source = f"《{escape(document_title)}》" if document_title else ""
    part = ""
    if article.part_title and not document_title:
        part_number = escape(article.part_cn or str(article.part))
        part = f'<p class="citation-part">第{part_number}部分 · {escape(article.part_title)}</p>'
    # Policy articles are ``.article-3``; an extra document's clauses are ``.extra-article``.
    if document_title:
        attrs = f'class="citation-card extra-article" data-document="{escape(article.document)}"'
    else:
        attrs = f'class="citation-card article-{article.number}"'
    return (
        f'<details {attrs} data-article="{article.number}">'
        f"<summary>{source}【{escape(article.label)}】{escape(article.title)}</summary>"
        f'<div class="citation-body"{_id(anchor)}>{part}{article_text_html(article, quotes, registry)}</div></details>'
    )


def _id(anchor: str | None) -> str:
    return f' id="{escape(anchor)}"' if anchor else ""


def quote_card(citation: Citation, document_title: str | None, anchor: str | None = None) -> str:
    """A card for a citation whose article cannot be found: the quote alone."""
    heading = f"《{escape(document_title)}》" if document_title else ""
    if citation.title:
        heading += escape(citation.title)
    attrs = 'class="citation-card"'
    if citation.article is not None and citation.document is None:
        attrs = f'class="citation-card article-{citation.article}" data-article="{citation.article}"'
    return (
        f"<details {attrs}><summary>{heading or '引用原文'}</summary>"
        f'<div class="citation-body"{_id(anchor)}>'
        f'<blockquote class="citation-quote"><mark>{escape(citation.quote)}</mark></blockquote>'
        f'<p class="citation-units">{escape(units_line(citation.units))}</p></div></details>'
    )


def render_citations(
    answer: Answer,
    knowledge: Knowledge,
    registry: Registry | None = None,
    anchors: Mapping[int, str] | None = None,
) -> str:
    """All of an answer's citations as cards, one per cited article, in citation order.

    Args:
        answer: The assistant's answer.
        knowledge: For each article's full text.
        registry: When given, each card lists the documents its article cites.
        anchors: Policy article number → the id its card's body carries (:func:`card_anchors`).

    Returns:
        ``<div class="citations">…</div>`` (single-line HTML), or an empty string without citations.
    """
    grouped: dict[tuple[str | None, int | None, str], list[Citation]] = {}
    for citation in answer.citations:
        # Citations of an unknown article are kept apart by their quote.
        key = (citation.document, citation.article, "" if citation.article is not None else citation.quote)
        grouped.setdefault(key, []).append(citation)
    anchors = anchors or {}
    cards: list[str] = []
    for (document, number, _), citations in grouped.items():
        anchor = anchors.get(number) if document is None and number is not None else None
        quotes = list(dict.fromkeys(c.quote for c in citations))
        title = knowledge.document_title(document) if document else None
        article = None
        if number is not None:
            article = knowledge.extra_article(document, number) if document else knowledge.articles.get(number)
        if article is None:
            # Only the first card of an article carries its anchor: ids are unique on a page.
            cards.extend(quote_card(c, title, anchor if i == 0 else None) for i, c in enumerate(citations))
        else:
            cards.append(citation_card(article, quotes, registry=registry, document_title=title, anchor=anchor))
    if not cards:
        return ""
    return f'<div class="citations"><p class="citations-heading">引用条款（点击展开原文）</p>{"".join(cards)}</div>'


def render_tool_calls(answer: Answer) -> str:
    """The calculator calls of an answer as ``<details class="calc-card">`` blocks (closed)."""
    return "".join(tool_call_card(call) for call in answer.tool_calls)


def tool_call_card(call: ToolCall) -> str:
    """One tool call: the calculator's result in full, or just the tool's name for other tools."""
    try:
        result = AwardResult.model_validate(call.result)
    except ValidationError:
        label = TOOL_LABELS.get(call.name, call.name)
        return (
            f'<details class="calc-card" data-tool="{escape(call.name)}">'
            f"<summary>调用工具：{escape(label)}</summary></details>"
        )
    return (
        f'<details class="calc-card" data-tool="{escape(call.name)}">'
        f"<summary>测算过程 · {escape(award_title(result))}</summary>{render_award(result)}</details>"
    )


def answer_extras(
    answer: Answer,
    knowledge: Knowledge,
    registry: Registry | None = None,
    anchors: Mapping[int, str] | None = None,
) -> str:
    """What follows an answer's text in the chat: calculator steps, then the citation cards."""
    return render_tool_calls(answer) + render_citations(answer, knowledge, registry, anchors)
