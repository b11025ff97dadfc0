"""Consultation mode for 科技金融特派员: the record of a consultation, how it is built and exported."""

from assistant.consultation.build import build_record
from assistant.consultation.record import (
    DISCLAIMER,
    AwardEstimate,
    ConsultationDraft,
    ConsultationRecord,
    MatchedArticle,
    Officer,
    UnitContact,
)
from assistant.consultation.service import ConsultationDesk

__all__ = [
    "DISCLAIMER",
    "AwardEstimate",
    "ConsultationDesk",
    "ConsultationDraft",
    "ConsultationRecord",
    "MatchedArticle",
    "Officer",
    "UnitContact",
    "build_record",
]
