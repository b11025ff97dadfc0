"""Understanding: a message and the session's facts become one typed reading.

``Reader.read`` reads a message; ``fold`` folds the reading into a session's ``Facts``;
``award_topic`` says which award rule it asks about.
"""

from assistant.understand.merge import fold
from assistant.understand.model import Facts, Investment, Question, Reading
from assistant.understand.reader import Reader
from assistant.understand.topic import award_topic

__all__ = ["Facts", "Investment", "Question", "Reader", "Reading", "award_topic", "fold"]
