"""The parser against the real policy text: structure, repairs, units, coverage."""

from __future__ import annotations

import itertools
import re

import pytest

from corpus.numerals import int_to_cn
from corpus.paths import POLICY_PATH
from corpus.records import Article
from corpus.registry import load_registry
from ingest.parse import ParseError, normalize_punctuation, parse_policy, repair_page_breaks, split_paragraphs

RAW = POLICY_PATH.read_text(encoding="utf-8")

# Read off the text by hand: the 责任单位 clause of every article.
EXPECTED_UNITS = {
    1: ["市地方金融监管局", "各区政府"],
    2: ["市国资委", "市财政局"],
    3: ["市科技局", "市发展改革委"],
    4: ["市发展改革委", "市科技局", "市工业和信息化局", "市国资委", "市地方金融监管局", "各区政府"],
    5: ["市地方金融监管局", "市科技局", "市商务局", "市人社局", "市财政局", "市税务局"],
    6: ["市科技局", "黄埔区", "南沙区"],
    7: ["市地方金融监管局"],
    8: ["人行广州分行营管部", "广东银保监局", "市科技局"],
    9: ["人行广州分行营管部", "广东银保监局"],
    10: ["市地方金融监管局", "市发展改革委", "市工业和信息化局", "人行广州分行营管部"],
    11: ["市工业和信息化局", "市人力资源社会保障局"],
    12: ["市科技局", "市地方金融监管局", "市市场监管局", "各区政府", "广东银保监局"],
    13: ["市地方金融监管局", "市科技局", "各区政府", "广东证监局"],
    14: ["市地方金融监管局", "市科技局", "广东证监局"],
    15: ["市科技局", "市地方金融监管局", "各区政府", "广东证监局"],
    16: ["市市场监管局", "越秀区", "天河区", "黄埔区"],
    17: ["市科技局"],
    18: ["市科技局", "荔湾区"],
    19: ["市地方金融监管局", "市科技局", "市委外办", "南沙区", "黄埔区", "越秀区"],
    20: ["市科技局"],
    21: ["市科技局", "市工业和信息化局", "市发展改革委", "市国资委"],
    22: ["广东银保监局", "市地方金融监管局"],
    23: ["市科技局"],
    24: ["市科技局"],
    25: ["市市场监管局", "市发展改革委"],
    26: ["市科技局"],
    27: ["市委组织部", "市科技局", "市地方金融监管局", "市人力资源社会保障局"],
    28: ["市地方金融监管局", "市科技局", "各区政府"],
    29: ["各有关单位"],
    30: ["各区政府", "市市场监管局", "市地方金融监管局"],
    31: ["市科技局", "市地方金融监管局"],
    32: ["市地方金融监管局", "人行广州分行营管部", "广东银保监局", "广东证监局"],
}
EXPECTED_PARTS = {
    1: range(1, 8),
    2: range(8, 13),
    3: range(13, 17),
    4: range(17, 20),
    5: range(20, 23),
    6: range(23, 29),
    7: range(29, 33),
}


@pytest.fixture(scope="module")
def doc():
    return parse_policy(RAW, load_registry())


@pytest.fixture(scope="module")
def articles(doc) -> dict[int, Article]:
    return {a.number: a for a in doc.articles}


def test_exactly_32_articles_in_order_with_chinese_numbers(doc):
    assert [a.number for a in doc.articles] == list(range(1, 33))
    assert [a.number_cn for a in doc.articles] == [int_to_cn(n) for n in range(1, 33)]


def test_parts_and_their_articles(doc, articles):
    assert [p.number for p in doc.parts] == list(range(1, 8))
    assert doc.parts[0].title == "加快建设风投创投之都"
    assert doc.parts[6].title == "强化组织保障"
    for part, numbers in EXPECTED_PARTS.items():
        assert doc.parts[part - 1].articles == list(numbers)
        for n in numbers:
            assert articles[n].part == part
            assert articles[n].part_title == doc.parts[part - 1].title


@pytest.mark.parametrize("number", range(1, 33))
def test_units_of_every_article(articles, number):
    assert articles[number].units == EXPECTED_UNITS[number]


