"""Contain unexpected errors: a bug answers 500 JSON and the keep-alive connection stays usable.

Starlette's last-resort handler sends the 500 and then re-raises the exception, so that the server
logs it; uvicorn, seeing an exception after the response started, closes the connection. A
client that keeps connections alive (every HTTP library, a reverse proxy) then finds its next
request on a dead socket. This middleware sits inside that handler: it logs the traceback and
sends the same JSON 500 itself, and the exception goes no further. An error after a response has
started (a stream already under way) can no longer become a 500: the body is ended cleanly
instead, so the connection stays in a known state.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from starlette.requests import Request

log = logging.getLogger(__name__)

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]
ErrorBody = Callable[[Request, int, str], dict[str, Any]]


class ContainErrorsMiddleware:
    """Turn any exception escaping the app into a logged JSON 500 without re-raising it.

    Example:
        >>> from fastapi import FastAPI
        >>> app = FastAPI()
        >>> app.add_middleware(ContainErrorsMiddleware, body=lambda request, status, detail: {"detail": detail})
    """

    def __init__(self, app: ASGIApp, body: ErrorBody, detail: str = "服务器内部错误，已记录，请稍后重试。") -> None:
        self.app = app
        self.body = body
        self.detail = detail

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Run the app; on an exception, answer 500 (or end a started body) and keep the connection."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        state = {"started": False, "ended": False}

        async def tracking_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                state["started"] = True
            elif message["type"] == "http.response.body" and not message.get("more_body", False):
                state["ended"] = True
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception:  # the last resort for bugs: logged with the traceback
            log.exception("unhandled error on %s %s", scope.get("method"), scope.get("path"))
            if not state["started"]:
                await self._send_500(scope, send)
            elif not state["ended"]:
                await send({"type": "http.response.body", "body": b"", "more_body": False})

    async def _send_500(self, scope: Scope, send: Send) -> None:
        payload = json.dumps(self.body(Request(scope), 500, self.detail), ensure_ascii=False).encode("utf-8")
        await send(
            {
                "type": "http.response.start",
                "status": 500,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(payload)).encode("ascii")),
                ],
            }
        )
        await send({"type": "http.response.body", "body": payload})
