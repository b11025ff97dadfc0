"""The registry of documents the policy cites: titles, document numbers, citing articles."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel, Field

from corpus.paths import REGISTRY_PATH


class ReferencedDocument(BaseModel):
    """A regulation or opinion the policy cites; its full text is not shipped."""

    id: str
    title: str
    number: str | None = Field(None, description="文号，如「穗府规〔2019〕1号」")
    cited_in_preamble: bool = False
    cited_by: list[int] = Field(default_factory=list, description="引用它的条款序号")
    full_text_shipped: bool = False

    def mentioned_in(self, text: str) -> bool:
        """Whether ``text`` names this document, by title or by document number."""
        return self.title in text or (self.number is not None and self.number in text)


class Registry(BaseModel):
    """All referenced documents, with the note saying how to add their full texts."""

    note: str
    documents: list[ReferencedDocument]

    def find(self, text: str) -> list[ReferencedDocument]:
        """The documents ``text`` names, in registry order."""
        return [doc for doc in self.documents if doc.mentioned_in(text)]

    def get(self, doc_id: str) -> ReferencedDocument | None:
        """The document with this id, if any."""
        return next((doc for doc in self.documents if doc.id == doc_id), None)


def load_registry(path: Path = REGISTRY_PATH) -> Registry:
    """Read the registry file shipped in ``corpus/``."""
    return Registry.model_validate(json.loads(path.read_text(encoding="utf-8")))
