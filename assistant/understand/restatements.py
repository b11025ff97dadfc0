"""What a restatement of known investments points at and what it changes.

A correction or a restatement names its deal by the old year, a label, its place in the list, a
figure pointed at (「那2亿」) or the old amount; the new figures replace that deal, grow it, or break it
down into parts. Money now arrived is the money awaited; an answer fills the deal it was asked about.
"""

from __future__ import annotations

import re

from assistant.understand.hint_fill import as_hints, fill
from assistant.understand.model import PENDING_ASIDE, SELF, Facts, Investment, Question, Reading
from corpus.numerals import cn_to_int

__all__ = [
    "all_new",
    "already_told",
    "asked_about",
    "awaited",
    "broken_down",
    "correct",
    "is_whole",
    "looked_inside",
    "points_back",
    "restated_aside",
    "targets_of",
]

# 「第三家注册地其实在顺德」: the third deal told, by its place in the list.
_ORDINAL = re.compile(r"^第([一二三四五六七八九十\d]+)(?:家|笔|个|项|只)$")


def targets_of(known: list[Investment], reading: Reading) -> list[Investment]:
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
    # 「花都那笔其实是2024年1月才到账的，不是2023年」: the one deal named by its place, not by the new year.
    named_places = {i.investee_place for i in new.investments if i.investee_place} | {new.hints.investee_place}
    by_named_place = [i for i in known if i.investee_place and i.investee_place in named_places]
    if len(by_named_place) == 1 and not new.investments:
        return by_named_place
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


def awaited(known: list[Investment], reading: Reading) -> list[Investment]:
    """「年底这两笔现在也都已经到账了」: money now arrived is the money still awaited, not a deal already in."""
    if reading.facts.hints.status != "received" or reading.labels or reading.year_ref is not None:
        return []
    waiting = [i for i in known if i.status in ("pending", "signed", "unstated")]
    return waiting if waiting and len(waiting) < len(known) else []


def _opens_clause(investment: Investment) -> bool:
    """「6000万里实际只到了4500万」: the figure opens its clause, as a whole told before is named again."""
    clause = re.sub(r"^(更正|纠正|等下|不对|说错了|补充)[^，,：:]{0,8}[，,：:]", "", investment.clause or "").lstrip()
    return clause.startswith(investment.written or "\0")


