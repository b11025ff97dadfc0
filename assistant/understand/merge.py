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

from assistant.understand.model import SELF, Contribution, Facts, Hints, Institution, Investment, Question, Reading
from assistant.understand.yuan import exact
from corpus.numerals import cn_to_int

# 「第三家注册地其实在顺德」: the third deal told, by its place in the list.
_ORDINAL = re.compile(r"^第([一二三四五六七八九十\d]+)(?:家|笔|个|项|只)$")

__all__ = ["fold", "hint_fields"]

_HINT_FIELDS = (
    "investee_place",
    "investee_place_text",
    "stage",
    "stage_word",
    "stage_unclear",
    "tech_sme",
    "tech_word",
    "year",
    "status",
)


def hint_fields(hints: Hints) -> dict[str, object]:
    """The stated hint values, as investment fields (the unclear flag goes with its stage word)."""
    values = {k: v for k, v in hints.model_dump().items() if v not in (None, False)}
    if "stage" in values or "stage_word" in values:
        values.setdefault("stage", None)
        values["stage_unclear"] = hints.stage_unclear
    return values


def _fill(investment: Investment, hints: Hints) -> Investment:
    """An investment's missing facts taken from what was said before its amount."""
    missing = {
        k: v
        for k, v in hint_fields(hints).items()
        if getattr(investment, k) in (None, False, "unstated") and k != "stage_unclear"
    }
    if "stage" in missing or "stage_word" in missing:
        missing["stage_unclear"] = hints.stage_unclear if investment.stage is None else False
    return investment.model_copy(update=missing)


def _targets(known: list[Investment], reading: Reading) -> list[Investment]:
    """The known investments a correction points at."""
    new = reading.facts
    by_reference = [i for i in known if reading.year_ref is not None and i.year == reading.year_ref]
    if by_reference:
        return by_reference  # 「2023那笔其实是2022年到的」: the deal named by its old year
    labels = {i.label for i in new.investments if i.label} | set(reading.labels)
    by_label = [i for i in known if i.label and i.label in labels]
    if by_label:
        return by_label
    ordinals = [cn_to_int(m.group(1)) for m in map(_ORDINAL.match, labels) if m]
    by_order = [known[n - 1] for n in ordinals if n is not None and 1 <= n <= len(known)]
    if by_order and not any(i.label for i in known):
        return by_order
    # 「那2亿其实也是2024年到账的」: a figure pointed at (那2亿、2亿那笔) names its deal, before any year.
    pointed = [n for n in new.investments if _points_at(n)]
    by_pointed = [i for i in known if any(n.amount == i.amount for n in pointed)]
    if len(by_pointed) == 1:
        return by_pointed
    years = {i.year for i in new.investments if i.year is not None} or ({new.hints.year} if new.hints.year else set())
    by_year = [i for i in known if i.year in years] if years and len({i.year for i in known}) > 1 else []
    if by_year:
        return by_year
    # 「1.2亿是那家公司的投后估值，我们实际打过去的是1800万」: a known figure now set aside, whatever the
    # reason, is the deal the correction replaces.
    old_values = {
        f.value for f in new.set_aside if f.value is not None and (reading.correction or f.reason == "更正前的数字")
    }
    by_amount = [i for i in known if i.amount in old_values]
    if by_amount:
        return by_amount
    # 「500万那笔其实还没到账」: the one deal told with the same amount, its status now changed.
    same = [i for i in known if any(n.amount == i.amount for n in new.investments)]
    if len(same) == 1 and len(new.investments) == 1:
        return same
    places = {i.investee_place for i in new.investments if i.investee_place} | {new.hints.investee_place}
    by_place = [i for i in known if i.investee_place and i.investee_place in places]
    return by_place or ([known[-1]] if len(known) == 1 else [])


