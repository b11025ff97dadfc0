"""``policy-assistant outreach``: a list in, the workbook and report out; the template; a bad file."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from ui.cli import build_parser
from ui.cli_outreach import cmd_outreach


def _run(settings, argv: list[str], capsys) -> tuple[int, str, str]:
    code = cmd_outreach(build_parser().parse_args(argv), settings)
    out, err = capsys.readouterr()
    return code, out, err


def test_outreach_writes_the_workbook_and_report(settings, tmp_path: Path, capsys) -> None:
    listing = tmp_path / "list.csv"
    listing.write_text(
        "公司名称,区域,类型,近期融资\n南沙创投,南沙,VC,今年投资广州初创期科技型中小企业8000万，已到账\n,天河,,\n",
        encoding="utf-8",
    )
    out = tmp_path / "results.xlsx"
    code, stdout, stderr = _run(settings, ["outreach", str(listing), "--out", str(out), "--quiet"], capsys)
    assert code == 0
    assert "读取 2 行：匹配 1 家" in stdout and "未能读取 1 行" in stdout
    assert "第 3 行「公司名称」列" in stderr
    rows = list(load_workbook(out)["匹配结果"].iter_rows(min_row=2, values_only=True))
    assert rows[0][1] == "南沙创投" and rows[0][3] == "第三条"
    assert "南沙创投" in out.with_suffix(".md").read_text(encoding="utf-8")


def test_outreach_writes_the_template(settings, tmp_path: Path, capsys) -> None:
    target = tmp_path / "template.xlsx"
    code, stdout, _ = _run(settings, ["outreach", "--template", str(target)], capsys)
    assert code == 0 and "已写出模板" in stdout
    assert load_workbook(target)["企业名单"]["A1"].value == "企业名称"


def test_outreach_rejects_a_file_it_cannot_read(settings, tmp_path: Path, capsys) -> None:
    listing = tmp_path / "list.txt"
    listing.write_text("x", encoding="utf-8")
    code, _, stderr = _run(settings, ["outreach", str(listing), "--out", str(tmp_path / "r.xlsx")], capsys)
    assert code == 2 and "不支持的文件类型" in stderr
