"""Which award rule a message asks about, from the rules' own keywords and the facts it states.

Each rule and unfixed support in ``corpus/awards.json`` lists its keywords; the message's hits
are weighed by length, and the facts the message states weigh more (an investment is article
3's own subject, a contribution to a guarantee institution article 11's). A follow-up with
neither (「那奖励是多少？」) stays with the rule of the last estimate.

Example:
    >>> from corpus.awards import load_award_rules
    >>> from assistant.understand.reader import Reader
    >>> reading = Reader.default(2026).read("我们的被投企业准备去港交所上市，有上市奖励吗？")
    >>> award_topic("我们的被投企业准备去港交所上市，有上市奖励吗？", reading, load_award_rules())
    'listing_reward'
"""

from __future__ import annotations

from assistant.understand.model import Hints, Reading
from assistant.understand.text import find_words
from corpus.awards import AwardRules

__all__ = ["award_topic", "topic_scores"]

_FACT_WEIGHT = 6.0
# The asker naming itself as a support's beneficiary (「我们是创投公司」) tips a tie between supports.
_AUDIENCE_WEIGHT = 4.0


def topic_scores(text: str, rules: AwardRules) -> dict[str, float]:
    """Each rule's keyword score in ``text`` (longer keywords count more)."""
    scores: dict[str, float] = {}
    for rule in [*rules.rules, *rules.unfixed]:
        hits = {m.group(0).lower() for m in find_words(text, list(rule.keywords))}
        scores[rule.id] = sum(min(len(h), 6) for h in hits)
        audience = getattr(rule, "audience", ())
        if scores[rule.id] > 0 and audience and find_words(text, list(audience)):
            scores[rule.id] += _AUDIENCE_WEIGHT
    return scores


def _deal_hinted(hints: Hints) -> bool:
    # 「科技型中小企业」 alone names a kind of enterprise many measures serve (credit, risk pools),
    # not a deal: only a place, stage, year or arrival of an investee hints at one.
    return not hints.model_copy(update={"tech_sme": None, "tech_word": None}).empty


def award_topic(text: str, reading: Reading, rules: AwardRules, last_rule: str | None = None) -> str | None:
    """The rule the message asks about, or None when it names none and states no award facts."""
    scores = topic_scores(text, rules)
    facts = reading.facts
    for rule in rules.rules:
        if rule.subject == "investment" and facts.investments:
            scores[rule.id] += _FACT_WEIGHT + 2 * len(facts.investments)
        elif rule.subject == "investment" and not facts.contributions and _deal_hinted(facts.hints):
            # 「invested USD 3m into a Nansha start-up」: a deal whose amount is still to be asked. A place
            # or stage alone weighs less than a support named outright (「黄埔的企业…专利质押贷款」).
            scores[rule.id] += _FACT_WEIGHT / 2
        if rule.subject == "contribution" and (facts.contributions or facts.guarantor.no_district_money):
            scores[rule.id] += _FACT_WEIGHT + 2 * len(facts.contributions)
    best = max(scores, key=lambda k: (scores[k], k == last_rule))
    if scores[best] <= 0:
        return last_rule
    if last_rule and scores.get(last_rule, 0) == scores[best]:
        return last_rule
    return best
