"""What each place in a message belongs to: the investing institution, the investee, a third party, or none.

A place is the investing institution's (「我们是前海的基金」「注册在顺德的基金」), the investee's
(「投了南沙一家初创企业」「被投企业注册在东莞」), a third party's (「我们的LP是北京的保险公司」),
a listing venue (「在香港上市」), a secondary office (「在广州也有办公室」), or unknown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.understand.place_rules import Spot, first_rule
from assistant.understand.text import Clause, alternation, find_words
from corpus.gazetteer import Place, PlaceMention
from corpus.lexicon import Lexicon
from corpus.place_roles import PlaceRole, Rule, load_place_rules

__all__ = ["PlaceRead", "PlaceRole", "place_roles", "roles_with_rules"]


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
            # 「白云、荔湾、花都」: places of one kind side by side are a list, not one inside the other.
            siblings = last.place.kind == mention.place.kind
            if ((gap <= 1 and same_city and not siblings) or outside) and mention.place.kind not in ("city", "region"):
                merged[-1] = PlaceMention(last.start, mention.end, last.text + " " * gap + mention.text, mention.place)
                continue
        merged.append(mention)
    return merged


def _clause_of(parts: list[Clause], position: int) -> Clause:
    return next((c for c in parts if c.holds(position)), Clause(0, 0, "", 0))


def place_roles(text: str, places: list[PlaceMention], parts: list[Clause], lexicon: Lexicon) -> list[PlaceRead]:
    """Every place of the message with the role the words around it give."""
    return [read for read, _ in roles_with_rules(text, places, parts, lexicon)]


def roles_with_rules(
    text: str, places: list[PlaceMention], parts: list[Clause], lexicon: Lexicon
) -> list[tuple[PlaceRead, Rule | None]]:
    """Every place of the message read, with the rule that gave its role.

    The rule is the first of ``corpus/understanding/place_roles.json`` that holds; None means none
    did, and the role is left unknown for :mod:`assistant.understand.places` to settle.
    """
    rules = load_place_rules()
    planned = _planned_sentences(text, parts, lexicon)
    found: list[tuple[PlaceRead, Rule | None]] = []
    for mention in _merge(places):
        clause = _clause_of(parts, mention.start)
        previous = None
        if found:
            last = found[-1][0]
            previous = (last.role, _clause_of(parts, last.start).sentence)
        spot = Spot(
            text, mention.start, mention.end, clause, places, _in_plan(clause, parts, planned, lexicon), previous
        )
        rule = first_rule(spot, rules)
        role, attached = (rule.role, rule.self_attached) if rule else ("unknown", False)
        found.append((PlaceRead(mention.start, mention.end, mention.text, mention.place, role, attached), rule))
    return found


def _in_plan(clause: Clause, parts: list[Clause], planned: set[int], lexicon: Lexicon) -> bool:
    """Whether the place's clause tells the plan: 「注册地和经营地都在深圳坪山，南沙那边只是计划去设个分公司」.

    In a planned sentence of several clauses, a clause with no word of the plan states a fact.
    """
    if clause.sentence not in planned:
        return False
    siblings = [c for c in parts if c.sentence == clause.sentence]
    return len(siblings) == 1 or bool(find_words(clause.text, list(lexicon.markers.plans)))


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
