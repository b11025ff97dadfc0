"""A question leaning on the one before takes what that one asked, and only then."""

from __future__ import annotations

import pytest

from assistant.understand.ellipsis import asked_before, inherit_asked
from assistant.understand.focus import FocusReader

READER = FocusReader.default()
SIZE = asked_before(READER.data, ["规模或总额", "没有这一类"])


def test_stored_names_become_the_attribute_classes() -> None:
    assert [a.name for a in SIZE] == ["规模或总额"]


@pytest.mark.parametrize("text", ["那工信发展基金呢", "是不是50亿以上", "是100亿吧"])
def test_an_ellipsis_or_a_bare_figure_to_confirm_takes_the_earlier_attributes(text: str) -> None:
    focus = inherit_asked(READER.read(text), text, SIZE)
    assert [a.name for a in focus.attributes] == ["规模或总额"]
    assert focus.asks and focus.asks[0].attributes == SIZE


@pytest.mark.parametrize(
    "text",
    [
        "那哪个部门负责",  # asks something of its own kind (no ellipsis, no figure)
        "申报截止时间呢",  # asks its own attribute
        "那第三条和第十一条分别是谁负责的呢，能不能都列一下给我看看",  # too long to lean on
    ],
)
def test_a_question_that_asks_for_itself_keeps_its_own_focus(text: str) -> None:
    own = READER.read(text)
    assert inherit_asked(own, text, SIZE) == own


def test_nothing_is_taken_when_the_earlier_question_was_answered() -> None:
    own = READER.read("那工信发展基金呢")
    assert inherit_asked(own, "那工信发展基金呢", ()) == own
