"""The trigram phrase ranker: near-verbatim wording finds its chunk even when jieba cuts it apart."""

from __future__ import annotations

from assistant.retrieve.hybrid import HybridSearch
from assistant.retrieve.phrases import PhraseIndex, trigrams


def test_trigrams_stay_within_runs_of_letters_and_digits():
    assert trigrams("天使母基金，QFLP") == {"天使母", "使母基", "母基金", "qfl", "flp"}
    assert trigrams("第3条") == {"第3条"}
    assert trigrams("，。！") == set()


def test_rare_phrases_outweigh_common_ones():
    index = PhraseIndex.build(["科技企业信贷服务", "科技企业设立投资部门", "科技企业上市挂牌"])
    scores = index.scores("科技企业想设立投资部门")
    assert scores[1] > scores[0] > 0
    assert scores[0] == scores[2]  # 科技企业 alone, equally common everywhere


def test_hybrid_search_reaches_a_quoted_sentence(knowledge):
    # A sentence of article 22 in the user's own order; 联合风控 and 远期首购 are its words alone.
    hits = HybridSearch(knowledge).articles("围绕解决科技企业流动性难题，探索联合风控、远期首购", k=3)
    assert hits[0].key[1] == 22
    assert hits[0].chunks[0].phrase > 0
    assert HybridSearch(knowledge).articles("围绕解决科技企业流动性难题", k=3, mode="bm25")[0].chunks[0].phrase == 0