def _points_into(investment: Investment) -> bool:
    """「那2.4亿里面」「这笔2亿中」: a figure pointed at, then looked inside."""
    written = re.escape(investment.written or "")
    return (
        bool(written)
        and (_points_at(investment) or _opens_clause(investment))
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


def points_back(investment: Investment, known: list[Investment], reading: Reading) -> bool:
    """「那3000万对应的奖励已经申请下来了」: a known deal of that amount pointed at again, with nothing new said of it.

    A correction (「那笔1000万其实没投成」) or a new status says something new: it is not dropped here.
    """
    if reading.correction or reading.labels or not _points_at(investment):
        return False
    return any(k.amount == investment.amount and investment.status in (k.status, "unstated") for k in known)


# 「两年合起来…同事说按4个亿算」「再追加两个亿（…总共四个亿）」: a total over deals already told.
_TOTAL_WORD = re.compile(r"总共|一共|合计|加起来|合起来|共计|总计|累计|按\s*$|\b(?:in total|altogether|combined)\b")


def sums_up(investment: Investment, known: list[Investment], incoming: list[Investment]) -> bool:
    """Whether ``investment`` is the total of the deals told (known and beside it), said as a total."""
    clause = investment.clause or ""
    at = clause.find(investment.written)
    said_as_total = _TOTAL_WORD.search(clause[:at] if at >= 0 else clause) is not None
    if not said_as_total or not known:
        return False
    others = [i for i in incoming if i is not investment and i.amount != investment.amount]
    parts = [*known, *others]
    return len(parts) >= 2 and sum(i.amount for i in parts) == investment.amount


def already_told(investment: Investment, known: list[Investment], reading: Reading, incoming: list[Investment]) -> bool:
    """A deal told before pointed at again, or the total of the deals told: no new deal."""
    return points_back(investment, known, reading) or sums_up(investment, known, incoming)


def restated_aside(known: list[Investment], new: Facts) -> set[int]:
    """The known investments a correction now sets aside (by the same amount, with a reason of its own)."""
    values = {f.value for f in new.set_aside if f.value is not None and f.reason != "更正前的数字"}
    return {i.id for i in known if i.amount in values}


def asked_about(known: list[Investment], pending: Question | None) -> set[int]:
    """The investments the pending question about what arrived points at (its targets, else the signed ones)."""
    if pending is None or pending.slot != "received_amount":
        return set()
    if pending.targets:
        return set(pending.targets)
    signed = [i.id for i in known if i.status == "signed"]
    return set(signed) if len(signed) == 1 else set()


def correct(known: list[Investment], new: list[Investment], reading: Reading) -> list[Investment]:
    """The known investments after a correction: the deals it points at take the new figures and keep their facts."""
    grown = _grown(known, new)
    if grown is not None:
        # 「天河那只后来又到了2000万，所以今年到账是8000万了」: the new total replaces the deal it grew.
        target, total, step = grown
        kept = fill(total.model_copy(update={"id": target.id, "institution": target.institution}), as_hints(target))
        rest = [n for n in new if n is not total and n is not step]
        result = [kept if i.id == target.id else i for i in known]
        return result + [fill(n, as_hints(target)) for n in rest]
    # 「23年那笔2500万的其实只到了2000万」: the figure pointed at is the old value, naming the deal it corrects.
    old = [n for n in new if _points_at(n) and sum(i.amount == n.amount for i in known) == 1]
    if len(old) == 1 and len(new) > 1:
        target = next(i for i in known if i.amount == old[0].amount)
        return _replace_one(known, target, [n for n in new if n is not old[0]])
    targets = targets_of(known, reading) or (known if len(known) == len(new) else [])
    if not targets:
        return new
    if len(targets) == 1 and len(new) > 1:
        # 「到账的是2600万，另外400万还在走流程」: the first new figure replaces the target, the rest keep its facts.
        return _replace_one(known, targets[0], new)
    if len(new) == 1 and len(targets) >= 1:
        target = targets[0]
        replacement = fill(new[0].model_copy(update={"id": target.id}), as_hints(target))
        replacement = replacement.model_copy(
            update={"institution": target.institution if new[0].institution == SELF else new[0].institution}
        )
        return [replacement if i.id == target.id else i for i in known]
    if len(new) == len(targets):
        pairs = {t.id: fill(n.model_copy(update={"id": t.id}), as_hints(t)) for t, n in zip(targets, new, strict=True)}
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
    first = fill(new[0], as_hints(target)).model_copy(update={"id": target.id, "institution": target.institution})
    result = [first if i.id == target.id else i for i in known]
    for item in new[1:]:
        same = [i for i in result if i.id != target.id and i.amount == item.amount]
        if len(same) == 1:
            restated = fill(item.model_copy(update={"id": same[0].id}), as_hints(same[0]))
            result = [restated if i.id == same[0].id else i for i in result]
            continue
        result.append(fill(item, as_hints(target)).model_copy(update={"institution": target.institution}))
    return result


def all_new(known: list[Investment], incoming: list[Investment]) -> bool:
    """Whether every new deal is told apart from the known ones by a year none of them has."""
    years = {i.year for i in known}
    if None in years:
        return False  # a known deal of no year may be the one restated
    return all(i.year is not None and i.year not in years for i in incoming)


def looked_inside(known: list[Investment], incoming: list[Investment]) -> Investment | None:
    """The one known deal whose figure a new figure's clause looks inside (「6000万里实际只到了4500万」)."""
    found = {
        k.id: k
        for i in incoming
        for k in known
        if k.written
        and k.amount > i.amount
        and re.search(rf"{re.escape(k.written)}\s*(?:里面|里头|里|其中|当中|之中|中)", i.clause or "")
    }
    return next(iter(found.values())) if len(found) == 1 else None


def broken_down(known: list[Investment], incoming: list[Investment], reading: Reading) -> Investment | None:
    """The one known deal that two or more new figures add up to exactly, if any.

    Not when the message adds deals (「2024年又投了两家，各5000万」 after a 1亿 deal) or tells them in
    another year than the whole's: those are deals of their own, whatever they sum to.
    """
    placed = {i.investee_place for i in incoming}
    same_place = [k for k in known if k.investee_place and k.investee_place in placed]
    # What is still to come, told beside what arrived, is set aside but still a part of the whole.
    to_come = sum(f.value for f in reading.facts.set_aside if f.reason == PENDING_ASIDE)
    told = sum(i.amount for i in incoming) + to_come
    if incoming and reading.restates and len(placed) == 1 and len(same_place) == 1 and same_place[0].amount == told:
        # 「番禺那家其实只到了六百万，另外两百万明年才打」: the one deal of that place, told again in parts
        # (另外 here is the rest of it, not another deal).
        return same_place[0]
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


def is_whole(investment: Investment, whole: Investment) -> bool:
    """The pointed-at whole itself (「那2.4亿里面…」), told again beside its parts."""
    return investment.amount == whole.amount and _points_into(investment)
