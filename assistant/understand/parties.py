"""Who is who in a message: the speaker's role, the institutions named, and what each place belongs to.

A place is the investing institution's (「我们是前海的基金」「注册在顺德的基金」), the investee's
(「投了南沙一家初创企业」「被投企业注册在东莞」), a third party's (「我们的LP是北京的保险公司」),
a listing venue (「在香港上市」), a secondary office (「在广州也有办公室」), or unknown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from assistant.understand.model import SpeakerRole
from assistant.understand.text import Clause, find_words, word_pattern
from corpus.gazetteer import Place, PlaceMention
from corpus.lexicon import Lexicon

__all__ = ["InstitutionMention", "PlaceRead", "PlaceRole", "institutions_in", "place_roles", "speaker_role"]

# planned: 「打算在南沙设一只基金」, the place of a vehicle not set up yet (no fact of a known investment).
PlaceRole = Literal["institution", "investee", "third", "listing", "secondary", "negated", "planned", "unknown"]
_LOCATED = r"(?:在|位于|注册在|注册于|注册地在|注册地是|落户在|落户|设在|总部在|总部设在|地处|是)"
# 「东莞松山湖那边一家创投」: 那边/这边 only points at the place, the noun after it says whose it is.
_QUANTIFIER = (
    r"(?:市|区|镇|县|街道)?的?(?:那边的?|这边的?|那里的?|那儿的?)?(?:一家|一只|一个|某家|某只|某个|某|这家|两家|三家|几家|\d+家"
    r"|[一二两三四五六七八九十]+家|[一二两三四五六七八九十]+个)?"
)
_LISTING_AFTER = re.compile(r"^[^，。；]{0,3}(上市|交易所|证券交易所|联交所|挂牌|IPO)", re.IGNORECASE)
_SECONDARY_AFTER = re.compile(
    r"^[^，。；]{0,4}(也有|还有|设有|有个|有一个|有家|设了)[^，。；]{0,3}"
    r"(办公室|分公司|团队|研发中心|办事处|分支机构|代表处|子公司|工厂|基地|office)"
    # 「深圳那边只是他们的一个办事处」: what is there is only an office.
    r"|^[^，。；]{0,4}(只是|仅是|仅为|只有|只不过是|不过是)[^，。；]{0,8}(办公室|办事处|分支机构|代表处|联络处|团队|office)",
    re.IGNORECASE,
)
_SECONDARY_BEFORE = re.compile(
    r"(研发中心|(?<!家族)办公室|团队|分公司|办事处|工厂|主要团队|研发|业务|经营|运营|市场|客户|生产|office)"
    r"[^，。；]{0,3}(在|位于|设在)$",
    re.IGNORECASE,
)
_NEGATED_BEFORE = re.compile(r"(不在|没有在|没在|并非|不是|并不在|不位于|不属于)$")
_STAFF = re.compile(r"CFO|财务|董秘|创始人|老板|负责人|法人|合伙人|总经理|CEO|融资负责人", re.IGNORECASE)
_FINANCED = re.compile(r"(融了|融到|拿到|获得|完成|获投|引入|轮融|融资|收到)")
_LETTER_LABEL = re.compile(
    r"(?<![A-Za-z])([A-Z]|[甲乙丙丁])\s*(?=基金|资本|创投|机构|平台|投资|公司[^，。；]{0,3}投)"
    r"|(?:基金|平台|机构)\s*([A-Z]|[甲乙丙丁])(?![A-Za-z])"
)
_PLACE_REF = r"(?:那家|那只|那个|的那家|的那只|的那个)"
_LABEL_NOUN = re.compile(r"\s*(基金|资本|创投|机构|平台|投资|公司)")
# 「基金A注册在天河…今年A投了…」: a label named before, now alone as the one who invests.
_AGAIN_AFTER = r"\s*(?:又|也|还|则|就|这边|那边)?\s*(?:投了|投资了|投资|领投|跟投|出资|出了|到账|实际到账|打款|拿|能拿)"


@dataclass(frozen=True)
class PlaceRead:
    """A place (adjacent names merged: 广州黄埔 → 黄埔) and whose place it is."""

    start: int
    end: int
    text: str
    place: Place
    role: PlaceRole
    self_attached: bool = False


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


def _merge(places: list[PlaceMention]) -> list[PlaceMention]:
    """「广州黄埔」「深圳前海」「惠州大亚湾」: a city followed by one of its own places is that place.

    A here-word between them (「深圳本地南山」) glues them too.
    """
    named = [p for p in places if p.place.kind != "here_speaker"]
    glue = [
        p
        for p in places
        if p.place.kind == "here_speaker"
        and any(0 <= p.start - n.end <= 1 for n in named)
        and any(0 <= n.start - p.end <= 1 for n in named)
    ]
    places = [p for p in places if p not in glue]
    merged: list[PlaceMention] = []
    for mention in places:
        if merged:
            last = merged[-1]
            gap = mention.start - last.end
            if any(last.end <= g.start and g.end <= mention.start for g in glue):
                gap = 1
            same_city = last.place.city == mention.place.city or last.place.kind in ("region",)
            # 「上海浦东」「北京海淀」: places outside the gazetteer's cities have no hierarchy; written
            # back to back, the second is inside the first.
            outside = gap == 0 and last.place.kind == mention.place.kind == "outside"
            if ((gap <= 1 and same_city) or outside) and mention.place.kind not in ("city", "region"):
                merged[-1] = PlaceMention(last.start, mention.end, last.text + " " * gap + mention.text, mention.place)
                continue
        merged.append(mention)
    return merged


def _clause_of(parts: list[Clause], position: int) -> Clause:
    return next((c for c in parts if c.holds(position)), Clause(0, 0, "", 0))


def place_roles(text: str, places: list[PlaceMention], parts: list[Clause], lexicon: Lexicon) -> list[PlaceRead]:
    """Every place of the message with the role the words around it give."""
    parties = lexicon.parties
    invest = word_pattern(tuple(lexicon.verbs.invest))
    nouns = "|".join(map(re.escape, sorted(parties.institution_nouns, key=len, reverse=True)))
    institution_noun = rf"(?:[A-Za-z0-9甲乙丙丁某]{{0,3}})(?:{nouns})"
    investee_noun = "|".join(map(re.escape, sorted(parties.investee_nouns, key=len, reverse=True)))
    self_words = "|".join(map(re.escape, sorted(parties.self + parties.self_is, key=len, reverse=True)))
    reads: list[PlaceRead] = []
    planned = _planned_sentences(text, parts, lexicon)
    for mention in _merge(places):
        clause = _clause_of(parts, mention.start)
        if clause.sentence in planned:
            reads.append(PlaceRead(mention.start, mention.end, mention.text, mention.place, "planned"))
            continue
        before = text[clause.start : mention.start]
        after = text[mention.end : clause.end]
        role: PlaceRole = "unknown"
        attached = False
        # 「甲基金（天河）」「被投企业（南沙）」: a place in brackets right after a noun is that party's.
        bracketed = re.search(
            rf"(?:({institution_noun})|(?:{investee_noun}))\s*[（(]\s*(?:注册在|注册于|位于|在)?\s*$",
            text[max(0, mention.start - 24) : mention.start],
        )
        if bracketed and re.match(r"\s*[）)]", text[mention.end :]):
            role = "institution" if bracketed.group(1) else "investee"
        elif _LISTING_AFTER.search(after):
            role = "listing"
        elif re.match(_PLACE_REF, after) and (
            re.match(rf"^{_PLACE_REF}\s*(又|也|还|则|就)?\s*(投|领投|跟投|出资|实际|到账|出了|的基金)", after)
            or not re.match(rf"^{_PLACE_REF}[^，。；]{{0,6}}?(?:{investee_noun})", after)
        ):
            role = "institution"  # 「南山那家实际到账2.5亿」: the institution named by its place
        elif _NEGATED_BEFORE.search(before):
            role = "negated"
        elif re.search(r"(跟|和|与|同|对|给|向)$", before) and re.match(
            rf"^{_QUANTIFIER}[^，。；]{{0,12}}?(?:{investee_noun})", after
        ):
            role = "investee"  # 「我们跟黄埔一家种子期的科小签了…」: the other side of the deal
        elif re.search(
            rf"({'|'.join(map(re.escape, lexicon.verbs.invest))})[^，。；]{{0,4}}(一家|一个|两家|几家)(我们)?$", before
        ):
            role = "investee"  # 「投了一家我们深圳本地南山的科小」
        elif _SECONDARY_AFTER.search(after) or _SECONDARY_BEFORE.search(before):
            role = "secondary"
        elif find_words(before, parties.third_party) and not re.search(rf"({self_words})[^，。]{{0,3}}$", before):
            role = "third"
        elif (
            reads
            and reads[-1].role == "third"
            and re.match(r"^\s*(还有|以及|及|和|另有|另外还有)", before)
            and (_clause_of(parts, reads[-1].start).sentence == clause.sentence)
        ):
            role = "third"  # 「LP里有一家新加坡的家族办公室，还有长沙的产业资本」: the list of LPs goes on
        elif re.search(rf"({self_words})[^，。；]{{0,6}}{_LOCATED}?[^，。；]{{0,2}}$", before) and not invest.search(
            before[-4:]
        ):
            role, attached = "institution", True
        elif re.search(
            rf"({'|'.join(map(re.escape, parties.investor_refs))})(?:(是|为|在|来自|：|:)[^，。；]{{0,2}})?$", before
        ):
            role = "institution"
        elif before.endswith("在") and invest.match(after.lstrip("一口气也还又再先后共陆续分别") or " "):
            role = "investee"  # 「今年在广州一口气投了4家」: where the money went
        elif (
            re.search(rf"{_LOCATED}$", before)
            and _subject_kind(_subject_text(text, before, mention.start), institution_noun, investee_noun)
            == "institution"
        ):
            role = "institution"
        elif (
            re.search(rf"{_LOCATED}$", before)
            and _subject_kind(_subject_text(text, before, mention.start), institution_noun, investee_noun) == "investee"
        ):
            role = "investee"
        elif re.match(
            r"^(?:的|镇|区)?(?:一家|一位|一个|一只|某家)\s*(?:又|也|还)?(?:投了|投资了|投资|领投|跟投|出资|出了)", after
        ):
            role = "institution"  # 「珠海香洲一家投了500万」: the one who invested
        elif re.match(rf"^{_QUANTIFIER}\s*(?:{institution_noun})", after) and not invest.search(before[-3:]):
            role = "institution"
        elif (
            invest.search(before[-5:])
            or re.search(r"(给|向|对|投向)[了]?$", before)
            or (re.match(r"^[^，。；]{0,2}投", after) and before.endswith("在"))
        ):
            role = "investee"
        elif re.match(rf"^{_QUANTIFIER}[^，。；]{{0,12}}?(?:{investee_noun})", after):
            role = "investee"
        elif re.search(r"(都|均|全部|全都)(是|在|位于|落在)?$", before):
            role = "investee"
        reads.append(PlaceRead(mention.start, mention.end, mention.text, mention.place, role, attached))
    return reads


def _planned_sentences(text: str, parts: list[Clause], lexicon: Lexicon) -> set[int]:
    """Sentences about a vehicle still to be set up (「我们还打算走QFLP在南沙设一只基金」) and no money yet."""
    markers = lexicon.markers
    plans = "|".join(map(re.escape, sorted(markers.plans, key=len, reverse=True)))
    set_up = "|".join(map(re.escape, sorted(markers.set_up, key=len, reverse=True)))
    nouns = "|".join(map(re.escape, sorted(lexicon.parties.institution_nouns, key=len, reverse=True)))
    if not (plans and set_up):
        return set()
    pattern = re.compile(rf"({plans})[^。；？?！!]{{0,14}}({set_up})[^。；？?！!，,]{{0,6}}({nouns}|主体|公司)")
    sentences: dict[int, str] = {}
    for c in parts:
        sentences[c.sentence] = sentences.get(c.sentence, "") + c.text + "，"
    return {n for n, body in sentences.items() if pattern.search(body) and not re.search(r"\d\s*[万亿]|[万亿]元", body)}


def _subject_text(text: str, before: str, position: int) -> str:
    """Where to look for whose place 「注册在」 gives: its clause, or the sentence when the clause starts with it."""
    return _sentence_before(text, position) if re.fullmatch(rf"\s*{_LOCATED}", before) else before


def _sentence_before(text: str, position: int) -> str:
    """The sentence up to ``position`` (at most 40 characters back): 「…投资子公司，注册在」."""
    start = max(text.rfind(mark, 0, position) for mark in "。；;！？!?\n") + 1
    return text[max(start, position - 40) : position]


def _subject_kind(before: str, institution_noun: str, investee_noun: str) -> str | None:
    """Whose location 「注册在」 introduces: the nearest noun before it."""
    inst = [m.end() for m in re.finditer(institution_noun, before)]
    inv = [m.end() for m in re.finditer(investee_noun, before)]
    self_hit = [m.end() for m in re.finditer(r"我们|我司|本机构|我方", before)]
    best_inst = max(inst + self_hit, default=-1)
    best_inv = max(inv, default=-1)
    if best_inst < 0 and best_inv < 0:
        return None
    return "institution" if best_inst >= best_inv else "investee"


def speaker_role(text: str, lexicon: Lexicon) -> tuple[SpeakerRole | None, bool]:
    """Who speaks: an investor, an investee (a startup's CFO), a guarantee institution, or someone else.

    Returns:
        The role (None when the message does not say) and whether the investor is a person.
    """
    parties = lexicon.parties
    # 「不是用个人名义，是通过我在东莞注册的投资公司」: a person investing through an institution is the institution.
    said = [
        bool(re.search(r"(不是|不用|并非|非|没有)[^，。；]{0,3}$", text[max(0, m.start() - 6) : m.start()]))
        for m in find_words(text, parties.individual)
    ]
    individual = bool(said) and not any(said)
    own = list(find_words(text, parties.self + parties.self_is))
    if individual:
        return "investor", True
    if re.search(
        r"(我们|我司|我公司|本公司|我方|我们这边)[^，。；]{0,8}(担保公司|担保机构|融资担保)", text
    ) or re.search(r"^[^，。；]{0,20}(担保公司|担保机构)[^，。；]{0,4}(的|做)?(财务|CFO)", text):
        return "guarantor", False
    if not own:
        return None, False
    # The self-description is the clause the first self word opens (not the investor named after it).
    clause_end = min(
        (i for i in (text.find(m, own[0].start()) for m in "，,。；;！？!?\n") if i >= 0), default=len(text)
    )
    head = text[own[0].start() : max(clause_end, own[0].start() + 8)]
    institution = find_words(head, [n for n in parties.institution_nouns if n not in ("机构",)])
    investee = find_words(head, parties.investee_nouns)
    financed = bool(re.search(r"(我们|我司|我方)[^，。；]{0,10}" + _FINANCED.pattern, text)) or bool(
        re.search(
            r"投(了)?我们(?![区市省这那的])|给我们投|投资(了)?我们(?![区市省这那的])|投资我司|投我司|向我们投|收到[^，。；]{0,24}投资款",
            text,
        )
    )
    # 「我们在黄埔，初创期科技型中小企业…能给投资方多少奖励」: an investee speaking of its investors.
    about_investors = bool(re.search(r"投资方|投资人|投资机构(能|可以)", text)) and bool(
        re.search(r"(我们|我司|我公司|本公司)[^。；]{0,14}(科技型中小企业|科小|初创期|种子期|科技企业)", text)
    )
    staff = bool(_STAFF.search(head)) and bool(investee)
    sentence_end = min(
        (i for i in (text.find(m, own[0].start()) for m in "。；;！？!?\n") if i >= 0), default=len(text)
    )
    described = find_words(text[own[0].start() : sentence_end], parties.investee_nouns)
    if about_investors and described and not institution:
        return "investee", False
    if staff or (financed and not institution) or (investee and not institution and financed):
        return "investee", False
    if institution or re.search(r"(我们|我司)[^，。；]{0,6}(投了|投资了|投资|投)", text):
        return "investor", False
    if investee and re.search(r"(我们|我司)(是|公司|企业)", head):
        return "investee", False
    return None, False


def _investors_by_place(text: str, places: list[PlaceRead], lexicon: Lexicon) -> list[InstitutionMention]:
    """「深圳福田一家VC到账3000万，香港一家基金到账1500万」: several investors, each named by its place.

    Only when two or more are named: one investor named this way is simply the asker's or the
    investee's investor, and keeps the usual reading.
    """
    parties = lexicon.parties
    nouns = "|".join(map(re.escape, sorted(parties.institution_nouns, key=len, reverse=True)))
    found: list[InstitutionMention] = []
    for p in places:
        if p.role != "institution" or p.self_attached:
            continue
        m = re.match(rf"^(?:的|镇|区|县)?(?:一家|一位|一个|一只|某家|某)?[^，。；]{{0,4}}?({nouns})", text[p.end :])
        m = m or re.match(
            r"^(?:的|镇|区)?(?:一家|一位|一个|一只|某家)()(?=\s*(?:又|也|还)?(?:投了|投资|领投|跟投|出资|出了|到账|实际到账|打款))",
            text[p.end :],
        )
        if m and not re.match(_PLACE_REF, text[p.end :]):
            found.append(
                InstitutionMention(
                    f"{p.place.name}{m.group(1)}", p.text + m.group(0), p.start, p.end + m.end(), p.place, p.text
                )
            )
    for m in re.finditer(
        r"(一位|一个)?(个人天使|个人投资人|自然人)[^，。；]{0,8}?(以|用)?[^，。；]{0,4}(自己|个人)?(名义)?", text
    ):
        if any(f.start <= m.start() < f.end for f in found):
            continue
        found.append(InstitutionMention("个人投资者", m.group(0), m.start(), m.end(), individual=True))
    return found if len({f.key for f in found}) >= 2 else []


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


def _investees_counted(before: str, lexicon: Lexicon) -> bool:
    """Whether the message has just counted the companies invested in (「今年投了两家初创期企业」)."""
    verbs = "|".join(map(re.escape, lexicon.verbs.invest))
    return bool(re.search(rf"({verbs})[^，。；]{{0,6}}(两|三|四|五|几|多|\d+)(家|个)", before))


def institutions_in(text: str, places: list[PlaceRead], lexicon: Lexicon) -> list[InstitutionMention]:
    """Institutions named by a letter label (A基金、X资本、平台A) or by their place (越秀那家、一个在大亚湾)."""
    found: list[InstitutionMention] = []
    parties = lexicon.parties
    for m in _LETTER_LABEL.finditer(text):
        letter = m.group(1) or m.group(2)
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
        near += [
            p
            for p in places
            if p.role in ("institution", "unknown")
            and 0 <= p.start - m.end() <= 12
            and re.match(r"^[^，。；]{0,6}" + _LOCATED, text[m.end() : p.start])
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
    for p in places:
        after = text[p.end : p.end + 4]
        before = text[max(0, p.start - 3) : p.start]
        one_of = bool(re.search(r"(一个|一家|一只)(注册)?在$", before))
        if one_of and p.role != "institution" and _investees_counted(text[: p.start], lexicon):
            one_of = False  # 「投了两家…，一家在天河到账1000万」: one of the investees, not an investor
        if (p.role == "institution" and re.match(_PLACE_REF, after)) or one_of:
            # 「和成都一家基金联合领投…成都那家」: a co-investor, not the asker's own.
            partner = bool(
                re.search(
                    rf"(和|与|跟|同)[^，。；]{{0,3}}{re.escape(p.text)}[^，。；]{{0,6}}(联合|一起|共同|合投)", text
                )
            )
            found.append(InstitutionMention(p.place.name, p.text, p.start, p.end, p.place, p.text, third_party=partner))
    found += _investors_by_place(text, places, lexicon)
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
