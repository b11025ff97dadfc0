"""Settling whose each place is once the speaker is known: the roles the words alone left open.

``parties.place_roles`` reads each place from the words around it; here the speaker's role and
the session decide the rest: a place of unknown role before the first investing verb is the
investor's, after it the investee's; a startup speaking of itself names its investors by place
(「东莞那边一家创投投了我们」「深圳福田一家到账1500万」); 「本地」 is Guangzhou unless the asker sits
elsewhere.
"""

from __future__ import annotations

import re

from assistant.understand.model import SELF, Facts, Question, SpeakerRole
from assistant.understand.parties import PlaceRead
from assistant.understand.text import alternation, word_pattern
from corpus.gazetteer import Gazetteer
from corpus.lexicon import Lexicon
from corpus.place_roles import load_place_rules

__all__ = ["place_questions", "settle_places"]

_DEAL_LABEL = re.compile(
    r"(第[一二三四五六七八九\d]+(笔|家|个)|[A-Z甲乙丙丁]\s*(公司|项目)?|\d[.、)）])\s*[：:，,、]?\s*$"
)
_HAS_AMOUNT = re.compile(r"\d\s*[万亿元]|[一二三四五六七八九十两千百][万亿]")
# 「深圳福田一家到账1500万」「香港一家投了800万」: one of them, whose money came.
_ONE_FUNDED = re.compile(
    r"^(?:的|市|区|镇|县)?(?:那边的?|这边的?)?(?:一家|一位|一个|一只|某家|两家|三家|几家)\s*(?:又|也|还|各|各自)?"
    r"(?:投了|投资了|投资|领投|跟投|出资|出了|到账|实际到账|打款|打了|打来)"
)
# 「番禺那笔是800万」「海珠那家其实是500万」: a place pointing back at a deal already told.
_DEAL_REF = re.compile(r"^(?:的)?(?:那笔|那一笔|这笔|那家|那个|那只|这家|那一家)")
_AND = re.compile(r"\s*(?:和|与|及|以及|跟|、|/)\s*")


def settle_places(
    text: str,
    places: list[PlaceRead],
    role: SpeakerRole | None,
    known: Facts | None,
    pending: Question | None,
    lexicon: Lexicon,
    gazetteer: Gazetteer,
) -> list[PlaceRead]:
    """Give each place of unknown role the role its position suggests; resolve 「本地」."""
    invest = word_pattern(tuple(lexicon.verbs.invest))
    first_verb = invest.search(text)
    seats = [p for p in places if p.role == "institution" and p.place.kind != "here_speaker"]
    speaker_city = next((p.place.city for p in seats if p.self_attached), None)
    # 「我是海珠区投促局的…」 then 「深圳一家创投投了我们辖区一家企业」: the speaker's place told before is
    # whose 「我们辖区」 it is, not the investor's named in this message.
    told = known.speaker_place if known is not None else None
    if speaker_city is None and told and (resolved := gazetteer.resolve(told)) is not None:
        speaker_city = resolved.city
    speaker_city = speaker_city or next((p.place.city for p in seats), None)
    own = known.institution(SELF) if known is not None else None
    if speaker_city is None and own is not None and own.place:
        resolved = gazetteer.resolve(own.place)
        speaker_city = resolved.city if resolved else None
    settled: list[PlaceRead] = []
    named = [p for p in places if p.place.kind not in ("here_speaker",)]
    for read in places:
        place = read.place
        if place.kind == "here_speaker" and any(
            0 <= read.start - p.end <= 1 or 0 <= p.start - read.end <= 1 for p in named
        ):
            continue  # 「南海本地」「本市从化」: the place next to it says which
        if place.kind == "here_speaker" and _side_not_place(text, read):
            continue  # 「我们这边统计了一下」: the speaker's side, no place
        if place.kind == "here_speaker":
            if speaker_city not in (None, "广州"):
                settled.append(PlaceRead(read.start, read.end, read.text, place, "unknown"))
                continue
            place = gazetteer.resolve("广州") or place
        new_role = read.role
        if _points_at_known_deal(text, read, known):
            new_role = "investee"
        elif (
            new_role == "unknown"
            and pending is not None
            and pending.slot in ("institution_place", "investee_place")
            # 「注册地和研发都在佛山顺德……广州的投早投小奖励能拿多少」: the answer is the place given its role
            and not any(p.role == pending.slot.removesuffix("_place") for p in places)
        ):
            new_role = "institution" if pending.slot == "institution_place" else "investee"
        elif new_role == "unknown" and read.place.kind != "here_speaker":
            line_start = text.rfind("\n", 0, read.start) + 1
            line = text[line_start : (text.find("\n", read.start) + 1 or len(text) + 1) - 1]
            labelled = _DEAL_LABEL.search(text[max(0, read.start - 8) : read.start])
            if (line_start > 0 and _HAS_AMOUNT.search(line)) or labelled:
                new_role = "investee"  # a deal line of a pasted list, or a labelled deal, names the investee
            else:
                before_verb = first_verb is None or read.start < first_verb.start()
                new_role = "institution" if before_verb and role != "investee" else "investee"
        if role == "investee" and read.self_attached:
            new_role = "investee"
        settled.append(PlaceRead(read.start, read.end, read.text, place, new_role, read.self_attached))
    if role == "investee" and any(p.self_attached for p in settled):
        settled = _investors_of_a_startup(text, settled, lexicon)
    return settled


