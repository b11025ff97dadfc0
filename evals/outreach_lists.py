"""Generated enterprise lists for the batch path: varied, seeded, written as the template's columns.

The same rows feed the equivalence test (each row against the 特派员 form with the same words) and
the benchmark. Values are the form's own choices, so every row can also be typed into the form.

Example:
    >>> rows = generated_rows(3, seed=1)
    >>> sorted(rows[0]) == sorted(FORM_FIELDS)
    True
"""

from __future__ import annotations

import csv
import io
import random

from corpus.eligibility import ENTERPRISE_KINDS
from corpus.gazetteer import load_gazetteer
from corpus.outreach_columns import load_outreach_columns

__all__ = ["FORM_FIELDS", "generated_rows", "rows_csv"]

FORM_FIELDS = tuple(c.field for c in load_outreach_columns().columns)
_STAGES = ("种子期", "初创期", "成长期", "成熟期", "未知", "")
_IP = ("专利", "商标", "软件著作权", "著作权", "集成电路布图设计")
_BOARDS = ("科创板", "创业板", "主板", "北交所", "新三板", "港交所", "")
_CROSS = ("港澳", "QFLP", "QDLP", "QDIE", "境外投资")
_NEEDS = ("贷款", "股权融资", "担保", "上市辅导", "知识产权质押", "保险")
_BONDS = ("计划发债", "暂无计划", "未知", "")
_OTHER_PLACES = ("深圳", "北京", "上海", "佛山", "香港")
_FINANCING = (
    "",
    "3000万",
    "1.2亿",
    "8000万",
    "今年投资广州一家初创期科技型中小企业8000万，已到账",
    "去年获得A轮融资5000万元",
    "今年投了深圳一家成长期企业2亿，已到账",
    "计划明年融资1亿",
)
_TEXTS = (
    "",
    "做芯片设计的小公司，想找银行贷款",
    "专注投资大湾区硬科技项目",
    "计划2027年申报科创板上市",
    "有港澳业务，想了解跨境投融资",
    "生物医药研发企业，拥有多项发明专利",
    "律师事务所，为科技企业提供法律服务",
    "准备发行公司债，需要担保",
    "软件企业，想用知识产权质押融资",
)


def _some(rng: random.Random, items: tuple[str, ...], most: int = 2) -> str:
    return "、".join(rng.sample(items, rng.randint(0, most)))


def generated_rows(count: int, *, seed: int = 14) -> list[dict[str, str]]:
    """``count`` varied rows keyed by profile field (empty string for a blank cell)."""
    rng = random.Random(seed)
    districts = (*load_gazetteer().districts("广州"), *_OTHER_PLACES, "")
    rows = []
    for number in range(1, count + 1):
        kind = rng.choice((*ENTERPRISE_KINDS, ""))
        guarantor = kind == "融资担保机构" and rng.random() < 0.6
        rows.append(
            {
                "enterprise": f"测试企业{number:05d}",
                "kind": kind,
                "district": rng.choice(districts),
                "stage": rng.choice(_STAGES),
                "financing": rng.choice(_FINANCING),
                "intellectual_property": _some(rng, _IP),
                "listing_plan": rng.choice(("", "", "计划三年内上市", "拟申报北交所")),
                "target_board": rng.choice(_BOARDS),
                "bond_plan": rng.choice(_BONDS),
                "cross_border": _some(rng, _CROSS, 1),
                "needs": _some(rng, _NEEDS),
                "district_new_capital": rng.choice(("1亿", "5000万")) if guarantor else "",
                "free_text": rng.choice(_TEXTS),
            }
        )
    return rows


def rows_csv(rows: list[dict[str, str]]) -> bytes:
    """The rows as a UTF-8 CSV under the template's headers."""
    columns = load_outreach_columns().columns
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([c.header for c in columns])
    for row in rows:
        writer.writerow([row.get(c.field, "") for c in columns])
    return buffer.getvalue().encode("utf-8")
