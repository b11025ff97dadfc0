"""The web page (Gradio): chat with citation cards, the article browser, the award calculator, 特派员.

``mount_ui`` puts the page on a FastAPI app; the handlers behind it are plain functions in
``chat``, ``citations``, ``browse``, ``calculate`` and ``consult``, testable without a browser.

Example:
    >>> app = create_app(settings, mount_ui=lambda app: mount_ui(app, assistant))  # doctest: +SKIP
    >>> # the page is then served at /ui/
"""

from __future__ import annotations

import os
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from ui.icon import add_icon_routes, icon_link
from ui.web.records import ChatRecords

if TYPE_CHECKING:
    from collections.abc import Mapping

    from fastapi import FastAPI

    from assistant.consultation import ConsultationDesk
    from assistant.service import PolicyAssistant
    from ui.api.deps import AppServices
    from ui.web.consult_access import OfficerLookup, SignedInOfficer

# Gradio looks up outside hosts for analytics unless this is set before it starts; every module
# of this package that imports gradio is loaded after this line.
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

__all__ = ["ChatRecords", "mount_service_page", "mount_ui", "officer_for"]


def mount_ui(
    app: FastAPI,
    assistant: PolicyAssistant,
    records: ChatRecords | None = None,
    path: str = "/ui",
    desk: ConsultationDesk | None = None,
    *,
    officer_lookup: OfficerLookup | None = None,
    pdf_font_path: Path | None = None,
) -> None:
    """Build the page and mount it on ``app`` at ``path``, with the product's icon served by ``app``.

    Args:
        app: The FastAPI app (e.g. from ``ui.api.app.create_app``).
        assistant: The assistant the chat asks.
        records: The server's session store (feedback on each answer, reopening conversations).
        path: Where the page is served.
        desk: The consultation desk; when given, the page has a 特派员 tab.
        officer_lookup: Who signed in (the API's sign-in), for the 特派员 tab's records.
        pdf_font_path: A font with Chinese glyphs for records exported as PDF (default: found by the exporter).
    """
    import gradio as gr

    from ui.web.chat_script import chat_i18n, chat_script
    from ui.web.page import PAGE_CSS, build_page, page_theme

    blocks = build_page(assistant, records, desk=desk, officer_lookup=officer_lookup, pdf_font_path=pdf_font_path)
    # Gradio ignores favicon_path when mounted below "/", so the icon is linked from the head
    # and served by the app itself.
    add_icon_routes(app)
    # The chat's controls get Chinese labels; its script copies answers as plain text and reads a
    # new answer from its start.
    gr.mount_gradio_app(
        app,
        blocks,
        path=path,
        css=PAGE_CSS,
        theme=page_theme(),
        footer_links=[],
        head=icon_link(),
        js=chat_script(),
        i18n=chat_i18n(),
    )


def mount_service_page(app: FastAPI) -> None:
    """The API's ``mount_ui`` seam: the page over the app's own assistant, session store and consultation desk.

    Also sends ``/`` to the page, so the address ``make serve`` prints opens the chat.
    """
    from fastapi.responses import RedirectResponse

    services = app.state.services
    mount_ui(
        app,
        services.assistant,
        records=services.store,
        desk=services.consultations,
        officer_lookup=partial(officer_for, services),
        pdf_font_path=services.settings.pdf_font_path,
    )
    app.add_api_route("/", lambda: RedirectResponse("/ui/"), include_in_schema=False)


def officer_for(
    services: AppServices, cookies: Mapping[str, str], headers: Mapping[str, str]
) -> SignedInOfficer | None:
    """The page's sign-in is the API's: the same cookie or Bearer token, the same users, the same record rules."""
    from ui.api.auth import token_from, user_for
    from ui.web.consult_access import SignedInOfficer

    user = user_for(token_from(cookies, headers), services.sign_in, services.users)
    if user is None:
        return None
    role = "管理员" if user.is_admin else "特派员"
    return SignedInOfficer(
        name=user.display_name or user.username,
        role=role,
        shelf=services.officer_records(user),
        jobs=services.officer_jobs(user),
    )
