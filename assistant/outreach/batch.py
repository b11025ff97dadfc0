"""Match every row of an enterprise list through the desk the 特派员 tab asks, one row at a time.

The matcher is the consultation desk's own path (:func:`desk_matcher`: read the description into
the profile, then match), so a row gives what the same profile typed into the form gives. Rows
that cannot be read are kept as :class:`RowError` and counted; the others go on.

Example:
    >>> result = run_batch(table, desk_matcher(desk))  # doctest: +SKIP
    >>> result.counts.read, result.counts.matched, result.counts.rejected  # doctest: +SKIP
    (120, 97, 3)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from pydantic import BaseModel, Field

from assistant.consultation.matching import MatchResult
from assistant.consultation.profile import EnterpriseProfile
from assistant.consultation.record import ConsultationDraft
from assistant.outreach.errors import RowError
from assistant.outreach.rows import row_to_draft
from assistant.outreach.table import Table

if TYPE_CHECKING:
    from assistant.consultation.service import ConsultationDesk

__all__ = ["BatchCounts", "BatchResult", "EnterpriseOutcome", "Matcher", "desk_matcher", "run_batch"]

Matcher = Callable[[ConsultationDraft], tuple[EnterpriseProfile, MatchResult]]
Progress = Callable[[int, int], None]


def desk_matcher(desk: ConsultationDesk) -> Matcher:
    """The desk's own path for one draft: the profile it reads, and what matches it."""

    def match(draft: ConsultationDraft) -> tuple[EnterpriseProfile, MatchResult]:
        profile = desk.profile_for(draft)
        # profile_for has read the free text; the match need not read it a second time.
        return profile, desk.match(profile, enrich=False)

    return match


class EnterpriseOutcome(BaseModel):
    """One enterprise of the list and what matched it."""

    row: int = Field(..., description="行号（与表格软件中显示的一致）")
    enterprise: str
    draft: ConsultationDraft = Field(..., description="可据此生成咨询记录")
    profile: EnterpriseProfile
    result: MatchResult


class BatchCounts(BaseModel):
    """How many rows were read, matched (at least one article), and rejected."""

    read: int = 0
    matched: int = 0
    unmatched: int = 0
    rejected: int = 0


@dataclass
class BatchResult:
    """Every row's outcome or error, in the list's order."""

    outcomes: list[EnterpriseOutcome] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    ignored_headers: list[str] = field(default_factory=list)
    source: str = ""
    made_on: dt.date = field(default_factory=dt.date.today)

    @property
    def counts(self) -> BatchCounts:
        """The row counts the output reports."""
        matched = sum(1 for o in self.outcomes if o.result.matches)
        return BatchCounts(
            read=len(self.outcomes) + len(self.errors),
            matched=matched,
            unmatched=len(self.outcomes) - matched,
            rejected=len(self.errors),
        )


def run_batch(
    table: Table,
    matcher: Matcher,
    *,
    progress: Progress | None = None,
    source: str = "",
    made_on: dt.date | None = None,
) -> BatchResult:
    """Read and match every row of ``table``.

    Args:
        table: The rows read from the file.
        matcher: One draft → its profile and match (:func:`desk_matcher`).
        progress: Called with (rows done, rows in all) after each row.
        source: The file's name, for the output.
        made_on: The date the output carries; defaults to today.
    """
    result = BatchResult(ignored_headers=list(table.ignored_headers), source=source, made_on=made_on or dt.date.today())
    total = len(table.rows)
    for done, row in enumerate(table.rows, start=1):
        draft = row_to_draft(row)
        if isinstance(draft, RowError):
            result.errors.append(draft)
        else:
            profile, matched = matcher(draft)
            outcome = EnterpriseOutcome(
                row=row.number, enterprise=draft.enterprise, draft=draft, profile=profile, result=matched
            )
            result.outcomes.append(outcome)
        if progress is not None:
            progress(done, total)
    return result
