"""The 政策浏览 search box read through the chat's alias table: unit short names, colloquial words."""

from __future__ import annotations

import pytest

from corpus.registry import load_registry
from ui.web.browse import filter_articles, render_catalog, search_terms
from ui.web.browse_terms import KeywordReader


@pytest.fixture(scope="module")
def registry():
    return load_registry()


def numbers(knowledge, query, registry) -> list[int]:
    return [a.number for a in filter_articles(knowledge, query, registry)]


def test_search_reads_unit_short_names_through_the_alias_table(knowledge, registry):
    by_short_name = numbers(knowledge, "金融局", registry)
    by_full_name = numbers(knowledge, "市地方金融监管局", registry)
    assert by_short_name == by_full_name
    assert len(by_full_name) > 5
    assert numbers(knowledge, "科技局", registry) == [
        a.number for a in filter_articles(knowledge, "市科技局", registry)
    ]
    html = render_catalog(knowledge, "金融局", registry)
    assert "「金融局」即 市地方金融监管局" in html
    assert "<mark>市地方金融监管局</mark>" in html


def test_search_reads_colloquial_words_as_the_policys_terms(knowledge, registry):
    ip_articles = numbers(knowledge, "知识产权质押", registry)
    assert 12 in ip_articles
    assert numbers(knowledge, "知产", registry) == ip_articles
    # 「贷款」 inside 「专利贷款」 is the patent loan's, not every article about loans.
    assert numbers(knowledge, "专利贷款", registry) == ip_articles
    assert search_terms("专利贷款") == ["专利贷款"]
    html = render_catalog(knowledge, "专利贷款", registry)
    assert "<mark>知识产权质押" in html
    assert f"找到 {len(ip_articles)} 条与「专利贷款」相关的条款" in html
    # Words beside an alias still count: 「区块链火箭」 is not 区块链 alone.
    assert filter_articles(knowledge, "区块链", registry)
    assert filter_articles(knowledge, "区块链火箭", registry) == []


def test_a_keyword_is_split_into_aliases_and_the_words_between():
    reader = KeywordReader.default()
    assert [p.readings for p in reader.read("专利贷款担保")] == [
        ("专利贷款", "知识产权质押", "知识产权质押贷", "知识产权质押融资"),
        ("担保", "融资担保机构", "政策性融资担保", "融资担保"),
    ]
    assert [p.readings for p in reader.read("区块链火箭")][1] == ("火箭",)
    assert [p.readings for p in reader.read("穗府规〔2019〕1号")] == [("穗府规〔2019〕1号",)]
    assert reader.note(["金融局", "担保"])[0] == ("金融局", ("市地方金融监管局",))


def test_plain_keywords_still_match_as_before(knowledge, registry):
    assert numbers(knowledge, "市工业和信息化局 担保", registry) == [10, 11]
    assert numbers(knowledge, "穗府规〔2019〕1号", registry) == [14]
    assert len(numbers(knowledge, "", registry)) == 32


def test_only_readings_that_add_to_the_typed_word_are_marked():
    reader = KeywordReader.default()
    assert reader.marked(["担保"]) == ["担保"]  # not 政策性融资担保: the user typed 担保
    assert reader.marked(["金融局"]) == ["金融局", "市地方金融监管局"]
