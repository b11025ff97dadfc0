"""Policy finds the enterprise (政策找企业): an officer's enterprise list matched in one go.

Pipeline: ``table`` (read .xlsx/.csv) → ``rows`` (each row → the form's draft) → ``batch`` (the
desk's matcher, row by row) → ``summary`` (visit plan, totals) → ``workbook`` and ``report``.
"""

from assistant.outreach.batch import BatchResult, EnterpriseOutcome, desk_matcher, run_batch
from assistant.outreach.errors import OutreachFileError, RowError
from assistant.outreach.report import summary_markdown
from assistant.outreach.table import read_table
from assistant.outreach.template import TEMPLATE_FILENAME, template_workbook
from assistant.outreach.workbook import results_workbook

__all__ = [
    "TEMPLATE_FILENAME",
    "BatchResult",
    "EnterpriseOutcome",
    "OutreachFileError",
    "RowError",
    "desk_matcher",
    "read_table",
    "results_workbook",
    "run_batch",
    "summary_markdown",
    "template_workbook",
]
