"""The 特派员 tab's handlers: read the consultation form, match policies, save, export, find past records.

A 科技金融特派员 fills in who met which enterprise and what it is like; :class:`ConsultForm`
holds the form's values as Gradio passes them and :func:`form_to_draft` turns them into a
:class:`~assistant.consultation.ConsultationDraft`. The handlers ask a
:class:`~assistant.consultation.ConsultationDesk` and return HTML, Markdown and file paths; they
never raise for bad input: an empty enterprise name, an amount that cannot be read or a date that
is not a date comes back as a Chinese message in ``div.calc-error``.

Example:
    >>> desk = ConsultationDesk(knowledge, MemoryConsultationStore())  # doctest: +SKIP
    >>> form = ConsultForm(enterprise="某创投", kind="创投机构", district="南沙区",
    ...                    free_text="今年投了一家广州的初创期科技企业8000万，已到账")  # doctest: +SKIP
    >>> "120万元" in match_policies(desk, form)  # doctest: +SKIP
    True
    >>> saved = save_consultation(desk, form, Path("/tmp/exports"))  # doctest: +SKIP
    >>> saved.record.id == search_consultations(desk, "某创投").ids[0]  # doctest: +SKIP
    True
    >>> sorted(saved.files)  # doctest: +SKIP
    ['docx', 'md', 'pdf']
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from assistant.consultation import ConsultationDraft, ConsultationRecord
from assistant.consultation.export import ExportedFile, ExportError, ExportFormat, export_record, render_markdown
from assistant.consultation.record import FOLLOW_UPS_MAX, NAME_MAX, NOTE_MAX
from assistant.consultation.store import UnknownConsultationError
from assistant.understand.amounts import find_amounts, format_yuan, parse_plain_number
from assistant.understand.kinds import INVESTOR_KINDS, stated_kind
from corpus.eligibility import ENTERPRISE_KINDS
from corpus.gazetteer import load_gazetteer
from ui.web.calculate import AMOUNT_EXAMPLES, FormError, error_html, read_amount
from ui.web.consult_cards import article_labels, render_matches, saved_html
from ui.web.markup import escape

if TYPE_CHECKING:
    from assistant.consultation import ConsultationDesk

__all__ = [
    "BOARDS",
    "BOND_CHOICES",
    "CROSS_BORDER_CHOICES",
    "DISTRICTS",
    "EXPORT_FORMATS",
    "HISTORY_HEADERS",
    "IP_CHOICES",
    "KINDS",
    "NEED_CHOICES",
    "OFFICER_SIDES",
    "STAGE_CHOICES",
    "UNKNOWN",
    "ConsultForm",
    "Exporter",
    "HistoryView",
    "SavedConsultation",
    "form_to_draft",
    "import_chat_session",
    "match_policies",
    "open_consultation",
    "read_date",
    "record_id_for",
    "record_to_form",
    "save_consultation",
    "search_consultations",
    "write_exports",
]

UNKNOWN = "未知"
KINDS: tuple[str, ...] = ENTERPRISE_KINDS
DISTRICTS: tuple[str, ...] = load_gazetteer().districts("广州")
STAGE_CHOICES: tuple[str, ...] = ("种子期", "初创期", "成长期", "成熟期", UNKNOWN)
OFFICER_SIDES: tuple[str, ...] = ("银行", "投资机构", "其他")
IP_CHOICES: tuple[str, ...] = ("专利", "商标", "软件著作权", "著作权", "集成电路布图设计")
BOARDS: tuple[str, ...] = ("科创板", "创业板", "主板", "北交所", "新三板", "港交所", "境外交易所")
CROSS_BORDER_CHOICES: tuple[str, ...] = ("港澳", "QFLP", "QDLP", "QDIE", "境外投资")
NEED_CHOICES: tuple[str, ...] = (
    "贷款",
    "股权融资",
    "担保",
    "知识产权质押",
    "续贷周转",
    "发债",
    "上市",
    "并购",
    "人才",
    "政府基金",
    "募资",
    "退出",
)
BOND_CHOICES: tuple[str, ...] = ("计划发债", "暂无计划", UNKNOWN)
EXPORT_FORMATS: tuple[ExportFormat, ...] = ("docx", "pdf", "md")
EXPORT_NAMES: dict[str, str] = {"docx": "Word（DOCX）", "pdf": "PDF", "md": "Markdown"}
HISTORY_HEADERS: tuple[str, ...] = ("咨询日期", "企业（机构）", "特派员", "类型", "所在地", "匹配条款", "编号")

MAX_TEXT_CHARS = NOTE_MAX
MAX_QUERY_CHARS = 100
MAX_RECORD_ID_CHARS = 64
HISTORY_LIMIT = 50
SHORT_ID_CHARS = 8
DATE_EXAMPLE = "2026-11-25"
# Words that make the 近期融资 field a sentence to read rather than an amount with a label.
_SENTENCE_WORDS = re.compile(r"投|获|融|到账|到位|拿到|引入|完成|计划|准备|打算")
_INVESTMENT_WORDS = re.compile(r"投了|投资了|投资于|入股|领投|跟投|注资")
_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")

Exporter = Callable[..., ExportedFile]
"""``export_record(record, fmt, *, pdf_font_path=None) -> ExportedFile`` (the default is the real one)."""

# Where each draft field is on the form, for messages about values the draft model rejects.
_FIELD_LABELS: dict[str, str] = {
    "enterprise": "企业（机构）名称",
    "contact": "企业联系人",
    "date": "咨询日期",
    "officers": "特派员",
    "follow_ups": "后续跟进事项",
    "notes": "备注",
    "session_id": "对话会话编号",
    "name": "姓名",
    "organization": "单位",
    "side": "类别",
    "district": "所在区",
    "stage": "发展阶段",
    "listing_plan": "上市挂牌计划",
    "target_board": "目标板块",
    "intellectual_property": "知识产权",
    "cross_border": "跨境业务",
    "needs": "主要需求",
    "free_text": "企业情况与需求",
    "district_new_capital": "区财政新增出资额",
    "recent_financing": "近期融资/投资",
    "investments_made": "近期融资/投资",
    "amount": "金额",
}


@dataclass
class ConsultForm:
    """The 特派员 form's values, in the order the tab passes them to the handlers.

    Every field is what Gradio gives: strings (possibly empty), None for an untouched dropdown,
    lists for the multi-select dropdowns.
    """

    enterprise: str | None = None
    contact: str | None = None
    date: str | None = None
    officer1_name: str | None = None
    officer1_organization: str | None = None
    officer1_side: str | None = "银行"
    officer2_name: str | None = None
    officer2_organization: str | None = None
    officer2_side: str | None = "投资机构"
    kind: str | None = None
    district: str | None = None
    stage: str | None = None
    intellectual_property: list[str] | None = None
    listing_plan: str | None = None
    target_board: str | None = None
    bond_plan: str | None = UNKNOWN
    cross_border: list[str] | None = None
    needs: list[str] | None = None
    financing: str | None = None
    district_new_capital: str | None = None
    free_text: str | None = None
    follow_ups: str | None = None
    notes: str | None = None
    session_id: str | None = None


@dataclass(frozen=True)
class SavedConsultation:
    """What the tab shows after saving (or reopening) a record, or the message why it could not.

    Attributes:
        status: HTML for the status line: the record id, or an error (``div.calc-error``).
        cards: The matched-policy cards (empty when the record could not be made).
        markdown: The record as Markdown for the preview.
        files: Export format (``docx``/``pdf``/``md``) → the written file.
        record: The saved record, None on error.
        export_errors: Why a format could not be written (e.g. no Chinese font for the PDF).
    """

    status: str
    cards: str = ""
    markdown: str = ""
    files: Mapping[str, Path] = field(default_factory=dict)
    record: ConsultationRecord | None = None
    export_errors: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class HistoryView:
    """The 历史记录 table: rows as :data:`HISTORY_HEADERS` orders them, a caption, and the full ids.

    The table shows each id's first :data:`SHORT_ID_CHARS` characters (a phone has no room for
    32); :func:`record_id_for` finds the full id of a clicked row in ``ids``.
    """

    rows: list[list[str]]
    caption: str
    ids: list[str] = field(default_factory=list)


# ---------------------------------------------------------------------------
# Reading the form
# ---------------------------------------------------------------------------


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def _limited(value: object, label: str, limit: int = MAX_TEXT_CHARS) -> str | None:
    text = _text(value)
    if len(text) > limit:
        raise FormError(f"{label}过长：最多 {limit} 个字符，当前 {len(text)} 个。")
    return text or None


def _choices(values: Sequence[str] | str | None) -> list[str]:
    if values is None:
        return []
    items = [values] if isinstance(values, str) else list(values)
    return [item.strip() for item in items if isinstance(item, str) and item.strip()]


def read_date(value: str | dt.date | None) -> dt.date | None:
    """Read the 咨询日期: empty (today), ``2026-11-25``, ``2026/11/25`` or ``2026年11月25日``.

    Raises:
        FormError: Not a calendar date.
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _text(value)
    if not text:
        return None
    # A date picker may add a time of day after a space; only the date counts.
    match = _DATE.fullmatch(text.split()[0])
    if match is None:
        raise FormError(f"咨询日期应写成 {DATE_EXAMPLE} 这样的日期，收到「{text}」。")
    try:
        return dt.date(*(int(part) for part in match.groups()))
    except ValueError as exc:
        raise FormError(f"咨询日期「{text}」不是有效的日期。") from exc


