"""A correction inside one message (「投了2800万……说错了，实际到账的是2600万」) read as two turns.

The part before the marker is what was told; the part from the marker on corrects it. Each part is
read with what the parts before established and folded in, as if the user had sent them one by one,
so the correction replaces the figure it corrects instead of adding to it.
"""

from __future__ import annotations

from collections.abc import Callable

from assistant.understand.amounts import find_amounts
from assistant.understand.merge import fold
from assistant.understand.model import Facts, Question, Reading
from assistant.understand.reader import Reader
from assistant.understand.text import find_words
from corpus.lexicon import Lexicon, traditional_table

__all__ = ["read_turn", "told_then_corrected"]

Keep = Callable[[str, Reading], Reading]


def told_then_corrected(message: str, lexicon: Lexicon) -> tuple[str, ...]:
    """``message`` split where a correction marker follows a figure and precedes another; else whole."""
    folded = message.translate(traditional_table())  # one character for one, so positions hold
    for match in find_words(folded, lexicon.markers.corrects_within):
        start = match.start()
        if find_amounts(folded[:start]) and find_amounts(folded[start:]):
            return message[:start], message[start:]
    return (message,)


def read_turn(
    reader: Reader, message: str, known: Facts, pending: Question | None = None, keep: Keep | None = None
) -> tuple[Reading, Facts]:
    """The message's reading and the session's facts after it.

    ``keep`` filters each part's reading before it is folded (the answerer drops figures quoted
    from the policy text). The reading returned is the last part's, which holds the question; it
    asks for an amount when any part did.
    """
    facts, readings = known, []
    for index, part in enumerate(told_then_corrected(message, reader.lexicon)):
        asked = pending if index == 0 else None
        reading = reader.read(part, known=facts, pending=asked)
        if keep is not None:
            reading = keep(part, reading)
        facts = fold(facts, reading, asked)
        readings.append(reading)
    last = readings[-1]
    if len(readings) > 1 and any(r.asks_amount for r in readings) and not last.asks_amount:
        last = last.model_copy(update={"asks_amount": True})
    return last, facts
