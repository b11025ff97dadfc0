"""``policy-assistant``: the one thin place that wires corpus, ingest, assistant, surfaces and evals.

政策通命令行 / the policy assistant's command line::

    policy-assistant ingest [FILES…] [--rebuild]   导入语料并建立索引 / build the index
    policy-assistant ask "第三条讲什么？" [--json]    提问 / ask one question
    policy-assistant serve [--port 8000]           启动网页与 API / start the web app and API
    policy-assistant eval --set FILE [--report D]  评测 / score a Q&A set
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from assistant.settings import Settings, get_settings
from ingest.errors import IngestError


def cmd_ingest(args: argparse.Namespace, settings: Settings) -> int:
    """Ingest the corpus and any extra documents; print a summary line."""
    from ingest.pipeline import run_ingest

    extra_dirs = [settings.extra_documents_dir] if settings.extra_documents_dir else []
    try:
        report = run_ingest(
            settings.index_config(),
            extra_paths=[Path(p) for p in args.files],
            extra_dirs=extra_dirs,
            rebuild=args.rebuild,
            progress=not args.quiet,
        )
    except IngestError as exc:
        print(f"导入失败：{exc}", file=sys.stderr)
        return 1
    for error in report.errors:
        print(f"未导入 {error.path}：{error.reason}", file=sys.stderr)
    print(report.summary_line())
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand (help in Chinese and English)."""
    parser = argparse.ArgumentParser(
        prog="policy-assistant",
        description="政策通：广州科技金融政策问答助手 / Policy assistant for Guangzhou's tech-finance opinions",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    ingest = sub.add_parser("ingest", help="导入语料并建立索引 / ingest the corpus and build the index")
    ingest.add_argument("files", nargs="*", help="额外文档（.txt .md .docx .pdf .html）/ extra documents")
    ingest.add_argument("--rebuild", action="store_true", help="忽略“已是最新”判断，重建索引 / rebuild even if up to date")
    ingest.add_argument("--quiet", action="store_true", help="不显示进度条 / no progress bar")
    ingest.set_defaults(handler=cmd_ingest)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the console script."""
    args = build_parser().parse_args(argv)
    handler: Callable[[argparse.Namespace, Settings], int] = args.handler
    return handler(args, get_settings())


if __name__ == "__main__":
    sys.exit(main())
