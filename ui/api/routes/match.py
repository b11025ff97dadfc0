"""``POST /api/match``: which supports an enterprise profile may qualify for.

The matcher lives in ``assistant.matching``; it is imported when the endpoint is called, so the
API starts (and answers 503 here) on a build that does not have it yet.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from pydantic import ValidationError

from ui.api.deps import AssistantDep
from ui.api.errors import BODY_ERRORS, ApiError, error_responses
from ui.api.models import MatchRequest

router = APIRouter(prefix="/api", tags=["matching"])

_MATCHER_MODULES = ("assistant", "assistant.matching", "assistant.profile")


@router.post("/match", summary="企业画像与政策条款匹配", responses=error_responses(*BODY_ERRORS, 503))
def match(body: MatchRequest, assistant: AssistantDep) -> Any:
    """``{"profile": {...}}`` → ``{"matches": [...], "missing": [...]}``."""
    try:
        from assistant.matching import match_profile
        from assistant.profile import EnterpriseProfile
    except ModuleNotFoundError as exc:
        if exc.name not in _MATCHER_MODULES:
            raise
        raise ApiError(503, "企业画像匹配功能尚未启用。") from exc
    try:
        profile = EnterpriseProfile.model_validate(body.profile)
    except ValidationError as exc:
        errors = [{**e, "loc": ("body", "profile", *e["loc"])} for e in exc.errors()]
        raise RequestValidationError(errors) from exc
    return jsonable_encoder(match_profile(profile, assistant.knowledge))
