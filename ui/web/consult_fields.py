"""The 特派员 form's components: consultation details, the officers, the enterprise profile, notes.

:func:`lay_out_form` places them inside the current Blocks and returns them by
:class:`~ui.web.consult_form.ConsultForm` field name, in the dataclass's order, so the handlers
receive a ``ConsultForm(*values)``. Element ids (``#consult-enterprise``, ``#consult-kind``…) are
what the browser tests use.
"""

from __future__ import annotations

from dataclasses import fields
from typing import Any

import gradio as gr

from ui.web.consult_choices import (
    BOARDS,
    BOND_CHOICES,
    CROSS_BORDER_CHOICES,
    DISTRICTS,
    IP_CHOICES,
    KINDS,
    NEED_CHOICES,
    OFFICER_SIDES,
    STAGE_CHOICES,
    UNKNOWN,
)
from ui.web.consult_form import ConsultForm

__all__ = ["MULTI_SELECTS", "blank_form", "lay_out_form"]

MULTI_SELECTS = frozenset({"intellectual_property", "cross_border", "needs"})


def blank_form() -> list[Any]:
    """The form's values after 「清空表单」 (multi-selects as empty lists)."""
    blank = ConsultForm()
    return [[] if f.name in MULTI_SELECTS else getattr(blank, f.name) for f in fields(ConsultForm)]


def _heading(title: str, note: str = "") -> None:
    small = f"<small>{note}</small>" if note else ""
    gr.HTML(f'<h3 class="consult-heading">{title}{small}</h3>', padding=False)


def _multi_select(choices: tuple[str, ...], label: str, elem_id: str) -> gr.Dropdown:
    """A multi-select that also takes words of the officer's own (a need the list lacks)."""
    return gr.Dropdown(list(choices), value=[], multiselect=True, allow_custom_value=True, label=label, elem_id=elem_id)


def lay_out_form(*, with_import: bool) -> dict[str, gr.components.Component]:
    """Lay out the form; its components by :class:`ConsultForm` field name.

    With ``with_import``, a 「导入当前对话」 button (``_import``) and its status line (``_import_status``) too.
    """
    c: dict[str, gr.components.Component] = {}
    _heading("咨询信息")
    with gr.Group():
        with gr.Row():
            c["enterprise"] = gr.Textbox(
                label="企业（机构）名称 *",
                placeholder="必填，如：广州某某创业投资有限公司",
                max_lines=1,
                elem_id="consult-enterprise",
                scale=3,
            )
            c["contact"] = gr.Textbox(
                label="企业联系人", placeholder="如：李经理", max_lines=1, elem_id="consult-contact", scale=2
            )
            # A plain textbox: a date picker keeps its last good value when the text typed is not a date,
            # and the record would carry a date nobody sees; here the form says what is wrong instead.
            c["date"] = gr.Textbox(
                label="咨询日期（留空为当天）",
                placeholder="如 2026-11-25",
                max_lines=1,
                elem_id="consult-date",
                scale=2,
            )
    _heading("科技金融特派员", "常见为银行、投资机构各一位；不足两位时留空即可")
    with gr.Group():
        for number, side in ((1, "银行"), (2, "投资机构")):
            with gr.Row(elem_classes=["consult-officer-row"]):
                c[f"officer{number}_name"] = gr.Textbox(
                    label=f"特派员 {number} 姓名", max_lines=1, elem_id=f"consult-officer{number}-name", scale=2
                )
                c[f"officer{number}_organization"] = gr.Textbox(
                    label="所在单位",
                    placeholder="如：广州银行" if side == "银行" else "如：某某创投",
                    max_lines=1,
                    elem_id=f"consult-officer{number}-org",
                    scale=3,
                )
                c[f"officer{number}_side"] = gr.Dropdown(
                    list(OFFICER_SIDES), value=side, label="类别", elem_id=f"consult-officer{number}-side", scale=2
                )
    _heading("企业画像", "填得越全，匹配越准；不确定的项可留空")
    if with_import:
        # In sight above the profile: the officer imports the chat first, then checks each field.
        with gr.Row(elem_classes=["consult-inline-row"]):
            c["_import"] = gr.Button(
                "导入当前对话", size="sm", variant="secondary", elem_id="consult-import-session", scale=0, min_width=140
            )
            gr.HTML(
                '<p class="calc-hint">把「政策问答」中企业讲到的自身情况填入下方各项，核对后再匹配。</p>',
                padding=False,
            )
        c["_import_status"] = gr.HTML(elem_id="consult-import-status")
    with gr.Group():
        with gr.Row():
            c["kind"] = gr.Dropdown(list(KINDS), value=None, label="企业（机构）类型", elem_id="consult-kind")
            c["district"] = gr.Dropdown(
                list(DISTRICTS),
                value=None,
                label="所在区（也可输入其他城市）",
                allow_custom_value=True,
                elem_id="consult-district",
            )
            c["stage"] = gr.Dropdown(list(STAGE_CHOICES), value=None, label="发展阶段", elem_id="consult-stage")
        with gr.Row():
            c["intellectual_property"] = _multi_select(IP_CHOICES, "知识产权", "consult-ip")
            c["cross_border"] = _multi_select(CROSS_BORDER_CHOICES, "跨境业务", "consult-cross-border")
            c["needs"] = _multi_select(NEED_CHOICES, "主要需求", "consult-needs")
        with gr.Row():
            c["listing_plan"] = gr.Textbox(
                label="上市挂牌计划",
                placeholder="如：计划2027年申报科创板",
                max_lines=1,
                elem_id="consult-listing",
                scale=3,
            )
            c["target_board"] = gr.Dropdown(
                list(BOARDS), value=None, label="目标板块", allow_custom_value=True, elem_id="consult-board", scale=2
            )
            c["bond_plan"] = gr.Radio(
                list(BOND_CHOICES), value=UNKNOWN, label="发债计划（含股票质押融资）", elem_id="consult-bond", scale=3
            )
        with gr.Row():
            c["financing"] = gr.Textbox(
                label="近期融资 / 投资情况",
                max_lines=2,
                elem_id="consult-financing",
                scale=3,
                placeholder="填金额如 3000万；或写一句话，如「今年投资广州初创期企业8000万，已到账」",
            )
            c["district_new_capital"] = gr.Textbox(
                label="区财政新增出资额",
                placeholder="融资担保机构填写，如 1亿",
                max_lines=1,
                elem_id="consult-capital",
                scale=2,
            )
        c["free_text"] = gr.Textbox(
            label="企业情况与需求（自由描述）",
            lines=3,
            max_lines=8,
            elem_id="consult-free-text",
            placeholder="用一两句话描述企业情况和诉求，如：我们是黄埔的科技型中小企业，有5项发明专利，想做知识产权质押贷款。",
        )
    with gr.Accordion("跟进事项、备注与对话画像", open=False, elem_id="consult-more"):
        with gr.Row():
            c["follow_ups"] = gr.Textbox(
                label="后续跟进事项（每行一条）",
                lines=3,
                elem_id="consult-follow-ups",
                placeholder="如：\n协助准备第三条奖励申报材料\n对接市科技局",
            )
            c["notes"] = gr.Textbox(label="备注", lines=3, elem_id="consult-notes")
        with gr.Row(elem_classes=["consult-officer-row"]):
            c["session_id"] = gr.Textbox(
                label="对话会话编号（导入对话画像）",
                max_lines=1,
                elem_id="consult-session",
                scale=4,
                info="关联「政策问答」中的对话后，对话里提到的企业情况会并入画像",
            )
    return c