def _awaited(known: list[Investment], reading: Reading) -> list[Investment]:
    """「年底这两笔现在也都已经到账了」: money now arrived is the money still awaited, not a deal already in."""
    if reading.facts.hints.status != "received" or reading.labels or reading.year_ref is not None:
        return []
    waiting = [i for i in known if i.status in ("pending", "signed", "unstated")]
    return waiting if waiting and len(waiting) < len(known) else []


def _points_into(investment: Investment) -> bool:
    """「那2.4亿里面」「这笔2亿中」: a figure pointed at, then looked inside."""
    written = re.escape(investment.written or "")
    return (
        bool(written)
        and _points_at(investment)
        and (
            re.search(
                rf"{written}\s*(?:的)?(?:那|这)?一?笔?\s*(?:里面|里头|里|其中|当中|之中|中)", investment.clause or ""
            )
            is not None
        )
    )


def _points_at(investment: Investment) -> bool:
    """Whether the figure is pointed at as one told before: 「那2亿」「这笔2亿」「2亿那笔」."""
    written = re.escape(investment.written or "")
    if not written:
        return False
    return re.search(rf"(那|这)(一?笔)?\s*{written}|{written}\s*(的)?(那|这)一?笔", investment.clause or "") is not None


def _restated_aside(known: list[Investment], new: Facts) -> set[int]:
    """The known investments a correction now sets aside (by the same amount, with a reason of its own)."""
    values = {f.value for f in new.set_aside if f.value is not None and f.reason != "更正前的数字"}
    return {i.id for i in known if i.amount in values}


def _asked_about(known: list[Investment], pending: Question | None) -> set[int]:
    """The investments the pending question about what arrived points at (its targets, else the signed ones)."""
    if pending is None or pending.slot != "received_amount":
        return set()
    if pending.targets:
        return set(pending.targets)
    signed = [i.id for i in known if i.status == "signed"]
    return set(signed) if len(signed) == 1 else set()


PERSON = "个人"


def _person_beside_the_fund(known: Facts, new: Facts) -> bool:
    """Whether the speaker, after telling a fund's deals, now tells money of their own as a person."""
    before, now = known.institution(SELF), new.institution(SELF)
    return bool(
        known.investments and before is not None and not before.individual and now is not None and now.individual
    )


def _merge_institutions(known: list[Institution], new: list[Institution]) -> list[Institution]:
    result = [i.model_copy() for i in known]
    for inst in new:
        old = next((i for i in result if i.key == inst.key), None)
        if old is None:
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


def _apply_hints(investments: list[Investment], targets: list[Investment], hints: Hints) -> list[Investment]:
    chosen = {i.id for i in (targets or investments)}
    values = hint_fields(hints)
    return [i.model_copy(update=values) if i.id in chosen else i for i in investments]


def _correct(known: list[Investment], new: list[Investment], reading: Reading) -> list[Investment]:
    grown = _grown(known, new)
    if grown is not None:
        # 「天河那只后来又到了2000万，所以今年到账是8000万了」: the new total replaces the deal it grew.
        target, total, step = grown
        kept = _fill(total.model_copy(update={"id": target.id, "institution": target.institution}), _as_hints(target))
        rest = [n for n in new if n is not total and n is not step]
        result = [kept if i.id == target.id else i for i in known]
        return result + [_fill(n, _as_hints(target)) for n in rest]
    # 「23年那笔2500万的其实只到了2000万」: the figure pointed at is the old value, naming the deal it corrects.
    old = [n for n in new if _points_at(n) and sum(i.amount == n.amount for i in known) == 1]
    if len(old) == 1 and len(new) > 1:
        target = next(i for i in known if i.amount == old[0].amount)
        return _replace_one(known, target, [n for n in new if n is not old[0]])
    targets = _targets(known, reading) or (known if len(known) == len(new) else [])
    if not targets:
        return new
    if len(targets) == 1 and len(new) > 1:
        # 「到账的是2600万，另外400万还在走流程」: the first new figure replaces the target, the rest keep its facts.
        return _replace_one(known, targets[0], new)
    if len(new) == 1 and len(targets) >= 1:
        target = targets[0]
        replacement = _fill(new[0].model_copy(update={"id": target.id}), _as_hints(target))
        replacement = replacement.model_copy(
            update={"institution": target.institution if new[0].institution == SELF else new[0].institution}
        )
        return [replacement if i.id == target.id else i for i in known]
    if len(new) == len(targets):
        pairs = {
            t.id: _fill(n.model_copy(update={"id": t.id}), _as_hints(t)) for t, n in zip(targets, new, strict=True)
        }
        return [pairs.get(i.id, i) for i in known]
    return new


