"""The 历史记录 table of the 特派员 tab: past consultations found by their words, and the id of a clicked row.

Example:
    >>> view = search_consultations(shelf, "南沙 第三条")  # doctest: +SKIP
    >>> record_id_for(view.ids, view.rows[0]) == view.ids[0]  # doctest: +SKIP
    True
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ui.web.consult_cards import article_labels
from ui.web.markup import escape

if TYPE_CHECKING:
    from ui.web.consult_access import RecordShelf

__all__ = ["HISTORY_LIMIT", "SHORT_ID_CHARS", "HistoryView", "record_id_for", "search_consultations"]

MAX_QUERY_CHARS = 100
HISTORY_LIMIT = 50
SHORT_ID_CHARS = 8


@dataclass(frozen=True)
class HistoryView:
    """The 历史记录 table: rows as :data:`~ui.web.consult_choices.HISTORY_HEADERS` orders them, a caption, the ids.

    The table shows each id's first :data:`SHORT_ID_CHARS` characters (a phone has no room for
    32); :func:`record_id_for` finds the full id of a clicked row in ``ids``.
    """

    rows: list[list[str]]
    caption: str
    ids: list[str] = field(default_factory=list)


def search_consultations(shelf: RecordShelf, query: str | None = None) -> HistoryView:
    """「历史记录」: past consultations containing every word of ``query``, newest first.

    Args:
        shelf: The signed-in user's records (only those they may see are listed).
        query: Words to look for (enterprise, officer, district, article such as 第三条…); empty lists all.

    Returns:
        The table rows (the record id last) and a caption with the count.
    """
    text = (query.strip() if isinstance(query, str) else "")[:MAX_QUERY_CHARS]
    page = shelf.search(text or None, limit=HISTORY_LIMIT)
    rows = [
        [
            item.date.isoformat(),
            item.enterprise,
            "、".join(item.officers),
            item.kind or "",
            item.district or "",
            article_labels(item.articles),
            item.id[:SHORT_ID_CHARS],
        ]
        for item in page.items
    ]
    if page.total == 0:
        caption = f"没有包含「{escape(text)}」的咨询记录。" if text else "暂无咨询记录，保存后会出现在这里。"
    else:
        shown = f"，显示最新 {len(rows)} 条" if page.total > len(rows) else ""
        found = f"包含「{escape(text)}」的" if text else ""
        caption = f"共 {page.total} 条{found}咨询记录{shown}。点选一行即可打开。"
    return HistoryView(rows=rows, caption=caption, ids=[item.id for item in page.items])


def record_id_for(ids: Sequence[str], row: Sequence[object] | None) -> str:
    """The full id of a clicked history row (its last cell is the id's beginning), or ``""``.

    Args:
        ids: :attr:`HistoryView.ids` of the table as shown.
        row: The clicked row's values (``gr.SelectData.row_value``).

    Returns:
        The one id that begins with the row's short id; ``""`` for an empty row or when none does.
    """
    short = str(row[-1]).strip() if row else ""
    found = [record_id for record_id in ids if short and record_id.startswith(short)]
    return found[0] if len(found) == 1 else ""
