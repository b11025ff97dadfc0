"""「具体是超过X%的部分给补贴吗」: a detail with a figure the article does not give is not confirmed (my own wording)."""

from __future__ import annotations

from assistant.schemas import Answer


def cited(answer: Answer) -> list[int]:
    return list(dict.fromkeys(c.article for c in answer.citations if c.article is not None))


def test_a_figure_asked_to_be_confirmed_that_the_article_lacks_is_not_in_the_text(assistant):
    answer = assistant.ask("高端风投创投人才的个税优惠，具体是超过20%的部分给返还吗？")
    assert answer.answerability == "not_in_text" and answer.refused and cited(answer) == [5]


def test_a_figure_the_article_gives_is_confirmed(assistant):
    answer = assistant.ask("第三条的投资奖励具体是按实际到账额的1.5%给吗？")
    assert answer.answerability == "answered" and 3 in cited(answer)
