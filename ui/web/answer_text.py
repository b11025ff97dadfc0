r"""An answer's text for the chat: Markdown to show, plain text to copy.

The answerer writes plain lines: sentences, 「• 」 bullets, amounts such as 「120万元」 and
citation markers such as 【第三条】 or 【第三条、第十一条】. :func:`answer_markdown` turns them
into Markdown that Gradio's chat renders: bullets become a list, amounts bold, and each article
in a marker a link to that article's card under the same answer (``#cite-…``, see
:func:`ui.web.citations.card_anchors`). Everything else is escaped, so neither HTML nor Markdown
in the text (the user's words can be quoted back) ever becomes markup.

:func:`answer_plain` is what the copy button puts on the clipboard: the answer and its sources,
no HTML, no Markdown.

Example:
    >>> answer_markdown("预估可获120万元。\n• 【第三条】甲", {3: "cite-a-3"})
    '预估可获**120万元**。\n\n- [【第三条】](#cite-a-3)甲'
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator, Mapping

from assistant.retrieve.knowledge import Knowledge
from assistant.schemas import Answer, Citation
from corpus.numerals import cn_to_int

# A decline looks different from an answer: a badge says which of the two it is.
OUTCOME_BADGES = {
    "not_in_text": "原文未规定所问事项",
    "out_of_scope": "不在本政策范围内",
}

_MARKER = re.compile(r"【([^【】\n]{1,80})】")
_ARTICLE_REF = re.compile(r"第([零〇一二两三四五六七八九十百\d]+)条")
# A sum of money as the answers write it: 120万元, 500 万元, 1.2亿元, 3,000,000元.
_AMOUNT = re.compile(r"\d[\d,]*(?:\.\d+)?\s*(?:[千百]?万|亿|千)?元")
_BULLET = re.compile(r"^\s*[•·●▪◦]\s*")
_NUMBERED = re.compile(r"^\s*(\d{1,2})[.、．)）]\s*")
# ASCII punctuation Markdown could read as syntax; a backslash makes each literal.
_MARKDOWN_CHARS = re.compile(r"([\\`*_\[\]{}()#+\-.!|~>])")
_MARKDOWN_ESCAPED = re.compile(r"\\([\\`*_\[\]{}()#+\-.!|~>])")


def markdown_escape(text: str) -> str:
    r"""``text`` as literal Markdown: HTML escaped, Markdown punctuation backslashed.

    >>> print(markdown_escape("<b>**1.5%**</b>"))
    &lt;b&gt;\*\*1\.5%\*\*&lt;/b&gt;
    """
    return _MARKDOWN_CHARS.sub(r"\\\1", html.escape(text, quote=False))


def markdown_unescape(text: str) -> str:
    """The text :func:`markdown_escape` was given (the chat keeps the user's question escaped).

    >>> markdown_unescape(markdown_escape("<第3条> 1.5% *注*"))
    '<第3条> 1.5% *注*'
    """
    return html.unescape(_MARKDOWN_ESCAPED.sub(r"\1", text))


def article_number(label: str) -> int | None:
    """3 for 「第三条」 or 「第3条」; None when ``label`` is not an article reference."""
    match = _ARTICLE_REF.fullmatch(label.strip())
    if match is None:
        return None
    digits = match.group(1)
    return int(digits) if digits.isdigit() else cn_to_int(digits)


def answer_markdown(text: str, links: Mapping[int, str] | None = None) -> str:
    """The answer as Markdown: lists, bold amounts, citation markers linked to their cards.

    Args:
        text: The answer's plain text (or the part of it streamed so far).
        links: Article number → the id of its card under this answer; articles not in it stay text.

    Returns:
        Markdown in which only the lists, the bold amounts and the links are markup.
    """
    links = links or {}
    blocks: list[str] = []
    kind = None  # "text", "list", or None after a blank line
    for line in text.split("\n"):
        if not line.strip():
            kind = None
            continue
        item = _list_item(line)
        if item is None:
            line_kind, rendered = "text", _inline(line.strip(), links)
        else:
            line_kind, rendered = "list", f"{item[0]} {_inline(item[1], links)}"
        if kind == line_kind and blocks:
            # Lines of one paragraph stay one paragraph: the chat renders the line break.
            blocks[-1] += "\n" + rendered
        else:
            blocks.append(rendered)
        kind = line_kind
    return "\n\n".join(blocks)


def _list_item(line: str) -> tuple[str, str] | None:
    """``("-", rest)`` for a bullet line, ``("2.", rest)`` for a numbered one, None otherwise."""
    bullet = _BULLET.match(line)
    if bullet:
        return "-", line[bullet.end() :].strip()
    numbered = _NUMBERED.match(line)
    if numbered and line[numbered.end() :].strip():
        return f"{numbered.group(1)}.", line[numbered.end() :].strip()
    return None


def _inline(text: str, links: Mapping[int, str]) -> str:
    """One line's Markdown: markers become links, amounts bold, the rest literal."""
    out: list[str] = []
    position = 0
    for match in _MARKER.finditer(text):
        out.append(_amounts(text[position : match.start()]))
        out.append(_marker(match.group(1), links))
        position = match.end()
    out.append(_amounts(text[position:]))
    return "".join(out)


def _amounts(text: str) -> str:
    out: list[str] = []
    position = 0
    for match in _AMOUNT.finditer(text):
        out.append(markdown_escape(text[position : match.start()]))
        out.append(f"**{markdown_escape(match.group(0))}**")
        position = match.end()
    out.append(markdown_escape(text[position:]))
    return "".join(out)


def _marker(inner: str, links: Mapping[int, str]) -> str:
    """【…】 with each linkable 「第X条」 in it linked; the whole marker is the link when it names one article."""
    number = article_number(inner)
    if number is not None and number in links:
        return f"[【{markdown_escape(inner)}】](#{links[number]})"
    out: list[str] = []
    position = 0
    for match in _ARTICLE_REF.finditer(inner):
        target = links.get(article_number(match.group(0)) or 0)
        if target is None:
            continue
        out.append(markdown_escape(inner[position : match.start()]))
        out.append(f"[{markdown_escape(match.group(0))}](#{target})")
        position = match.end()
    out.append(markdown_escape(inner[position:]))
    return f"【{''.join(out)}】"


def answer_plain(answer: Answer, knowledge: Knowledge) -> str:
    """What the copy button copies: the decline's badge, the answer, then 「依据：」 and each source.

    Args:
        answer: The assistant's answer.
        knowledge: For the titles and 责任单位 of the cited articles.

    Returns:
        Plain text, one source a line (label, title, the quoted sentences, 责任单位).
    """
    parts: list[str] = []
    badge = OUTCOME_BADGES.get(answer.answerability)
    if badge:
        parts.append(f"〔{badge}〕")
    parts.append(answer.answer.strip())
    sources = list(_source_lines(answer, knowledge))
    if sources:
        parts.append("\n依据：\n" + "\n".join(sources))
    return "\n".join(parts)


def _source_lines(answer: Answer, knowledge: Knowledge) -> Iterator[str]:
    grouped: dict[tuple[str | None, int | None, str], list[Citation]] = {}
    for citation in answer.citations:
        key = (citation.document, citation.article, "" if citation.article is not None else citation.quote)
        grouped.setdefault(key, []).append(citation)
    for (document, number, _), citations in grouped.items():
        quotes = "".join(f"“{q}”" for q in dict.fromkeys(c.quote.strip() for c in citations) if q)
        units = citations[0].units
        if number is None:
            heading = citations[0].title or "引用原文"
        elif document is None and number in knowledge.articles:
            article = knowledge.articles[number]
            heading, units = f"【{article.label}】{article.title}", article.units or units
        else:
            source = knowledge.document_title(document) if document else None
            heading = (f"《{source}》" if source else "") + (citations[0].title or f"第{number}条")
        line = f"{heading}：{quotes}" if quotes else heading
        yield line + (f"（责任单位：{'、'.join(units)}）" if units else "")
