"""Field checks shared by the API's models: free text, session ids and amounts.

Free-text fields reject lone UTF-16 surrogates and NUL characters: they cannot be encoded as
UTF-8 or stored in PostgreSQL, so they would otherwise surface as a server error. The fields of a
consultation record also reject the control characters a Word document cannot hold.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BeforeValidator,
    WithJsonSchema,
)

from assistant.consultation.export.text import INVALID_XML_CHARS
from assistant.understand.amounts import find_amounts, parse_plain_number

SESSION_ID_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-")
SESSION_ID_MAX = 64
MAX_AMOUNT_TEXT = 64
# 1000万亿元, far above any real investment or capital; larger numbers are typing slips or probes
# (and a float such as 1e40 cannot be formatted exactly by the calculator's yuan formatting).
MAX_AMOUNT_YUAN = Decimal(10) ** 15
MAX_AMOUNT_LABEL = "1000万亿元"


def check_text(value: str) -> str:
    """Reject text that cannot be encoded as UTF-8 or stored (lone surrogates, NUL).

    Args:
        value: Text from a request.

    Returns:
        The same text.

    Raises:
        ValueError: The text holds a lone surrogate or a NUL character.
    """
    if "\x00" in value:
        raise ValueError("文本中不能包含 NUL（\\u0000）字符")
    if any("\ud800" <= ch <= "\udfff" for ch in value):
        raise ValueError("文本中包含无效的 Unicode 字符（孤立的代理项），请检查编码")
    return value


def check_record_text(value: str) -> str:
    """Reject text a record's exports cannot hold: :func:`check_text`, plus control characters.

    Tab, line feed and carriage return are kept; the others (vertical tab, form feed, escape…)
    are invisible in a form and invalid in a Word document.

    Raises:
        ValueError: The text holds such a character (the message names the first one).
    """
    check_text(value)
    found = INVALID_XML_CHARS.search(value)
    if found:
        raise ValueError(
            f"文本中不能包含控制字符（第 {found.start() + 1} 个字符为 \\u{ord(found.group()):04x}），"
            "Word 等导出格式无法保存，请删除后重试"
        )
    return value


def check_record_json(value: Any) -> Any:
    """:func:`check_nested_json` with every string held to :func:`check_record_text`."""
    return check_nested_json(value, check=check_record_text)


def check_session_id(value: str) -> str:
    """Accept session ids of 1–64 letters, digits, ``_`` and ``-``.

    Raises:
        ValueError: Another character, or a wrong length.
    """
    if not 1 <= len(value) <= SESSION_ID_MAX or not set(value) <= SESSION_ID_CHARS:
        raise ValueError(f"会话编号只能由字母、数字、下划线和连字符组成，长度 1–{SESSION_ID_MAX}")
    return value


def to_yuan(value: Any) -> Decimal:
    """Read an amount in yuan: a JSON number, a plain numeric string, or Chinese text like ``"8000万"``.

    Args:
        value: The raw field value.

    Returns:
        The exact amount in yuan.

    Raises:
        ValueError: Not a number, several amounts in one text, no amount at all, or an amount
            beyond ±1000万亿元.
    """
    amount = _read_yuan(value)
    if not amount.is_finite() or abs(amount) > MAX_AMOUNT_YUAN:
        raise ValueError(f"金额超出范围：最多 {MAX_AMOUNT_LABEL}")
    return amount


def _read_yuan(value: Any) -> Decimal:
    if isinstance(value, bool):
        raise ValueError("金额应为数字或文本（如“8000万”），不能是布尔值")
    if isinstance(value, int | Decimal):
        return Decimal(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError("金额应为有限的数字")
        return Decimal(str(value))  # str() keeps 0.1 as 0.1, not its binary expansion
    if not isinstance(value, str):
        raise ValueError("金额应为数字或文本，如“8000万”“1.2亿元”或 3000000")
    text = check_text(value).strip()
    if len(text) > MAX_AMOUNT_TEXT:
        raise ValueError(f"金额文本过长：最多 {MAX_AMOUNT_TEXT} 个字符")
    try:
        plain = parse_plain_number(text)
    except InvalidOperation:
        plain = None
    if plain is not None:
        return plain
    mentions = find_amounts(text)
    if len(mentions) == 1:
        return mentions[0].value
    if mentions:
        found = "、".join(m.text for m in mentions)
        raise ValueError(f"“{text}”中有多个金额（{found}），请每笔分别填写")
    raise ValueError(f"无法识别金额“{text}”：请写成“8000万”“1.2亿元”或以元为单位的数字")


def check_nested_json(value: Any, check: Callable[[str], str] = check_text) -> Any:
    """Check every string (keys and values, with ``check``) and number inside nested JSON.

    Numbers are held to ±1000万亿 (see :data:`MAX_AMOUNT_YUAN`): in a free-form profile any of
    them may be read as an amount in yuan.

    Raises:
        ValueError: A string :func:`check_text` refuses, or a number out of range.
    """
    if isinstance(value, str):
        check(value)
    elif isinstance(value, int | float) and not isinstance(value, bool):
        if not math.isfinite(value) or abs(value) > MAX_AMOUNT_YUAN:
            raise ValueError(f"数值超出范围：绝对值最多 {MAX_AMOUNT_YUAN:,}（{MAX_AMOUNT_LABEL}）")
    elif isinstance(value, dict):
        for key, item in value.items():
            check_nested_json(key, check)
            check_nested_json(item, check)
    elif isinstance(value, list):
        for item in value:
            check_nested_json(item, check)
    return value


UserText = Annotated[str, AfterValidator(check_text)]
RecordText = Annotated[str, AfterValidator(check_record_text)]
# The schema states the rule check_session_id enforces (which gives the Chinese error message).
SessionId = Annotated[
    str,
    AfterValidator(check_session_id),
    WithJsonSchema({"type": "string", "pattern": f"^[A-Za-z0-9_-]{{1,{SESSION_ID_MAX}}}$"}),
]
Amount = Annotated[Decimal, BeforeValidator(to_yuan)]
