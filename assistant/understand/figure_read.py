"""One money figure of a message with its role: the record every later step reads."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from assistant.understand.amounts import AmountMention
from assistant.understand.text import Clause

__all__ = ["FigureRead", "Role"]

Role = Literal["received", "signed", "pending", "plain", "set_aside", "foreign"]


@dataclass(frozen=True)
class FigureRead:
    """One amount with its role.

    Attributes:
        mention: The amount as found.
        role: received / signed / pending / plain (no cue) / set_aside / foreign.
        reason: Why it is set aside (注册资本、估值…), for ``set_aside``.
        total: Preceded by 共/合计/一共: a total of several investments.
        each: Preceded by 各/每家: the same amount for each of several.
        respectively: After 分别 in its clause: one of a list matched item by item.
        clause: The clause the amount is in.
        before: The clause's words from the previous amount (or the clause start) up to this one.
        after: The clause's words from this amount up to the next amount (or the clause end).
        part_of: The index of an earlier, larger figure of the sentence it is 其中 (a part of).
    """

    mention: AmountMention
    role: Role
    reason: str | None
    total: bool
    each: bool
    respectively: bool
    clause: Clause
    before: str
    after: str
    part_of: int | None = None  # 「投了2000万（其中100万计入注册资本）」: the index of the whole it is part of
    own_part: bool = False  # a part with its own stage, the rest of the whole being another deal
    remainder: bool = False  # a whole reduced to what its parts told apart leave (「3亿−1.2亿」)

    @property
    def start(self) -> int:
        """Where the amount starts in the message."""
        return self.mention.span[0]
