"""Questions about the policy document itself (when it takes effect, its number, issuer, validity): typed data.

Data in ``understanding/document_self.json``: what the closing paragraph answers, and what the text
never says about itself.

Example:
    >>> table = load_document_self()
    >>> [i.name for i in table.asked("这份意见什么时候开始生效？有效期几年？")]
    ['实施时间', '有效期']
"""

from __future__ import annotations

import json
import re
from functools import cache, cached_property
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from corpus.paths import DOCUMENT_SELF_PATH

__all__ = ["DocumentItem", "DocumentSelf", "load_document_self"]


class DocumentItem(BaseModel):
    """One thing asked about the document, and the closing sentence that answers it (None: not in the text)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    asks: str
    quote_has: str | None = None

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        """The asking pattern, compiled."""
        return re.compile(self.asks)


class DocumentSelf(BaseModel):
    """The subject words and the things asked."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    source: str = Field(..., min_length=1)
    note: str = ""
    subject: str
    items: tuple[DocumentItem, ...]

    def asked(self, text: str) -> list[DocumentItem]:
        """The items ``text`` asks about the document, when it speaks of the document itself."""
        if not re.search(self.subject, text):
            return []
        return [item for item in self.items if item.pattern.search(text)]


@cache
def load_document_self(path: Path = DOCUMENT_SELF_PATH) -> DocumentSelf:
    """The shipped table (read once per path)."""
    return DocumentSelf.model_validate(json.loads(path.read_text(encoding="utf-8")))
