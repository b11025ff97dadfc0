"""The institutions a message names: by a letter label (A基金、X资本) or by their place (越秀那家).

Also several investors each named by its place, a person investing, and third parties (LPs, banks).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.understand.institution_labels import labels_in
from assistant.understand.parties import PlaceRead
from assistant.understand.text import alternation, find_words
from corpus.gazetteer import Place
from corpus.lexicon import Lexicon
from corpus.place_roles import load_place_rules

__all__ = ["InstitutionMention", "institutions_in"]

_LABEL_NOUN = re.compile(r"\s*(基金|资本|创投|机构|平台|投资|公司)")
# 「基金A注册在天河…今年A投了…」: a label named before, now alone as the one who invests.
_AGAIN_AFTER = r"\s*(?:又|也|还|则|就|这边|那边)?\s*(?:投了|投资了|投资|领投|跟投|出资|出了|到账|实际到账|打款|拿|能拿)"


@dataclass(frozen=True)
class InstitutionMention:
    """An institution the message names by a label (A基金、X资本) or by its place (越秀那家)."""

    key: str
    label: str
    start: int
    end: int
    place: Place | None = None
    place_text: str | None = None
    third_party: bool = False
    individual: bool = False
    name: str | None = None  # 「天河的XX创投」: the name it goes by later (XX创投)


def _investors_by_place(text: str, places: list[PlaceRead], lexicon: Lexicon) -> list[InstitutionMention]:
    """「深圳福田一家VC到账3000万，香港一家基金到账1500万」: several investors, each named by its place.

    Only when two or more are named: one investor named this way is simply the asker's or the
    investee's investor, and keeps the usual reading.
    """
    parties = lexicon.parties
    nouns = alternation(tuple(parties.institution_nouns))
    place_ref = load_place_rules().fragment("place_ref")
    found: list[InstitutionMention] = []
    for p in places:
        if p.role != "institution" or p.self_attached:
            continue
        m = re.match(rf"^(?:的|镇|区|县)?(?:一家|一位|一个|一只|某家|某)?[^，。；]{{0,4}}?({nouns})", text[p.end :])
        m = m or re.match(
            r"^(?:的|镇|区)?(?:一家|一位|一个|一只|某家)()(?=\s*(?:又|也|还)?(?:投了|投资|领投|跟投|出资|出了|到账|实际到账|打款))",
            text[p.end :],
        )
        if m and not re.match(place_ref, text[p.end :]):
            name = _GENERIC_HEAD.sub("", m.group(0))
            found.append(
                InstitutionMention(
                    f"{p.place.name}{m.group(1)}",
                    p.text + m.group(0),
                    p.start,
                    p.end + m.end(),
                    p.place,
                    p.text,
                    third_party=_partnered(text, p),
                    name=name if m.group(1) and len(name) > len(m.group(1)) else None,
                )
            )
    for m in re.finditer(
        r"(一位|一个)?(个人天使|个人投资人|自然人)[^，。；]{0,8}?(以|用)?[^，。；]{0,4}(自己|个人)?(名义)?", text
    ):
        if any(f.start <= m.start() < f.end for f in found):
            continue
        found.append(InstitutionMention("个人投资者", m.group(0), m.start(), m.end(), individual=True))
    return found if len({f.key for f in found}) >= 2 else []


def _partnered(text: str, place: PlaceRead) -> bool:
    """「和成都一家基金联合领投」「跟上海一家基金、深圳一家基金一起投了」: a co-investor, not the asker's own.

    Only when the asker speaks as one of the investors: 「中山的一支基金和肇庆的一支基金一起投了」 names two peers.
    """
    return bool(_ASKER.search(text)) and bool(
        re.search(rf"(和|与|跟|同)[^，。；]{{0,16}}{re.escape(place.text)}[^，。；]{{0,24}}(联合|一起|共同|合投)", text)
    )


_ASKER = re.compile(r"我们|我司|我方|咱们|本机构|本基金")
_ASKER_AT = re.compile(r"(?:我们|我司|我方|咱们|本机构)\s*(?:在|于)?\s*$")
_ORDINAL_SEAT = re.compile(r"第[一二三四五1-5](?:家|个|只|支)(?:是|的)?(?:注册|设|位于|落)?(?:在|于)?$")


# What may stand between a place and an institution's noun without being part of its name.
_GENERIC_HEAD = re.compile(
    r"^(?:的|镇|区|县)?(?:一家|一位|一个|一只|某家|某|这家|那家)?(?:知名|头部|本地|当地|大型|小型)?"
)


def _named_by_name(text: str, named: list[InstitutionMention]) -> list[InstitutionMention]:
    """「一家是天河的XX创投，一家是南沙的XX天使基金…XX创投投…到账4亿，XX天使基金到账1亿」: later by name."""
    again: list[InstitutionMention] = []
    for mention in named:
        if not mention.name:
            continue
        for m in re.finditer(re.escape(mention.name), text):
            if any(n.start <= m.start() < n.end for n in named):
                continue
            # 「XX天使基金」 is not a mention of 「XX天使」 or of a shorter name inside it
            longer = [
                n for n in named if n.name and len(n.name) > len(mention.name) and text.startswith(n.name, m.start())
            ]
            if not longer:
                again.append(
                    InstitutionMention(
                        mention.key,
                        mention.label,
                        m.start(),
                        m.end(),
                        mention.place,
                        mention.place_text,
                        name=mention.name,
                    )
                )
    return again


def _named_again(text: str, named: list[InstitutionMention]) -> list[InstitutionMention]:
    """Later bare mentions of a label already named with its noun (「A投了…，B投了…」), as that institution."""
    first = {m.key: m for m in reversed(named)}
    again: list[InstitutionMention] = []
    for key, mention in first.items():
        for m in re.finditer(rf"(?<![A-Za-z0-9]){re.escape(key)}(?![A-Za-z0-9])(?={_AGAIN_AFTER})", text):
            if any(n.start <= m.start() < max(n.end, n.start + len(n.label)) for n in named):
                continue
            again.append(InstitutionMention(key, mention.label, m.start(), m.end(), mention.place, mention.place_text))
    return again


def _same_place_same_institution(
    found: list[InstitutionMention], by_place: list[InstitutionMention]
) -> list[InstitutionMention]:
    """「顺德的一支基金…顺德那边实际打款2000万」: the place named again is the institution named with it."""
    seats = {m.place.name: m for m in by_place if m.place is not None}
    result = []
    for mention in found:
        seat = seats.get(mention.key) if mention.place is not None and mention.key == mention.place.name else None
        if seat is not None:
            mention = InstitutionMention(
                seat.key,
                seat.label,
                mention.start,
                mention.end,
                seat.place,
                seat.place_text,
                third_party=seat.third_party or mention.third_party,
                name=seat.name,
            )
        result.append(mention)
    return result


def _investees_counted(before: str, lexicon: Lexicon) -> bool:
    """Whether the message has just counted the companies invested in (「今年投了两家初创期企业」)."""
    verbs = "|".join(map(re.escape, lexicon.verbs.invest))
    return bool(re.search(rf"({verbs})[^，。；]{{0,6}}(一|两|三|四|五|几|多|\d+)(家|个)", before))


def institutions_in(
    text: str, places: list[PlaceRead], lexicon: Lexicon, known_labels: tuple[str, ...] = ()
) -> list[InstitutionMention]:
    """Institutions named by a letter label (A基金、X资本、平台A) or by their place (越秀那家、一个在大亚湾).

    ``known_labels`` are the letter labels of institutions an earlier turn named: 「甲投…乙到账…」
    then names them again without their noun.
    """
    found: list[InstitutionMention] = []
    parties = lexicon.parties
    rules = load_place_rules()
    located, place_ref, side_paid_after = (
        rules.fragment("located"),
        rules.fragment("place_ref"),
        rules.pattern("side_paid"),
    )
    labels, listed = labels_in(text)
    for m in labels:
        letter = m.group(1) or m.group(2) or m.group(3) or m.group(4)
        start = m.start()
        # The place said in the same breath: 「深圳的X资本」「A基金注册在深圳福田」.
        near = [
            p
            for p in places
            if p.role in ("institution", "unknown", "third")
            and 0 <= start - p.end <= 3
            and not re.search(r"[，,。；;！？!?]", text[p.end : start])
        ]
        clause_start = max(text.rfind(mark, 0, start) for mark in "，,。；;！？!?") + 1
        near += [
            p
            for p in places
            if p.role in ("institution", "unknown")
            and clause_start <= p.start
            and p.end <= start
            and re.search(r"(在|位于)$", text[clause_start : p.start])
        ][-1:]
        # A listed investor's 「公司在X」 reads like a company's place; the list says whose it is.
        roles = ("institution", "unknown", "investee") if start in listed else ("institution", "unknown")
        near += [
            p
            for p in places
            if p.role in roles
            and 0 <= p.start - m.end() <= 12
            and re.match(r"^[^，。；]{0,6}" + located, text[m.end() : p.start])
        ]
        # 「甲基金（天河）」: the place in brackets after the name comes before any other.
        noun = _LABEL_NOUN.match(text, m.end())
        name_end = noun.end() if noun and m.group(1) else m.end()
        bracketed = [p for p in places if re.fullmatch(r"\s*[（(]\s*(?:注册在|位于|在)?\s*", text[name_end : p.start])]
        place = (bracketed or near or [None])[0]
        found.append(
            InstitutionMention(
                letter,
                text[m.start() : name_end],
                m.start(),
                m.end(),
                place.place if place else None,
                place.text if place else None,
            )
        )
    found += _named_again(text, found)
    told = {m.key for m in found}
    for key in known_labels:
        # 「甲那8000万里有3000万…」: the label pointing at its own figure names that institution, even when
        # the message names it with its noun elsewhere too.
        pointing = r"\s*(?:那|这)(?:笔)?\s*\d"
        after = pointing if key in told else rf"{_AGAIN_AFTER}|\s*投|{pointing}"
        for m in re.finditer(rf"(?<![A-Za-z0-9]){re.escape(key)}(?![A-Za-z0-9])(?={after})", text):
            if not any(n.start <= m.start() < n.end for n in found):
                found.append(InstitutionMention(key, key, m.start(), m.end()))
    for p in places:
        after = text[p.end : p.end + 4]
        before = text[max(0, p.start - 6) : p.start]
        one_of = bool(re.search(r"(一个|一家|一只|一支)(注册|设|位于|落)?(在|于)$", before))
        # 「两家机构客户…第二家是肇庆高新区的一家国资创投」: an institution counted off by its ordinal;
        # 「同一轮我们在新加坡注册的平行基金也投了」: the asker's words before a seat that is not the
        # asker's own (the place rule own_second_vehicle) name another vehicle of the asker's.
        one_of = one_of or (
            p.role == "institution"
            and not p.self_attached
            and (bool(_ORDINAL_SEAT.search(before)) or bool(_ASKER_AT.search(before)))
        )
        if one_of and p.role != "institution" and _investees_counted(text[: p.start], lexicon):
            one_of = False  # 「投了两家…，一家在天河到账1000万」: one of the investees, not an investor
        if one_of and p.role == "investee":
            one_of = False  # 「另外一家在上海的公司」: the place of a company, as the place's own role says
        side_paid = side_paid_after.match(text[p.end : p.end + 10])
        if (p.role == "institution" and (re.match(place_ref, after) or side_paid)) or one_of:
            partner = _partnered(text, p)
            found.append(InstitutionMention(p.place.name, p.text, p.start, p.end, p.place, p.text, third_party=partner))
    # 「同一轮还有一家成都的基金跟投了1000万」: another investor of the round, named by its place.
    nouns = alternation(tuple(parties.institution_nouns))
    for p in places:
        if p.role == "third" and re.match(rf"^的?(?:另外)?(?:另?一家|另?一只|一个|一支)?\s*(?:{nouns})", text[p.end :]):
            if not any(f.start == p.start for f in found):
                found.append(
                    InstitutionMention(p.place.name, p.text, p.start, p.end, p.place, p.text, third_party=True)
                )
    # 「深圳福田的甲创投」: the place and the label name one institution, by its label.
    by_place = [
        p
        for p in _investors_by_place(text, places, lexicon)
        if not any(m.start < p.end and p.start < m.end and len(m.key) == 1 for m in found)
    ]
    found = _same_place_same_institution(found, by_place) + by_place + _named_by_name(text, by_place)
    third = [m for m in find_words(text, parties.third_party) if m.group(0) not in ("银行", "保险公司")]
    for m in third:
        near = [p for p in places if p.role == "third" and 0 <= p.start - m.end() <= 6]
        if re.match(r"^[^，。；]{0,8}(基金|机构|资本|创投|投资)", text[m.end() :]) or near:
            found.append(
                InstitutionMention(
                    "第三方",
                    m.group(0),
                    m.start(),
                    m.end(),
                    near[0].place if near else None,
                    near[0].text if near else None,
                    third_party=True,
                )
            )
    return sorted(found, key=lambda i: i.start)
