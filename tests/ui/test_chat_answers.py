"""The chat's handlers without a browser: Markdown and plain text of an answer, the message id and
suggestions of each answer, feedback stored against a message, and reopening a conversation.

Over the session's real index, with a real SQLite session store (in memory) behind the assistant.
"""

from __future__ import annotations

import re

import pytest

from assistant.answer.answerer import GroundedAnswerer
from assistant.retrieve.hybrid import HybridSearch
from assistant.schemas import Answer, Citation
from assistant.service import PolicyAssistant
from assistant.storage import SqlSessionStore, UnknownFeedbackError, create_engine_for_url
from assistant.storage.tables import FeedbackRow
from ui.web.answer_text import answer_markdown, answer_plain, markdown_escape, markdown_unescape
from ui.web.chat import answer_message, chat_turn, message_text, retry_question
from ui.web.citations import card_anchors, render_citations
from ui.web.conversations import MAX_CONVERSATIONS, conversation_list, forget, remember, reopen
from ui.web.feedback import comment_rating, feedback_rating, rate_answer
from ui.web.records import ChatRecords
from ui.web.suggest import FollowUpRules, load_follow_up_rules, suggest_follow_ups

ARTICLE3_QUOTE = (
    "对粤港澳大湾区股权投资机构投资于我市种子期、初创期科技型中小企业的，"
    "按照实际到账投资额的 1.5% 给予每年最高不超过 500 万元奖励支持。"
)


@pytest.fixture
def store() -> SqlSessionStore:
    return SqlSessionStore(create_engine_for_url("sqlite://"))


@pytest.fixture
def chat(knowledge, store) -> PolicyAssistant:
    """The grounded assistant keeping its sessions in ``store``, as the served app does."""
    return PolicyAssistant(knowledge, GroundedAnswerer(knowledge, HybridSearch(knowledge), this_year=2026), store)


def _final(assistant, question, history=None, session_id=None, records=None):
    *_, (history, session_id) = chat_turn(assistant, question, history or [], session_id, records=records)
    return history, session_id


# -- Markdown and plain text ---------------------------------------------------------------


def test_bullets_become_a_list_amounts_bold_and_markers_links():
    text = "以下条款：\n• 【第三条】甲\n• 【第四条】乙\n预估可获120万元（上限 500 万元）。"
    markdown = answer_markdown(text, {3: "cite-t-3"})
    assert markdown.split("\n\n") == [
        "以下条款：",
        "- [【第三条】](#cite-t-3)甲\n- 【第四条】乙",  # only articles with a card under the answer link
        "预估可获**120万元**（上限 **500 万元**）。",
    ]


def test_a_marker_naming_several_articles_links_each():
    markdown = answer_markdown("见【第三条、第十一条】", {3: "a-3", 11: "a-11"})
    assert markdown == "见【[第三条](#a-3)、[第十一条](#a-11)】"


def test_html_and_markdown_in_the_text_stay_literal():
    markdown = answer_markdown("无法识别「<img src=x>**[点我](javascript:x)**」")
    assert "<img" not in markdown and "](" not in markdown.replace("\\](", "")
    assert markdown_unescape(markdown_escape("<b>*1.5%* [x](y)</b>")) == "<b>*1.5%* [x](y)</b>"


def test_cards_carry_the_anchors_their_markers_link_to(knowledge):
    answer = Answer(answer="按【第三条】…", citations=[Citation(article=3, quote=ARTICLE3_QUOTE)])
    anchors = card_anchors(answer, "tok")
    assert anchors == {3: "cite-tok-3"}
    assert '<div class="citation-body" id="cite-tok-3">' in render_citations(answer, knowledge, anchors=anchors)


def test_plain_text_has_the_answer_and_its_sources_without_markup(knowledge):
    answer = Answer(answer="按【第三条】预估可获120万元。", citations=[Citation(article=3, quote=ARTICLE3_QUOTE)])
    assert answer_plain(answer, knowledge) == (
        "按【第三条】预估可获120万元。\n\n依据：\n"
        f"【第三条】引导社会资本“投早”“投小”：“{ARTICLE3_QUOTE}”（责任单位：市科技局、市发展改革委）"
    )
    declined = Answer(answer="不在范围内。", answerability="out_of_scope")
    assert answer_plain(declined, knowledge) == "〔不在本政策范围内〕\n不在范围内。"


