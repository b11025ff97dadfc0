"""A pure ASGI middleware that refuses request bodies over a size limit with 413.

It checks ``Content-Length`` first and also counts the bytes of chunked bodies, so a client
cannot get past the limit by leaving the header out. Bodies under the limit are buffered (they
are small by definition) and replayed to the app.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

DEFAULT_MAX_BODY_BYTES = 64 * 1024


class BodySizeLimitMiddleware:
    """Answer 413 (JSON, Chinese ``detail``) to any HTTP request whose body exceeds ``max_bytes``.

    Example:
        >>> from fastapi import FastAPI
        >>> app = FastAPI()
        >>> app.add_middleware(BodySizeLimitMiddleware, max_bytes=1024)
    """

    def __init__(
        self,
        app: ASGIApp,
        max_bytes: int = DEFAULT_MAX_BODY_BYTES,
        upload_paths: tuple[str, ...] = (),
        upload_max_bytes: int = DEFAULT_MAX_BODY_BYTES,
    ) -> None:
        self.app = app
        self.max_bytes = max_bytes
        # File uploads (an enterprise list) may be larger; every path not starting with one of these may not.
        self.upload_paths = upload_paths
        self.upload_max_bytes = upload_max_bytes

    def _limit(self, scope: Scope) -> int:
        path = str(scope.get("path", ""))
        return self.upload_max_bytes if path.startswith(self.upload_paths) and self.upload_paths else self.max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Check the body's size, then hand the request on with the body replayed."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self._limit(scope)
        declared = _content_length(scope)
        if declared is not None and declared > limit:
            await self._refuse(scope, send, limit)
            return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return  # the client left before sending its body
            body = message.get("body", b"")
            size += len(body)
            if size > limit:
                await self._refuse(scope, send, limit)
                return
            chunks.append(body)
            if not message.get("more_body", False):
                break
        await self.app(scope, _replay(b"".join(chunks), receive), send)

    async def _refuse(self, scope: Scope, send: Send, limit: int) -> None:
        detail = f"请求体过大：最多 {limit // 1024} KiB（{limit} 字节）。"
        body: dict[str, Any] = {"detail": detail}
        if str(scope.get("path", "")).startswith("/v1/"):
            body["error"] = {"message": detail, "type": "invalid_request_error", "code": 413}
        payload = json.dumps(body, ensure_ascii=False).encode("utf-8")
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", b"application/json; charset=utf-8"),
                    (b"content-length", str(len(payload)).encode("ascii")),
                    (b"connection", b"close"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": payload})


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


def _replay(body: bytes, receive: Receive) -> Receive:
    """A ``receive`` that yields the buffered body once, then defers to the real one (disconnects)."""
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay
