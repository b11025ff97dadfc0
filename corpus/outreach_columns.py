"""The columns of an officer's enterprise list: the template's headers and the variants accepted.

Data in ``outreach_columns.json``: one entry per profile field, with its template header, the
other headers officers' spreadsheets use for it, what a cell should hold and the example row.

Example:
    >>> columns = load_outreach_columns()
    >>> columns.field_for("公司名称"), columns.field_for(" 区域 ")
    ('enterprise', 'district')
"""

from __future__ import annotations

import json
import re
from functools import cache, cached_property
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, model_validator

from corpus.paths import CORPUS_DIR

__all__ = ["OUTREACH_COLUMNS_PATH", "OutreachColumn", "OutreachColumns", "header_key", "load_outreach_columns"]

OUTREACH_COLUMNS_PATH = CORPUS_DIR / "outreach_columns.json"
# Headers are compared without spaces, asterisks (「企业名称 *」) or full-width/half-width brackets' differences.
_NOISE = re.compile(r"[\s*＊:：]")


def header_key(text: str) -> str:
    """A header as compared: no spaces or marks, half-width brackets and slash."""
    return _NOISE.sub("", text).replace("（", "(").replace("）", ")").replace("／", "/").lower()


class OutreachColumn(BaseModel):
    """One column of the enterprise list."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    field: str = Field(..., min_length=1)
    header: str = Field(..., min_length=1, description="模板中的表头")
    aliases: tuple[str, ...] = ()
    required: bool = False
    expected: str = Field(..., min_length=1, description="单元格应填写的内容（用于错误提示）")
    example: str = ""


class OutreachColumns(BaseModel):
    """All columns, in the template's order."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    source: str = Field(..., min_length=1)
    columns: tuple[OutreachColumn, ...]

    @model_validator(mode="after")
    def _headers_unique(self) -> OutreachColumns:
        seen: dict[str, str] = {}
        for column in self.columns:
            for header in (column.header, *column.aliases):
                key = header_key(header)
                if key in seen and seen[key] != column.field:
                    raise ValueError(f"表头「{header}」同时属于 {seen[key]} 和 {column.field}")
                seen[key] = column.field
        return self

    @cached_property
    def _by_header(self) -> dict[str, str]:
        return {header_key(h): c.field for c in self.columns for h in (c.header, *c.aliases)}

    def field_for(self, header: str) -> str | None:
        """The profile field a header names, or None for a column we do not read."""
        return self._by_header.get(header_key(header))

    def column(self, field: str) -> OutreachColumn:
        """The column of ``field``.

        Raises:
            KeyError: No such field.
        """
        return {c.field: c for c in self.columns}[field]


@cache
def load_outreach_columns(path: Path = OUTREACH_COLUMNS_PATH) -> OutreachColumns:
    """The shipped columns (read once per path)."""
    return OutreachColumns.model_validate(json.loads(path.read_text(encoding="utf-8")))