def test_the_final_message_holds_markdown_cards_plain_copy_id_and_suggestions(chat, store):
    history, session_id = _final(chat, "第十四条主要讲什么？", records=store)
    final = history[-1]
    assert final["metadata"]["id"] == store.history(session_id).messages[-1].id
    content = final["content"]
    assert content.startswith('<div class="answer-start answer-done" id="answer-')
    token = re.search(r'id="answer-([0-9a-f]+)"', content).group(1)
    assert f"[【第十四条】](#cite-{token}-14)" in content
    assert f'<div class="citation-body" id="cite-{token}-14">' in content
    plain = re.search(r'<div class="answer-plain" style="display:none">(.*?)</div>', content).group(1)
    assert "&#10;依据：&#10;【第十四条】支持科技企业发债融资：" in plain
    assert {"value": "第十三条主要讲什么？", "label": "相关条款：【第十三条】实施挂牌上市“科创领头羊”工程"} in final[
        "options"
    ]


def test_without_a_store_there_is_no_message_id(assistant):
    history, _ = _final(assistant, "第十四条主要讲什么？")
    assert "metadata" not in history[-1]


# -- suggestions ---------------------------------------------------------------------------


def test_after_an_eligibility_answer_the_award_estimate_is_suggested(chat):
    _, session_id = _final(chat, "我们是南沙的创投机构，今年投了广州两家初创期科技企业，共8000万")
    reply = chat.chat("我们能享受哪些政策？", session_id)
    questions = [s.question for s in suggest_follow_ups(reply.answer, chat.knowledge)]
    assert questions[0] == "第三条的投资奖励能拿多少？"
    estimate = chat.chat(questions[0], session_id)
    assert estimate.answer.intent == "award_calculation"
    assert "120万元" in estimate.answer.answer


def test_suggestions_follow_the_data_not_the_question(knowledge):
    answer = Answer(answer="…", intent="article_lookup", citations=[Citation(article=11, quote="…")])
    shipped = [s.question for s in suggest_follow_ups(answer, knowledge)]
    assert shipped == ["第十一条的注册资本金补助能拿多少？", "第十条主要讲什么？", "第十二条主要讲什么？"]
    data = load_follow_up_rules().model_dump()
    data["next"] = [{"after": ["article_lookup"], "about": "first_article", "question": "{title}找谁？", "label": "问"}]
    data["related"]["count"] = 1
    rules = FollowUpRules.model_validate(data)
    assert [s.question for s in suggest_follow_ups(answer, knowledge, rules=rules)] == [
        "完善政策性融资担保体系找谁？",
        "第十条主要讲什么？",
    ]
    # Already asked in the conversation: not suggested again.
    assert "第十条主要讲什么？" not in [
        s.question for s in suggest_follow_ups(answer, knowledge, asked=["第十条主要讲什么"])
    ]


def test_no_suggestions_when_the_answer_asks_back_or_cites_nothing(knowledge):
    asking = Answer(
        answer="…", intent="award_calculation", citations=[Citation(article=3, quote="…")], follow_up="多少？"
    )
    assert suggest_follow_ups(asking, knowledge) == []
    assert suggest_follow_ups(Answer(answer="…", answerability="out_of_scope"), knowledge) == []


# -- feedback against a message ------------------------------------------------------------


def test_a_rating_reaches_the_rated_message_then_takes_a_comment(chat, store):
    history, session_id = _final(chat, "第十四条主要讲什么？", records=store)
    history, _ = _final(chat, "第十一条讲什么？", history, session_id, records=store)
    first = rate_answer(store, session_id, history, 1, True, {})
    assert first.pending is not None and "好评" in first.status
    assert comment_rating(store, first.pending, "  讲得清楚  ") == "已收到您的意见，谢谢！"
    second = rate_answer(store, session_id, history, 3, "Dislike", first.ratings)
    with store._reading() as session:
        rows = session.query(FeedbackRow).order_by(FeedbackRow.id).all()
        stored = [(r.message_id, r.rating, r.comment) for r in rows]
    ids = [m.id for m in store.history(session_id).messages if m.role == "assistant"]
    assert stored == [(ids[0], 1, "讲得清楚"), (ids[1], -1, None)]
    # Switching thumbs replaces the rating; clicking the same one again takes it back.
    switched = rate_answer(store, session_id, history, 3, True, second.ratings)
    undone = rate_answer(store, session_id, history, 3, "", switched.ratings)
    assert undone.status == "已撤回对这条回答的评价。" and undone.pending is None
    with store._reading() as session:
        assert [(r.message_id, r.rating) for r in session.query(FeedbackRow).all()] == [(ids[0], 1)]


