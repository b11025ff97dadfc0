"""What a profile's ``needs`` can show: services the enterprise asks for, never that it takes part in something.

A profile records needs as services an enterprise asks the officers (and through them banks,
investors and government) for: :data:`SERVICE_NEEDS`, the choices of the 特派员 form. The free-text
reader also finds wishes outside them, such as 参赛 (「想参加创新创业大赛」) or 培训: things the
enterprise would take part in. Wanting to take part does not show that it does, so a condition an
eligibility entry tests through such a wish can never be confirmed from the profile.

Example:
    >>> from corpus.eligibility import ConditionSpec
    >>> spec = ConditionSpec(label="有参赛意向", field="needs", op="contains_any", value=("大赛", "参赛"))
    >>> activities(spec)
    ('参赛',)
    >>> activities(ConditionSpec(label="有贷款需求", field="needs", op="contains_any", value=("贷款", "续贷")))
    ()
"""

from __future__ import annotations

from corpus.eligibility import ConditionSpec
from corpus.profile_words import load_profile_words

__all__ = ["SERVICE_NEEDS", "activities"]

SERVICE_NEEDS: tuple[str, ...] = (
    "贷款",
    "股权融资",
    "担保",
    "知识产权质押",
    "续贷周转",
    "发债",
    "上市",
    "并购",
    "人才",
    "政府基金",
    "募资",
    "退出",
)


def activities(spec: ConditionSpec) -> tuple[str, ...]:
    """The activities (needs that are no service) a condition looks for among the needs; () for a service need.

    A condition whose words name any service (「贷款」「融资」) is a need for that service, which the
    profile shows; one whose words name only activities (「大赛」「参赛」 → 参赛) asks whether the
    enterprise takes part.
    """
    if spec.field != "needs" or spec.op != "contains_any" or not isinstance(spec.value, tuple):
        return ()
    words = load_profile_words()
    named = [name for name in dict.fromkeys(words.first(v, words.need_words) for v in spec.value) if name]
    # 「融资」 is the reader's word for money wanted without saying how: a service too.
    if any(name in SERVICE_NEEDS or name == "融资" for name in named):
        return ()
    return tuple(named)