def _points_at_known_deal(text: str, read: PlaceRead, known: Facts | None) -> bool:
    """Whether the place names where an investment already told went, and no institution sits there."""
    if known is None or read.self_attached or not _DEAL_REF.match(text[read.end :]):
        return False
    deals = {i.investee_place for i in known.investments if i.investee_place}
    seats = {i.place for i in known.institutions if i.place}
    return read.place.name in deals and read.place.name not in seats


def _side_not_place(text: str, read: PlaceRead) -> bool:
    """「我们这边统计了一下」: a here-word made of 我们/咱们 names a place only with place words around it."""
    if not read.text.startswith(("我们", "咱们", "我这")):
        return False
    before = text[max(0, read.start - 3) : read.start]
    after = text[read.end : read.end + 4]
    placed = re.search(r"(在|到|来|落户|投了|投资|投向|投)$", before) or re.match(
        r"^(的|一家|一个|企业|公司|项目|本地|区|市|这里|有)", after
    )
    return placed is None


def _investors_of_a_startup(text: str, places: list[PlaceRead], lexicon: Lexicon) -> list[PlaceRead]:
    """A startup that has said where it is names its investors by place: 「深圳和香港两家机构」「福田一家到账」.

    Its own place is settled, so another place followed by an institution noun, or by 「一家」 and
    money coming, is an investor's; a place joined to such a place by 和/、 is one too.
    """
    invest = word_pattern(tuple(lexicon.verbs.invest))
    nouns = alternation(tuple(lexicon.parties.institution_nouns))
    quantifier = load_place_rules().fragment("quantifier")
    investor_after = re.compile(rf"^{quantifier}\s*(?:[A-Za-z0-9甲乙丙丁某]{{0,3}})(?:{nouns})")
    result = list(places)
    for index in range(len(result) - 1, -1, -1):
        read = result[index]
        if read.self_attached or read.role not in ("unknown", "investee"):
            continue
        after = text[read.end :]
        if invest.search(re.split(r"[，,。；;！？!?：:]", text[max(0, read.start - 3) : read.start])[-1]):
            continue  # 「投了深圳一家基金」 still says where the money went
        following = result[index + 1] if index + 1 < len(result) else None
        joined = (
            following is not None
            and following.role == "institution"
            and not following.self_attached
            and _AND.fullmatch(text[read.end : following.start]) is not None
        )
        if investor_after.match(after) or _ONE_FUNDED.match(after) or joined:
            result[index] = PlaceRead(read.start, read.end, read.text, read.place, "institution", False)
    return result


# Where the company itself works, as opposed to its customers or market.
_WORKS_BEFORE = re.compile(r"(研发|办公|经营|运营|团队|实际办公|总部|生产)[^，。；]{0,6}(在|位于|设在)$")


_FORMERLY = re.compile(r"以前|曾经|原来|过去|之前|早年|早先")
_DEAL_VERB = re.compile(r"给|投了|投资|对|向|入股")
_SPEAKER = re.compile(r"我们|我司|本机构|我方|咱们")
# The verbs of a deal, not the nouns of the asker's kind (「股权投资机构」).
_OWN_DEAL_VERB = re.compile(r"给|投了|投资(?!机构|人|公司|基金|平台|集团|管理)|对|向|入股")


def _speakers_office(text: str, place: PlaceRead) -> bool:
    """「我们是一家香港的PE，办公室在中环」: an office told in the asker's own sentence, before any deal."""
    start = max(text.rfind(mark, 0, place.start) for mark in "。；;！？!?\n") + 1
    head = text[start : place.start]
    speaker = _SPEAKER.search(head)
    return speaker is not None and not _OWN_DEAL_VERB.search(head[speaker.end() :])


def place_questions(places: list[PlaceRead], lexicon: Lexicon, text: str) -> tuple[list[Question], bool]:
    """The places to ask about, and whether the investee's home is split between two cities."""
    vague = [p for p in places if p.place.kind == "here_speaker"]
    asked = [Question(slot="investee_place", text=lexicon.ask("here_is_guangzhou", place=p.text)) for p in vague[:1]]
    # 「注册地在珠海，但研发和办公都在广州黄埔」: registered in one city, working in the other; which
    # one makes it 「我市企业」 is for the unit to decide, so it is asked, never assumed.
    homes = [p for p in places if p.role == "investee"]
    works = [
        p
        for p in places
        if p.role == "secondary"
        and _WORKS_BEFORE.search(text[max(0, p.start - 10) : p.start])
        # 「创始团队以前在广州工作，现在公司注册和经营都在南海」: where it worked once is not where it works.
        and not _FORMERLY.search(text[max(0, p.start - 10) : p.start])
        and not _speakers_office(text, p)
    ]
    # 「我们是香港的VC，办公室在荃湾，给番禺一家…」: an office said before the deal's verb is the speaker's.
    split = [
        (h, w)
        for h in homes
        for w in works
        if h.place.in_guangzhou != w.place.in_guangzhou
        and h.start < w.start + 40
        and (h.start < w.start or not _DEAL_VERB.search(text[w.start : h.start]))
    ]
    if split and not asked:
        home, work = split[0]
        asked.append(
            Question(slot="investee_place", text=lexicon.ask("home_split", registered=home.text, works=work.text))
        )
    return asked, bool(split) and len(asked) == 1