def _grown(known: list[Investment], new: list[Investment]) -> tuple[Investment, Investment, Investment] | None:
    """The one known deal, new total and increment with known + increment = total."""
    found = [
        (k, total, step)
        for total in new
        for step in new
        if step is not total
        for k in known
        if k.amount + step.amount == total.amount
    ]
    return found[0] if len(found) == 1 else None


def _replace_one(known: list[Investment], target: Investment, new: list[Investment]) -> list[Investment]:
    """The first new figure takes the target's place and facts; the rest follow it with the same facts.

    A later figure equal to another known deal restates that deal (「成长期那家1亿倒是全部到账了」).
    """
    first = _fill(new[0], _as_hints(target)).model_copy(update={"id": target.id, "institution": target.institution})
    result = [first if i.id == target.id else i for i in known]
    for item in new[1:]:
        same = [i for i in result if i.id != target.id and i.amount == item.amount]
        if len(same) == 1:
            restated = _fill(item.model_copy(update={"id": same[0].id}), _as_hints(same[0]))
            result = [restated if i.id == same[0].id else i for i in result]
            continue
        result.append(_fill(item, _as_hints(target)).model_copy(update={"institution": target.institution}))
    return result


def _all_new(known: list[Investment], incoming: list[Investment]) -> bool:
    """Whether every new deal is told apart from the known ones by a year none of them has."""
    years = {i.year for i in known}
    if None in years:
        return False  # a known deal of no year may be the one restated
    return all(i.year is not None and i.year not in years for i in incoming)


def _broken_down(known: list[Investment], incoming: list[Investment], reading: Reading) -> Investment | None:
    """The one known deal that two or more new figures add up to exactly, if any.

    Not when the message adds deals (「2024年又投了两家，各5000万」 after a 1亿 deal) or tells them in
    another year than the whole's: those are deals of their own, whatever they sum to.
    """
    if len(incoming) < 2:
        return None
    pointed = [i for i in incoming if _points_into(i)]
    if len(pointed) == 1:
        # 「2023年那2.4亿里面其实只有1.4亿是2023年到账的，另外1亿是2024年1月才到」: the whole is named and
        # split in the message itself, so its parts replace it whatever their years.
        parts = [i for i in incoming if i is not pointed[0]]
        wholes = [i for i in known if i.amount == pointed[0].amount]
        if len(wholes) == 1 and sum(i.amount for i in parts) == wholes[0].amount:
            return wholes[0]
    if reading.addition:
        return None
    total = sum(i.amount for i in incoming)
    wholes = [i for i in known if i.amount == total]
    if len(wholes) != 1:
        return None
    whole = wholes[0]
    return whole if all(i.year is None or whole.year is None or i.year == whole.year for i in incoming) else None


def _is_whole(investment: Investment, whole: Investment) -> bool:
    """The pointed-at whole itself (「那2.4亿里面…」), told again beside its parts."""
    return investment.amount == whole.amount and _points_into(investment)


def _shared_hints(investments: list[Investment]) -> Hints:
    """The investee facts every one of ``investments`` has in common (nothing when they differ)."""
    if not investments:
        return Hints()
    common: dict[str, object] = {}
    for name in _HINT_FIELDS:
        values = {getattr(i, name) for i in investments}
        if len(values) == 1 and (value := values.pop()) not in (None, False, "unstated"):
            common[name] = value
    common.pop("status", None)  # what arrived is the new message's to say
    return Hints(**common)