def _officers(form: ConsultForm) -> list[dict[str, str | None]]:
    rows = (
        (form.officer1_name, form.officer1_organization, form.officer1_side),
        (form.officer2_name, form.officer2_organization, form.officer2_side),
    )
    officers: list[dict[str, str | None]] = []
    for number, (name, organization, side) in enumerate(rows, start=1):
        who = f"第 {number} 位特派员"
        name_text = _limited(name, f"{who}姓名", NAME_MAX)
        org_text = _limited(organization, f"{who}单位", NAME_MAX)
        if name_text is None:
            if org_text:
                raise FormError(f"请填写{who}的姓名（已填单位「{org_text}」），或清空这一行。")
            continue
        chosen = _text(side) or "其他"
        if chosen not in OFFICER_SIDES:
            raise FormError(f"{who}的类别应为 {'/'.join(OFFICER_SIDES)}，收到「{chosen}」。")
        officers.append({"name": name_text, "organization": org_text, "side": chosen})
    return officers


def _bond_plan(value: str | None) -> bool | None:
    text = _text(value)
    if text in ("", UNKNOWN):
        return None
    if text not in BOND_CHOICES:
        raise FormError(f"发债计划应为 {'/'.join(BOND_CHOICES)}，收到「{text}」。")
    return text == BOND_CHOICES[0]


