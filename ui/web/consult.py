"""The 特派员 tab's handlers, as one public face: read the form, match, save, export, reopen, import a chat.

A 科技金融特派员 fills in who met which enterprise and what it is like; the work is split by job:

* :mod:`ui.web.consult_choices`: what the form offers (kinds, districts, needs…);
* :mod:`ui.web.consult_form`: the form's values (:class:`ConsultForm`) read into a draft;
* :mod:`ui.web.consult_actions`: match, save and write the files, reopen a record;
* :mod:`ui.web.consult_refill`: the form filled again from a record or from the chat;
* :mod:`ui.web.consult_history`: the 历史记录 table;
* :mod:`ui.web.consult_messages`: the Chinese error messages.

Example:
    >>> desk = ConsultationDesk(knowledge, MemoryConsultationStore())  # doctest: +SKIP
    >>> form = ConsultForm(enterprise="某创投", kind="创投机构", district="南沙区",
    ...                    free_text="今年投了一家广州的初创期科技企业8000万，已到账")  # doctest: +SKIP
    >>> "120万元" in match_policies(desk, form)  # doctest: +SKIP
    True
"""

from __future__ import annotations

from ui.web.consult_actions import (
    Exporter,
    SavedConsultation,
    delete_consultation,
    match_policies,
    open_consultation,
    save_consultation,
    write_exports,
)
from ui.web.consult_choices import (
    BOARDS,
    BOND_CHOICES,
    CROSS_BORDER_CHOICES,
    DISTRICTS,
    EXPORT_FORMATS,
    HISTORY_HEADERS,
    IP_CHOICES,
    KINDS,
    NEED_CHOICES,
    OFFICER_SIDES,
    STAGE_CHOICES,
    UNKNOWN,
)
from ui.web.consult_form import ConsultForm, form_to_draft, read_date
from ui.web.consult_history import HistoryView, record_id_for, search_consultations
from ui.web.consult_messages import FormError, error_html
from ui.web.consult_refill import import_chat_session, record_to_form

__all__ = [
    "BOARDS",
    "BOND_CHOICES",
    "CROSS_BORDER_CHOICES",
    "DISTRICTS",
    "EXPORT_FORMATS",
    "HISTORY_HEADERS",
    "IP_CHOICES",
    "KINDS",
    "NEED_CHOICES",
    "OFFICER_SIDES",
    "STAGE_CHOICES",
    "UNKNOWN",
    "ConsultForm",
    "Exporter",
    "FormError",
    "HistoryView",
    "SavedConsultation",
    "delete_consultation",
    "error_html",
    "form_to_draft",
    "import_chat_session",
    "match_policies",
    "open_consultation",
    "read_date",
    "record_id_for",
    "record_to_form",
    "save_consultation",
    "search_consultations",
    "write_exports",
]
