"""A question that leans on the one before it asks what that one asked (「工信发展基金呢」).

After 「新兴产业发展基金总盘子有多大？」, the text gives no size; 「工信发展基金呢」 asks the size of
another fund, and 「是不是50亿以上」 confirms a size. Neither names what it asks, so each takes the
attributes of the question it leans on and is judged like it: the text does not give them either.
"""

from __future__ import annotations

import dataclasses
import re

from assistant.understand.focus import Ask, Focus
from corpus.focus import AttributeClass, FocusData

__all__ = ["asked_before", "inherit_asked"]

# 「X呢」 and 「是不是1%以下」 are short: a longer question says what it asks in its own words.
_SHORT = 16
_ELLIPSIS = re.compile(r"呢[？?。！!\s]*$")
_FIGURE = re.compile(r"\d|[一二三四五六七八九十百千万亿]+(?:万|亿|%|成|倍)")


def asked_before(data: FocusData, names: list[str]) -> tuple[AttributeClass, ...]:
    """The attribute classes stored by name in the session (unknown names dropped)."""
    by_name = {a.name: a for a in data.attributes.items}
    return tuple(by_name[n] for n in names if n in by_name)


def inherit_asked(focus: Focus, text: str, before: tuple[AttributeClass, ...]) -> Focus:
    """``focus`` with the earlier question's attributes when the question leans on it and asks none itself."""
    if not before or focus.attributes or focus.mention_terms or focus.parts or len(text) > _SHORT:
        return focus
    elliptical = bool(_ELLIPSIS.search(text))
    confirms_figure = focus.confirms and bool(_FIGURE.search(text)) and not focus.names
    if not (elliptical or confirms_figure):
        return focus
    subject = focus.subject or text
    return dataclasses.replace(focus, attributes=before, asks=(Ask(before, subject),))
