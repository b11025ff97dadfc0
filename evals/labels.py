"""Chinese (and, for charts without a CJK font, English) names of metrics and item kinds."""

from __future__ import annotations

# metric → (Chinese label, English label)
METRIC_LABELS: dict[str, tuple[str, str]] = {
    "pass_rate": ("整题通过率", "pass rate"),
    "hit_at_1": ("检索 hit@1", "hit@1"),
    "hit_at_3": ("检索 hit@3", "hit@3"),
    "mrr": ("检索 MRR", "MRR"),
    "citation_hit": ("引用命中率", "citation hit"),
    "citation_all_gold": ("引全正确条款", "all gold cited"),
    "citation_precision": ("引用精确率", "citation precision"),
    "mention_all_gold": ("提及查询引全条款", "mention: all gold cited"),
    "calculator_exact": ("计算器精确率", "calculator exact"),
    "award_over_rate": ("金额高估率（越低越好）", "award over-stated (lower=better)"),
    "numeric_accuracy": ("数值准确率", "numeric accuracy"),
    "unit_accuracy": ("责任单位准确率", "unit accuracy"),
    "refusal_accuracy": ("拒答准确率", "refusal accuracy"),
    "false_refusal_rate": ("误拒率（越低越好）", "false refusal (lower=better)"),
    "answerability_accuracy": ("可答性判断准确率", "answerability accuracy"),
    "refusal_not_in_text": ("原文未规定题拒答率", "refusal: not in text"),
    "refusal_out_of_scope": ("超出范围题拒答率", "refusal: out of scope"),
    "latency_p50_ms": ("延迟 p50（毫秒）", "latency p50 (ms)"),
    "latency_p95_ms": ("延迟 p95（毫秒）", "latency p95 (ms)"),
}
KIND_LABELS: dict[str, str] = {
    "article_lookup": "条款查询",
    "paraphrase": "口语/缩写/错字",
    "calculator": "奖励计算",
    "responsible_unit": "责任单位",
    "multi_article": "跨条款",
    "numeric_fact": "数值事实",
    "eligibility": "适用条件",
    "out_of_scope": "超出范围",
    "injection": "提示注入",
    "multi_turn": "多轮对话",
    "not_in_text": "原文未规定",
    "mention": "提及查询",
}
