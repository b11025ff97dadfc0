"""``policy-assistant eval``: run systems over an evaluation set, print and write the scores, gate on thresholds.

Example:
    policy-assistant eval --set evals/datasets/dev.jsonl --report reports/dev --check-thresholds
    python -m evals.runner --set evals/datasets/dev.jsonl --against http://127.0.0.1:8000 --no-baselines
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING

from tqdm import tqdm

from assistant.schemas import Answer
from evals.dataset import DEV_SET, DatasetError, EvalItem, load_items
from evals.metrics import ItemResult
from evals.report import overall_table, write_report
from evals.results import EvalRun, SystemRun
from evals.systems import Bm25Only, DenseOnly, NaiveRag, OursHttp, OursInProcess, System, SystemFailure
from evals.thresholds import DEFAULT_THRESHOLDS, ThresholdError, check_thresholds, load_thresholds
from ingest.embeddings import build_embedder
from ingest.errors import IngestError
from ingest.index_reader import open_index

if TYPE_CHECKING:
    from assistant.settings import Settings


def evaluate_item(system: System, item: EvalItem) -> ItemResult:
    """Ask one item; a ``SystemFailure`` becomes a failed record instead of ending the run."""
    try:
        answer, ranked, seconds = system.ask(item.question, item.turns)
    except SystemFailure as exc:
        return ItemResult(item=item, answer=Answer(answer=""), ranked_articles=[], seconds=0.0, error=str(exc))
    return ItemResult(item=item, answer=answer, ranked_articles=ranked, seconds=seconds)


def run_eval(items: Sequence[EvalItem], systems: Sequence[System], progress: bool = True, dataset: str = "") -> EvalRun:
    """Run every system over every item (ours first) and score them.

    Args:
        items: The evaluation set.
        systems: The systems to compare; the first is the one under test.
        progress: Show a tqdm bar per system on stderr.
        dataset: Where the items came from, for the report.

    Returns:
        The scored run.

    Raises:
        ValueError: no systems or no items were given.
    """
    if not systems:
        raise ValueError("至少需要一个被评测的系统")
    if not items:
        raise ValueError("评测集为空")
    runs = []
    for system in systems:
        bar = tqdm(items, desc=f"评测 {system.name}", unit="题", disable=not progress, file=sys.stderr)
        records = [evaluate_item(system, item) for item in bar]
        runs.append(SystemRun.from_records(system.name, records))
    return EvalRun(dataset=dataset, systems=runs)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the ``eval`` options to a (sub)parser."""
    parser.add_argument(
        "--set", dest="eval_set", type=Path, default=DEV_SET, help=f"评测集 JSONL / eval set（默认 {DEV_SET.name}）"
    )
    parser.add_argument(
        "--against", metavar="URL", help="评测运行中的服务，如 http://127.0.0.1:8000 / evaluate a running server"
    )
    parser.add_argument(
        "--report", metavar="DIR", type=Path, help="写出 metrics.json、report.md 和图表的目录 / report folder"
    )
    parser.add_argument(
        "--baselines",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="同时评测基线（朴素 RAG、仅 BM25、仅向量）/ also run the baselines",
    )
    parser.add_argument(
        "--check-thresholds",
        metavar="FILE",
        type=Path,
        nargs="?",
        const=DEFAULT_THRESHOLDS,
        help=f"指标低于阈值时以状态码 1 退出（默认 {DEFAULT_THRESHOLDS.name}）/ exit 1 below thresholds",
    )
    parser.add_argument("--quiet", action="store_true", help="不显示进度条 / no progress bar")


def build_baselines(settings: Settings, stack: ExitStack) -> list[System]:
    """The three baselines; the index-based two are skipped (with a warning) when there is no index."""
    config = settings.index_config()
    embedder = build_embedder(config.embedding)
    naive = NaiveRag(embedder=embedder)
    stack.callback(naive.close)
    systems: list[System] = [naive]
    try:
        reader = open_index(config, embedder.model_id)
    except IngestError as exc:
        print(f"提示：无法打开本地索引，跳过 bm25_only / dense_only 基线：{exc}", file=sys.stderr)
        return systems
    systems += [Bm25Only(reader), DenseOnly(reader, embedder)]
    return systems


def build_ours(args: argparse.Namespace, settings: Settings, stack: ExitStack) -> System:
    """Ours over HTTP when ``--against`` is given, otherwise in this process."""
    if args.against:
        http = OursHttp(args.against)
        stack.callback(http.close)
        return http
    return OursInProcess.from_settings(settings)


def run_from_args(args: argparse.Namespace, settings: Settings) -> int:
    """Run ``eval`` with parsed arguments; the exit code is 0 (ok), 1 (below thresholds) or 2 (bad input)."""
    try:
        items = load_items(args.eval_set)
        thresholds = load_thresholds(args.check_thresholds) if args.check_thresholds else None
    except (DatasetError, ThresholdError) as exc:
        print(f"评测无法开始：{exc}", file=sys.stderr)
        return 2

    with ExitStack() as stack:
        try:
            systems = [build_ours(args, settings, stack)]
            if args.baselines:
                systems += build_baselines(settings, stack)
        except IngestError as exc:
            print(f"评测无法开始：{exc}", file=sys.stderr)
            return 2
        run = run_eval(items, systems, progress=not args.quiet, dataset=str(args.eval_set))

    print(f"评测集 {args.eval_set}：{len(items)} 题")
    print(overall_table(run))
    errors = sum(1 for r in run.ours.records if r.error)
    if errors:
        print(f"注意：{run.ours.name} 有 {errors} 题出错（见报告）", file=sys.stderr)
    if args.report:
        written = write_report(run, args.report)
        print("报告已写入：" + "、".join(str(p) for p in written))
    if thresholds is None:
        return 0
    violations = check_thresholds(run.ours.overall, thresholds)
    if not violations:
        print(f"阈值检查通过（{args.check_thresholds}）")
        return 0
    print(f"阈值检查未通过（{args.check_thresholds}）：")
    for violation in violations:
        print(f"  - {violation.message()}")
    return 1


def main(argv: list[str] | None = None) -> int:
    """``python -m evals.runner``: the same as ``policy-assistant eval``."""
    from assistant.settings import get_settings

    parser = argparse.ArgumentParser(
        prog="python -m evals.runner", description="政策通评测 / evaluate the policy assistant"
    )
    add_arguments(parser)
    return run_from_args(parser.parse_args(argv), get_settings())


if __name__ == "__main__":
    sys.exit(main())