def _investee_hints(investment: Investment) -> Hints:
    """What an investment says of its investee, without its own year and arrival."""
    return Hints(**{k: getattr(investment, k) for k in _HINT_FIELDS if k not in ("year", "status")})


def _as_hints(investment: Investment) -> Hints:
    return Hints(**{k: getattr(investment, k) for k in _HINT_FIELDS})


def _merge_contributions(
    known: list[Contribution], new: list[Contribution], correction: bool, addition: bool
) -> list[Contribution]:
    if not new:
        return known
    carved = _carved_out(known, new)
    if carved is not None:
        return carved
    if addition and not correction:
        return [*known, *new]
    if not correction and known and not {c.funder for c in new} & {c.funder for c in known}:
        return [*known, *new]  # 「那要是市属国企也再出1亿呢」: another funder beside the ones told
    if correction:
        # A restated breakdown replaces what it breaks down (「3亿里面区财政只出了1.8亿」).
        # 「区财政是分两次增资的，2023年实缴八千万，2024年又追加4000万」: every new item of a funder
        # told again stands; the funder's old items go.
        named = {c.funder for c in new}
        kept = [c for c in known if c.funder not in ("district_unclear", "unknown") and c.funder not in named]
        old_ids = {c.funder: c.id for c in known if c.funder in named}
        restated: list[Contribution] = []
        for item in new:
            first = item.funder in old_ids and not any(r.funder == item.funder for r in restated)
            restated.append(item.model_copy(update={"id": old_ids[item.funder]}) if first else item)
        return [*kept, *restated]
    return new


