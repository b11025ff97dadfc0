"""「其中…的那条」 after a list: the one listed article the qualifier points at (my own wordings)."""

from __future__ import annotations

import uuid

from assistant.schemas import Answer


def cited(answer: Answer) -> list[int]:
    return list(dict.fromkeys(c.article for c in answer.citations if c.article is not None))


def test_one_of_the_listed_articles_told_by_its_topic(assistant):
    session = "among-" + uuid.uuid4().hex[:8]
    assistant.ask("哪些条款提到知识产权？", session_id=session)
    answer = assistant.ask("其中讲证券化的那条是谁负责？", session_id=session)
    assert cited(answer) == [16]


def test_one_of_the_listed_articles_told_by_a_partner(assistant):
    session = "among-" + uuid.uuid4().hex[:8]
    assistant.ask("意见里哪些条款提到越秀区？", session_id=session)
    answer = assistant.ask("其中跟港澳合作有关的那条讲了什么？", session_id=session)
    assert cited(answer) == [19]
