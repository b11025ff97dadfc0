"""Every error as JSON with a Chinese ``detail``: validation, domain errors, HTTP errors, last-resort 500.

OpenAI-compatible paths (``/v1/…``) also get an ``error`` object, the shape OpenAI clients read.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Mapping, Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import ValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException

from assistant.awards.result import CalculatorInputError
from assistant.consultation.store import UnknownConsultationError
from assistant.service import MessageError, SessionBusyError
from assistant.storage import StorageUnavailableError, UnknownMessageError, UnknownSessionError
from ingest.errors import IndexUnavailableError
from ui.api.contain import ContainErrorsMiddleware
from ui.api.models import ErrorResponse

log = logging.getLogger(__name__)


class ApiError(Exception):
    """An error the API reports on purpose: status, Chinese message, ``/v1`` ``error`` fields (param, code)."""

    def __init__(self, status_code: int, detail: str, *, openai: Mapping[str, str | None] | None = None) -> None:
        super().__init__(detail)
        self.status_code = status_code
        self.detail = detail
        self.openai = dict(openai or {})


# Pydantic error types, in Chinese; ``{name}`` fields come from the error's ``ctx``.
_VALIDATION_MESSAGES: dict[str, str] = {
    "missing": "缺少必填字段",
    "string_type": "应为字符串",
    "string_too_short": "长度不能少于 {min_length} 个字符",
    "string_too_long": "长度不能超过 {max_length} 个字符",
    "string_pattern_mismatch": "格式不正确",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "int_from_float": "应为整数，不能带小数",
    "int_parsing_size": "整数超出范围",
    "float_type": "应为数字",
    "float_parsing": "应为数字",
    "finite_number": "应为有限的数字",
    "bool_type": "应为布尔值（true 或 false）",
    "bool_parsing": "应为布尔值（true 或 false）",
    "greater_than": "应大于 {gt}",
    "greater_than_equal": "应大于或等于 {ge}",
    "less_than": "应小于 {lt}",
    "less_than_equal": "应小于或等于 {le}",
    "literal_error": "取值应为 {expected} 之一",
    "enum": "取值应为 {expected} 之一",
    "too_short": "至少需要 {min_length} 项",
    "too_long": "最多 {max_length} 项",
    "list_type": "应为数组",
    "dict_type": "应为 JSON 对象",
    "model_type": "应为 JSON 对象",
    "model_attributes_type": "应为 JSON 对象",
    "json_invalid": "请求体不是合法的 JSON",
    "json_type": "应为 JSON",
    "extra_forbidden": "不支持该字段",
    "union_tag_invalid": "{discriminator} 取值应为 {expected_tags} 之一，收到 {tag}",
    "union_tag_not_found": "缺少区分字段 {discriminator}",
    "none_required": "应为 null",
    "value_error": "{error}",
    "assertion_error": "{error}",
}

_STATUS_MESSAGES: dict[int, str] = {
    400: "请求无法解析，请检查请求体格式。",
    401: "未授权。",
    403: "禁止访问。",
    404: "请求的地址不存在。",
    405: "该地址不支持此请求方法。",
    406: "无法提供所要求的响应格式。",
    409: "会话同时收到的消息太多，请稍后重发。",
    413: "请求体过大。",
    415: "不支持的请求体类型，请使用 application/json。",
    422: "请求参数有误。",
    429: "请求过于频繁，请稍后再试。",
    500: "服务器内部错误，已记录，请稍后重试。",
    503: "服务暂不可用，请稍后重试。",
}

_OPENAI_ERROR_TYPES: dict[int, str] = {
    400: "invalid_request_error",
    404: "not_found_error",
    413: "invalid_request_error",
    422: "invalid_request_error",
    500: "server_error",
    503: "server_error",
}


# The errors any endpoint with a JSON body can answer: an unparseable body (400), a body over the
# size limit (413, from BodySizeLimitMiddleware) and invalid fields (422).
BODY_ERRORS = (400, 413, 422)


def error_responses(*status_codes: int) -> dict[int | str, dict[str, Any]]:
    """The ``responses=`` of a route: each status code with the shared JSON error body.

    Args:
        status_codes: The error statuses the route can answer (besides its success response).

    Returns:
        The mapping FastAPI puts into the OpenAPI schema; declaring 422 here also replaces
        FastAPI's default validation-error schema, which does not describe our error bodies.

    Example:
        >>> sorted(error_responses(404, 422))
        [404, 422]
    """
    return {code: {"model": ErrorResponse, "description": _STATUS_MESSAGES[code]} for code in status_codes}


def request_validation_error(exc: ValidationError, *loc: str | int) -> RequestValidationError:
    """A model validated inside an endpoint, reported like FastAPI's own request validation (422).

    Args:
        exc: The model's validation error.
        loc: Where the model sat in the request, e.g. ``("body", "profile")``.

    Returns:
        The error to raise; each problem's location starts with ``loc``.

    Example:
        >>> from assistant.consultation.profile import EnterpriseProfile
        >>> try:
        ...     EnterpriseProfile.model_validate({"bond_plan": "也许"})
        ... except ValidationError as exc:
        ...     request_validation_error(exc, "body", "profile").errors()[0]["loc"]
        ('body', 'profile', 'bond_plan')
    """
    return RequestValidationError([{**e, "loc": (*loc, *e["loc"])} for e in exc.errors()])


def _has_cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def _format(template: str, ctx: Mapping[str, Any], fallback: str) -> str:
    values = {key: _ctx_text(value) for key, value in ctx.items()}
    try:
        return template.format_map(values)
    except (KeyError, IndexError, ValueError):
        return fallback


def _ctx_text(value: Any) -> str:
    if isinstance(value, ValueError | AssertionError):
        return str(value)
    # Pydantic lists choices as "'a', 'b' or 'c'"; Chinese lists them with 、.
    return str(value).replace(" or ", "、").replace(", ", "、")


def _location(loc: Sequence[Any]) -> str:
    # "body" only says where the field was; field names are what a client needs.
    parts = [str(p) for p in loc if p != "body"]
    return ".".join(parts)


def describe_validation_error(error: Mapping[str, Any]) -> str:
    """One pydantic/FastAPI validation error as a Chinese phrase with its field path.

    Args:
        error: One item of ``ValidationError.errors()`` / ``RequestValidationError.errors()``.

    Returns:
        Text such as ``"k：应小于或等于 50"``.
    """
    kind = str(error.get("type", ""))
    template = _VALIDATION_MESSAGES.get(kind)
    fallback = str(error.get("msg", "取值无效"))
    message = _format(template, error.get("ctx") or {}, fallback) if template else fallback
    # The location of a JSON syntax error is a character offset, not a field.
    where = "" if kind == "json_invalid" else _location(error.get("loc", ()))
    return f"{where}：{message}" if where else message


def error_body(
    request: Request, status_code: int, detail: str, openai: Mapping[str, Any] | None = None, **extra: Any
) -> dict[str, Any]:
    """The JSON error body: ``detail`` always, plus OpenAI's ``error`` object on ``/v1`` paths."""
    body: dict[str, Any] = {"detail": detail, **extra}
    if request.url.path.startswith("/v1/"):
        body["error"] = {
            "message": detail,
            "type": _OPENAI_ERROR_TYPES.get(status_code, "invalid_request_error"),
            "param": None,
            "code": status_code,
            **(openai or {}),
        }
    return body


