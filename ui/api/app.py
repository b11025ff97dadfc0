"""The FastAPI application factory.

Nothing is built at import time: ``create_app`` loads the index, opens the database and wires
the routers when it is called.

Example:
    >>> app = create_app(Settings(data_dir="data"))  # doctest: +SKIP
    >>> # uvicorn.run(app) — or ui.api.server.serve(settings)
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from importlib.metadata import PackageNotFoundError, version

from fastapi import FastAPI

from assistant.consultation import ConsultationDesk
from assistant.outreach.jobs import OutreachJobs
from assistant.service import PolicyAssistant, build_assistant
from assistant.settings import Settings
from assistant.storage import (
    SqlAuditLog,
    SqlConsultationStore,
    SqlOutreachJobStore,
    SqlSessionStore,
    SqlUserStore,
    create_engine_for,
    purge_older_than,
)
from corpus.registry import load_registry
from ui.api.auth import SignIn, resolve_secret
from ui.api.deps import AppServices
from ui.api.docs import install_docs
from ui.api.errors import install_error_handlers
from ui.api.limits import DEFAULT_MAX_BODY_BYTES, BodySizeLimitMiddleware
from ui.api.protect import install_protections
from ui.api.routes import (
    articles,
    audit,
    auth,
    calculate,
    chat,
    consultations,
    health,
    match,
    openai,
    outreach,
    search,
    sessions,
)
from ui.icon import ICON_URL, add_icon_routes

log = logging.getLogger(__name__)

PACKAGE = "policy-assistant"


def package_version() -> str:
    """The installed version of the project, or ``0+unknown`` when it is not installed."""
    try:
        return version(PACKAGE)
    except PackageNotFoundError:
        return "0+unknown"


def create_app(
    settings: Settings,
    assistant: PolicyAssistant | None = None,
    *,
    store: SqlSessionStore | None = None,
    mount_ui: Callable[[FastAPI], None] | None = None,
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
) -> FastAPI:
    """Build the HTTP API.

    Args:
        settings: The settings (index location, database URL, message limits).
        assistant: The assistant to serve; by default one is built from ``settings`` with its
            sessions in the database, so conversations survive a restart.
        store: The database store for sessions, history, feedback and the query log; by default
            the assistant's own store when it is a :class:`SqlSessionStore`, else one opened from
            ``settings.resolved_database_url``. Consultation records are kept in its database too.
        mount_ui: Called with the finished app to mount a web page (the Gradio UI at ``/ui``).
        max_body_bytes: Larger request bodies are refused with 413.

    Returns:
        The FastAPI app.

    Raises:
        IndexMissingError: No index has been built under ``settings.data_dir``.
    """
    if store is None:
        own = assistant.sessions if assistant is not None else None
        store = own if isinstance(own, SqlSessionStore) else SqlSessionStore(create_engine_for(settings))
    if assistant is None:
        assistant = build_assistant(settings, sessions=store)
    elif assistant.sessions is not store:
        log.warning("the assistant keeps its sessions outside the API's database: history and message ids stay empty")

    app = FastAPI(
        title="政策通 API",
        description="广州市《关于新时期进一步促进科技、金融与产业融合发展的若干意见》问答、检索与测算接口。",
        version=package_version(),
        # FastAPI's own pages load Swagger UI and ReDoc from a CDN (blank on an intranet);
        # install_docs serves them from a local copy instead.
        docs_url=None,
        redoc_url=None,
    )
    install_docs(app, icon_url=ICON_URL)
    add_icon_routes(app)
    if settings.retention_days is not None:
        purged = purge_older_than(store.engine, settings.retention_days)
        log.info(
            "retention: deleted %d records, %d chat sessions and %d batch jobs",
            purged.records,
            purged.sessions,
            purged.jobs,
        )
    records = SqlConsultationStore(store.engine)
    desk = ConsultationDesk(
        # Asked on each use, so records match against the build the server serves now.
        lambda: assistant.knowledge,
        records,
        sessions=assistant.sessions,
    )
    jobs = SqlOutreachJobStore(store.engine)
    abandoned = jobs.abandon_running()
    if abandoned:
        log.warning("outreach: %d batch jobs were left running by a stopped server and are marked failed", abandoned)
    app.state.services = AppServices(
        settings=settings,
        assistant=assistant,
        store=store,
        registry=load_registry(),
        version=package_version(),
        consultations=desk,
        records=records,
        users=SqlUserStore(store.engine),
        audit=SqlAuditLog(store.engine),
        sign_in=SignIn(secret=resolve_secret(settings), max_age_s=int(settings.sign_in_hours * 3600)),
        # One worker: a batch uses a whole core, and two at once would only share it.
        outreach=OutreachJobs(
            desk,
            jobs,
            ThreadPoolExecutor(max_workers=1, thread_name_prefix="outreach"),
            pdf_font_path=settings.pdf_font_path,
        ),
        outreach_jobs=jobs,
    )
    app.add_middleware(
        BodySizeLimitMiddleware,
        max_bytes=max_body_bytes,
        # The enterprise list's upload, through the API or the page's file box (Gradio's upload route).
        upload_paths=("/api/outreach/jobs", "/ui/gradio_api/upload"),
        upload_max_bytes=int(settings.outreach_max_upload_mb * 1024 * 1024),
    )
    install_error_handlers(app)
    install_protections(app, settings)
    for module in (
        chat,
        articles,
        search,
        calculate,
        sessions,
        match,
        consultations,
        outreach,
        auth,
        audit,
        health,
        openai,
    ):
        app.include_router(module.router)
    if mount_ui is not None:
        mount_ui(app)
    return app
