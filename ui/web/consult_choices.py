"""What the 特派员 form offers: the choices of its dropdowns, radios and tables, from the data where there is data.

Kinds come from ``corpus/eligibility.json``, districts from the gazetteer, needs from the services a
profile records (:data:`assistant.consultation.needs.SERVICE_NEEDS`); the rest are the fixed words of
the form itself.
"""

from __future__ import annotations

from assistant.consultation.export import ExportFormat
from assistant.consultation.needs import SERVICE_NEEDS
from corpus.eligibility import ENTERPRISE_KINDS
from corpus.gazetteer import load_gazetteer

__all__ = [
    "BOARDS",
    "BOND_CHOICES",
    "CROSS_BORDER_CHOICES",
    "DISTRICTS",
    "EXPORT_FORMATS",
    "EXPORT_NAMES",
    "HISTORY_HEADERS",
    "IP_CHOICES",
    "KINDS",
    "NEED_CHOICES",
    "OFFICER_SIDES",
    "STAGE_CHOICES",
    "UNKNOWN",
]

UNKNOWN = "未知"
KINDS: tuple[str, ...] = ENTERPRISE_KINDS
DISTRICTS: tuple[str, ...] = load_gazetteer().districts("广州")
STAGE_CHOICES: tuple[str, ...] = ("种子期", "初创期", "成长期", "成熟期", UNKNOWN)
OFFICER_SIDES: tuple[str, ...] = ("银行", "投资机构", "其他")
IP_CHOICES: tuple[str, ...] = ("专利", "商标", "软件著作权", "著作权", "集成电路布图设计")
BOARDS: tuple[str, ...] = ("科创板", "创业板", "主板", "北交所", "新三板", "港交所", "境外交易所")
CROSS_BORDER_CHOICES: tuple[str, ...] = ("港澳", "QFLP", "QDLP", "QDIE", "境外投资")
NEED_CHOICES: tuple[str, ...] = SERVICE_NEEDS
BOND_CHOICES: tuple[str, ...] = ("计划发债", "暂无计划", UNKNOWN)
EXPORT_FORMATS: tuple[ExportFormat, ...] = ("docx", "pdf", "md")
EXPORT_NAMES: dict[str, str] = {"docx": "Word（DOCX）", "pdf": "PDF", "md": "Markdown"}
HISTORY_HEADERS: tuple[str, ...] = ("咨询日期", "企业（机构）", "特派员", "类型", "所在地", "匹配条款", "编号")
