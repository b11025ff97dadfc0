"""Score the assistant on the generated award grid: ``python -m evals.grid.run --count 1000``.

Each case goes through the reader, the session fold, the topic and the engine (the path every
chat turn takes to an award); ``--full`` sends it through the whole assistant instead.
Prints the exact rate, the over-statements and the first failures.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from decimal import Decimal

from assistant.awards.engine import AwardEngine
from assistant.understand import Facts, Reader, award_topic, fold
from corpus.awards import load_award_rules
from evals.grid.cases import THIS_YEAR, GridCase, article3_cases, article11_cases, correction_cases

__all__ = ["award_of", "main", "score"]


def award_of(case: GridCase, reader: Reader | None = None, engine: AwardEngine | None = None) -> Decimal | None:
    """The award the understanding and the engine give for a case (None when they ask instead)."""
    reader = reader or Reader.default(THIS_YEAR)
    engine = engine or AwardEngine.default()
    facts, last = Facts(), None
    for message in case.messages:
        reading = reader.read(message, known=facts)
        facts = fold(facts, reading)
        last = award_topic(message, reading, load_award_rules(), last)
    result = engine.evaluate(last or case.rule, facts)
    return None if result.award_yuan is None else Decimal(str(result.award_yuan))


def score(cases: Sequence[GridCase], answer: Callable[[GridCase], Decimal | None]) -> tuple[int, int, list[str]]:
    """(exact, over-statements, failure lines)."""
    exact = over = 0
    failures: list[str] = []
    for case in cases:
        got = answer(case)
        if got is not None and got == case.expected:
            exact += 1
            continue
        if got is not None and got > case.expected:
            over += 1
        failures.append(f"期望 {case.expected} 得到 {got}：{' || '.join(case.messages)}")
    return exact, over, failures


def main(argv: list[str] | None = None) -> int:
    """Print the grid figures."""
    parser = argparse.ArgumentParser(description="生成的奖励测算网格：按规则数据计算期望金额并评分")
    parser.add_argument("--count", type=int, default=1000, help="第三条题目数（第十一条、更正各为其四分之一）")
    parser.add_argument("--full", action="store_true", help="经完整的问答助手（含检索），而不只是理解与测算")
    parser.add_argument("--show", type=int, default=5, help="显示前几条失败")
    args = parser.parse_args(argv)
    answer: Callable[[GridCase], Decimal | None] = award_of
    if args.full:
        from evals.grid.full import assistant_award

        answer = assistant_award
    total_exact = total_over = total = 0
    for name, cases in (
        ("第三条", article3_cases(args.count)),
        ("第十一条", article11_cases(max(1, args.count // 4))),
        ("多轮更正", correction_cases(max(1, args.count // 4))),
    ):
        exact, over, failures = score(cases, answer)
        total_exact, total_over, total = total_exact + exact, total_over + over, total + len(cases)
        print(f"{name}：{exact}/{len(cases)} 精确（{exact / len(cases):.1%}），高估 {over}")
        for line in failures[: args.show]:
            print("  ", line)
    print(f"合计：{total_exact}/{total} 精确（{total_exact / total:.1%}），高估 {total_over}")
    return 0 if total_exact == total else 1


if __name__ == "__main__":
    raise SystemExit(main())
