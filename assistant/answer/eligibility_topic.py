"""The topic of 「我们适合哪些知识产权政策」: the articles an eligibility list is narrowed to."""

from __future__ import annotations

from collections.abc import Mapping

from assistant.answer.selection import GENERIC_TOKENS, Selection
from assistant.retrieve.hybrid import HybridSearch
from assistant.understand.query import QueryAnalysis, QueryAnalyzer

__all__ = ["topic_articles"]

# Words of 「我们适合哪些政策」 itself; anything else in that clause is the topic asked about.
_ELIGIBILITY_TOKENS = {
    "企业", "公司", "机构", "单位", "我们", "我司", "适合", "适用", "享受", "申请", "申报", "符合", "政策",
    "支持", "扶持", "措施", "补贴", "补助", "优惠", "资金", "服务", "哪些", "什么", "可以", "能够", "获得",
    "文件", "意见", "里面", "东西", "内容", "能用", "可用", "用得上", "这个", "啥",
}  # fmt: skip
ELIGIBILITY_FOCUS_K = 6
ELIGIBILITY_FOCUS_BM25_RATIO = 0.3


def topic_articles(
    q: QueryAnalysis, analyzer: QueryAnalyzer, search: HybridSearch, select: Selection, token_idf: Mapping[str, float]
) -> list[int] | None:
    """The articles retrieval finds for the topic in the asking clause; None when it names none."""
    topic = [
        t
        for t in analyzer.tokenizer.tokenize(q.eligibility_clause)
        if len(t) > 1 and t not in GENERIC_TOKENS and t not in _ELIGIBILITY_TOKENS and t in token_idf
    ]
    if not topic:
        return None
    hits = search.articles(analyzer.analyze(" ".join(topic)), k=ELIGIBILITY_FOCUS_K)
    # Only articles that share the topic's words: the dense ranks alone drift to neighbours.
    best = max((h.bm25 for h in hits), default=0.0)
    on_topic = [h for h in hits if best > 0 and h.bm25 >= ELIGIBILITY_FOCUS_BM25_RATIO * best]
    return [a.number for a in select.articles_of(on_topic)]
