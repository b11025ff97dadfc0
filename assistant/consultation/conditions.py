"""Judging one article's eligibility conditions against a profile, with reasons in plain Chinese.

Conditions are data (``corpus/eligibility.json``): a profile field, an operator, a value, and
the reason templates; nothing here names an article.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Any, Literal

from assistant.consultation.needs import activities
from assistant.consultation.profile import EnterpriseProfile
from assistant.understand.yuan import format_yuan
from corpus.eligibility import ArticleEligibility, ConditionSpec, Eligibility

Status = Literal["met", "not_met", "unknown"]


@dataclass(frozen=True)
class Check:
    """One condition judged: its status, the reason, and the alternative that met it."""

    spec: ConditionSpec
    status: Status
    reason: str
    met_by: ConditionSpec | None = None  # the spec (or any_of alternative) that met it
    to_confirm: str | None = None  # a fact the profile cannot show, to ask the enterprise about

    @property
    def missing_fact(self) -> str:
        """What to find out when the condition is not settled."""
        return self.to_confirm or self.spec.missing_fact


def _is_empty(value: Any) -> bool:
    return value is None or value == "" or value == []


def _shown(value: Any) -> str:
    """A profile value as a reason shows it: money in 万元/亿元, a financing or investment by its amount."""
    amount = getattr(value, "amount", value)
    return format_yuan(amount) if isinstance(amount, Decimal) else str(value)


def _satisfies(value: Any, spec: ConditionSpec) -> bool:
    if spec.op == "eq":
        return value == spec.value and type(value) is type(spec.value)
    if spec.op == "in":
        return isinstance(spec.value, tuple) and value in spec.value
    if spec.op == "contains_any":
        return isinstance(spec.value, tuple) and any(word in str(value) for word in spec.value)
    return not _is_empty(value)


def _test(profile: EnterpriseProfile, spec: ConditionSpec) -> tuple[Status, list[str]]:
    """Status of a field condition and the profile values that satisfied it."""
    if spec.field is None:
        raise ValueError(f"条件「{spec.label}」没有 field，应按 any_of 判断")
    if "." in spec.field:
        # ``investments_made.investee_stage``: met when any item meets it, not met when every item is known and fails.
        list_name, item_name = spec.field.split(".", 1)
        values = [getattr(item, item_name) for item in getattr(profile, list_name)]
        known = [v for v in values if v is not None]
        hits = [v for v in known if _satisfies(v, spec)]
        if hits:
            return "met", [_shown(v) for v in hits]
        if known and len(known) == len(values):
            return "not_met", []
        return "unknown", []
    value = getattr(profile, spec.field)
    if _is_empty(value):
        return "unknown", []
    items = value if isinstance(value, list) else [value]
    if spec.op == "present":
        return "met", [_shown(v) for v in items]
    if spec.op == "contains_any":
        hits = [item for item in items if _satisfies(item, spec)]
        # A list says what the profile has, not what it lacks: no hit stays unknown.
        return ("met", [_shown(v) for v in hits]) if hits else ("unknown", [])
    return ("met", [_shown(value)]) if _satisfies(value, spec) else ("not_met", [])


def _render(template: str | None, context: Mapping[str, str], spec: ConditionSpec, matched: Sequence[str]) -> str:
    if not template:
        return f"尚未提供：{spec.missing_fact}"
    value = spec.value
    shown_value = "、".join(value) if isinstance(value, tuple) else ("" if value is None else str(value))
    return template.format_map({**context, "matched": "、".join(dict.fromkeys(matched)), "value": shown_value})


def judge(profile: EnterpriseProfile, spec: ConditionSpec, context: Mapping[str, str]) -> Check:
    """One condition (or its any_of alternatives) judged against the profile, with its reason."""
    if spec.any_of:
        subs = [(sub, *_test(profile, sub)) for sub in spec.any_of]
        met = next(((sub, matched) for sub, status, matched in subs if status == "met"), None)
        if met is not None:
            return Check(spec, "met", _render(met[0].reason_met, context, met[0], met[1]), met_by=met[0])
        if all(status == "not_met" for _, status, _ in subs):
            return Check(spec, "not_met", _render(spec.reason_not_met, context, spec, []))
        return Check(spec, "unknown", _render(spec.reason_unknown, context, spec, []))
    status, matched = _test(profile, spec)
    template = {"met": spec.reason_met, "not_met": spec.reason_not_met, "unknown": spec.reason_unknown}[status]
    return Check(spec, status, _render(template, context, spec, matched), met_by=spec if status == "met" else None)


def shown(check: Check, context: Mapping[str, str]) -> Check:
    """The check as a card shows it: a condition with a part no profile field can show is never ✓.

    Taking part in something (an alternative met by an activity among the needs, :func:`activities`)
    cannot be read from a profile: a wish to take part is not taking part, and the other
    alternatives do not say it either. Such a condition is shown as 待确认 with what is known,
    and the taking part becomes a fact to confirm. Whether the article is listed still follows the
    judgment itself.
    """
    alternatives = check.spec.any_of or (check.spec,)
    acts = [act for sub in alternatives for act in activities(sub)]
    if not acts or check.status != "met":
        return check
    to_confirm = f"是否已{'、'.join(dict.fromkeys(acts))}"
    reason = f"{check.reason}；企业画像不能说明{context.get('subject', '')}{to_confirm}，请向企业核实"
    return Check(check.spec, "unknown", reason, to_confirm=to_confirm)


def context(profile: EnterpriseProfile, table: Eligibility) -> dict[str, str]:
    """Values the reason templates may use (:data:`corpus.eligibility.TEMPLATE_FIELDS`)."""
    kind = profile.kind or "其他"
    stages = [inv.investee_stage for inv in profile.investments_made if inv.investee_stage]
    financing = [
        f"{inv.year}年{format_yuan(inv.amount)}" if inv.year else format_yuan(inv.amount)
        for inv in profile.recent_financing
    ]
    return {
        "subject": table.kind_entry(kind).address,
        "kind": profile.kind_text if kind == "其他" and profile.kind_text else kind,
        "located": f"位于{profile.district}，" if profile.district else "",
        "district": profile.district or "",
        "stage": profile.stage or "",
        "listing_plan": profile.listing_plan or (f"目标板块：{profile.target_board}" if profile.target_board else ""),
        "target_board": profile.target_board or "",
        "intellectual_property": "、".join(profile.intellectual_property),
        "cross_border": "、".join(profile.cross_border),
        "needs": "、".join(profile.needs),
        "financing": "、".join(financing),
        "investee_stages": "、".join(dict.fromkeys(stages)),
    }


def keyword_text(profile: EnterpriseProfile, table: Eligibility) -> str:
    """The free text with the profile's own kind words blanked: 「融资担保机构」 is not a need for 融资."""
    text = (profile.free_text or "").lower()
    if profile.kind is None:
        return text
    entry = table.kind_entry(profile.kind)
    for word in sorted((entry.kind, *entry.synonyms), key=len, reverse=True):
        text = text.replace(word.lower(), "\u3000" * len(word))
    return text


