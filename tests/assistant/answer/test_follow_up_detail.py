"""A follow-up asking a detail of the last topic stays on it (my own wordings): one opening with 具体,
and one whose only words of the text are the last article's (a word of another support's keywords
does not take it elsewhere)."""

from __future__ import annotations

from assistant.schemas import Answer


def cited(answer: Answer) -> list[int]:
    return list(dict.fromkeys(c.article for c in answer.citations if c.article is not None))


def test_a_detail_opening_with_juti_follows_the_last_topic(assistant):
    session = "detail-juti"
    assistant.ask("参加创新创业大赛的企业，拿过创投的钱是不是能直接进决赛？", session_id=session)
    answer = assistant.ask("具体要拿到多少投资才算？门槛是多少？", session_id=session)
    assert answer.refused and cited(answer) == [20]


def test_a_detail_in_the_last_articles_words_follows_it(assistant):
    session = "detail-within"
    assistant.ask("我们想用商标做质押贷款，政府那边有补贴吗？", session_id=session)
    answer = assistant.ask("补贴按贷款利息的几成来算？", session_id=session)
    assert answer.answerability == "not_in_text" and cited(answer) == [12]


def test_a_new_support_named_outright_leaves_the_last_topic(assistant):
    session = "detail-leaves"
    assistant.ask("我们想用商标做质押贷款，政府那边有补贴吗？", session_id=session)
    answer = assistant.ask("那创投机构发债的贴息按什么利率算？", session_id=session)
    assert 1 in cited(answer)