def test_feedback_without_a_question_or_a_rating(store):
    assert rate_answer(store, None, [], 0, True, {}).status == "请先提问，再对回答评价。"
    assert comment_rating(store, None, "意见") == "请先点赞或点踩，再补充意见。"
    assert [feedback_rating(v) for v in (True, False, "Like", "Dislike", None, "")] == [1, -1, 1, -1, None, None]


def test_the_store_comments_and_withdraws_a_rating(chat, store):
    reply = chat.chat("第十四条主要讲什么？")
    feedback_id = store.add_feedback(reply.session_id, 1)
    store.comment_feedback(feedback_id, " 有用 ")
    store.withdraw_feedback(feedback_id)
    store.withdraw_feedback(feedback_id)  # twice is harmless
    with pytest.raises(UnknownFeedbackError):
        store.comment_feedback(feedback_id, "晚了")
    assert isinstance(store, ChatRecords)


# -- conversations -------------------------------------------------------------------------


def test_the_browser_list_is_newest_first_and_titled_by_the_first_question():
    items = remember([], "s1", "我们是珠海的创投机构，投了一家初创期企业，想问问第三条的奖励怎么申请")
    items = remember(items, "s2", "第十四条主要讲什么？")
    items = remember(items, "s1", "投资额8000万，能拿多少？")  # a later question keeps the title
    assert items == [
        {"id": "s1", "title": "我们是珠海的创投机构，投了一家初创期企业，想问问第三条的奖…"},
        {"id": "s2", "title": "第十四条主要讲什么？"},
    ]
    assert forget(items, "s1") == [{"id": "s2", "title": "第十四条主要讲什么？"}]


def test_the_browser_list_is_read_defensively():
    stored = [
        {"id": "s1", "title": "甲"},
        {"id": "s1", "title": "重复"},
        "x",
        {"id": 3},
        {"id": "s" * 65, "title": "长"},
    ]
    assert conversation_list(stored) == [{"id": "s1", "title": "甲"}]
    assert conversation_list("not a list") == []
    assert len(conversation_list([{"id": f"s{i}", "title": "t"} for i in range(80)])) == MAX_CONVERSATIONS


def test_reopening_shows_the_conversation_and_continues_its_session(chat, store, knowledge):
    history, session_id = _final(chat, "我们是珠海的创投机构，投了一家初创期企业", records=store)
    history, _ = _final(chat, "第十四条主要讲什么？", history, session_id, records=store)
    reopened = reopen(store, knowledge, session_id)
    assert [m["role"] for m in reopened] == ["user", "assistant", "user", "assistant"]
    assert message_text(reopened[0]) == "我们是珠海的创投机构，投了一家初创期企业"
    assert reopened[3]["metadata"] == history[3]["metadata"]  # the same stored message: feedback reaches it
    assert "citation-card article-14" in reopened[3]["content"]
    later, same = _final(chat, "投资额8000万，能拿多少？", reopened, session_id, records=store)
    assert same == session_id and "120万元" in later[-1]["content"]
    assert reopen(store, knowledge, "never-issued") is None


def test_retry_asks_the_question_again_without_its_old_answer(chat, store):
    history, _ = _final(chat, "<第十四条> 讲什么*", records=store)
    before, question = retry_question(history, 0)
    assert before == [] and question == "<第十四条> 讲什么*"
    answer = answer_message(Answer(answer="…"), chat.knowledge)
    assert "metadata" not in answer and "options" not in answer


def test_a_reopened_id_the_server_never_issued_starts_a_new_session(chat, store):
    # The page's conversation list lives in the browser, so the id it sends back is the client's word.
    _, planted = _final(chat, "第三条讲什么？", session_id="planted-by-a-browser", records=store)
    assert planted != "planted-by-a-browser"
    assert store.history("planted-by-a-browser") is None
    _, issued = _final(chat, "第十四条主要讲什么？", session_id=planted, records=store)
    assert issued == planted  # an id the server issued continues
