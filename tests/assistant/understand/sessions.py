"""A conversation read turn by turn with the shipped reader, as the blind-set reader tests use it."""

from __future__ import annotations

from decimal import Decimal

from assistant.awards.engine import AwardEngine
from assistant.understand import Facts, Reader
from assistant.understand.in_message import read_turn

READER = Reader.default(this_year=2026)
ENGINE = AwardEngine.default()


def session(*messages: str) -> Facts:
    """The facts after every message, each read with what the turns before established."""
    facts = Facts()
    for message in messages:
        _, facts = read_turn(READER, message, facts)
    return facts


def article3(*messages: str) -> Decimal | None:
    """The article 3 estimate after the conversation (None: a fact is still asked)."""
    return ENGINE.evaluate("article3", session(*messages)).award_yuan


def article11(*messages: str) -> Decimal | None:
    """The article 11 ceiling after the conversation (None: a fact is still asked)."""
    return ENGINE.evaluate("article11", session(*messages)).award_yuan
