"""One engine for every award rule in ``corpus/awards.json``: judge, count, cap, explain.

For a rule with a figure it judges the party's conditions (the investing institution, or the
guarantee institution) and each item's (investment or contribution), counts the items no
condition rules out, and hands them to ``pricing`` (grouped by whom and which year the cap is
for, at the rate and cap of the standard in force). A decisive fact that is unknown, or an unknown year that
changes the capped total, gives no figure and one question instead. No code here names an
article: the rule data says what to test.

Example:
    >>> from assistant.understand.reader import Reader
    >>> engine = AwardEngine.default()
    >>> facts = Reader.default(2026).read("珠海的创投今年投了广州一家初创期科技型中小企业1000万，已到账").facts
    >>> engine.evaluate(engine.rules.for_subject("investment").id, facts).award_yuan
    150000
"""

from __future__ import annotations

from functools import cache
from typing import Any, Literal

from assistant.awards.explain import article_label, base_fields, item_text
from assistant.awards.facts import FACT_READERS
from assistant.awards.grouping import Group, joined_funds
from assistant.awards.judging import Judged, judge
from assistant.awards.pricing import Priced, price
from assistant.awards.result import AwardResult, Condition, LeftOut
from assistant.understand.model import SELF, Facts, Institution
from corpus.awards import AwardRule, AwardRules, load_award_rules
from corpus.gazetteer import Gazetteer, load_gazetteer
from corpus.numerals import int_to_cn

__all__ = ["AwardEngine", "Group"]


_THIRD_PARTY = "合作方（第三方）的投资，不替其测算"