def _json_error(
    request: Request, status_code: int, detail: str, openai: Mapping[str, Any] | None = None, **extra: Any
) -> JSONResponse:
    return JSONResponse(error_body(request, status_code, detail, openai, **extra), status_code=status_code)


async def _on_validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
    errors = list(exc.errors())
    described = [describe_validation_error(e) for e in errors]
    detail = "请求参数有误：" + "；".join(described) if described else "请求参数有误。"
    items = [
        {"loc": list(e.get("loc", ())), "type": e.get("type"), "message": d}
        for e, d in zip(errors, described, strict=True)
    ]
    return _json_error(request, 422, detail, errors=items)


async def _on_api_error(request: Request, exc: ApiError) -> JSONResponse:
    return _json_error(request, exc.status_code, exc.detail, exc.openai)


async def _on_unprocessable(request: Request, exc: Exception) -> JSONResponse:
    # The user's message or calculator input cannot be used as sent; the message says why.
    return _json_error(request, 422, str(exc))


async def _on_not_found(request: Request, exc: Exception) -> JSONResponse:
    return _json_error(request, 404, str(exc))


async def _on_storage_unavailable(request: Request, exc: Exception) -> JSONResponse:
    log.error("database unavailable: %s", exc)
    return _json_error(request, 503, "数据库暂不可用，请稍后重试。")


