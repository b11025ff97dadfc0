"""Small HTML helpers shared by the page's renderers: escaping and highlighting verbatim text.

Everything the page renders goes through :func:`escape` first, so text from the corpus or the
user can never inject markup. The renderers emit single-line HTML: the chat renders answers as
Markdown, where a blank line would end an HTML block.

Example:
    >>> highlight("甲乙丙丁", ["乙丙"])
    '甲<mark>乙丙</mark>丁'
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence


def escape(text: str) -> str:
    """Escape ``text`` for HTML element content and attribute values."""
    return html.escape(text, quote=True)


def find_span(text: str, needle: str) -> tuple[int, int] | None:
    """Where ``needle`` occurs in ``text``, ignoring differences in whitespace.

    The corpus keeps spaces around figures (“投资额的 1.5% 给予”) that a quote may or may not
    repeat, so an exact search falls back to one that lets whitespace vary.

    Args:
        text: The text to search.
        needle: The passage to find.

    Returns:
        ``(start, end)`` in ``text``, or None when the passage does not occur.
    """
    needle = needle.strip()
    if not needle:
        return None
    start = text.find(needle)
    if start >= 0:
        return start, start + len(needle)
    chars = [ch for ch in needle if not ch.isspace()]
    if not chars:
        return None
    match = re.search(r"\s*".join(re.escape(ch) for ch in chars), text)
    return (match.start(), match.end()) if match else None


def merge_spans(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sort spans and merge the ones that overlap or touch."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def highlight(text: str, needles: Sequence[str], *, css_class: str | None = None) -> str:
    """Escape ``text`` and wrap the first occurrence of each needle in ``<mark>``.

    Args:
        text: Plain text (line breaks become ``<br>``).
        needles: Passages to mark; ones not found are ignored.
        css_class: An optional class for the ``<mark>`` elements.

    Returns:
        Single-line HTML.
    """
    spans = [span for needle in needles if (span := find_span(text, needle)) is not None]
    return mark_spans(text, spans, css_class=css_class)


def highlight_terms(text: str, terms: Sequence[str]) -> str:
    """Escape ``text`` and mark every occurrence of each search term, ignoring case."""
    spans = [
        (m.start(), m.end()) for term in terms if term for m in re.finditer(re.escape(term), text, flags=re.IGNORECASE)
    ]
    return mark_spans(text, spans)


def mark_spans(text: str, spans: Iterable[tuple[int, int]], *, css_class: str | None = None) -> str:
    """Escape ``text``, wrapping the given character spans in ``<mark>`` and line breaks as ``<br>``."""
    opening = f'<mark class="{escape(css_class)}">' if css_class else "<mark>"
    pieces: list[str] = []
    position = 0
    for start, end in merge_spans(spans):
        pieces.append(_lines(text[position:start]))
        pieces.append(opening + _lines(text[start:end]) + "</mark>")
        position = end
    pieces.append(_lines(text[position:]))
    return "".join(pieces)


def _lines(text: str) -> str:
    return "<br>".join(escape(line) for line in text.split("\n"))
