"""Sign-in shared by the API and the web page: a signed cookie (or the same token as a Bearer header).

The token is itsdangerous's timed signature over the user name, keyed by ``POLICY_SECRET_KEY``
(or a key generated once under the data dir). Every request looks the user up again, so a
disabled user or a changed role takes effect at once.

Example:
    >>> signer = SignIn(secret="k" * 32, max_age_s=3600)
    >>> signer.username(signer.token("zhangsan"))
    'zhangsan'
    >>> signer.username("forged") is None
    True
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from itsdangerous import BadSignature, URLSafeTimedSerializer
from starlette.requests import HTTPConnection

from assistant.settings import Settings
from assistant.storage import SqlUserStore, User

__all__ = ["COOKIE_NAME", "SignIn", "current_user", "resolve_secret", "token_from", "user_for"]

COOKIE_NAME = "policy_sign_in"
_SALT = "policy-assistant.sign-in"
_KEY_FILE = "secret_key"


def resolve_secret(settings: Settings) -> str:
    """``POLICY_SECRET_KEY``, or a random key kept in ``data_dir/secret_key`` (created on first use).

    A kept key lets sign-ins survive a restart; several replicas must share one ``POLICY_SECRET_KEY``.
    """
    if settings.secret_key is not None:
        return settings.secret_key.get_secret_value()
    path = Path(settings.data_dir) / _KEY_FILE
    try:
        return path.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
        key = secrets.token_urlsafe(48)
        # Only this user may read the key: whoever holds it can sign in as anyone.
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(key)
        return key


@dataclass(frozen=True)
class SignIn:
    """Issues and checks sign-in tokens."""

    secret: str
    max_age_s: int

    def _serializer(self) -> URLSafeTimedSerializer:
        return URLSafeTimedSerializer(self.secret, salt=_SALT)

    def token(self, username: str) -> str:
        """A signed, timestamped token naming the user."""
        return self._serializer().dumps({"u": username})

    def username(self, token: str) -> str | None:
        """The user a token names, or None when it is forged, malformed or older than ``max_age_s``."""
        try:
            payload = self._serializer().loads(token, max_age=self.max_age_s)
        except BadSignature:  # SignatureExpired is a BadSignature too
            return None
        name = payload.get("u") if isinstance(payload, dict) else None
        return name if isinstance(name, str) else None


def token_from(cookies: Mapping[str, str], headers: Mapping[str, str]) -> str | None:
    """The token of a request's cookies and (lower-cased) headers: the cookie, else ``Authorization: Bearer …``."""
    cookie = cookies.get(COOKIE_NAME)
    if cookie:
        return cookie
    scheme, _, value = headers.get("authorization", "").partition(" ")
    return value.strip() or None if scheme.lower() == "bearer" else None


def user_for(token: str | None, sign_in: SignIn, users: SqlUserStore) -> User | None:
    """The enabled user a token names, or None (the public)."""
    name = sign_in.username(token) if token else None
    user = users.get(name) if name else None
    return user if user is not None and not user.disabled else None


def current_user(connection: HTTPConnection, sign_in: SignIn, users: SqlUserStore) -> User | None:
    """The enabled user a request is signed in as, or None (the public)."""
    return user_for(token_from(connection.cookies, connection.headers), sign_in, users)
