"""The web page's handlers, without a browser: citation cards, calculator forms, browser tab, chat."""

from __future__ import annotations

import re

import pytest

from assistant.schemas import Answer, Citation
from corpus.registry import load_registry
from ui.web.browse import filter_articles, render_catalog, search_terms
from ui.web.chat import chat_turn, stream_pieces
from ui.web.citations import answer_extras, render_citations, render_tool_calls
from ui.web.markup import find_span, highlight

ARTICLE3_QUOTE = (
    "对粤港澳大湾区股权投资机构投资于我市种子期、初创期科技型中小企业的，"
    "按照实际到账投资额的 1.5% 给予每年最高不超过 500 万元奖励支持。"
)


@pytest.fixture(scope="module")
def registry():
    return load_registry()


def _card(html: str, number: int) -> str:
    match = re.search(rf'<details class="citation-card article-{number}".*?</details>', html)
    assert match, f"no card for article {number} in {html[:300]}"
    return match.group(0)


# -- citation cards ------------------------------------------------------------------------


def test_citation_card_shows_label_title_marked_quote_and_units(knowledge, registry):
    answer = Answer(answer="…", citations=[Citation(article=3, title="引导社会资本“投早”“投小”", quote=ARTICLE3_QUOTE)])
    card = _card(render_citations(answer, knowledge, registry), 3)
    assert 'data-article="3"' in card
    assert "<summary>【第三条】引导社会资本“投早”“投小”</summary>" in card
    assert f"<mark>{ARTICLE3_QUOTE}</mark>" in card
    assert "责任单位：市科技局、市发展改革委" in card
    # the rest of the article's text is there too, unmarked
    assert "聚焦“投早”“投小”。" in card
    assert "穗发改〔2020〕15号" in card
    assert "\n" not in card  # one line: a blank line would end the HTML block in the chat's Markdown


def test_quote_from_the_units_line_is_marked_there(knowledge):
    answer = Answer(answer="…", citations=[Citation(article=17, quote="责任单位：市科技局")])
    card = _card(render_citations(answer, knowledge), 17)
    assert '<p class="citation-units"><mark>责任单位：市科技局</mark></p>' in card


def test_quote_with_different_spacing_is_still_marked(knowledge):
    quote = ARTICLE3_QUOTE.replace(" ", "")
    card = _card(render_citations(Answer(answer="…", citations=[Citation(article=3, quote=quote)]), knowledge), 3)
    assert "<mark>对粤港澳大湾区股权投资机构" in card
    assert "500 万元奖励支持。</mark>" in card


def test_quote_not_in_the_article_is_shown_on_its_own(knowledge):
    card = _card(
        render_citations(Answer(answer="…", citations=[Citation(article=3, quote="不存在的句子")]), knowledge), 3
    )
    assert '<blockquote class="citation-quote"><mark>不存在的句子</mark></blockquote>' in card


def test_one_card_per_article_with_every_quote_marked(knowledge):
    first, second = "聚焦“投早”“投小”。", ARTICLE3_QUOTE
    answer = Answer(answer="…", citations=[Citation(article=3, quote=first), Citation(article=3, quote=second)])
    html = render_citations(answer, knowledge)
    assert html.count('class="citation-card') == 1
    assert html.count("<mark>") == 2


def test_no_citations_render_nothing(knowledge):
    assert render_citations(Answer(answer="您好"), knowledge) == ""


def test_text_is_escaped():
    assert highlight("<b>甲</b>乙", ["乙"]) == "&lt;b&gt;甲&lt;/b&gt;<mark>乙</mark>"
    assert find_span("投资额的 1.5% 给予", "投资额的1.5%给予") == (0, 12)


def test_calculator_steps_follow_an_award_answer(assistant, knowledge):
    reply = assistant.chat("我们是南沙的创投机构，今年投了两家广州初创期科技企业，共8000万，能拿多少奖励？")
    steps = render_tool_calls(reply.answer)
    assert 'class="calc-card" data-tool="calculate_article3_award"' in steps
    assert "8000万元 × 1.5% = 120万元" in steps
    assert "预估，以责任单位审核为准" in steps
    extras = answer_extras(reply.answer, knowledge)
    assert extras.index("calc-card") < extras.index("citation-card article-3")


# The calculator tab's handlers are tested in test_calculate.py.


# -- browse tab ----------------------------------------------------------------------------


