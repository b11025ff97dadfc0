"""The runner with tiny fake systems: no index, no network, no real assistant."""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from assistant.schemas import Answer
from assistant.settings import Settings
from evals import runner
from evals.dataset import EvalItem
from evals.runner import add_arguments, run_eval, run_from_args
from evals.systems import SystemFailure
from tests.evals.helpers import UNITS_3, answer, award_call, cite, item, perfect_answer, refusal_item


@dataclass
class ScriptedSystem:
    """Answers from a table keyed by question; raises SystemFailure for questions in ``broken``."""

    name: str
    answers: dict[str, Answer]
    ranked: list[int] = field(default_factory=lambda: [3])
    broken: set[str] = field(default_factory=set)
    calls: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)

    def ask(self, question: str, turns: Sequence[str]) -> tuple[Answer, list[int], float]:
        self.calls.append((question, tuple(turns)))
        if question in self.broken:
            raise SystemFailure("服务器返回 HTTP 500")
        return self.answers[question], list(self.ranked), 0.01


ITEMS: list[EvalItem] = [
    item(id="i-1", question="第三条讲的是什么？"),
    item(id="i-2", kind="multi_turn", question="它的责任单位是哪些？", turns=["第三条是什么"]),
    refusal_item(id="i-3", question="深圳有什么补贴？"),
    item(id="i-4", kind="calculator", question="投了1000万能拿多少？", expected={"award_yuan": 150000}),
]


def good_system(name: str = "ours") -> ScriptedSystem:
    return ScriptedSystem(
        name=name,
        answers={
            "第三条讲的是什么？": perfect_answer(),
            "它的责任单位是哪些？": answer("市科技局、市发展改革委", [cite(3, UNITS_3)]),
            "深圳有什么补贴？": answer("抱歉，知识库只涵盖广州这份政策。", refused=True),
            "投了1000万能拿多少？": answer("15 万元", [cite(3, UNITS_3)], tool_calls=[award_call(150000)]),
        },
    )


def test_run_eval_scores_every_system_in_order() -> None:
    ours = good_system()
    bad = ScriptedSystem(name="bad", answers={i.question: answer("不知道") for i in ITEMS}, ranked=[])
    run = run_eval(ITEMS, [ours, bad], progress=False, dataset="mem")
    assert [s.name for s in run.systems] == ["ours", "bad"]
    assert run.ours.overall.pass_rate == 1.0
    assert run.systems[1].overall.pass_rate == 0.0
    assert run.systems[1].overall.refusal_accuracy == 0.0
    # Turns reach the system with their question.
    assert ours.calls[1] == ("它的责任单位是哪些？", ("第三条是什么",))


def test_system_failure_is_recorded_and_the_run_goes_on() -> None:
    flaky = good_system()
    flaky.broken = {"第三条讲的是什么？"}
    run = run_eval(ITEMS, [flaky], progress=False)
    first = run.ours.records[0]
    assert first.error == "服务器返回 HTTP 500"
    assert not run.ours.verdicts[0].passed
    assert all(v.passed for v in run.ours.verdicts[1:])
    assert len(flaky.calls) == len(ITEMS)


def test_run_eval_needs_systems_and_items() -> None:
    with pytest.raises(ValueError, match="至少需要一个"):
        run_eval(ITEMS, [], progress=False)
    with pytest.raises(ValueError, match="评测集为空"):
        run_eval([], [good_system()], progress=False)


def write_set(path: Path) -> Path:
    path.write_text("\n".join(i.model_dump_json() for i in ITEMS) + "\n", encoding="utf-8")
    return path


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    add_arguments(parser)
    return parser.parse_args(argv)


@pytest.fixture
def fake_ours(monkeypatch: pytest.MonkeyPatch) -> ScriptedSystem:
    system = good_system()
    monkeypatch.setattr(runner, "build_ours", lambda args, settings, stack: system)
    return system


