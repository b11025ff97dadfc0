"""Sign-in for officers and administrators: ``POST /api/auth/login``, ``/logout``, ``GET /api/auth/me``.

The cookie set here is also what the web page's 特派员 tab reads, so one sign-in serves both.
"""

from __future__ import annotations

from fastapi import APIRouter, Response

from ui.api.auth import COOKIE_NAME
from ui.api.auth_models import LoginRequest, LoginResponse, UserOut
from ui.api.deps import OfficerDep, ServicesDep
from ui.api.errors import BODY_ERRORS, ApiError, error_responses

router = APIRouter(prefix="/api/auth", tags=["auth"])


@router.post("/login", summary="特派员/管理员登录", responses=error_responses(*BODY_ERRORS, 401, 503))
def login(body: LoginRequest, services: ServicesDep, response: Response) -> LoginResponse:
    """Check the password; set the signed sign-in cookie and return the same token."""
    user = services.users.authenticate(body.username, body.password)
    if user is None:
        # One message for an unknown name, a wrong password and a disabled user: nothing to probe.
        raise ApiError(401, "用户名或口令不正确，或该账号已停用。")
    token = services.sign_in.token(user.username)
    response.set_cookie(
        COOKIE_NAME,
        token,
        max_age=services.sign_in.max_age_s,
        httponly=True,
        samesite="lax",
        secure=services.settings.cookie_secure,
        path="/",
    )
    return LoginResponse(**UserOut.of(user).model_dump(), token=token)


@router.post("/logout", status_code=204, summary="退出登录", responses=error_responses(503))
def logout(response: Response) -> Response:
    """Remove the sign-in cookie (a copied Bearer token stays valid until it expires)."""
    response.status_code = 204
    response.delete_cookie(COOKIE_NAME, path="/")
    return response


@router.get("/me", summary="当前登录的用户", responses=error_responses(401, 503))
def me(user: OfficerDep) -> UserOut:
    """The signed-in user; 401 when nobody is signed in."""
    return UserOut.of(user)