def _carved_out(known: list[Contribution], new: list[Contribution]) -> list[Contribution] | None:
    """「其中5000万是区属国企出的」: part of the one known contribution came from another funder."""
    if len(known) != 1 or len(new) != 1 or not new[0].clause.startswith("其中"):
        return None
    whole, part = known[0], new[0]
    if part.funder == whole.funder or part.amount >= whole.amount:
        return None
    rest = whole.model_copy(update={"amount": whole.amount - part.amount, "written": f"{whole.written}−{part.written}"})
    return [rest, part]


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
    facts.institutions = _merge_institutions(known.institutions, new.institutions)
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
    if new.investments:
        incoming = [_fill(i, known.hints) for i in new.investments]
        if person:
            incoming = [i.model_copy(update={"institution": PERSON}) if i.institution == SELF else i for i in incoming]
        if reading.same_year and known.investments:
            year = known.investments[-1].year
            incoming = [i if i.year else i.model_copy(update={"year": year}) for i in incoming]
        other_institution = known.investments and {i.institution for i in incoming}.isdisjoint(
            {i.institution for i in known.investments}
        )
        answered = _asked_about(known.investments, pending)
        # 「第二家实际是1800万」: a deal named by its label gets a new figure, with or without 更正.
        relabelled = bool(reading.labels) and not reading.addition and bool(_targets(known.investments, reading))
        whole = _broken_down(known.investments, incoming, reading)
        if whole is not None:
            # 「这轮一共一个亿」 then 「具体是：我们出4000万，杭州那家出6000万」: the parts replace the whole
            # and keep what was said of its investee.
            # A part told without its status arrived as the whole did.
            told = [i if i.status != "unstated" else i.model_copy(update={"status": whole.status}) for i in incoming]
            parts = [_fill(i, _investee_hints(whole)) for i in told if not _is_whole(i, whole)]
            facts.investments = [i for i in known.investments if i.id != whole.id] + parts
        elif (reading.correction or relabelled) and known.investments:
            facts.investments = _correct(known.investments, incoming, reading)
        elif answered and len(incoming) == 1 and incoming[0].status in ("received", "unstated"):
            # The answer to 「其中实际到账多少」 replaces the signed figure it was asked about.
            facts.investments = [
                _fill(incoming[0].model_copy(update={"id": i.id, "status": "received"}), _as_hints(i))
                if i.id in answered
                else i
                for i in known.investments
            ]
        elif known.investments and (reading.addition or other_institution):
            signed = [i for i in known.investments if i.status == "signed"]
            if reading.same_investee:
                # 「今年又投了同一家2000万」: the investee told last keeps its place, stage and status.
                incoming = [_fill(i, _investee_hints(known.investments[-1])) for i in incoming]
            elif reading.same_kind:
                # 「又投了一批，合计到账2.5亿」「second tranche今天也到账了」: the same kind of deal as before.
                shared = _shared_hints(known.investments)
                incoming = [_fill(i, shared) for i in incoming]
            facts.investments = [*known.investments, *incoming]
            if reading.same_investee and signed and sum(i.amount for i in incoming) <= sum(i.amount for i in signed):
                # 「签了3亿」 then 「2023年到账1亿，2024年到账1.5亿，剩下5000万还没到」: the tranches are what
                # arrived of the signed deal, which now counts only through them.
                gone = {i.id for i in signed}
                facts.investments = [i for i in facts.investments if i.id not in gone]
        elif len(known.investments) > 1 and _targets(known.investments, reading):
            # 「黄埔那个我说的是签约金额，实际只到账了1000万」: a restatement of the one deal it names.
            facts.investments = _correct(known.investments, incoming, reading)
        elif known.investments and _all_new(known.investments, incoming):
            # 「2023年投了两家…；2024年…」 after 「2022年投了天河一家」: other years, other deals.
            facts.investments = [*known.investments, *incoming]
        else:
            # A restatement (「5000万是签约额，今年实际只到了3400万」) keeps what every earlier investment shared.
            shared = _shared_hints(known.investments)
            facts.investments = [_fill(i, shared) for i in incoming]
        facts.hints = Hints()
    elif reading.correction and _restated_aside(known.investments, new):
        # 「噢不对，这1200万是从创始人手里买的老股」: a figure told before is now set aside with its reason.
        aside = _restated_aside(known.investments, new)
        facts.investments = [i for i in known.investments if i.id not in aside]
    elif reading.deal_hints and known.investments:
        # 「黄埔那家是成熟期，花都那家是初创期」: each deal takes what its own clause says.
        facts.investments = [
            _apply_hints([i], [i], reading.deal_hints[i.id])[0] if i.id in reading.deal_hints else i
            for i in known.investments
        ]
    elif not new.hints.empty:
        if known.investments:
            targets = _awaited(known.investments, reading) or _targets(known.investments, reading)
            facts.investments = _apply_hints(known.investments, targets, new.hints)
            facts.investments = [
                i.model_copy(update={"status": reading.label_status[i.label]}) if i.label in reading.label_status else i
                for i in facts.investments
            ]
        else:
            merged = {k: v for k, v in new.hints.model_dump().items() if v not in (None, False)}
            facts.hints = known.hints.model_copy(update=merged)
    if reading.deal_hints and new.investments:
        # 「这家公司是种子期的。另外我们还有一笔…」: the known deal takes what was said of it first.
        facts.investments = [
            _apply_hints([i], [i], reading.deal_hints[i.id])[0] if i.id in reading.deal_hints else i
            for i in facts.investments
        ]
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
        chosen = {i.id for i in (_targets(known.investments, reading) or known.investments)}
        facts.investments = [
            i.model_copy(update={"amount": exact(i.amount * reading.share), "status": "received"})
            if i.id in chosen
            else i
            for i in facts.investments
        ]
    facts.contributions = _merge_contributions(
        known.contributions, new.contributions, reading.correction, reading.addition
    )
    if reading.money_figures or new.unclear:
        facts.set_aside = new.set_aside
        facts.unclear = new.unclear
    elif new.has_award_facts or not new.hints.empty:
        facts.unclear = []
    return facts