def test_search_filters_by_keyword_in_title_body_and_units(knowledge, registry):
    assert 11 in [a.number for a in filter_articles(knowledge, "担保", registry)]
    assert [a.number for a in filter_articles(knowledge, "市工业和信息化局 担保", registry)] == [10, 11]
    assert len(filter_articles(knowledge, "", registry)) == 32
    assert [a.number for a in filter_articles(knowledge, "穗府规〔2019〕1号", registry)] == [14]
    assert search_terms(" 担保，贴息 ") == ["担保", "贴息"]


def test_catalog_groups_articles_by_part_with_units_and_documents(knowledge, registry):
    html = render_catalog(knowledge, "", registry)
    assert html.count('<details class="article-card') == 32
    assert html.count('<section class="part') == 7
    assert "一、加快建设风投创投之都" in html
    assert "《关于支持广州区域金融中心建设的若干规定》（穗府规〔2019〕1号）" in html
    assert "序言引用的文件" in html


def test_catalog_search_shows_matching_articles_with_terms_marked(knowledge, registry):
    html = render_catalog(knowledge, "担保", registry)
    card = re.search(r'<details class="article-card article-11".*?</details>', html).group(0)
    assert "<mark>担保</mark>" in card
    assert "责任单位：市工业和信息化局、市人力资源社会保障局" in card
    assert 'class="article-card article-1"' not in html
    assert "找到" in html


def test_catalog_search_without_matches_says_so(knowledge, registry):
    assert "没有找到包含「区块链火箭」的条款" in render_catalog(knowledge, "区块链火箭", registry)


# -- chat ----------------------------------------------------------------------------------


def test_stream_pieces_split_by_sentence_and_join_back():
    text = "【第三条】规定：甲。乙；\n责任单位：丙。（注）"
    pieces = stream_pieces(text)
    assert "".join(pieces) == text
    assert pieces[:2] == ["【第三条】规定：甲。", "乙；\n"]


def test_chat_turn_streams_then_shows_citation_cards(assistant):
    updates = list(chat_turn(assistant, "第十四条主要讲什么？", [], None))
    assert len(updates) >= 3  # the question, at least one sentence, the final answer
    first_history, first_session = updates[0]
    assert first_history[0] == {"role": "user", "content": "第十四条主要讲什么？"}
    assert first_session is None
    history, session_id = updates[-1]
    final = history[-1]["content"]
    assert "[【第十四条】](#cite-" in final  # the marker links to its card (tests/ui/test_chat_answers.py)
    assert 'class="citation-card article-14"' in final
    assert '\n\n<div class="citations">' in final
    assert session_id
    streamed = [h[-1]["content"] for h, _ in updates[1:-1]]
    assert all("citation-card" not in text for text in streamed)
    assert len(set(streamed)) == len(streamed)  # each update adds a sentence


def test_chat_turn_keeps_the_session_across_turns(assistant):
    *_, (history, session_id) = chat_turn(assistant, "我们是珠海的创投机构，投了一家初创期企业", [], None)
    *_, (history, second) = chat_turn(assistant, "投资额8000万，能拿多少？", history, session_id)
    assert second == session_id
    assert len(history) == 4
    assert "120万元" in history[-1]["content"]


def test_chat_turn_reports_bad_messages_in_chinese(assistant):
    assert list(chat_turn(assistant, "   ", [], "s1")) == [([], "s1")]
    *_, (history, _) = chat_turn(assistant, "长" * 5000, [], None)
    assert history[-1]["content"].startswith("抱歉，无法回答：消息过长")


def test_chat_turn_escapes_the_users_html(assistant):
    history, _ = next(chat_turn(assistant, "<img src=x onerror=alert(1)>第三条", [], None))
    assert history[0]["content"].startswith("&lt;img")


# -- the page ------------------------------------------------------------------------------


def test_page_builds_and_mounts(assistant):
    import gradio as gr
    from fastapi import FastAPI
    from fastapi.testclient import TestClient

    from ui.web import mount_ui
    from ui.web.page import build_page

    page = build_page(assistant)
    assert isinstance(page, gr.Blocks)
    labels = {getattr(block, "label", None) for block in page.blocks.values()}
    assert {"政策问答", "政策浏览", "奖励测算"} <= labels
    app = FastAPI()
    mount_ui(app, assistant)
    with TestClient(app) as client:
        response = client.get("/ui/")
    assert response.status_code == 200
    assert "政策通" in response.text
