"""Requests per client, limited with a token bucket: over the limit, a Chinese 429 with ``Retry-After``.

Only the paths that make the server work are counted: the API (``/api/…``, ``/v1/…``) and the
web page's events (``…/gradio_api/queue/join``, ``…/gradio_api/call/…``); the page's scripts,
styles and fonts are not, so opening the page costs nothing. The client is the connection's peer
address; behind a reverse proxy uvicorn puts the proxy's ``X-Forwarded-For`` there when the
proxy's address is trusted (``FORWARDED_ALLOW_IPS``, 127.0.0.1 by default).

Example:
    >>> bucket = Bucket(tokens=2.0, at=0.0)
    >>> [bucket.take(per_minute=2, now=0.0) for _ in range(3)]
    [0.0, 0.0, 30.0]
"""

from __future__ import annotations

import json
import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ui.api.limits import ASGIApp, Receive, Scope, Send

__all__ = ["Bucket", "RateLimitMiddleware", "is_counted"]

# Idle clients' buckets are dropped once this many are held, so memory stays bounded.
MAX_TRACKED_CLIENTS = 10_000
_COUNTED_PREFIXES = ("/api/", "/v1/")
_COUNTED_PAGE_EVENTS = ("/gradio_api/queue/join", "/gradio_api/call/", "/gradio_api/run/")


@dataclass
class Bucket:
    """One client's allowance: ``tokens`` left at time ``at`` (seconds, monotonic)."""

    tokens: float
    at: float

    def take(self, per_minute: int, now: float) -> float:
        """Spend one token if there is one; 0.0 then, else the seconds until the next one."""
        rate = per_minute / 60.0
        self.tokens = min(float(per_minute), self.tokens + (now - self.at) * rate)
        self.at = now
        if self.tokens >= 1.0:
            self.tokens -= 1.0
            return 0.0
        return (1.0 - self.tokens) / rate

    def full(self, per_minute: int, now: float) -> bool:
        """Whether the client has been idle long enough to have its whole allowance back."""
        return self.tokens + (now - self.at) * per_minute / 60.0 >= per_minute


def is_counted(path: str) -> bool:
    """Whether a request to ``path`` counts towards its client's limit."""
    return path.startswith(_COUNTED_PREFIXES) or any(event in path for event in _COUNTED_PAGE_EVENTS)


class RateLimitMiddleware:
    """Answer 429 (JSON, Chinese ``detail``, ``Retry-After``) to a client over ``per_minute`` requests.

    A client may send ``per_minute`` requests at once, then one more each ``60 / per_minute`` seconds.

    Example:
        >>> from fastapi import FastAPI
        >>> app = FastAPI()
        >>> app.add_middleware(RateLimitMiddleware, per_minute=120)
    """

    def __init__(self, app: ASGIApp, per_minute: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.app = app
        self.per_minute = per_minute
        self.clock = clock
        # Per app instance, touched only from the event loop's thread: no lock needed.
        self.buckets: dict[str, Bucket] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Count the request against its client, then pass it on or refuse it."""
        if scope["type"] != "http" or self.per_minute <= 0 or not is_counted(str(scope.get("path", ""))):
            await self.app(scope, receive, send)
            return
        now = self.clock()
        client = scope.get("client")
        key = str(client[0]) if client else "unknown"
        bucket = self.buckets.get(key)
        if bucket is None:
            if len(self.buckets) >= MAX_TRACKED_CLIENTS:
                self._forget_idle(now)
            bucket = self.buckets[key] = Bucket(tokens=float(self.per_minute), at=now)
        wait = bucket.take(self.per_minute, now)
        if wait <= 0:
            await self.app(scope, receive, send)
            return
        await self._refuse(scope, send, math.ceil(wait))

    def _forget_idle(self, now: float) -> None:
        for key in [k for k, b in self.buckets.items() if b.full(self.per_minute, now)]:
            del self.buckets[key]

    async def _refuse(self, scope: Scope, send: Send, retry_after: int) -> None:
        detail = f"请求过于频繁：每个客户端每分钟最多 {self.per_minute} 次请求，请 {retry_after} 秒后再试。"
        body: dict[str, Any] = {"detail": detail}
        if str(scope.get("path", "")).startswith("/v1/"):
            # OpenAI's shape for this error, so OpenAI clients raise their RateLimitError.
            body["error"] = {"message": detail, "type": "requests", "param": None, "code": "rate_limit_exceeded"}
        payload = json.dumps(body, ensure_ascii=False).encode("utf-8")
        await send(
            {
                "type": "http.response.start",
                "status": 429,
                "headers": [
                    (b"content-type", b"application/json; charset=utf-8"),
                    (b"content-length", str(len(payload)).encode("ascii")),
                    (b"retry-after", str(retry_after).encode("ascii")),
                ],
            }
        )
        await send({"type": "http.response.body", "body": payload})
