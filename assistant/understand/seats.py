"""Where the asker's side sits: its own institution's seat, the others named, and its candidates.

「我们基金注册在顺德」 is the asker's seat and beats a co-investor's place; 「在香港和新加坡都有基金主体」
leaves the seat open; 「集团在深圳宝安有一只基金，在长沙还有一只…用哪只」 lists candidates.
"""

from __future__ import annotations

import re

from assistant.understand.model import SELF, Institution
from assistant.understand.parties import PlaceRead

__all__ = ["alternatives_in", "asker_institutions"]

# 「用哪只基金出手」「选哪个主体」: the asker chooses among its institutions.
_WHICH = re.compile(
    r"(用|选|走|拿|以|从)(哪|哪一)(只|个|家|支)"
    r"|哪(只|个|支)(基金|主体|平台)[^，。；]{0,6}(出手|投|能拿|可以拿|更合适|划算)"
)


def asker_institutions(
    places: list[PlaceRead], named: list, investee_speaker: bool, individual: bool
) -> list[Institution]:
    """The asker's own institution, with its seat, then every institution the message names."""
    # 「我们是一家在香港中环的PE机构」: the asker's own seat, said with its noun, stays the asker's too.
    # Only its first seat: 「我们横琴这只…澳门那只…杭州那只」 names its other funds by their seats.
    first_seat = next((p.text for p in places if p.self_attached and p.role == "institution"), None)
    claimed = {
        m.place_text for m in named if m.place_text and not (m.place_text == first_seat and first_seat in m.label)
    }
    own_places = [p for p in places if p.role == "institution" and p.text not in claimed]
    # 「在香港和新加坡都有基金主体」「我们GP在深圳，但基金注册在江西」: the asker's side sits inside and
    # outside the Bay Area, whichever of its places a later filter keeps.
    split_seat = len({p.place.in_gba for p in own_places if p.place.in_gba is not None}) > 1
    if any(p.self_attached for p in own_places) and not investee_speaker:
        own_places = [p for p in own_places if p.self_attached]  # 「我们基金注册在顺德」 beats a co-investor's place
    if investee_speaker:
        own_places = [p for p in own_places if not p.self_attached]
    primary = (
        min(own_places, key=lambda p: (p.place.kind in ("city", "region", "here"), p.start)) if own_places else None
    )
    if primary is not None and split_seat:
        primary = None  # 「在香港和新加坡都有基金主体」: which one invested decides the award
    result = [
        Institution(
            key=SELF,
            label="投资方" if investee_speaker else "贵机构",
            place=primary.place.name if primary else None,
            place_text=primary.text if primary else None,
            individual=individual,
        )
    ]
    for mention in named:
        if any(i.key == mention.key for i in result):
            continue
        result.append(
            Institution(
                key=mention.key,
                label=mention.label,
                # 「我们集团在深圳，下面有两只基金：甲基金…乙基金…」: a fund of the group with no place of its
                # own is where the group is.
                place=mention.place.name if mention.place else (None if mention.individual else result[0].place),
                place_text=mention.place_text,
                own=not mention.third_party,
                individual=mention.individual,
            )
        )
    return result


def alternatives_in(text: str, places: list[PlaceRead]) -> list[Institution]:
    """「集团在深圳宝安有一只基金，在长沙还有一只…用哪只能拿到奖励？」: the asker's candidate institutions."""
    if not _WHICH.search(text):
        return []
    own = {p.place.name: p for p in places if p.role == "institution" and p.place.kind != "here_speaker"}
    if len(own) < 2:
        return []
    return [Institution(key=SELF, label=f"{p.text}的机构", place=p.place.name, place_text=p.text) for p in own.values()]
