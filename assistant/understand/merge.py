"""Fold one reading into what a session knows: corrections, additions and answers to a question.

A correction changes the investment it points at (by year, place, stage or the old amount),
and only that one; an addition (「另外」「又投了」) appends; a bare answer fills the slot the
assistant asked about; a fact about a third party changes nothing of the asker's.

Example:
    >>> from assistant.understand.reader import Reader
    >>> reader = Reader.default(2026)
    >>> said = "香港的PE，2025年投了黄埔种子期科小到账2亿，2026年又投了黄埔另一家初创期科小到账2亿"
    >>> known = reader.read(said).facts
    >>> facts = fold(known, reader.read("更正一下，2026年到账的是4亿，不是2亿。", known=known))
    >>> [(i.year, str(i.amount)) for i in facts.investments]
    [(2025, '200000000'), (2026, '400000000')]
"""

from __future__ import annotations

import re

from assistant.understand.contributions_merge import merge_contributions
from assistant.understand.deal_totals import round_totals
from assistant.understand.hint_fill import apply_hints, as_hints, fill, investee_hints, shared_hints
from assistant.understand.model import SELF, Facts, Hints, Institution, Investment, Question, Reading
from assistant.understand.restatements import (
    all_new,
    already_told,
    asked_about,
    awaited,
    broken_down,
    correct,
    is_whole,
    looked_inside,
    restated_aside,
    targets_of,
)
from assistant.understand.yuan import exact

__all__ = ["fold"]

# A year written in a deal's own clause (「2024年」「明年一月」), not one it took from the message.
_YEAR_WORD = re.compile(r"(?:19|20)\d\d|[今去前明后当]年")


PERSON = "个人"


def _person_beside_the_fund(known: Facts, new: Facts) -> bool:
    """Whether the speaker, after telling a fund's deals, now tells money of their own as a person."""
    before, now = known.institution(SELF), new.institution(SELF)
    return bool(
        known.investments and before is not None and not before.individual and now is not None and now.individual
    )


def _known_others(known: list[Investment], incoming: list[Investment]) -> set[str]:
    """The known investors (not the asker) the new deals all name, when others are known besides them."""
    named = {i.institution for i in incoming}
    told = {i.institution for i in known}
    if SELF in named or not named <= told or named == told or len(incoming) != len(named):
        return set()
    return named


def _merge_institutions(known: list[Institution], new: list[Institution]) -> list[Institution]:
    result = [i.model_copy() for i in known]
    for inst in new:
        old = next((i for i in result if i.key == inst.key), None)
        if old is None:
            home = next((i for i in known if i.key == SELF), None)
            if inst.key != SELF and inst.own and not inst.place and not inst.individual and home and home.place:
                # 「管理人和旗下三支基金都注册在横琴」 then 「A基金投了…」: a fund of the asker's with no place of its
                # own is where the asker is, as within one message.
                inst = inst.model_copy(update={"place": home.place, "place_text": home.place_text})
            if inst.key != SELF or inst.place or inst.individual:
                result.append(inst)
            continue
        update = {
            k: v
            for k, v in inst.model_dump().items()
            if v is not None and k not in ("key", "label", "own") and not (k == "individual" and not v)
        }
        result[result.index(old)] = old.model_copy(update=update)
    return result


