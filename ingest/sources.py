"""The documents an ingest reads: the policy and the extra files, found, hashed and parsed.

A file that cannot be read or parsed becomes an error naming it; the others still go in.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from corpus.paths import POLICY_PATH
from corpus.records import ParsedDocument
from corpus.registry import Registry
from ingest.errors import DocumentError
from ingest.loaders import SUPPORTED_SUFFIXES, load_text
from ingest.parse import ParseError, parse_policy
from ingest.regulations import parse_document

__all__ = ["Source", "discover_sources", "parse_sources", "sha256_of"]


@dataclass
class Source:
    """One document to ingest: where it came from, its bytes' hash, and its parse."""

    path: Path
    sha256: str
    parsed: ParsedDocument
    raw: str


def sha256_of(path: Path) -> str:
    """The hex SHA-256 of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def discover_sources(extra_paths: list[Path], extra_dirs: list[Path]) -> tuple[list[Path], list[DocumentError]]:
    """The policy plus every extra file named or found in the extra folders, in a stable order."""
    paths: list[Path] = [POLICY_PATH]
    errors: list[DocumentError] = []
    for folder in extra_dirs:
        if folder.is_dir():
            paths.extend(sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")))
    for path in extra_paths:
        if path.is_dir():
            paths.extend(sorted(p for p in path.iterdir() if p.is_file() and not p.name.startswith(".")))
        elif not path.exists():
            errors.append(DocumentError(path, "文件不存在"))
        else:
            paths.append(path)
    seen: set[Path] = set()
    unique = [p for p in paths if not (p.resolve() in seen or seen.add(p.resolve()))]
    return unique, errors


def parse_sources(paths: list[Path], registry: Registry) -> tuple[list[Source], list[DocumentError]]:
    """Parse each path; a bad file becomes an error naming it, the rest still parse."""
    sources: list[Source] = []
    errors: list[DocumentError] = []
    for path in paths:
        try:
            if path == POLICY_PATH:
                raw = path.read_text(encoding="utf-8")
                parsed = parse_policy(raw, registry)
            else:
                if path.suffix.lower() not in SUPPORTED_SUFFIXES:
                    raise DocumentError(
                        path, f"不支持的文件类型 {path.suffix or '（无扩展名）'}；支持 {' '.join(SUPPORTED_SUFFIXES)}"
                    )
                raw = load_text(path)
                parsed = parse_document(path, registry)
        except DocumentError as exc:
            errors.append(exc)
            continue
        except ParseError as exc:
            errors.append(DocumentError(path, str(exc)))
            continue
        sources.append(Source(path=path, sha256=sha256_of(path), parsed=parsed, raw=raw))
    ids = [s.parsed.document for s in sources]
    duplicates = {i for i in ids if ids.count(i) > 1}
    for source in [s for s in sources if s.parsed.document in duplicates][1:]:
        errors.append(DocumentError(source.path, f"文档标识 {source.parsed.document} 与另一文件重复，已跳过"))
        sources.remove(source)
    return sources, errors
