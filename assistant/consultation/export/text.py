r"""Text every exporter can write: characters XML 1.0 (DOCX) refuses are removed at the exporter boundary.

A record can hold such characters even though the API refuses them: a chat statement imported
into the form, a record saved before the check, a pasted vertical tab. DOCX is XML, and python-docx
raises on them; the PDF font has no glyph for them and Markdown readers show them as garbage. So
each exporter gets a record whose every string is clean, and exports never fail on content.

Example:
    >>> exportable_text("南沙\x0b某创投\x00")
    '南沙某创投'
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import ValidationError

from assistant.consultation.record import ConsultationRecord

__all__ = ["INVALID_XML_CHARS", "exportable_record", "exportable_text"]

# Everything outside XML 1.0's Char production: C0 controls but tab, LF and CR; lone surrogates;
# U+FFFE and U+FFFF. (C1 controls are valid XML but invisible noise in a record: removed too.)
INVALID_XML_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


REPLACEMENT = "\ufffd"


def exportable_text(text: str, replacement: str = "") -> str:
    """``text`` with the characters an export format cannot hold removed (or replaced)."""
    return INVALID_XML_CHARS.sub(replacement, text)


def _clean(value: Any, replacement: str) -> Any:
    if isinstance(value, str):
        return exportable_text(value, replacement)
    if isinstance(value, list):
        return [_clean(item, replacement) for item in value]
    if isinstance(value, dict):
        return {_clean(key, replacement): _clean(item, replacement) for key, item in value.items()}
    return value


def exportable_record(record: ConsultationRecord) -> ConsultationRecord:
    """The record with every string in it made exportable (the record itself is left as it was).

    The characters are removed; where that would leave a required field empty (a name made of
    nothing else), they become U+FFFD instead, so the export still shows that something was there.
    """
    dumped = record.model_dump(mode="python")
    cleaned = _clean(dumped, "")
    if cleaned == dumped:
        return record
    try:
        return ConsultationRecord.model_validate(cleaned)
    except ValidationError:
        return ConsultationRecord.model_validate(_clean(dumped, REPLACEMENT))
