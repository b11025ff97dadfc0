"""Chunks never cross an article and map back to the raw source; jieba keeps domain terms whole."""

from __future__ import annotations

import re

import pytest

from corpus.paths import POLICY_PATH
from ingest.chunk import DEFAULT_MAX_CHARS, chunk_document
from ingest.parse import normalize_punctuation, parse_policy
from ingest.tokenize import Tokenizer

RAW = POLICY_PATH.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def chunks():
    return chunk_document(parse_policy(RAW), RAW)


def test_every_article_is_chunked_and_no_chunk_crosses_an_article(chunks):
    doc = parse_policy(RAW)
    articles = {a.number: a for a in doc.articles}
    assert {c.article for c in chunks if c.kind == "article"} == set(range(1, 33))
    for chunk in chunks:
        if chunk.kind == "article":
            assert chunk.content in articles[chunk.article].body
            assert chunk.units == tuple(articles[chunk.article].units)
            assert chunk.context.startswith(articles[chunk.article].part_title)


def test_long_articles_split_on_sentence_ends_short_ones_whole(chunks):
    by_article: dict[int, list] = {}
    for chunk in chunks:
        if chunk.article:
            by_article.setdefault(chunk.article, []).append(chunk)
    assert len(by_article[3]) > 1  # article 3 is long
    assert len(by_article[29]) == 1
    for group in by_article.values():
        if len(group) > 1:
            for chunk in group:
                assert chunk.content.endswith(("。", "；")), chunk.content[-10:]
                assert len(chunk.content) <= DEFAULT_MAX_CHARS or "。" not in chunk.content[:-1]


def test_spans_point_at_the_same_characters_in_the_raw_source(chunks):
    for chunk in chunks:
        raw = RAW[chunk.span[0] : chunk.span[1]]
        assert "".join(normalize_punctuation(raw).split()) == "".join(chunk.content.split())


def test_chunk_ids_are_stable_content_hashes(chunks):
    again = chunk_document(parse_policy(RAW), RAW)
    assert [c.id for c in chunks] == [c.id for c in again]
    assert len({c.id for c in chunks}) == len(chunks)


@pytest.mark.parametrize(
    ("text", "token"),
    [
        ("第二十四条讲什么", "第24条"),
        ("第3条", "第3条"),
        ("（十三）的内容", "第13条"),
        ("(13)", "第13条"),
        ("第十三项", "第13条"),
    ],
)
def test_article_references_stay_whole(text, token):
    assert token in Tokenizer.default().tokenize(text)


@pytest.mark.parametrize(
    "term", ["科技型中小企业", "风投创投", "天使母基金", "投贷联动", "知识产权质押", "市市场监管局", "qflp", "s基金"]
)
def test_domain_terms_stay_whole(term):
    assert term in Tokenizer.default().tokenize(f"关于{term}的规定")


def test_stopwords_and_punctuation_are_dropped():
    tokens = Tokenizer.default().tokenize("请问，我们的政策有哪些？")
    assert not any(re.fullmatch(r"[\W_]+", t) for t in tokens)
    assert "的" not in tokens and "哪些" not in tokens