def _stage(value: str | None) -> str | None:
    text = _text(value)
    if text in ("", UNKNOWN):
        return None
    if text not in STAGE_CHOICES:
        raise FormError(f"发展阶段应为 {'/'.join(STAGE_CHOICES)}，收到「{text}」。")
    return text


def _financing(text: str | None, kind: str | None, described: str | None = None) -> tuple[dict[str, Any], str | None]:
    """The 近期融资/投资 field: a bare amount becomes a structured fact, a sentence joins the free text.

    An investment institution's amount is an investment it made (article 3); anyone else's is
    financing it received. A label beside the amount (「A轮 3000万」) keeps it an amount: the field
    itself says what the money is. An investor's bare amount joins a description that tells the
    investment but not its size (「今年投了一家初创期企业，已到账」), so both are read together.

    Returns:
        Structured profile fields, and a sentence to add to the free text (or None).
    """
    raw = _limited(text, "近期融资/投资情况", NAME_MAX * 5)
    if raw is None:
        return {}, None
    mentions = find_amounts(raw)
    plain = parse_plain_number(raw)
    if plain is None and not mentions:
        raise FormError(
            f"无法识别近期融资/投资情况中的金额「{raw}」，请填写如 {AMOUNT_EXAMPLES}，"
            "或写成一句话，如「今年投资广州初创期企业8000万，已到账」。"
        )
    bare = plain is not None or (
        len(mentions) == 1 and (mentions[0].text.strip() == raw.rstrip("。；;，, ") or not _SENTENCE_WORDS.search(raw))
    )
    if not bare:
        return {}, raw
    amount = plain if plain is not None else mentions[0].value
    if amount <= 0:
        raise FormError(f"近期融资/投资金额必须大于 0，收到「{raw}」。")
    if kind in INVESTOR_KINDS:
        if described and _INVESTMENT_WORDS.search(described) and not find_amounts(described):
            return {}, f"投资金额{raw}"
        return {"investments_made": [{"amount": amount}]}, None
    return {"recent_financing": [{"amount": amount}]}, None


def _district_capital(text: str | None) -> Decimal | None:
    if not _text(text):
        return None
    return read_amount(text, "区财政新增出资额")


