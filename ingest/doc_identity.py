"""Which document a loaded text is: a registry document named in its head, else a slug of its file."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from corpus.records import (
    POLICY_DOCUMENT_ID,
    POLICY_TITLE,
)
from corpus.registry import ReferencedDocument, Registry

# How much of the text's head may name the document itself (title, 文号, 印发通知).
HEADER_CHARS = 300


# Registry mentions after these words cite another document instead of naming this one.
_CITING_WORDS = re.compile(r"贯彻|落实|根据|依据|依照|按照|参照|遵照|对照")
_BRACKET_VARIANTS = str.maketrans(dict.fromkeys("［[【(（", "〔") | dict.fromkeys("］]】)）", "〕"))
_ASCII_SLUG = re.compile(r"[A-Za-z0-9_-]+")


def document_id(path: Path, text: str, registry: Registry | None) -> str:
    """The registry id the text's head names, else a stable id from the file name.

    A registry title or 文号 in the first ``HEADER_CHARS`` characters names the document,
    unless the words before it in the same sentence cite it (「为贯彻落实《…》」).
    """
    if text.lstrip().startswith(POLICY_TITLE):
        return POLICY_DOCUMENT_ID
    if registry is not None and (named := named_registry_document(text[:HEADER_CHARS], registry)):
        return named.id
    return file_slug(path)


def named_registry_document(head: str, registry: Registry) -> ReferencedDocument | None:
    """The registry entry ``head`` names as itself (earliest mention wins), if any."""
    canonical_head = _canonical(head)
    best: tuple[int, int, ReferencedDocument] | None = None
    for doc in registry.documents:
        for needle in filter(None, (doc.title, doc.number)):
            position = canonical_head.find(_canonical(needle))
            if position < 0 or _is_citation(canonical_head, position):
                continue
            key = (position, -len(needle), doc)
            if best is None or key[:2] < best[:2]:
                best = key
    return best[2] if best else None


def _canonical(text: str) -> str:
    """Bracket variants unified and whitespace dropped, for matching 文号 across sources."""
    return re.sub(r"\s+", "", text.translate(_BRACKET_VARIANTS))


def _is_citation(head: str, position: int) -> bool:
    sentence_start = max(head.rfind(ch, 0, position) for ch in "。；！？") + 1
    return bool(_CITING_WORDS.search(head, sentence_start, position))


def file_slug(path: Path) -> str:
    """The file's stem if it is ASCII-safe, else ``doc-`` and a short hash of the stem.

    >>> file_slug(Path("rules_2019-1.txt")), file_slug(Path("广州 办法.pdf"))
    ('rules_2019-1', 'doc-d27de660a4')
    """
    stem = path.stem
    if _ASCII_SLUG.fullmatch(stem):
        return stem
    return "doc-" + hashlib.sha1(stem.encode("utf-8"), usedforsecurity=False).hexdigest()[:10]
