"""「下一条」「上一条」 after a turn about one article (my own wordings)."""

from __future__ import annotations

import pytest

from assistant.understand.relative_articles import relative_articles
from corpus.focus import load_focus


@pytest.mark.parametrize(
    ("text", "last", "found"),
    [
        ("那下一条讲什么", [20], (21,)),
        ("上一条的责任单位是谁", [20], (19,)),
        ("紧接着那条呢，跟它的牵头单位一样吗", [7], (7, 8)),
        ("下一条呢", [32], ()),  # there is no 第三十三条
        ("下一条呢", [5, 6], ()),  # after two articles, 「下一条」 says not which
        ("这条的责任单位是谁", [9], ()),  # no relative word: the follow-up reader's work
    ],
)
def test_relative_articles(text, last, found):
    assert relative_articles(text, last, load_focus(), 32) == found
