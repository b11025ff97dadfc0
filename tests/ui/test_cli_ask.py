"""``policy-assistant ask --json``: the full answer, answerability included."""

from __future__ import annotations

import json

import pytest

from ui.cli import build_parser, cmd_ask


@pytest.mark.parametrize(
    ("question", "answerability"),
    [
        ("第三条讲什么？", "answered"),
        ("并购基金现在是哪家机构在管？", "not_in_text"),
        ("今天广州天气怎么样", "out_of_scope"),
    ],
)
def test_ask_json_prints_answerability(settings, capsys, question: str, answerability: str) -> None:
    code = cmd_ask(build_parser().parse_args(["ask", "--json", question]), settings)
    out, _ = capsys.readouterr()
    body = json.loads(out)
    assert code == 0
    assert body["answerability"] == answerability
    assert body["refused"] is (answerability != "answered")