class AwardEngine:
    """Applies the award rules to a session's facts."""

    def __init__(self, rules: AwardRules, gazetteer: Gazetteer) -> None:
        self.rules = rules
        self.gazetteer = gazetteer

    @classmethod
    @cache
    def default(cls) -> AwardEngine:
        """The engine over the shipped rules and gazetteer."""
        return cls(load_award_rules(), load_gazetteer())

    def evaluate(self, rule_id: str, facts: Facts) -> AwardResult:
        """Apply one rule of the rule data, or an unfixed support, by its id."""
        if rule_id not in {r.id for r in self.rules.rules}:
            return self.unfixed(rule_id)
        rule = self.rules.rule(rule_id)
        if rule.subject == "investment":
            return self._evaluate(rule, facts, facts.investments)
        return self._evaluate(rule, facts, facts.contributions)

    def unfixed(self, support_id: str) -> AwardResult:
        """A support whose amount the text does not fix: who decides, never a number."""
        support = self.rules.unfixed_support(support_id)
        label = f"第（{int_to_cn(support.article)}）条"
        return AwardResult(
            rule=support.id,
            article=support.article,
            award_yuan=None,
            eligible=None,
            is_ceiling=False,
            conditions=[
                Condition(
                    name=f"属于{support.subject_text}",
                    status="unknown",
                    reason="需由责任单位按相关政策认定是否符合条件",
                )
            ],
            steps=[
                f"{label}未规定具体金额或比例，原文为：“{support.basis}”",
                support.decided_by,
                f"另：{self.rules.change_clause}",
            ],
            explanation=f"{support.label}：本意见{label}只规定“{support.basis}”，没有给出具体金额，无法在此计算。{support.decided_by}。",
            units=list(support.units),
            decided_by=support.decided_by,
            basis_quote=support.quote,
        )

    # -- rules with a figure --------------------------------------------------------------------

    def _party_of(self, rule: AwardRule, facts: Facts, item: Any) -> Any:
        if rule.party == "guarantor":
            return facts.guarantor
        return facts.institution(item.institution) or Institution(key=item.institution, label="贵机构")

    def _evaluate(self, rule: AwardRule, facts: Facts, items: list[Any]) -> AwardResult:
        base = base_fields(rule)
        # With both supports told, each leaves out only its own kind of figure.
        both = bool(facts.investments and facts.contributions)
        # The same figure said twice for the same reason is listed once.
        said = dict.fromkeys((f.text, f.reason) for f in facts.set_aside if not both or f.subject == rule.subject)
        left_out = [LeftOut(text=text, reason=reason) for text, reason in said]
        relevant_slots = {
            "amount",
            "received_amount",
            "institution_place",
            "institution_kind",
            "investee_place",
            "stage",
            "year",
            "institution_of",
            "figure",
            "tech_sme",
        }
        if rule.subject == "contribution":
            relevant_slots = {"funder", "paid", "amount", "figure"}
        unclear = [q for q in facts.unclear if q.slot in relevant_slots]
        if not items:
            return self._no_items(rule, facts, base, left_out, unclear)
        several_parties = len({getattr(i, "institution", "") for i in items}) > 1
        own_items = rule.party == "institution" and any(
            (facts.institution(i.institution) or Institution(key=i.institution, label="")).own for i in items
        )
        conditions: list[Condition] = []
        counted: list[tuple[Any, Any, list[Judged]]] = []
        judged_parties: dict[int, list[Judged]] = {}
        steps: list[str] = []
        failed_reasons: list[str] = []  # the conditions that failed, not the figures set aside
        failed_slots: list[str | None] = []
        item_failed = False  # a deal's own condition failed (its place, stage…), not only the investor's
        for index, item in enumerate(items):
            party = self._party_of(rule, facts, item)
            label = _label(item, index, len(items))
            if (
                rule.party == "institution"
                and not party.own
                and not party.asked
                and facts.speaker_role != "investee"
                and own_items
            ):
                left_out.append(LeftOut(text=item_text(item, self.gazetteer), reason=_THIRD_PARTY))
                continue
            if id(party) not in judged_parties:
                judged_parties[id(party)] = [judge(c, party, self.gazetteer) for c in rule.party_conditions]
                prefix = f"{party.label}：" if several_parties and rule.party == "institution" else ""
                conditions += [
                    Condition(name=prefix + j.condition.label, status=_shown_status(j), reason=j.reason)
                    for j in judged_parties[id(party)]
                ]
            own = [self._assume(judge(c, item, self.gazetteer), party, item) for c in rule.item_conditions]
            # A condition with no unknown text says nothing until its fact is told.
            conditions += [
                Condition(name=label + j.condition.label, status=_shown_status(j), reason=j.reason)
                for j in own
                if j.reason or j.status != "unknown"
            ]
            failed = next((j for j in [*judged_parties[id(party)], *own] if j.status == "not_met"), None)
            item_failed = item_failed or any(j.status == "not_met" for j in own)
            if failed is not None:
                left_out.append(LeftOut(text=item_text(item, self.gazetteer), reason=failed.reason))
                failed_reasons.append(failed.reason)
                failed_slots.append(failed.condition.slot)
                steps.append(f"{label or '该笔'}不计入：{failed.reason}")
                continue
            counted.append((item, party, [*judged_parties[id(party)], *own]))
        if rule.party == "guarantor" and facts.guarantor.no_district_money and not counted:
            steps.append("区财政这次没有新增出资")
        shares_open = [q for q in unclear if q.slot in ("received_amount", "institution_of")]
        if not counted and shares_open and len([i for i in facts.institutions if i.own and i.place]) > 1:
            # 「前海、上海两个平台一起投了…总共6000万」: the sum sits on the one that fails, but the other's
            # share may count; that share is asked, never given as 0.
            return self._no_items(rule, facts, base, left_out, shares_open)
        arrival_open = [q for q in unclear if q.slot == "received_amount"]
        if not counted and arrival_open and failed_slots and all(s == "received_amount" for s in failed_slots):
            # 「签了1500万…目前到了一部分，后面的还在走流程」: what arrived is asked, never given as 0.
            return self._no_items(rule, facts, base, left_out, arrival_open)
        funders_open = [q for q in unclear if q.slot == "funder"]
        party_failed = any(j.status == "not_met" for js in judged_parties.values() for j in js)
        identity_open = [q for q in unclear if q.slot == "institution_of"]
        if not counted and identity_open and party_failed and not item_failed:
            # 「管理人在北京，基金注册在哪我不清楚」: the investor that fails may not be the one that applies;
            # which one it is is asked, never given as 0.
            kept = [f for f in left_out if f.reason not in failed_reasons]
            return _asking(rule, base, conditions, kept, identity_open)
        if not counted and funders_open and not party_failed:
            # 「区财政、区属国企两家合计出了12亿左右」: a figure whose funder is asked may be the base; the
            # items that fail do not make it 0.
            return self._no_items(rule, facts, base, left_out, funders_open)
        if not counted:
            return AwardResult(
                **base,
                award_yuan=0,
                eligible=False,
                conditions=conditions,
                left_out=left_out,
                steps=[*steps, f"没有符合条件的{rule.base_label}，金额为0元"],
                # The conditions that failed decide; the figures set aside only say what was not counted.
                why_not="；".join(dict.fromkeys(failed_reasons)) or _reasons(left_out),
                explanation=f"不符合{article_label(rule)}条件：{_reasons(left_out)}。因此为0元。",
            )
        return price(
            rule,
            Priced(
                base=base,
                counted=counted,
                conditions=conditions,
                left_out=left_out,
                steps=steps,
                unclear=unclear,
                **joined_funds(rule, counted, facts.one_manager, facts.apply_as),
            ),
            deal_count=facts.deal_count,
            items=len(items),
            several_parties=several_parties,
            gazetteer=self.gazetteer,
        )

    def _no_items(
        self, rule: AwardRule, facts: Facts, base: dict[str, Any], left_out: list[LeftOut], unclear: list
    ) -> AwardResult:
        party = (
            facts.guarantor
            if rule.party == "guarantor"
            else (facts.institution(SELF) or Institution(key=SELF, label="贵机构"))
        )
        judged = [judge(c, party, self.gazetteer) for c in rule.party_conditions]
        failed = next((j for j in judged if j.status == "not_met"), None)
        conditions = [Condition(name=j.condition.label, status=_shown_status(j), reason=j.reason) for j in judged]
        # 「借了2000万（是借款）」: what the message gives is money the rule does not reward.
        not_rewarded = next((rule.not_rewarded[f.reason] for f in left_out if f.reason in rule.not_rewarded), None)
        if not_rewarded is not None and not unclear and failed is None:
            failed = Judged(judged[0].condition, "not_met", not_rewarded) if judged else None
        if failed is not None or (rule.party == "guarantor" and facts.guarantor.no_district_money):
            reason = failed.reason if failed else "区财政这次没有新增出资，而补助按区财政新增出资额计算"
            return AwardResult(
                **base,
                award_yuan=0,
                eligible=False,
                conditions=conditions,
                left_out=left_out,
                steps=[f"不符合条件：{reason}，金额为0元"],
                why_not=reason,
                explanation=f"不符合{article_label(rule)}条件：{reason}。",
            )
        return _asking(rule, base, conditions, left_out, unclear)

    def _assume(self, judged: Judged, party: Any, item: Any = None) -> Judged:
        """An unknown the rule lets the party's own facts settle (被投企业所在地 of a Guangzhou investor).

        Not when the message named a place that does not settle it (「一家大湾区的企业」): then it is asked.
        """
        condition = judged.condition
        if judged.status != "unknown" or condition.assume_if is None:
            return judged
        if getattr(item, "investee_place", None):
            return judged
        if FACT_READERS[condition.assume_if](party, self.gazetteer) is True:
            relaxed = condition.model_copy(update={"if_unknown": "assume"})
            return Judged(relaxed, "unknown", condition.assumed or judged.reason)
        return judged


def _reasons(left_out: list[LeftOut]) -> str:
    return "；".join(dict.fromkeys(lo.reason for lo in left_out if lo.reason != _THIRD_PARTY)) or "没有可计入的金额"


def _shown_status(judged: Judged) -> Literal["met", "not_met", "unknown"]:
    return "unknown" if judged.status == "unclear" else judged.status


def _label(item: Any, index: int, count: int) -> str:
    return f"第{index + 1}笔：" if count > 1 else ""


def _asking(
    rule: AwardRule, base: dict[str, Any], conditions: list[Condition], left_out: list[LeftOut], unclear: list
) -> AwardResult:
    """No figure yet: the first open question (or the base itself) is asked."""
    ask = unclear[0].text if unclear else f"请问{rule.base_label}是多少？"
    return AwardResult(
        **base,
        award_yuan=None,
        eligible=None,
        conditions=conditions,
        left_out=left_out,
        missing=[rule.base_label],
        questions=[ask],
        question_slot=unclear[0].slot if unclear else "amount",
        explanation=f"还需确认{rule.base_label}，才能测算。",
    )
