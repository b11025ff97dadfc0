"""What each place in a message belongs to: the investing institution, the investee, a third party, or none.

A place is the investing institution's (「我们是前海的基金」「注册在顺德的基金」), the investee's
(「投了南沙一家初创企业」「被投企业注册在东莞」), a third party's (「我们的LP是北京的保险公司」),
a listing venue (「在香港上市」), a secondary office (「在广州也有办公室」), or unknown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from assistant.understand.text import Clause, alternation, find_words, word_pattern
from corpus.gazetteer import Place, PlaceMention
from corpus.lexicon import Lexicon

__all__ = ["PlaceRead", "PlaceRole", "place_roles"]

# planned: 「打算在南沙设一只基金」, the place of a vehicle not set up yet (no fact of a known investment).
PlaceRole = Literal[
    "institution", "investee", "third", "listing", "secondary", "negated", "planned", "policy", "unknown"
]
_LOCATED = (
    r"(?:在|位于|注册在|注册于|注册地在|注册地是|落户在|落户|设在|总部在|总部设在|地处|是"
    r"|迁到|迁至|迁入|迁往|搬到|搬迁到|搬至|搬去|挪到)"  # 「那家企业去年已经迁到广州南沙了」: where it is now
)
# 「东莞松山湖那边一家创投」: 那边/这边 only points at the place, the noun after it says whose it is.
_QUANTIFIER = (
    r"(?:市|区|镇|县|街道)?的?(?:那边的?|这边的?|那里的?|那儿的?)?(?:一家|一只|一个|某家|某只|某个|某|这家|两家|三家|几家|\d+家"
    r"|[一二两三四五六七八九十]+家|[一二两三四五六七八九十]+个)?"
)
_LISTING_AFTER = re.compile(r"^[^，。；]{0,3}(上市|交易所|证券交易所|联交所|挂牌|IPO)", re.IGNORECASE)
_SECONDARY_AFTER = re.compile(
    r"^[^，。；]{0,4}(也有|还有|设有|有个|有一个|有家|设了|有)[^，。；]{0,3}"
    r"(办公室|分公司|团队|研发中心|办事处|分支机构|代表处|子公司|工厂|基地|office)"
    # 「项目主要是深圳团队在看」: the investor's people there, working on the deal
    r"|^的?(团队|同事|投资团队|项目组|办公室)(在看|在跟|在负责|负责|看的|跟的|在管)"
    # 「深圳那边只是他们的一个办事处」: what is there is only an office.
    r"|^[^，。；]{0,4}(只是|仅是|仅为|只有|只不过是|不过是)[^，。；]{0,8}"
    r"(办公室|办事处|分支机构|代表处|联络处|团队|研发中心|研发团队|工厂|分公司|office)",
    re.IGNORECASE,
)
# 「佛山南海一家（离广州很近，广佛同城）」: a place another is compared with is no party's home.
_NEARBY = re.compile(r"(离|距离|距|靠近|毗邻|邻近|挨着|紧邻|紧挨)$")
_NEARBY_AFTER = re.compile(r"^[^，。；）)]{0,3}?(很近|挺近|不远|附近|旁边|隔壁|接壤|交界|周边)")
_ONE_OF_THEM = re.compile(r"(另)?(一个|一家|一只|一支)(注册|设|位于|落)?(在|于)")
_SECONDARY_BEFORE = re.compile(
    r"(研发中心|(?<!家族)办公室|团队|分公司|办事处|工厂|主要团队|研发|业务|经营|运营|市场|客户|生产|办公|office)"
    r"[^，。；]{0,6}(在|位于|设在)$"
    # 「员工基本都住在广州荔湾」「创始人是广州人」「产品主要卖到广州」: people and sales, not the seat
    r"|(住在|居住在|户籍在|老家在|卖到|卖给|销往|客户在)$|(创始人|老板|团队|员工|股东|法人)[^，。；]{0,4}(是|都是)$",
    re.IGNORECASE,
)
_ORDINAL_DEAL = re.compile(r"第[一二三四五六七八九十\d]+(?:家|笔|个|项)([^，。；]{0,8})$")
_SPEAKER_OPENING = re.compile(r"^(?:市|区)?的\s*(?:[，,]|\s|今年|去年|前年|我们|这边)")
_LABEL_LOCATED = re.compile(r"(?:^|[：:；;，,、\s])(?:[A-Z]|[甲乙丙丁])\s*(?:在|位于|注册在|设在)$")
# 「大湾区股权投资机构那个奖励」: the words of the rule itself, not where an investor is.
_RULE_NAME_AFTER = re.compile(r"^(?:的)?股权投资机构(?:的|那个|这个|那条)?(?:奖励|补贴|补助|政策|条款|规定)")
_POLICY_AFTER = re.compile(r"^(?:市|这边|那边)?的?(?:投早|投小|创投|股权投资)?(?:奖励|补贴|补助|政策|扶持|措施|奖补)")
# English messages: where a deal went, and where the investor is based.
_EN_INVESTEE_BEFORE = re.compile(
    r"\b(deal|deals|invest(?:ed|ment|ing)?|company|companies|startup|start-up|firm|SME|enterprise)\b"
    r"[^,.;，。；]{0,30}?\b(in|into|at)\s*$",
    re.IGNORECASE,
)
_EN_INSTITUTION_AFTER = re.compile(r"^\s*-?\s*based\b", re.IGNORECASE)
# 「into three Guangzhou companies」「a Guangzhou-based start-up」: the place names the companies after it.
_EN_INVESTEE_AFTER = re.compile(
    r"^\s*(?:-?\s*based\s+)?(?:(?:seed|early|start-up|startup|tech|technology|stage|-|\s)+)?"
    r"(?:companies|company|start-?ups?|SMEs?|firms?|enterprises?|investees?|portfolio companies)\b",
    re.IGNORECASE,
)
_EN_INSTITUTION_BEFORE = re.compile(
    r"\b(based in|located in|headquartered in|we are in|we're in|we are from|we're from|from)\s*$", re.IGNORECASE
)
_NEGATED_BEFORE = re.compile(r"(不在|没有在|没在|并非|不是|并不在|不位于|不属于)$")
_PLACE_REF = r"(?:那家|那只|那支|那个|的那家|的那只|的那支|的那个|平台|那个平台|的平台)"
# 「顺德那边实际打款2000万」: the side named by its place paid; 「澳门那边没出钱」 names no payment.
_SIDE_PAID = re.compile(
    r"^(?:那边|这边)\s*(?:又|也|还|则|就)?\s*(?:实际)?(?:投|领投|跟投|出资|打款|打了|到账|出了|到了)"
)


@dataclass(frozen=True)
class PlaceRead:
    """A place (adjacent names merged: 广州黄埔 → 黄埔) and whose place it is."""

    start: int
    end: int
    text: str
    place: Place
    role: PlaceRole
    self_attached: bool = False


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
    nouns = alternation(tuple(parties.institution_nouns))
    institution_noun = rf"(?:[A-Za-z0-9甲乙丙丁某]{{0,3}})(?:{nouns})"
    investee_noun = alternation(tuple(parties.investee_nouns))
    self_words = alternation(tuple(parties.self + parties.self_is))
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
        # 「企业（广州黄埔，初创期科小）」: more of the party may follow the place inside the bracket.
        if _RULE_NAME_AFTER.match(after):
            role = "policy"
        elif re.match(
            r"^\s*(?:这边|那边)?(?:没有|没|并没有|无)(?:任何)?(?:注册)?(?:主体|公司|实体|分公司|机构|办公)", after
        ):
            role = "negated"  # 「在广州没有注册主体」: where the investee is not
        elif re.search(
            rf"({self_words})[^。；！？!?]{{0,30}}(跟|和|与|同)[^，。；]{{0,3}}$", text[: mention.start]
        ) and re.match(r"^[^，。；]{0,8}(联合|一起|共同|合投|联投)", after):
            role = "third"  # 「我们…跟杭州一家基金联合投了」: the asker's co-investor, not the asker
        elif bracketed and re.match(r"\s*(?:[，,、；;\s][^（()）]{0,16})?[）)]", text[mention.end :]):
            role = "institution" if bracketed.group(1) else "investee"
        elif re.match(rf"^的?(?:一家|一只|一个|一支|某家|某)?\s*{institution_noun}(?!{investee_noun})", after) and not (
            re.search(r"(投了|投资了|投资于|投向|投给|(?<!创)投(?![资入]))[^，。；：:、]{0,3}$", before)
        ):
            role = "institution"  # 「深圳南山一家基金到账600万」「上海的B创投」: the place of the named investor
            # 「我们是澳门的一家股权投资机构」: the asker's own seat, said with its noun
            attached = bool(re.search(rf"({self_words})\s*$", before))
        elif _NEARBY.search(before) or _NEARBY_AFTER.match(after):
            role = "secondary"
        elif _ONE_OF_THEM.fullmatch(before.strip()) and (
            _subject_kind(_sentence_before(text, mention.start), institution_noun, investee_noun) == "institution"
        ):
            role = "institution"  # 「两个投资平台，一个注册在广州南沙，一个注册在深圳前海」
        elif _LISTING_AFTER.search(after):
            role = "listing"
        elif mention.start <= 1 and _SPEAKER_OPENING.match(after):
            role = "institution"  # 「珠海的 今年2.8亿全投广州…」: the message opens with where the speaker is
        elif re.search(r"(可能|或者|也可能|还是)(放|在|落|注册在|落在|设在|放在)?$", before):
            role = "planned"  # 「可能放广州也可能放深圳」: a home not decided, no fact of where it is
        elif _LABEL_LOCATED.search(text[max(0, mention.start - 8) : mention.start]):
            role = "institution"  # 「A在深圳前海…；B在广州南沙…」: the labelled institution's seat
        elif _POLICY_AFTER.match(after):
            role = "policy"  # 「能拿广州的投早奖励吗」: whose policy, not where a party is
        elif (deal := _ORDINAL_DEAL.search(before)) and not re.match(rf"(?:{nouns})", deal.group(1)):
            role = "investee"  # 「第三家注册地其实在顺德」: a deal of the list, by its number
        elif _EN_INVESTEE_BEFORE.search(before) or (
            re.fullmatch(r"\s*(?:in|into|at)\s*", before, re.IGNORECASE)
            and _EN_INVESTEE_BEFORE.search(_sentence_before(text, mention.start))
        ):  # 「a seed-stage tech SME (科小已入库) in 广州科学城」: a bracket split the clause
            role = "investee"  # 「seed deal in Panyu」「invested RMB 25m into a company in Science City」
        elif _EN_INVESTEE_AFTER.match(after):
            role = "investee"
        elif _EN_INSTITUTION_AFTER.match(after) or _EN_INSTITUTION_BEFORE.search(before):
            role = "institution"  # 「a Tianhe-based VC」「we're based in Macau」
        elif _SIDE_PAID.match(after):
            role = "institution"
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
        elif (_SECONDARY_AFTER.search(after) or _SECONDARY_BEFORE.search(before)) and not re.search(
            r"(注册地|注册在|注册于|注册和|注册、|注册跟|注册与)[^、，,；;但]{0,8}$", before
        ):  # 「注册地和经营地都在番禺」 names the registration too
            role = "secondary"
        elif find_words(before, parties.third_party) and not re.search(rf"({self_words})[^，。]{{0,3}}$", before):
            role = "third"
        elif (
            reads
            and reads[-1].role == "third"
            and re.match(r"^\s*(还有|以及|及|和|另有|另外还有)", before)
            and (_clause_of(parts, reads[-1].start).sentence == clause.sentence)
            and not invest.search(before)  # 「和一家上海的机构联合领投了天河一家…」: the deal's side follows
        ):
            role = "third"  # 「LP里有一家新加坡的家族办公室，还有长沙的产业资本」: the list of LPs goes on
        elif (
            re.search(rf"({self_words})[^，。；]{{0,3}}在$", before)
            and invest.match(after.lstrip("又也还再先"))
            and not any(clause.holds(p.start) and p.start > mention.end for p in places)
        ):
            role = "investee"  # 「我们在番禺投了一个种子期团队」: where the money went, no other place after it
        elif (
            re.search(rf"({self_words})[^，。；]{{0,6}}{_LOCATED}?[^，。；]{{0,2}}$", before)
            and not invest.search(before[-4:])
            and not re.search(r"(往|给|向|投向)$", before)  # 「我们一共往广州本地的企业打了4个亿」
        ):
            role, attached = "institution", True
        elif re.search(
            rf"({'|'.join(map(re.escape, parties.investor_refs))})"
            rf"(?:(就|也|都|则)?(是|为|在|来自|：|:)[^，。；]{{0,2}})?$",
            before,
        ):
            role = "institution"
        elif before.endswith("在") and invest.match(after.lstrip("一口气也还又再先后共陆续分别") or " "):
            role = "investee"  # 「今年在广州一口气投了4家」: where the money went
        elif (
            re.search(rf"{_LOCATED}$", before)
            and re.match(rf"^的[^，。；]{{0,12}}?(?:{investee_noun})", after)
            and not re.match(rf"^的[^，。；]{{0,12}}?{institution_noun}", after)
        ):
            role = "investee"  # 「投了一家注册在坪山的种子期生物企业」: the place of the company named right after
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
            or re.search(r"(给|向|对|投向|往)[了]?$", before)
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
    plans = alternation(tuple(markers.plans))
    set_up = alternation(tuple(markers.set_up))
    nouns = alternation(tuple(lexicon.parties.institution_nouns))
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
