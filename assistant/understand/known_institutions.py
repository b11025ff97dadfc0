"""Institutions a later turn names again by their place.

「澳门那家目前到账1500万」 after a turn that told of 「澳门的一家股权投资机构签了2000万」 is that
institution, not a new one.
"""

from __future__ import annotations

import dataclasses

from assistant.understand.institutions import InstitutionMention
from assistant.understand.model import Facts

__all__ = ["named_by_known_place"]


def named_by_known_place(found: list[InstitutionMention], known: Facts | None) -> list[InstitutionMention]:
    """Each mention named only by a place one known institution sits in, under that institution's key."""
    if known is None:
        return found
    by_place: dict[str, list[str]] = {}
    for institution in known.institutions:
        if institution.place and institution.key != "self":
            by_place.setdefault(institution.place, []).append(institution.key)
    again = []
    for mention in found:
        named_by_place = mention.place is not None and mention.key == mention.place.name
        keys = by_place.get(mention.key, []) if named_by_place else []
        # Two known institutions in that place: the mention does not say which, so it stays as read.
        again.append(dataclasses.replace(mention, key=keys[0]) if len(keys) == 1 else mention)
    return again
