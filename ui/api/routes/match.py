"""``POST /api/match``: which supports an enterprise profile may qualify for."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import ValidationError

from assistant.consultation.matching import MatchResult, match_profile
from assistant.consultation.profile import EnterpriseProfile
from ui.api.deps import AssistantDep
from ui.api.errors import BODY_ERRORS, error_responses, request_validation_error
from ui.api.models import MatchRequest

router = APIRouter(prefix="/api", tags=["matching"])


@router.post("/match", summary="企业画像与政策条款匹配", responses=error_responses(*BODY_ERRORS))
def match(body: MatchRequest, assistant: AssistantDep) -> MatchResult:
    """``{"profile": {...}}`` → ``{"matches": [...], "missing": [...]}``, best match first."""
    try:
        profile = EnterpriseProfile.model_validate(body.profile)
    except ValidationError as exc:
        raise request_validation_error(exc, "body", "profile") from exc
    return match_profile(profile, assistant.knowledge)
