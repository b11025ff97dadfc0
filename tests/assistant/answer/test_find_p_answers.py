"""Classes the find set of the twenty-fifth round showed (my own wordings): 在里面 pointing back at
the last topic, 几 that counts loosely (前几轮) rather than asks, how far a requirement is reduced,
a bank's own pricing beside a product the policy names, and a claim heard about a unit."""

from __future__ import annotations

import uuid

from assistant.schemas import Answer


def cited(answer: Answer) -> list[int]:
    return list(dict.fromkeys(c.article for c in answer.citations if c.article is not None))


def test_in_it_points_back_at_the_last_topic(assistant):
    session = f"find-p-{uuid.uuid4().hex[:8]}"
    assistant.ask("科技企业并购基金总规模多少？", session_id=session)
    answer = assistant.ask("那政府在其中出资多少？哪家机构来做管理人？", session_id=session)
    assert answer.answerability == "not_in_text" and cited(answer) == [15]


def test_a_loose_count_word_asks_nothing(assistant):
    answer = assistant.ask("参赛企业拿到了风投的钱，是不是能直接进决赛，不用走前几轮？")
    assert answer.answerability == "answered" and not answer.refused and 20 in cited(answer)


def test_how_far_a_requirement_is_reduced_is_not_in_the_text(assistant):
    answer = assistant.ask("政策性担保公司的反担保要求会降低到什么程度？")
    assert answer.answerability == "not_in_text" and answer.refused and 11 in cited(answer)


def test_a_banks_own_rate_is_outside_even_for_a_product_the_policy_names(assistant):
    answer = assistant.ask("建行的知识产权质押贷利息多少？跟招行比哪家便宜？")
    assert answer.answerability == "out_of_scope" and answer.refused and not cited(answer)


def test_a_claim_heard_about_a_unit_is_checked_not_listed(assistant):
    answer = assistant.ask("听说南沙区已经被定为标志性风投创投集聚区了？是第几条规定的")
    assert answer.answerability == "not_in_text" and answer.refused and cited(answer) == [6]
