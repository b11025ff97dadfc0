"""「澳门这家能拿多少」 after two investors were told: the estimate counts the deal of the one asked."""

from __future__ import annotations

import uuid

from assistant.schemas import Answer


def award(answer: Answer) -> list:
    return [t.result.get("award_yuan") for t in answer.tool_calls if t.result.get("award_yuan") is not None]


def test_one_known_investor_asked_alone_counts_its_deal_alone(assistant):
    session = "scope-" + uuid.uuid4().hex[:8]
    assistant.ask(
        "我们在海珠，初创期科技型中小企业。这轮两家机构：越秀的一家基金投了600万，已到账；"
        "香港的一家股权投资机构签了1000万。",
        session_id=session,
    )
    answer = assistant.ask("香港那家目前到账800万，剩下的还没打。香港这家按现在到账的能拿多少？", session_id=session)
    assert award(answer)[:1] == [120_000]


def test_a_co_investor_named_beside_the_asker_is_not_asked_alone(assistant):
    answer = assistant.ask(
        "我们是南沙的一家创投，跟东莞一家基金联合投了番禺一家初创期的科技型中小企业，"
        "我们到账800万，东莞那家到账400万。东莞那家应该也能拿吧？我们这边能拿多少？"
    )
    assert award(answer)[:1] == [120_000]  # the asker's 800万 × 1.5%, not the co-investor's 400万 alone


def test_we_and_the_other_one_each_is_both(assistant):
    session = "scope-" + uuid.uuid4().hex[:8]
    assistant.ask(
        "我们是顺德的一家创投，今年投了越秀一家初创期科技型中小企业，我们到账1000万。",
        session_id=session,
    )
    assistant.ask("同一轮还有中山的另一家创投跟投，他们到账500万。", session_id=session)
    answer = assistant.ask("我们和中山那家分别能拿多少？加起来一共多少？", session_id=session)
    assert 225_000 in award(answer)  # (1000万 + 500万) × 1.5% together