# A kind word only a few characters long (「银行」) says nothing particular when an article names it.
_MIN_KIND_KEYWORD = 4


@lru_cache(maxsize=256)
def _lowered(keywords: tuple[str, ...]) -> tuple[tuple[tuple[str, str], ...], str]:
    """Each keyword with its lower-cased form, and all of them as one string to look needs up in.

    Worked out once per article rather than once per profile and article.
    """
    pairs = tuple((keyword, keyword.lower()) for keyword in keywords)
    return pairs, _SEPARATOR.join(low for _, low in pairs)


# Joins words into one string to search: no keyword or need contains it, so no match spans two.
_SEPARATOR = "\x00"


def keyword_hits(entry: ArticleEligibility, text: str, needs: Sequence[str], raw_text: str = "") -> tuple[str, ...]:
    """The profile's words that make the article relevant, as the user said them.

    ``text`` has the profile's own kind words blanked (「融资担保机构」 is no need for 融资); a
    keyword that is itself such a word still counts for an article not aimed at the kind, which
    names it all the same (第一条 names 「银行理财子公司」), so it is looked for in ``raw_text``
    (empty when the article is aimed at the kind anyway).
    """
    pairs, all_keywords = _lowered(tuple(entry.keywords))
    needs_text = _SEPARATOR.join(need.lower() for need in needs)
    # Only needs inside some keyword can be part of one; usually none is, and the loop below skips them.
    inside = [(need, need.lower()) for need in needs if len(need) >= 2 and need.lower() in all_keywords]
    hits: list[str] = []
    for keyword, word in pairs:
        own_kind_word = word in raw_text and word not in text and len(word) >= _MIN_KIND_KEYWORD
        if word in text or own_kind_word or (needs_text and word in needs_text):
            hits.append(keyword)
        # A stated need also counts when it is part of a keyword (「融资」 for 「股权融资」).
        if inside:
            hits.extend(need for need, low in inside if low in word)
    return tuple(dict.fromkeys(hits))