def _validation_message(exc: ValidationError) -> str:
    """The first problem the draft model found, in Chinese, naming the form field."""
    error = exc.errors()[0]
    loc = [part for part in error.get("loc", ()) if isinstance(part, str) and part != "profile"]
    label = next((_FIELD_LABELS[part] for part in reversed(loc) if part in _FIELD_LABELS), "表单")
    numbers = [part for part in error.get("loc", ()) if isinstance(part, int)]
    if loc[:1] == ["officers"] and numbers:
        label = f"第 {numbers[0] + 1} 位特派员{label}"
    context = error.get("ctx") or {}
    kind = error.get("type", "")
    if kind == "string_too_long":
        return f"{label}过长：最多 {context.get('max_length')} 个字符。"
    if kind == "too_long":
        return f"{label}过多：最多 {context.get('max_length')} 项。"
    if kind in ("string_too_short", "missing"):
        return f"请填写{label}。"
    message = str(error.get("msg", "")).removeprefix("Value error, ")
    return f"{label}填写有误：{message}"


def form_to_draft(form: ConsultForm) -> ConsultationDraft:
    """The draft the form describes.

    Args:
        form: The form's values.

    Returns:
        The draft (its profile not yet enriched from the free text: the desk does that).

    Raises:
        FormError: A required field is empty or a value cannot be read; the message names the
            field and says what is expected.
    """
    enterprise = _limited(form.enterprise, "企业（机构）名称", NAME_MAX)
    if enterprise is None:
        raise FormError("请填写企业（机构）名称。")
    kind = _text(form.kind) or None
    if kind is not None and kind not in KINDS:
        raise FormError(f"企业（机构）类型应为下拉列表中的一项，收到「{kind}」。")
    described = _limited(form.free_text, "企业情况与需求")
    # A bare amount is an investment made or financing received depending on who the enterprise is;
    # when the dropdown is left empty, the description says who.
    financing, financing_text = _financing(form.financing, kind or stated_kind(described), described)
    free_text = "\n".join(part for part in (described, financing_text) if part)
    follow_ups = [line.strip() for line in _text(form.follow_ups).splitlines() if line.strip()]
    if len(follow_ups) > FOLLOW_UPS_MAX:
        raise FormError(f"后续跟进事项最多 {FOLLOW_UPS_MAX} 条（每行一条），当前 {len(follow_ups)} 条。")
    profile: dict[str, Any] = {
        "name": enterprise,
        "kind": kind,
        "district": _limited(form.district, "所在区", NAME_MAX),
        "stage": _stage(form.stage),
        "intellectual_property": _choices(form.intellectual_property),
        "listing_plan": _limited(form.listing_plan, "上市挂牌计划", NAME_MAX * 2),
        "target_board": _limited(form.target_board, "目标板块", NAME_MAX),
        "bond_plan": _bond_plan(form.bond_plan),
        "cross_border": _choices(form.cross_border),
        "needs": _choices(form.needs),
        "district_new_capital": _district_capital(form.district_new_capital),
        "free_text": free_text or None,
        **financing,
    }
    try:
        return ConsultationDraft(
            date=read_date(form.date),
            officers=_officers(form),
            enterprise=enterprise,
            contact=_limited(form.contact, "企业联系人", NAME_MAX),
            profile=profile,
            follow_ups=follow_ups,
            notes=_limited(form.notes, "备注"),
            session_id=_limited(form.session_id, "对话会话编号", MAX_RECORD_ID_CHARS),
        )
    except ValidationError as exc:
        raise FormError(_validation_message(exc)) from exc


# ---------------------------------------------------------------------------
# Handlers
# ---------------------------------------------------------------------------


def _notices(desk: ConsultationDesk, draft: ConsultationDraft) -> list[str]:
    if draft.session_id and desk.session_profile(draft.session_id) is None:
        return [f"未找到对话会话「{draft.session_id}」，本次仅按表单内容匹配。"]
    return []


def match_policies(desk: ConsultationDesk, form: ConsultForm) -> str:
    """「匹配政策」: the policies that apply to the form's enterprise, as cards (not saved).

    Args:
        desk: The consultation desk.
        form: The form's values.

    Returns:
        ``div.consult-result`` with one ``details.consult-card`` per matched article and the
        尚需补充 list, an empty state that says what to add, or ``div.calc-error``.
    """
    try:
        draft = form_to_draft(form)
    except FormError as exc:
        return error_html(str(exc))
    return render_matches(desk.preview(draft), notices=_notices(desk, draft))


