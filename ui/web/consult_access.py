"""Who uses the 特派员 tab: the API's sign-in, read again from every request the page sends.

The page shares the API's sign-in: the form here posts to ``POST /api/auth/login`` from the
browser, so the signed HttpOnly cookie is set by the API itself and the password never passes
through a Gradio event. Each handler of the tab then asks :func:`officer_of` for the user of *its*
request (the cookie travels with every Gradio call), so hiding the tab's controls is only a
courtesy: a call made straight to the page's endpoints without a sign-in gets nothing.

Example:
    >>> lookup = lambda cookies, headers: None  # nobody is ever signed in
    >>> officer_of(lookup, None) is None
    True
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

import gradio as gr

from ui.web.markup import escape

if TYPE_CHECKING:
    from assistant.consultation import ConsultationDraft, ConsultationRecord
    from assistant.consultation.store import ConsultationPage
    from assistant.outreach import RowError
    from assistant.outreach.jobs import OutreachJob, ResultFormat

__all__ = [
    "LOGIN_JS",
    "LOGOUT_JS",
    "SIGN_IN_REQUIRED",
    "JobShelf",
    "OfficerLookup",
    "RecordShelf",
    "SignInForm",
    "SignedInOfficer",
    "lay_out_sign_in",
    "officer_of",
    "signed_in_html",
]

SIGN_IN_REQUIRED = "请先登录：特派员页与咨询记录仅供已登录的特派员和管理员使用。"
SIGN_IN_PROMPT = (
    "### 请先登录\n"
    "特派员页与咨询记录仅供**已登录的特派员和管理员**使用（账号由管理员用 `policy-assistant users add` 创建）。"
    "企业与公众无需登录，可直接使用「政策问答」「政策浏览」「奖励测算」。"
)
# Relative to the page (/ui/), so the API is found also when a proxy serves both under a prefix.
# The API sets the cookie; only its Chinese message (never the password) goes on to the handler.
LOGIN_JS = """
async (query, username, password) => {
  try {
    const reply = await fetch(new URL("../api/auth/login", window.location.href), {
      method: "POST",
      headers: {"Content-Type": "application/json"},
      credentials: "same-origin",
      body: JSON.stringify({username: username || "", password: password || ""}),
    });
    if (reply.ok) return [query, username, ""];
    const body = await reply.json().catch(() => ({}));
    const detail = typeof body.detail === "string" ? body.detail : "请填写用户名和口令。";
    return [query, username, detail];
  } catch (error) {
    return [query, username, "无法连接服务器，请稍后再试。"];
  }
}
"""
# Signing out reloads the page, so nothing of the officer's records stays on the screen.
LOGOUT_JS = """
async () => {
  await fetch(new URL("../api/auth/logout", window.location.href), {method: "POST", credentials: "same-origin"})
    .catch(() => null);
  window.location.reload();
  return [];
}
"""


class RecordShelf(Protocol):
    """The consultation records one signed-in user may use (``assistant.storage.OfficerRecords``)."""

    def add(self, record: ConsultationRecord) -> ConsultationRecord:
        """Save a new record as the user's."""
        ...

    def get(self, record_id: str) -> ConsultationRecord:
        """A record the user may see (raises ``UnknownConsultationError`` otherwise)."""
        ...

    def search(self, query: str | None = None, *, limit: int = 20, offset: int = 0) -> ConsultationPage:
        """The user's visible records containing every word of ``query``, newest first."""
        ...

    def delete(self, record_id: str) -> bool:
        """Delete a record the user may change; False when there is none."""
        ...

    def note_export(self, record: ConsultationRecord, formats: list[str]) -> None:
        """Log that the record's files were written for download."""
        ...


class JobShelf(Protocol):
    """The batch jobs of enterprise lists one signed-in user may use (``assistant.storage.OfficerJobs``)."""

    def start(self, data: bytes, filename: str) -> OutreachJob:
        """Read the list and start matching it (``OutreachFileError`` for a bad file)."""
        ...

    def get(self, job_id: str) -> OutreachJob:
        """A job the user may see (``UnknownOutreachJobError`` otherwise)."""
        ...

    def result(self, job_id: str, fmt: ResultFormat) -> tuple[OutreachJob, bytes]:
        """A done job's workbook (``xlsx``) or report (``md``)."""
        ...

    def draft(self, job_id: str, row: int) -> ConsultationDraft | RowError:
        """The consultation draft of one row of the job's list."""
        ...


@dataclass(frozen=True)
class SignedInOfficer:
    """The user of one request of the 特派员 tab: how to greet them, the records and batch jobs they may use."""

    name: str
    role: str
    shelf: RecordShelf
    jobs: JobShelf | None = None


OfficerLookup = Callable[[Mapping[str, str], Mapping[str, str]], SignedInOfficer | None]
"""``(cookies, lower-cased headers) -> SignedInOfficer | None``: the API's sign-in, as the page asks it."""


def officer_of(lookup: OfficerLookup | None, request: gr.Request | None) -> SignedInOfficer | None:
    """The signed-in officer or administrator who sent ``request``; None for the public.

    Gradio hands queued events a copy of the request whose cookies and headers may be plain
    dicts, so both are read as mappings.
    """
    if lookup is None or request is None:
        return None
    try:
        cookies = dict(request.cookies or {})
        headers = {str(key).lower(): value for key, value in dict(request.headers or {}).items()}
    except AttributeError:  # a request Gradio built without them
        return None
    return lookup(cookies, headers)


def signed_in_html(officer: SignedInOfficer) -> str:
    """The line naming who is signed in."""
    return f'<p class="consult-who">已登录：{escape(officer.name)}（{escape(officer.role)}）</p>'


@dataclass(frozen=True)
class SignInForm:
    """The sign-in prompt's components."""

    box: gr.Column
    username: gr.Textbox
    password: gr.Textbox
    button: gr.Button
    message: gr.HTML


def lay_out_sign_in() -> SignInForm:
    """The sign-in prompt shown in the tab to visitors who are not signed in."""
    with gr.Column(visible=True, elem_id="consult-sign-in") as box:
        gr.Markdown(SIGN_IN_PROMPT)
        with gr.Row():
            username = gr.Textbox(label="用户名", max_lines=1, elem_id="consult-username", scale=1)
            password = gr.Textbox(label="口令", type="password", max_lines=1, elem_id="consult-password", scale=1)
        button = gr.Button("登录", variant="primary", elem_id="consult-sign-in-go")
        message = gr.HTML(elem_id="consult-sign-in-message")
    return SignInForm(box=box, username=username, password=password, button=button, message=message)