def test_run_from_args_writes_report_and_passes_thresholds(
    tmp_path: Path, fake_ours: ScriptedSystem, capsys: pytest.CaptureFixture[str]
) -> None:
    dataset = str(write_set(tmp_path / "set.jsonl"))
    gates = tmp_path / "gates.json"
    gates.write_text(
        json.dumps(
            {"citation_hit": 0.9, "calculator_exact": 1.0, "refusal_accuracy": 0.9, "false_refusal_rate_max": 0.05}
        ),
        encoding="utf-8",
    )
    args = parse(
        [
            "--set",
            dataset,
            "--no-baselines",
            "--quiet",
            "--report",
            str(tmp_path / "r"),
            "--check-thresholds",
            str(gates),
        ]
    )
    assert run_from_args(args, Settings(data_dir=tmp_path / "data")) == 0
    out = capsys.readouterr().out
    assert "| 指标 | ours | 样本数 |" in out
    assert "阈值检查通过" in out
    assert json.loads((tmp_path / "r" / "metrics.json").read_text(encoding="utf-8"))["items"] == len(ITEMS)
    assert len(fake_ours.calls) == len(ITEMS)


def test_run_from_args_exits_1_below_thresholds(
    tmp_path: Path, fake_ours: ScriptedSystem, capsys: pytest.CaptureFixture[str]
) -> None:
    fake_ours.answers["深圳有什么补贴？"] = answer("深圳补贴 10%")
    gates = tmp_path / "gates.json"
    gates.write_text(json.dumps({"refusal_accuracy": 0.9, "citation_hit": 0.9}), encoding="utf-8")
    args = parse(
        ["--set", str(write_set(tmp_path / "set.jsonl")), "--no-baselines", "--quiet", "--check-thresholds", str(gates)]
    )
    assert run_from_args(args, Settings(data_dir=tmp_path / "data")) == 1
    out = capsys.readouterr().out
    assert "阈值检查未通过" in out
    assert "refusal_accuracy = 0.000，低于阈值 0.900" in out
    assert "citation_hit" not in out.split("阈值检查未通过")[1]


def test_run_from_args_rejects_bad_input(
    tmp_path: Path, fake_ours: ScriptedSystem, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json}\n", encoding="utf-8")
    assert run_from_args(parse(["--set", str(bad), "--no-baselines", "--quiet"]), Settings(data_dir=tmp_path)) == 2
    assert "bad.jsonl 第 1 行" in capsys.readouterr().err
    assert fake_ours.calls == []
    gates = tmp_path / "gates.json"
    gates.write_text(json.dumps({"accuracy": 1}), encoding="utf-8")
    args = parse(["--set", str(write_set(tmp_path / "s.jsonl")), "--no-baselines", "--check-thresholds", str(gates)])
    assert run_from_args(args, Settings(data_dir=tmp_path)) == 2
    assert "未知指标" in capsys.readouterr().err


def test_default_arguments() -> None:
    args = parse([])
    assert args.eval_set.name == "dev.jsonl"
    assert args.baselines is True
    assert args.check_thresholds is None
    assert args.against is None


def test_ours_in_process_replays_turns_in_one_fresh_session() -> None:
    from assistant.schemas import SearchHit
    from evals.systems import OursInProcess

    class FakeAssistant:
        def __init__(self) -> None:
            self.asked: list[tuple[str, str | None]] = []

        def ask(self, message: str, session_id: str | None = None) -> Answer:
            self.asked.append((message, session_id))
            if message.startswith("turn"):
                time.sleep(0.2)  # earlier turns must not count towards latency
            return perfect_answer()

        def search(self, query: str, k: int = 10) -> list[SearchHit]:
            def hit(article: int | None, document: str = "gz-tech-finance-opinions") -> SearchHit:
                return SearchHit(
                    chunk_id=f"c{article}", article=article, document=document, title="", content="", score=1.0
                )

            return [hit(5), hit(None), hit(3, "other-doc"), hit(5), hit(3), hit(1)]

    fake = FakeAssistant()
    ours = OursInProcess(fake)
    _, ranked, seconds = ours.ask("question", ["turn 1", "turn 2"])
    ours.ask("another", [])
    assert ranked == [5, 3, 1]
    assert seconds < 0.15
    sessions = [s for _, s in fake.asked]
    assert sessions[0] == sessions[1] == sessions[2] is not None
    assert sessions[3] != sessions[0]
    assert [m for m, _ in fake.asked] == ["turn 1", "turn 2", "question", "another"]