_HTTP_METHODS = frozenset({"get", "put", "post", "delete", "options", "head", "patch", "trace"})
_PATH_PARAMETER = re.compile(r"\{[^/{}]+\}")


@functools.lru_cache(maxsize=256)
def _path_pattern(template: str) -> re.Pattern[str]:
    """``/api/consultations/{record_id}`` as a regex matching one path segment per parameter."""
    parts = _PATH_PARAMETER.split(template)
    return re.compile("[^/]+".join(re.escape(part) for part in parts))


def allowed_methods(request: Request) -> list[str]:
    """The methods the API documents for the request's path, for the ``Allow`` header of a 405.

    Starlette's 405 lists only the methods of the first route whose path matches; a path served
    by several routes (``GET`` and ``POST /api/consultations``) must list them all. Paths match
    as in OpenAPI: a concrete path (``/api/consultations/preview``) before a templated one.

    Returns:
        The methods in upper case, sorted; empty for a path the schema does not describe.
    """
    path = request.url.path
    found: list[tuple[int, set[str]]] = []
    for template, item in request.app.openapi().get("paths", {}).items():
        if _path_pattern(template).fullmatch(path):
            found.append((template.count("{"), {m.upper() for m in item if m in _HTTP_METHODS}))
    if not found:
        return []
    concrete = min(parameters for parameters, _ in found)
    return sorted(set().union(*(methods for parameters, methods in found if parameters == concrete)))


async def _on_http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    detail = exc.detail if isinstance(exc.detail, str) and _has_cjk(exc.detail) else None
    message = detail or _STATUS_MESSAGES.get(exc.status_code, f"请求失败（HTTP {exc.status_code}）。")
    response = _json_error(request, exc.status_code, message)
    for key, value in (exc.headers or {}).items():
        response.headers[key] = value
    if exc.status_code == 405 and (methods := allowed_methods(request)):
        response.headers["Allow"] = ", ".join(methods)
    return response


async def _on_index_unavailable(request: Request, exc: Exception) -> JSONResponse:
    log.error("index unavailable: %s", exc)
    return _json_error(request, 503, "索引暂不可用，请稍后重试。")


async def _on_session_busy(request: Request, exc: Exception) -> JSONResponse:
    return _json_error(request, 409, str(exc))


def install_error_handlers(app: FastAPI) -> None:
    """Register the handlers that turn every error into JSON with a Chinese ``detail``."""
    app.add_exception_handler(RequestValidationError, _on_validation_error)
    app.add_exception_handler(ApiError, _on_api_error)
    app.add_exception_handler(MessageError, _on_unprocessable)
    app.add_exception_handler(CalculatorInputError, _on_unprocessable)
    app.add_exception_handler(UnknownSessionError, _on_not_found)
    app.add_exception_handler(UnknownMessageError, _on_not_found)
    app.add_exception_handler(UnknownConsultationError, _on_not_found)
    app.add_exception_handler(StorageUnavailableError, _on_storage_unavailable)
    app.add_exception_handler(IndexUnavailableError, _on_index_unavailable)
    app.add_exception_handler(SessionBusyError, _on_session_busy)
    app.add_exception_handler(StarletteHTTPException, _on_http_error)
    # A bug: logged with its traceback and answered 500 by ContainErrorsMiddleware, which (unlike
    # an exception handler here) keeps the client's keep-alive connection usable.
    app.add_middleware(ContainErrorsMiddleware, body=error_body, detail=_STATUS_MESSAGES[500])
