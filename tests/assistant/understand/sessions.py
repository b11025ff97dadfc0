"""A conversation read turn by turn with the shipped reader, as the blind-set reader tests use it."""

from __future__ import annotations

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
