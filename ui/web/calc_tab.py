"""The 奖励测算 tab's layout: article 3 investments and article 11 contributions as rows.

Each list is a ``gr.State`` holding every row's values, drawn by ``@gr.render``. Adding or
removing a row reads all the fields first and writes the new list back, so a redraw never loses
what was typed (Gradio's keyed redraw keeps textboxes but resets dropdowns and checkboxes).
Removing a row while a result is shown computes it again, so the figure always matches the rows.
The handlers are :class:`ui.web.calculate.Calculator`'s; this module only lays out and wires.

Example:
    >>> with gr.Blocks() as page:  # doctest: +SKIP
    ...     calculator_tab(knowledge.articles)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

import gradio as gr
from gradio.components import Component

from corpus.numerals import int_to_cn
from corpus.records import Article
from ui.web.calc_rows import (
    CAPITAL_KINDS,
    FUNDER_CHOICES,
    NEW_CAPITAL,
    STAGES,
    contribution_rows,
    investment_rows,
)
from ui.web.calculate import Calculator

INTRO = (
    "根据政策原文测算可获得的奖励或补助，结果为**预估，以责任单位审核为准**，说明与问答中的测算一致。"
    "金额可以写成 8000万、1.2亿 或 3,000,000元；每笔投资、每项出资各占一行，可添加或删除。"
)

Values = list[Any]  # one row's field values, in the order its handler reads them


@dataclass(frozen=True)
class RowList:
    """How one list of rows looks and what it computes.

    ``prefix`` names its elements (``#calc3-submit``, ``.calc3-row``, ``.calc3-amount``…).
    ``blank`` gives a new row's values (given its 1-based number); ``draw`` lays out one row's
    fields with those values and returns them in the order ``compute`` reads them, after the
    ``fixed`` fields above the list.
    """

    prefix: str
    noun: str  # 「笔投资」「项出资」: what a row is, after its number
    fixed: Sequence[Component]
    blank: Callable[[int], Values]
    draw: Callable[[Values], list[Component]]
    compute: Callable[..., str]
    add_label: str
    submit_label: str


def calculator_tab(articles: dict[int, Article]) -> None:
    """Lay out the tab inside the current ``gr.Tab``.

    Every field says ``interactive=True``: Gradio infers editability from the listeners known when
    the page is built, and these fields' listeners are made later, inside ``@gr.render``.

    Args:
        articles: The policy's articles, which the estimates cite as the chat's do.
    """
    calculator = Calculator.build(articles)
    gr.Markdown(INTRO)

    with gr.Group():
        gr.Markdown(f"### {_heading(calculator, 'investment')}", padding=True)
        place = gr.Textbox(
            interactive=True, label="投资机构所在地", placeholder="如：珠海、香港、广州市天河区", elem_id="calc3-place"
        )
    _row_list(
        RowList(
            prefix="calc3",
            noun="笔投资",
            fixed=[place],
            blank=lambda _number: ["", True, "", None, True, ""],
            draw=_investment_row,
            compute=lambda where, *values: calculator.investments(where, investment_rows(values)),
            add_label="＋ 添加一笔投资",
            submit_label="测算第三条奖励",
        )
    )

    with gr.Group():
        gr.Markdown(f"### {_heading(calculator, 'contribution')}", padding=True)
        with gr.Row():
            flags = [
                gr.Checkbox(True, interactive=True, label="区级融资担保机构", elem_id="calc11-district"),
                gr.Checkbox(True, interactive=True, label="政策性融资担保机构", elem_id="calc11-policy"),
                gr.Checkbox(True, interactive=True, label="新设立或新增资", elem_id="calc11-new"),
            ]
    _row_list(
        RowList(
            prefix="calc11",
            noun="项出资",
            fixed=flags,
            # The first contribution is most often the district treasury's, the one article 11 counts.
            blank=lambda number: ["", "district_treasury" if number == 1 else None, NEW_CAPITAL],
            draw=_contribution_row,
            compute=lambda level, policy, new, *values: calculator.contributions(
                contribution_rows(values), level, policy, new
            ),
            add_label="＋ 添加一项出资",
            submit_label="测算第十一条补助",
        )
    )


def _heading(calculator: Calculator, subject: str) -> str:
    """「第三条 · 投资种子期、初创期科技型中小企业奖励」: the form's rule as the rule data names it."""
    rule = calculator.answers.engine.rules.rule(calculator.rule_for(subject))
    return f"第{int_to_cn(rule.article)}条 · {rule.label}"


def _investment_row(values: Values) -> list[Component]:
    """One investment's fields, in :class:`InvestmentRow`'s order."""
    amount, received, investee, stage, tech, year = values
    with gr.Row():
        fields = {
            "amount": gr.Textbox(amount, interactive=True, label="投资金额", placeholder="如：8000万"),
            "year": gr.Textbox(year, interactive=True, label="到账年份（可选）", placeholder="如：2025"),
            "investee": gr.Textbox(investee, interactive=True, label="被投企业所在地", placeholder="如：天河区、深圳"),
        }
    with gr.Row():
        fields["stage"] = gr.Dropdown(list(STAGES), value=stage, interactive=True, label="被投企业所处阶段")
        fields["received"] = gr.Checkbox(received, interactive=True, label="已实际到账")
        fields["tech"] = gr.Checkbox(tech, interactive=True, label="被投企业为科技型中小企业")
    return _named("calc3", fields, ["amount", "received", "investee", "stage", "tech", "year"])


def _contribution_row(values: Values) -> list[Component]:
    """One contribution's fields, in :class:`ContributionRow`'s order."""
    amount, funder, kind = values
    with gr.Row():
        fields = {
            "amount": gr.Textbox(amount, interactive=True, label="出资额", placeholder="如：1亿"),
            "funder": gr.Dropdown(FUNDER_CHOICES, value=funder, interactive=True, label="出资方"),
            "kind": gr.Radio(list(CAPITAL_KINDS), value=kind, interactive=True, label="新增出资还是原有资本"),
        }
    return _named("calc11", fields, ["amount", "funder", "kind"])


def _named(prefix: str, fields: dict[str, Component], order: list[str]) -> list[Component]:
    """Give each field the class tests and styles find it by (``.calc3-amount``), in handler order."""
    for name, component in fields.items():
        component.elem_classes = [f"{prefix}-{name}"]
    return [fields[name] for name in order]


def _row_list(spec: RowList) -> None:
    """The rows of ``spec`` (one to begin with), an add button, the submit button and the result."""
    rows = gr.State([spec.blank(1)])

    @gr.render(inputs=rows)
    def draw_rows(row_values: list[Values]) -> None:
        fields: list[Component] = []
        removes: list[gr.Button] = []
        for number, values in enumerate(row_values, start=1):
            # A panel column, not a Group: Group draws two nested elements with the row's classes.
            with gr.Column(variant="panel", elem_classes=["calc-row", f"{spec.prefix}-row"]):
                with gr.Row(equal_height=True):
                    gr.Markdown(f"**第{number}{spec.noun}**", elem_classes="calc-row-label")
                    removes.append(
                        gr.Button(
                            "删除",
                            size="sm",
                            variant="secondary",
                            scale=0,
                            min_width=64,
                            interactive=len(row_values) > 1,  # one row always stays, to be filled in
                            elem_classes=f"{spec.prefix}-remove",
                        )
                    )
                fields += spec.draw(values)
        submit.click(spec.compute, [*spec.fixed, *fields], result)
        add.click(partial(_add, spec), fields, rows)
        for index, remove in enumerate(removes):
            remove.click(partial(_remove, spec, index), [result, *spec.fixed, *fields], [rows, result])

    add = gr.Button(spec.add_label, size="sm", elem_id=f"{spec.prefix}-add")
    submit = gr.Button(spec.submit_label, variant="primary", elem_id=f"{spec.prefix}-submit")
    result = gr.HTML(elem_id=f"{spec.prefix}-result")


def _split(spec: RowList, values: Sequence[Any]) -> list[Values]:
    size = len(spec.blank(1))
    return [list(values[i : i + size]) for i in range(0, len(values), size)]


def _add(spec: RowList, *values: Any) -> list[Values]:
    """The rows as typed, and a blank one after them."""
    current = _split(spec, values)
    return [*current, spec.blank(len(current) + 1)]


def _remove(spec: RowList, index: int, shown: str, *values: Any) -> tuple[list[Values], str]:
    """The rows as typed without row ``index``; a result already shown is computed again over them."""
    fixed, typed = values[: len(spec.fixed)], values[len(spec.fixed) :]
    kept = [row for n, row in enumerate(_split(spec, typed)) if n != index]
    if not shown:
        return kept, shown
    return kept, spec.compute(*fixed, *(v for row in kept for v in row))