def fold(known: Facts, reading: Reading, pending: Question | None = None) -> Facts:
    """The session's facts after one more message.

    Args:
        known: What the session knew.
        reading: The new message, read with ``known``.
        pending: The question the assistant asked last; a bare answer fills its slot.
    """
    new = reading.facts
    facts = known.model_copy(deep=True)
    facts.speaker_role = new.speaker_role or known.speaker_role
    facts.speaker_kind = new.speaker_kind or known.speaker_kind
    facts.speaker_place = new.speaker_place or known.speaker_place
    facts.deal_count = new.deal_count or known.deal_count
    facts.one_manager = new.one_manager or known.one_manager
    facts.apply_as = new.apply_as or known.apply_as
    facts.standing = known.standing if new.standing.empty else new.standing
    facts.institutions = _merge_institutions(known.institutions, new.institutions)
    if reading.partners_asked:
        facts.institutions = [
            i.model_copy(update={"asked": True}) if i.key in reading.partners_asked else i for i in facts.institutions
        ]
    person = _person_beside_the_fund(known, new)
    if person:
        # 「另外我个人也跟投了其中两家」: the speaker's own money beside the fund's, not the fund turned person.
        facts.institutions = [
            *(i.model_copy(update={"individual": False}) if i.key == SELF else i for i in facts.institutions),
            Institution(key=PERSON, label="说话人个人", individual=True),
        ]
    # 「用哪只出手」 lists the candidates; a later turn naming the asker's own place has chosen one.
    chosen = any(i.place for i in new.institutions if i.key == SELF)
    facts.alternatives = new.alternatives or ([] if chosen else known.alternatives)
    # A stated False (民营、市属) is a fact like any other; only what the message leaves unsaid keeps the old value.
    guarantor = {
        k: v
        for k, v in new.guarantor.model_dump().items()
        if v is not None and not (k == "no_district_money" and not v)
    }
    facts.guarantor = known.guarantor.model_copy(update=guarantor)
    # 「去年那3000万对应的奖励已经申请下来了」: a known deal pointed at by its figure is no new deal.
    kept = [i for i in new.investments if not already_told(i, known.investments, reading, new.investments)]
    if kept:
        incoming = [fill(fill(i, known.hints), known.standing) for i in kept]
        if person:
            incoming = [i.model_copy(update={"institution": PERSON}) if i.institution == SELF else i for i in incoming]
        if reading.same_year and known.investments:
            year = known.investments[-1].year
            incoming = [i if i.year else i.model_copy(update={"year": year}) for i in incoming]
        other_institution = known.investments and {i.institution for i in incoming}.isdisjoint(
            {i.institution for i in known.investments}
        )
        answered = asked_about(known.investments, pending)
        # 「第二家实际是1800万」: a deal named by its label gets a new figure, with or without 更正.
        relabelled = bool(reading.labels) and not reading.addition and bool(targets_of(known.investments, reading))
        whole = broken_down(known.investments, incoming, reading)
        inside = looked_inside(known.investments, incoming) if whole is None else None
        if inside is not None:
            # 「6000万里实际只到了4500万，剩下1500万下个季度才打」: what arrived of the deal named replaces it.
            # The parts are the named deal's institution's (「甲那1亿里有2000万是今年1月才到的」).
            facts.investments = [i for i in known.investments if i.id != inside.id] + [
                fill(
                    i.model_copy(update=({"id": inside.id} if n == 0 else {}) | _payer_of(i, inside)),
                    investee_hints(inside),
                )
                for n, i in enumerate(incoming)
            ]
        elif whole is not None:
            # 「这轮一共一个亿」 then 「具体是：我们出4000万，杭州那家出6000万」: the parts replace the whole
            # and keep what was said of its investee.
            # A part told without its status arrived as the whole did.
            told = [i if i.status != "unstated" else i.model_copy(update={"status": whole.status}) for i in incoming]
            # A part whose own clause names no year arrived in the whole's year (「那今年…」 asks, it tells nothing).
            told = [
                i if i.year is None or _YEAR_WORD.search(i.clause or "") else i.model_copy(update={"year": whole.year})
                for i in told
            ]
            parts = [fill(i, investee_hints(whole)) for i in told if not is_whole(i, whole)]
            facts.investments = [i for i in known.investments if i.id != whole.id] + parts
        elif (reading.correction or relabelled) and known.investments:
            facts.investments = correct(known.investments, incoming, reading)
        elif answered and len(incoming) == 1 and incoming[0].status in ("received", "unstated"):
            # The answer to 「其中实际到账多少」 replaces the signed figure it was asked about.
            facts.investments = [
                fill(incoming[0].model_copy(update={"id": i.id, "status": "received"}), as_hints(i))
                if i.id in answered
                else i
                for i in known.investments
            ]
        elif known.investments and (reading.addition or other_institution):
            signed = [i for i in known.investments if i.status == "signed"]
            if reading.same_investee:
                # 「今年又投了同一家2000万」: the investee told last keeps its place, stage and status.
                incoming = [fill(i, investee_hints(known.investments[-1])) for i in incoming]
            elif reading.same_kind:
                # 「又投了一批，合计到账2.5亿」「second tranche今天也到账了」: the same kind of deal as before.
                shared = shared_hints(known.investments)
                incoming = [fill(i, shared) for i in incoming]
            facts.investments = [*known.investments, *incoming]
            if reading.same_investee and signed and sum(i.amount for i in incoming) <= sum(i.amount for i in signed):
                # 「签了3亿」 then 「2023年到账1亿，2024年到账1.5亿，剩下5000万还没到」: the tranches are what
                # arrived of the signed deal, which now counts only through them.
                gone = {i.id for i in signed}
                facts.investments = [i for i in facts.investments if i.id not in gone]
        elif named := _known_others(known.investments, incoming):
            # 「澳门那家目前到账1500万」: where one known investor's deal now stands replaces that deal only.
            first = {i.institution: i for i in reversed(known.investments)}
            facts.investments = [i for i in known.investments if i.institution not in named] + [
                fill(i.model_copy(update={"id": first[i.institution].id}), investee_hints(first[i.institution]))
                for i in incoming
            ]
        elif len(known.investments) > 1 and targets_of(known.investments, reading):
            # 「黄埔那个我说的是签约金额，实际只到账了1000万」: a restatement of the one deal it names.
            facts.investments = correct(known.investments, incoming, reading)
        elif known.investments and all_new(known.investments, incoming):
            # 「2023年投了两家…；2024年…」 after 「2022年投了天河一家」: other years, other deals.
            facts.investments = [*known.investments, *incoming]
        else:
            # A restatement (「5000万是签约额，今年实际只到了3400万」) keeps what every earlier investment shared.
            shared = shared_hints(known.investments)
            facts.investments = [fill(i, shared) for i in incoming]
        facts.hints = Hints()
    elif reading.correction and restated_aside(known.investments, new):
        # 「噢不对，这1200万是从创始人手里买的老股」: a figure told before is now set aside with its reason.
        aside = restated_aside(known.investments, new)
        facts.investments = [i for i in known.investments if i.id not in aside]
        if facts.deal_count:
            # 「天河那笔解约了，1000万已经全额退回」: a deal gone is no longer one of those counted.
            facts.deal_count = max(len(facts.investments), facts.deal_count - len(aside))
    elif reading.deal_hints and known.investments:
        # 「黄埔那家是成熟期，花都那家是初创期」: each deal takes what its own clause says.
        facts.investments = [
            apply_hints([i], [i], reading.deal_hints[i.id])[0] if i.id in reading.deal_hints else i
            for i in known.investments
        ]
    elif not new.hints.empty and not reading.withdrawn:
        # (「B公司那笔终止了，钱一直没打过去」: what is said of a deal called off is not said of the rest.)
        if known.investments:
            targets = awaited(known.investments, reading) or targets_of(known.investments, reading)
            facts.investments = apply_hints(known.investments, targets, new.hints)
            facts.investments = [
                i.model_copy(update={"status": reading.label_status[i.label]}) if i.label in reading.label_status else i
                for i in facts.investments
            ]
        else:
            merged = {k: v for k, v in new.hints.model_dump().items() if v not in (None, False)}
            if new.hints.stage is not None:
                merged["stage_unclear"] = new.hints.stage_unclear  # 「早期项目」 then 「已认定为初创期」: now clear
            facts.hints = known.hints.model_copy(update=merged)
    if reading.deal_hints and new.investments:
        # 「这家公司是种子期的。另外我们还有一笔…」: the known deal takes what was said of it first.
        facts.investments = [
            apply_hints([i], [i], reading.deal_hints[i.id])[0] if i.id in reading.deal_hints else i
            for i in facts.investments
        ]
    restated: set[int] = set()
    if reading.withdrawn:
        # 「白云那家…钱已经全额退回来了，这个别算」: a deal called off leaves the estimate and the count.
        gone = {i.amount for i in known.investments if i.id in reading.withdrawn}
        # The gone deal named again by its figure (「花都那家2000万的」) is not a deal of its own.
        restated = {i.id for i in new.investments if i.amount in gone}
        facts.investments = [i for i in facts.investments if i.id not in reading.withdrawn and i.id not in restated]
        if facts.deal_count:
            facts.deal_count = max(len(facts.investments), facts.deal_count - len(reading.withdrawn))
    if reading.moved is not None:
        move = reading.moved
        facts.investments = [
            i.model_copy(update={"investee_place": move.place, "investee_place_text": move.text})
            if i.id in move.investments
            else i
            for i in facts.investments
        ]
    if reading.payer is not None:
        facts.investments = [i.model_copy(update={"institution": reading.payer}) for i in facts.investments]
    if reading.share is not None and known.investments:
        facts.unclear = [q for q in facts.unclear if q.slot != "received_amount"]
        chosen = {i.id for i in (targets_of(known.investments, reading) or known.investments)}
        facts.investments = [
            i.model_copy(update={"amount": exact(i.amount * reading.share), "status": "received"})
            if i.id in chosen
            else i
            for i in facts.investments
        ]
    facts.contributions = merge_contributions(
        known.contributions, new.contributions, reading.correction, reading.addition, reading.restates
    )
    if new.contributions:
        facts.latest_batch = min(c.id for c in new.contributions)
    elif reading.this_increase and facts.latest_batch is not None:
        # 「这次增资，市财政能给多少」: only what the latest increase told, not the capital before it.
        facts.contributions = [c for c in facts.contributions if c.id >= facts.latest_batch]
    if reading.withdrawn_contributions:
        facts.contributions = [c for c in facts.contributions if c.id not in reading.withdrawn_contributions]
    if reading.money_figures or new.unclear:
        # The figures left out of the other support told (「担保公司注册资本6亿」 before the fund's deals) stay.
        told = {f.subject for f in new.set_aside} | {"investment" if new.investments else "contribution"}
        kept = [
            f
            for f in known.set_aside
            if f.subject not in told and (facts.contributions if f.subject == "contribution" else facts.investments)
        ]
        facts.set_aside = [*kept, *new.set_aside]
        # A question about the gone deal named again is no longer asked.
        facts.unclear = [q for q in new.unclear if not (q.targets and set(q.targets) <= restated)]
    elif new.has_award_facts or not new.hints.empty:
        facts.unclear = []
    if new.investments:
        facts.investments, round_sizes = round_totals(facts.investments)
        facts.set_aside = [*facts.set_aside, *round_sizes]
    return facts


def _payer_of(part: Investment, whole: Investment) -> dict[str, str]:
    """A part told with no institution of its own is paid by the whole's institution."""
    return {"institution": whole.institution} if part.institution == SELF and whole.institution != SELF else {}
