"""What goes wrong with an enterprise list: the whole file, or one row of it."""

from __future__ import annotations

from pydantic import BaseModel, Field

__all__ = [
    "OutreachFileError",
    "OutreachJobNotReadyError",
    "OutreachResultMissingError",
    "RowError",
    "UnknownOutreachJobError",
]


class OutreachFileError(ValueError):
    """The file as a whole cannot be read (its type, its header row, its size); the message says what to fix."""


class RowError(BaseModel):
    """One row that could not be read, named as the spreadsheet numbers it; the other rows go on."""

    row: int = Field(..., ge=1, description="行号（与表格软件中显示的一致）")
    column: str | None = Field(None, description="出错的列（表头原文）")
    message: str = Field(..., description="错误说明：收到什么、应填写什么")

    @property
    def text(self) -> str:
        """The error as one Chinese sentence naming its row and column."""
        where = f"第 {self.row} 行" + (f"「{self.column}」列" if self.column else "")
        return f"{where}：{self.message}"


class UnknownOutreachJobError(LookupError):
    """No such job, or not the asker's to see (told apart from neither, so ids cannot be probed)."""


class OutreachJobNotReadyError(RuntimeError):
    """The job's results are asked for before it is done (or after it failed); the message says which."""


class OutreachResultMissingError(RuntimeError):
    """A done job has no such result: the PDF report, when the server has no Chinese font."""
