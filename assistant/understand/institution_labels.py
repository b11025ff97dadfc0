"""The labels institutions go by: letters (A基金、甲公司), numbers (一号基金、一期基金), and items of a list.

A bare 「一期」 is a tranche of one deal, and a bare 「A公司」 may be the investee: a label counts as an
institution's when the fund's noun follows it, or when the message has just counted the investors
(「两家管理公司」「管两只基金：」) and lists them.
"""

from __future__ import annotations

import re

__all__ = ["labels_in"]

# 「两家投资公司：」「我同时在两家管理公司任职。甲公司在前海…」: the investors are counted, then listed.
_LISTS_INVESTORS = re.compile(
    r"(投资公司|投资机构|投资主体|基金|创投|资本)[^。；]{0,4}[：:]"
    r"|(两|三|四|几)(家|个)(管理公司|投资公司|投资机构|投资主体|管理人|基金管理人|创投|机构)"
)
_LISTED_COMPANY = re.compile(r"(?<=[：:，,；;。])\s*([A-Z]|[甲乙丙丁])\s*(?=公司\s*(?:在|位于|注册在|设在))")
_LETTER_LABEL = re.compile(
    r"(?<![A-Za-z])([A-Z]|[甲乙丙丁])\s*(?=基金|资本|创投|机构|平台|投资|公司[^，。；]{0,3}投)"
    # 「两个独立的投资机构：A在深圳前海…；B在广州南沙…」: a label opening its item, then where it is
    r"|(?:(?<=[：:；;，,、\s。！？!?])|(?<![\s\S]))([A-Z]|[甲乙丙丁])"
    r"(?=\s*(?:在|位于|注册在|设在)[^，。；]{1,10}[，,]?[^。；]{0,12}投)"
    r"|(?:基金|平台|机构)\s*([A-Z]|[甲乙丙丁])(?![A-Za-z])"
    # 「一号基金到账3亿，二号基金到账3亿」「一期基金…二期基金」: funds numbered rather than lettered
    # (a bare 「一期」「二期」 is a tranche of one deal, so the fund's noun must follow)
    r"|(?<![\d一二三四五六七八九十第])([一二三四五六七八九][号期]|[1-9]号)(?=基金|子基金|资本|创投|机构|平台)"
)
# 「管两只基金：一期规模10亿，二期规模15亿」: funds counted, then listed by their number.
_LISTED_FUND = re.compile(r"(?<=[：:，,；;。])\s*([一二三四五六七八九]期)(?=\s*(?:规模|基金|的规模|在|注册|投|，|,))")
_COUNTS_FUNDS = re.compile(r"(两|三|四|几)(只|支|个)(基金|合伙企业)[^。；]{0,4}[：:]")


def labels_in(text: str) -> tuple[list[re.Match[str]], set[int]]:
    """Every label match in order (its letter in one of groups 1–4 or group 1), and where listed companies start.

    A listed company's 「公司在X」 reads like a company's place; the list says it is the investor's.
    """
    labels = list(_LETTER_LABEL.finditer(text))
    listed: set[int] = set()
    if _LISTS_INVESTORS.search(text):
        # 「两家投资公司：A公司在香港中环，B公司在珠海横琴」: each listed 公司 is one of the investors.
        more = [m for m in _LISTED_COMPANY.finditer(text) if all(m.start() != n.start() for n in labels)]
        listed = {m.start() for m in more}
        labels = sorted([*labels, *more], key=lambda m: m.start())
    if _COUNTS_FUNDS.search(text):
        more = [m for m in _LISTED_FUND.finditer(text) if all(m.start() != n.start() for n in labels)]
        labels = sorted([*labels, *more], key=lambda m: m.start())
    return labels, listed
