"""Articles named by where they stand from the last one: 「下一条呢」 after 第十一条 is 第十二条.

Only when the last turn was about one article; 「跟刚才那条一样吗」 in the same message asks that
article too. The words are data (``focus.json`` → ``relative_articles``).

Example:
    >>> from corpus.focus import load_focus
    >>> relative_articles("ok 下一条呢？讲的啥", [11], load_focus(), 32)
    (12,)
"""

from __future__ import annotations

from collections.abc import Sequence

from corpus.focus import FocusData

__all__ = ["relative_articles"]


def relative_articles(text: str, last: Sequence[int], data: FocusData, count: int) -> tuple[int, ...]:
    """The article numbers ``text`` names relative to ``last`` (the last turn's), or () when none."""
    words = data.relative_articles
    if words is None or len(set(last)) != 1:
        return ()
    after, before, back = words.patterns
    current = last[0]
    step = 1 if after.search(text) else -1 if before.search(text) else 0
    target = current + step
    if step == 0 or not 1 <= target <= count:
        return ()
    # 「那它下一条广佛那个，负责单位比它多了哪个」: the last article is asked beside the next one.
    return (current, target) if back.search(after.sub("", before.sub("", text))) else (target,)
