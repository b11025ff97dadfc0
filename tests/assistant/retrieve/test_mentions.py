"""The mention index: every article naming a thing or its aliases; the question-style index's votes."""

from __future__ import annotations

import pytest

from assistant.retrieve.hybrid import HybridSearch
from assistant.retrieve.mentions import MentionIndex
from corpus.named_things import load_named_things


@pytest.fixture(scope="module")
def index(knowledge):
    return MentionIndex.build(knowledge.articles.values())


@pytest.mark.parametrize(
    ("terms", "articles"),
    [
        (["贴息"], [1, 11]),
        (["广东股权交易中心"], [7, 13, 14]),
        (["知识产权"], [8, 10, 12, 16]),
        (["天使投资", "天使基金"], [2, 3, 17, 24]),
        (["政府基金"], [3, 4, 7, 18, 21]),
        (["S基金"], [7]),  # the text writes 「S 基金」
        (["南沙区"], [6, 19]),  # article 6 names it only among its units
    ],
)
def test_every_naming_article_is_found(index, terms, articles):
    assert [m.article.number for m in index.find(terms)] == articles


def test_each_mention_quotes_the_sentence_that_names_it(index):
    for mention in index.find(["风险补偿资金池"]):
        assert mention.spelling in mention.sentence.replace(" ", "")
        assert mention.role in ("正文", "标题", "责任单位")


def test_aliases_lead_to_the_named_thing(index):
    assert "科技企业并购基金" in index.spellings("并购基金")
    assert [m.article.number for m in index.find(["粤股交"])] == [7, 13, 14]


def test_a_term_the_text_never_names_finds_nothing(index):
    assert index.find(["比特币"]) == []


def test_named_things_know_their_spans():
    things = load_named_things()
    assert things.name_spans("深圳证券交易所广州服务基地在哪") == [(0, 13)]
    assert [t.name for t in things.find("深交所广州服务基地和并购基金")] == [
        "深圳证券交易所广州服务基地",
        "科技企业并购基金",
    ]


def test_indexed_questions_vote_for_their_article(knowledge):
    search = HybridSearch(knowledge)
    assert knowledge.index.questions, "the question-style index is built beside the text"
    hits = search.articles("有没有那种帮企业建档画像、线上撮合投资人和银行的平台？", k=3)
    assert hits[0].key[1] == 23
    assert hits[0].votes > 0
    assert search.signals(hits).top_question_similarity > 0.9


@pytest.mark.parametrize(
    ("term", "articles"),
    [
        ("tax", [5, 10]),  # 个人所得税优惠政策, 缴税信息, and 市税务局 among article 5's units
        ("Insurance", [1, 21]),  # the alias table's words are matched case-insensitively
        ("M&A", [15]),
        ("incubator", [5, 26]),
    ],
)
def test_a_term_the_text_never_writes_is_found_by_the_policy_words_for_it(index, term, articles):
    assert [m.article.number for m in index.find([term])] == articles


def test_a_term_the_text_writes_is_taken_as_written(index):
    # 「贷款」 is in the text: its alias group (科技信贷, 信贷) must not widen it.
    assert index.spellings("贷款") == ("贷款",)
