"""``policy-assistant consult``: a draft file in, matches printed, the record saved and exported."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from docx import Document

from ui.cli import build_parser, cmd_consult


def _run(settings, argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    args = build_parser().parse_args(argv)
    code = cmd_consult(args, settings)
    out, err = capsys.readouterr()
    return code, out, err


def test_consult_prints_matches_saves_and_exports(settings, tmp_path: Path, capsys) -> None:
    draft = tmp_path / "draft.json"
    draft.write_text(
        json.dumps(
            {
                "enterprise": "命令行测试创投",
                "profile": {
                    "kind": "创投机构",
                    "district": "南沙区",
                    "free_text": "今年投了广州一家初创期科技型中小企业8000万，已到账",
                },
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    code, out, _ = _run(settings, ["consult", str(draft), "--save", "--export", "docx", "--out", str(tmp_path)], capsys)
    assert code == 0
    first = out.splitlines()[0]
    assert first.startswith("第三条") and "120万元" in first
    assert "已保存咨询记录：" in out
    [exported] = tmp_path.glob("*.docx")
    text = "\n".join(p.text for p in Document(io.BytesIO(exported.read_bytes())).paragraphs)
    assert "命令行测试创投" in text and "第三条" in text


def test_consult_rejects_a_bad_draft(settings, tmp_path: Path, capsys) -> None:
    draft = tmp_path / "bad.json"
    draft.write_text('{"enterprise": ""}', encoding="utf-8")
    code, _, err = _run(settings, ["consult", str(draft)], capsys)
    assert code == 2
    assert "咨询草稿无效" in err


def test_consult_names_a_missing_file(settings, tmp_path: Path, capsys) -> None:
    code, _, err = _run(settings, ["consult", str(tmp_path / "nope.json")], capsys)
    assert code == 2
    assert "nope.json" in err
