"""What guards every response: security headers, the CORS allow-list and the per-client rate limit.

``install_protections(app, settings)`` adds them in this order from the outside in: security
headers (so even a 413 or 429 carries them), CORS (so a browser can read a 429 on an allowed
origin), then the rate limit.

The Content-Security-Policy allows only this origin. The Gradio page needs ``'unsafe-inline'``
(its HTML carries the page's config in an inline script, and components set inline styles) and
``'unsafe-eval'`` (Gradio runs the page's own event scripts with ``new Function``); neither lets a
page load or send anything to another host, since every source, ``connect-src`` included, is
``'self'`` (``data:``/``blob:`` are made in the browser).

Example:
    >>> from fastapi import FastAPI
    >>> install_protections(FastAPI(), Settings(cors_origins=["https://zwfw.gz.gov.cn"]))  # doctest: +SKIP
"""

from __future__ import annotations

from fastapi import FastAPI
from starlette.middleware.cors import CORSMiddleware

from assistant.settings import Settings
from ui.api.limits import ASGIApp, Message, Receive, Scope, Send
from ui.api.rate_limit import RateLimitMiddleware

__all__ = ["CONTENT_SECURITY_POLICY", "SECURITY_HEADERS", "SecurityHeadersMiddleware", "install_protections"]

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "media-src 'self' data: blob:",
        "connect-src 'self'",
        "worker-src 'self' blob:",
        "frame-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode("ascii")),
    (b"cross-origin-opener-policy", b"same-origin"),
)
CORS_METHODS = ["GET", "POST", "DELETE", "OPTIONS"]
CORS_HEADERS = ["Authorization", "Content-Type", "Accept"]


class SecurityHeadersMiddleware:
    """Add :data:`SECURITY_HEADERS` to every HTTP response (streamed ones too), unless already set."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass the request on; add the headers to its response's start."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                headers.extend((name, value) for name, value in SECURITY_HEADERS if name not in present)
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


def install_protections(app: FastAPI, settings: Settings) -> None:
    """Add the rate limit, the CORS allow-list (when any origin is allowed) and the security headers.

    Args:
        app: The app, after its other middleware (these wrap it from the outside).
        settings: ``rate_limit_per_minute`` (0: no limit) and ``cors_origins`` (empty: no cross-origin access).
    """
    if settings.rate_limit_per_minute > 0:
        app.add_middleware(RateLimitMiddleware, per_minute=settings.rate_limit_per_minute)
    if settings.cors_origins:
        # Bearer tokens only: a cross-origin page never gets to send the sign-in cookie.
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(settings.cors_origins),
            allow_methods=CORS_METHODS,
            allow_headers=CORS_HEADERS,
            allow_credentials=False,
            max_age=600,
        )
    app.add_middleware(SecurityHeadersMiddleware)
