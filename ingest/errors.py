"""Ingest errors: a bad input file (the user's to fix) versus a failing store (ours)."""

from __future__ import annotations

from pathlib import Path


class IngestError(Exception):
    """Base class of everything ingest raises on purpose."""


class DocumentError(IngestError):
    """One input document cannot be ingested; the message names the file and what to fix."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class IndexMismatchError(IngestError):
    """The index on disk was built with another embedding model or layout: re-ingest."""


class IndexMissingError(IngestError):
    """There is no index yet: run ingest first."""


class IndexUnavailableError(IngestError):
    """The vector store failed to answer (its files are gone, the Chroma server is down): a backend failure."""