def write_exports(
    record: ConsultationRecord,
    directory: Path,
    *,
    pdf_font_path: Path | None = None,
    exporter: Exporter = export_record,
    formats: Sequence[ExportFormat] = EXPORT_FORMATS,
) -> tuple[dict[str, Path], list[str]]:
    """Write the record's exports into ``directory/<record id>/`` for the download buttons.

    A format the exporter cannot produce (a PDF without a Chinese font, say) is left out and
    its reason returned; the other formats are still written.

    Args:
        record: A saved record.
        directory: The page's export folder (files there are served by Gradio).
        pdf_font_path: A font with Chinese glyphs for the PDF (default: found by the exporter).
        exporter: ``export_record``; injected in tests.
        formats: Which formats to write.

    Returns:
        Format → the written file (named as the exporter names it), and the Chinese messages of
        the formats that could not be written.
    """
    folder = directory / (record.id or "draft")
    folder.mkdir(parents=True, exist_ok=True)
    files: dict[str, Path] = {}
    errors: list[str] = []
    for fmt in formats:
        try:
            exported = exporter(record, fmt, pdf_font_path=pdf_font_path)
        except ExportError as exc:
            errors.append(f"{EXPORT_NAMES.get(fmt, fmt)} 导出失败：{exc}")
            continue
        path = folder / (Path(exported.filename).name or f"consultation.{fmt}")
        path.write_bytes(exported.content)
        files[fmt] = path
    return files, errors


def _shown(
    record: ConsultationRecord,
    directory: Path,
    pdf_font_path: Path | None,
    exporter: Exporter,
    *,
    action: str,
    notices: Sequence[str] = (),
) -> SavedConsultation:
    files, errors = write_exports(record, directory, pdf_font_path=pdf_font_path, exporter=exporter)
    return SavedConsultation(
        status=saved_html(record, action=action, problems=errors),
        cards=render_matches(record, notices=notices),
        markdown=render_markdown(record),
        files=files,
        record=record,
        export_errors=errors,
    )


def save_consultation(
    desk: ConsultationDesk,
    form: ConsultForm,
    directory: Path,
    *,
    pdf_font_path: Path | None = None,
    exporter: Exporter = export_record,
) -> SavedConsultation:
    """「保存咨询记录」: build the record, save it and write its DOCX / PDF / Markdown.

    Args:
        desk: The consultation desk.
        form: The form's values.
        directory: Where the exports are written for download.
        pdf_font_path: A font with Chinese glyphs for the PDF.
        exporter: ``export_record``; injected in tests.

    Returns:
        The record id line, the cards, the Markdown preview and the files; or just an error
        status when the form cannot be read (nothing is saved then).
    """
    try:
        draft = form_to_draft(form)
    except FormError as exc:
        return SavedConsultation(status=error_html(str(exc)))
    record = desk.create(draft)
    return _shown(record, directory, pdf_font_path, exporter, action="已保存", notices=_notices(desk, draft))


def open_consultation(
    desk: ConsultationDesk,
    record_id: str | None,
    directory: Path,
    *,
    pdf_font_path: Path | None = None,
    exporter: Exporter = export_record,
) -> SavedConsultation:
    """「打开记录」: a saved record's cards, preview and downloads again.

    Args:
        desk: The consultation desk.
        record_id: The id typed or picked from the 历史记录 table.
        directory: Where the exports are written for download.
        pdf_font_path: A font with Chinese glyphs for the PDF.
        exporter: ``export_record``; injected in tests.

    Returns:
        As :func:`save_consultation`; an unknown or empty id gives an error status.
    """
    wanted = _text(record_id)
    if not wanted:
        return SavedConsultation(status=error_html("请填写记录编号，或在历史记录表格中点选一行。"))
    if len(wanted) > MAX_RECORD_ID_CHARS:
        return SavedConsultation(status=error_html(f"记录编号过长：最多 {MAX_RECORD_ID_CHARS} 个字符。"))
    try:
        record = desk.get(wanted)
    except UnknownConsultationError:
        record = _by_short_id(desk, wanted)
    if record is None:
        return SavedConsultation(status=error_html(f"没有编号为「{wanted}」的咨询记录，请在历史记录中查找。"))
    return _shown(record, directory, pdf_font_path, exporter, action="已打开")


def _by_short_id(desk: ConsultationDesk, wanted: str) -> ConsultationRecord | None:
    """The one record whose id begins with ``wanted`` (the table's short id, in any case), if any."""
    prefix = wanted.lower()
    if not re.fullmatch(r"[0-9a-f]{6,32}", prefix):
        return None
    found = [item.id for item in desk.search(prefix, limit=2).items if item.id.startswith(prefix)]
    return desk.get(found[0]) if len(found) == 1 else None