def test_titles_including_run_in_titles_of_29_to_32(articles):
    assert articles[1].title == "拓宽风投创投资金来源"
    assert articles[3].title == "引导社会资本“投早”“投小”"
    assert articles[17].title == "实施广深风投创投领域融合发展行动"  # half-width brackets in the source
    assert articles[29].title == "强化责任担当"
    assert articles[29].body.startswith("各单位按照职能分工")
    assert articles[32].title == "有效防范科技金融风险"
    assert articles[32].body.endswith("牢牢守住不发生系统性区域性金融风险的底线。")


@pytest.mark.parametrize(
    ("number", "repaired"),
    [
        (3, "对粤港澳大湾区股权投资机构投资于我市种子期、初创期科技型中小企业的"),
        (5, "加快落实风投创投有关税收政策"),
        (12, "支持具备条件的区叠加广州市科技型中小企业信贷风险补偿资金池"),
        (19, "为粤港澳大湾区国际科技创新中心建设提供资金支持"),
        (22, "围绕解决科技企业流动性难题"),
        (25, "与科技金融相关的中介服务机构发展，为银行"),
        (28, "提升我市金融科技发展水平和科技金融服务效率"),
    ],
)
def test_page_breaks_are_repaired(articles, number, repaired):
    assert repaired in articles[number].body


def test_split_unit_name_is_repaired(articles):
    assert "市市场监管局" in articles[16].units
    assert "场监管局" not in "".join(u for u in articles[16].units if u != "市市场监管局")


def test_body_has_no_units_clause_and_no_half_width_brackets(articles):
    for article in articles.values():
        assert "责任单位" not in article.body
        assert not re.search(r"[():;]", article.body), article.number


def test_closing_paragraph_belongs_to_no_article(doc, articles):
    closing = [r for r in doc.records if r.kind == "closing"]
    assert len(closing) == 1
    assert closing[0].text.replace("\n", "").startswith("本意见自发布之日起实施。")
    assert "依据的奖励支持文件" in closing[0].text  # the page break inside it is repaired
    assert "本意见自发布之日起实施" not in articles[32].text


def test_references_match_the_registry(articles):
    registry = load_registry()
    for entry in registry.documents:
        for number in entry.cited_by:
            assert entry.id in articles[number].references, (entry.id, number)
    cited = {ref for a in articles.values() for ref in a.references}
    assert cited == {d.id for d in registry.documents if d.cited_by}


def test_numeric_facts(articles):
    facts = {n: [f.text.replace(" ", "") for f in a.facts] for n, a in articles.items()}
    assert facts[3] == ["100%", "1.5%", "500万元"]
    assert facts[8] == ["15%"]
    assert facts[11] == ["40%"]
    assert "60家" in facts[13]
    assert "200亿元" in facts[15]
    assert "3-5年" in facts[6]
    award = next(f for f in articles[3].facts if f.kind == "amount")
    assert award.value == 5_000_000
    assert award.sentence in articles[3].body


def test_every_non_whitespace_character_appears_once_in_order(doc):
    """Coverage: nothing lost, nothing duplicated (punctuation width folded on both sides)."""
    source = "".join(normalize_punctuation(RAW).split())
    parsed = "".join("".join(r.text.split()) for r in doc.records)
    assert parsed == source


def test_record_spans_tile_the_source_in_order(doc):
    spans = [r.span for r in doc.records]
    assert spans == sorted(spans)
    for (_, end), (start, _) in itertools.pairwise(spans):
        assert end <= start
        assert RAW[end:start].strip() == ""


def test_repair_joins_only_cut_paragraphs():
    paragraphs = split_paragraphs("标题\n\n一、部分\n\n（一）条款。\n\n前半句\n\n后半句。\n\n下一段。")
    texts = [p.text for p in repair_page_breaks(paragraphs)]
    assert texts == ["标题", "一、部分", "（一）条款。", "前半句后半句。", "下一段。"]


def test_text_without_articles_is_an_error():
    with pytest.raises(ParseError):
        parse_policy("只有一个标题\n\n和一段没有编号的文字。")