def search_consultations(desk: ConsultationDesk, query: str | None = None) -> HistoryView:
    """「历史记录」: past consultations containing every word of ``query``, newest first.

    Args:
        desk: The consultation desk.
        query: Words to look for (enterprise, officer, district, article such as 第三条…); empty lists all.

    Returns:
        The table rows (the record id last) and a caption with the count.
    """
    text = _text(query)[:MAX_QUERY_CHARS]
    page = desk.search(text or None, limit=HISTORY_LIMIT)
    rows = [
        [
            item.date.isoformat(),
            item.enterprise,
            "、".join(item.officers),
            item.kind or "",
            item.district or "",
            article_labels(item.articles),
            item.id[:SHORT_ID_CHARS],
        ]
        for item in page.items
    ]
    if page.total == 0:
        caption = f"没有包含「{escape(text)}」的咨询记录。" if text else "暂无咨询记录，保存后会出现在这里。"
    else:
        shown = f"，显示最新 {len(rows)} 条" if page.total > len(rows) else ""
        found = f"包含「{escape(text)}」的" if text else ""
        caption = f"共 {page.total} 条{found}咨询记录{shown}。点选一行即可打开。"
    return HistoryView(rows=rows, caption=caption, ids=[item.id for item in page.items])


def record_id_for(ids: Sequence[str], row: Sequence[object] | None) -> str:
    """The full id of a clicked history row (its last cell is the id's beginning), or ``""``.

    Args:
        ids: :attr:`HistoryView.ids` of the table as shown.
        row: The clicked row's values (``gr.SelectData.row_value``).

    Returns:
        The one id that begins with the row's short id; ``""`` for an empty row or when none does.
    """
    short = str(row[-1]).strip() if row else ""
    found = [record_id for record_id in ids if short and record_id.startswith(short)]
    return found[0] if len(found) == 1 else ""


def record_to_form(record: ConsultationRecord) -> ConsultForm:
    """The form as it would be filled to make ``record`` again, for reopening a past consultation.

    Amounts read from the description stay in the description; a structured amount with no
    description of its own goes back into the 近期融资 field.
    """
    profile = record.profile
    officers = [*record.officers[:2], None, None]
    amounts = [*profile.investments_made, *profile.recent_financing]
    described = profile.free_text or ""
    financing = format_yuan(amounts[0].amount) if len(amounts) == 1 and not find_amounts(described) else None
    bond = {True: BOND_CHOICES[0], False: BOND_CHOICES[1]}.get(profile.bond_plan, UNKNOWN)  # type: ignore[arg-type]
    return ConsultForm(
        enterprise=record.enterprise,
        contact=record.contact or "",
        date=record.date.isoformat(),
        officer1_name=officers[0].name if officers[0] else "",
        officer1_organization=(officers[0].organization or "") if officers[0] else "",
        officer1_side=officers[0].side if officers[0] else "银行",
        officer2_name=officers[1].name if officers[1] else "",
        officer2_organization=(officers[1].organization or "") if officers[1] else "",
        officer2_side=officers[1].side if officers[1] else "投资机构",
        kind=profile.kind if profile.kind in KINDS else None,
        district=profile.district,
        stage=profile.stage or UNKNOWN,
        intellectual_property=list(profile.intellectual_property),
        listing_plan=profile.listing_plan or "",
        target_board=profile.target_board,
        bond_plan=bond,
        cross_border=list(profile.cross_border),
        needs=list(profile.needs),
        financing=financing or "",
        district_new_capital=format_yuan(profile.district_new_capital) if profile.district_new_capital else "",
        free_text=described,
        follow_ups="\n".join(record.follow_ups),
        notes=record.notes or "",
        session_id=record.session_id or "",
    )


def import_chat_session(session_id: str | None) -> tuple[str, str]:
    """「导入对话画像」: the chat tab's session id for the form, and a line saying what happens.

    Args:
        session_id: The 政策问答 tab's current session (None before the first question).

    Returns:
        ``(session id or "", HTML status line)``.
    """
    if not session_id:
        return "", error_html("「政策问答」中还没有对话：先在那里描述企业情况，再导入。")
    return session_id, (
        '<p class="consult-notice">已关联当前对话：匹配和保存时，对话中提到的企业情况'
        "（类型、所在地、金额等）会并入画像，表单填写的内容优先。</p>"
    )
