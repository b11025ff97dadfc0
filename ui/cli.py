"""``policy-assistant``: the one thin place that wires corpus, ingest, assistant, surfaces and evals.

政策通命令行 / the policy assistant's command line::

    policy-assistant ingest [FILES…] [--rebuild]   导入语料并建立索引 / build the index
    policy-assistant ask "第三条讲什么？" [--json]    提问 / ask one question
    policy-assistant serve [--port 8000]           启动网页与 API / start the web app and API
    policy-assistant eval --set FILE [--report D]  评测 / score a Q&A set
    policy-assistant consult DRAFT.json [--save] [--export docx --out D]  特派员咨询记录 / consultation record
    policy-assistant users add|list|disable          特派员与管理员账号 / officer and admin accounts
    policy-assistant purge --days N                  删除 N 天前的记录与对话 / retention
    policy-assistant outreach LIST.xlsx --out RESULTS.xlsx [--report R.md]  企业名单批量匹配 / batch matching
    policy-assistant outreach --template TEMPLATE.xlsx                     下载名单模板 / write the template
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

from assistant.settings import Settings, get_settings
from ingest.errors import IngestError
from ui.cli_outreach import cmd_outreach


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


def cmd_ask(args: argparse.Namespace, settings: Settings) -> int:
    """Answer one question (or several turns of one session) and print the answer."""
    from assistant.service import MessageError, build_assistant

    try:
        assistant = build_assistant(settings)
        session_id = None
        for message in args.question:
            reply = assistant.chat(message, session_id)
            session_id = reply.session_id
    except IngestError as exc:
        print(f"无法加载索引：{exc}", file=sys.stderr)
        return 1
    except MessageError as exc:
        print(f"消息无效：{exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(reply.answer.model_dump(mode="json"), ensure_ascii=False, indent=2))
    else:
        print(reply.answer.answer)
    return 0


FIRST_ADMIN_HINT = (
    "尚无管理员账号：公众问答无需登录即可使用；特派员页与咨询记录需要登录。创建第一个管理员：\n"
    "  .venv/bin/policy-assistant users add admin --role admin"
)


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    """Start the API and web page on 127.0.0.1; say how to create the first admin when there is none."""
    from assistant.storage import SqlUserStore, create_engine_for
    from ui.api.server import serve
    from ui.web import mount_service_page

    if SqlUserStore(create_engine_for(settings)).count_admins() == 0:
        print(FIRST_ADMIN_HINT, file=sys.stderr)

    try:
        serve(settings, host=args.host or settings.host, port=args.port or settings.port, mount_ui=mount_service_page)
    except IngestError as exc:
        print(f"无法启动：{exc}", file=sys.stderr)
        return 1
    return 0


def cmd_eval(args: argparse.Namespace, settings: Settings) -> int:
    """Score the assistant (and baselines) on a Q&A set."""
    from evals.runner import run_from_args

    return run_from_args(args, settings)


def cmd_consult(args: argparse.Namespace, settings: Settings) -> int:
    """Match a consultation draft (JSON file, ``-`` for stdin), print the matches, save and export the record."""
    from pydantic import ValidationError

    from assistant.consultation import ConsultationDesk, ConsultationDraft
    from assistant.consultation.export import ExportError, export_record
    from assistant.consultation.store import MemoryConsultationStore
    from assistant.retrieve.knowledge import Knowledge
    from assistant.storage import SqlConsultationStore, create_engine_for

    try:
        raw = sys.stdin.read() if args.draft == "-" else Path(args.draft).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        print(f"无法读取咨询草稿 {args.draft}：{exc}", file=sys.stderr)
        return 2
    try:
        draft = ConsultationDraft.model_validate_json(raw)
        knowledge = Knowledge.load(settings.index_config())
    except ValidationError as exc:
        print(f"咨询草稿无效（{args.draft}）：{exc}", file=sys.stderr)
        return 2
    except IngestError as exc:
        print(f"无法加载索引：{exc}", file=sys.stderr)
        return 1
    store = SqlConsultationStore(create_engine_for(settings)) if args.save else MemoryConsultationStore()
    desk = ConsultationDesk(knowledge, store)
    record = desk.create(draft) if args.save else desk.preview(draft)
    for match in record.matches:
        award = next((a.amount_text for a in record.awards if a.article == match.article), "—")
        print(f"{match.label}\t{match.title}\t测算：{award}\t{'、'.join(match.units)}")
    if not record.matches:
        print("未匹配到适用条款。")
    if record.missing:
        print("尚需补充：" + "、".join(record.missing))
    if record.id:
        print(f"已保存咨询记录：{record.id}")
    for fmt in args.export:
        try:
            exported = export_record(record, fmt, pdf_font_path=settings.pdf_font_path)
        except ExportError as exc:
            print(f"导出失败：{exc}", file=sys.stderr)
            return 1
        target = Path(args.out) / exported.filename
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(exported.content)
        print(f"已导出：{target}")
    return 0


def _read_password(args: argparse.Namespace) -> str:
    """The new user's password: one line of stdin with ``--password-stdin``, else asked twice without echo."""
    import getpass

    if args.password_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("口令：")
    if getpass.getpass("再次输入口令：") != first:
        raise ValueError("两次输入的口令不一致")
    return first


def cmd_users(args: argparse.Namespace, settings: Settings) -> int:
    """Add, list or disable officer and administrator accounts."""
    from assistant.storage import SqlUserStore, UserError, create_engine_for

    users = SqlUserStore(create_engine_for(settings))
    try:
        if args.action == "add":
            user = users.add(
                args.username,
                _read_password(args),
                role=args.role,
                team=args.team,
                display_name=args.name or "",
            )
            team = f"，团队 {user.team}" if user.team else ""
            print(f"已添加用户：{user.username}（{_ROLE_NAMES[user.role]}{team}）")
        elif args.action == "disable":
            user = users.set_disabled(args.username, not args.enable)
            print(f"已{'启用' if args.enable else '停用'}用户：{user.username}")
        else:
            listed = users.list()
            for user in listed:
                state = "已停用" if user.disabled else "正常"
                print(f"{user.username}\t{_ROLE_NAMES[user.role]}\t{user.team or '—'}\t{state}\t{user.display_name}")
            if not listed:
                print("尚无用户。" + FIRST_ADMIN_HINT.split("：", 1)[-1])
    except (UserError, ValueError) as exc:
        print(f"操作失败：{exc}", file=sys.stderr)
        return 2
    return 0


_ROLE_NAMES = {"officer": "特派员", "admin": "管理员"}


def cmd_purge(args: argparse.Namespace, settings: Settings) -> int:
    """Delete records and chat transcripts older than ``--days`` (default ``POLICY_RETENTION_DAYS``)."""
    from assistant.storage import create_engine_for, purge_older_than

    days = args.days or settings.retention_days
    if days is None:
        print("请用 --days N 或 POLICY_RETENTION_DAYS 指定保留天数", file=sys.stderr)
        return 2
    report = purge_older_than(create_engine_for(settings), days)
    print(f"已删除 {days} 天前的咨询记录 {report.records} 条、对话 {report.sessions} 个、批量匹配任务 {report.jobs} 个")
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
    ingest.add_argument(
        "--rebuild", action="store_true", help="忽略“已是最新”判断，重建索引 / rebuild even if up to date"
    )
    ingest.add_argument("--quiet", action="store_true", help="不显示进度条 / no progress bar")
    ingest.set_defaults(handler=cmd_ingest)

    ask = sub.add_parser(
        "ask", help="提问（多个参数视为同一会话的多轮）/ ask; several arguments are turns of one session"
    )
    ask.add_argument("question", nargs="+", help="问题 / question")
    ask.add_argument("--json", action="store_true", help="输出完整 JSON / print the full JSON answer")
    ask.set_defaults(handler=cmd_ask)

    serve = sub.add_parser("serve", help="启动网页与 API / start the web page and API")
    serve.add_argument("--host", default=None, help="监听地址（默认 127.0.0.1）/ bind address")
    serve.add_argument("--port", type=int, default=None, help="端口（默认 8000）/ port")
    serve.set_defaults(handler=cmd_serve)

    evaluate = sub.add_parser("eval", help="在问答集上评测 / score a Q&A test set")
    from evals.runner import add_arguments

    add_arguments(evaluate)
    evaluate.set_defaults(handler=cmd_eval)

    consult = sub.add_parser(
        "consult", help="特派员咨询：匹配条款并生成咨询记录 / match a consultation draft and export its record"
    )
    consult.add_argument("draft", help="咨询草稿 JSON 文件（- 表示标准输入）/ draft JSON file, - for stdin")
    consult.add_argument("--save", action="store_true", help="保存到数据库 / save the record in the database")
    consult.add_argument(
        "--export", action="append", default=[], choices=["md", "docx", "pdf"], help="导出格式，可重复 / format"
    )
    consult.add_argument("--out", default=".", help="导出目录（默认当前目录）/ export directory")
    consult.set_defaults(handler=cmd_consult)

    users = sub.add_parser("users", help="特派员与管理员账号 / officer and admin accounts")
    users_sub = users.add_subparsers(dest="action", required=True)
    add = users_sub.add_parser("add", help="添加账号 / add an account")
    add.add_argument("username", help="用户名 / user name")
    add.add_argument("--role", choices=["officer", "admin"], default="officer", help="角色（默认 officer 特派员）")
    add.add_argument("--team", default=None, help="团队或区：同团队的特派员互看记录 / team or district")
    add.add_argument("--name", default=None, help="显示名 / display name")
    add.add_argument(
        "--password-stdin", action="store_true", help="从标准输入读一行口令 / read the password from stdin"
    )
    users_sub.add_parser("list", help="列出账号 / list accounts")
    disable = users_sub.add_parser("disable", help="停用账号（--enable 重新启用）/ disable an account")
    disable.add_argument("username", help="用户名 / user name")
    disable.add_argument("--enable", action="store_true", help="重新启用 / enable again")
    users.set_defaults(handler=cmd_users)

    purge = sub.add_parser("purge", help="删除超过保留期的记录与对话 / delete records past retention")
    purge.add_argument("--days", type=int, default=None, help="保留天数（默认 POLICY_RETENTION_DAYS）")
    purge.set_defaults(handler=cmd_purge)
    outreach = sub.add_parser(
        "outreach", help="政策找企业：企业名单批量匹配 / match an officer's enterprise list (.xlsx or .csv)"
    )
    outreach.add_argument("list", nargs="?", help="企业名单 .xlsx 或 .csv / the enterprise list")
    outreach.add_argument("--out", help="结果 .xlsx / the results workbook")
    outreach.add_argument(
        "--report", help="汇总报告 .md（默认与结果同名；同名 .pdf 一并写出）/ the Markdown summary (and its PDF)"
    )
    outreach.add_argument("--template", help="只写出名单模板到此文件 / write the list template and stop")
    outreach.add_argument("--quiet", action="store_true", help="不显示进度条 / no progress bar")
    outreach.set_defaults(handler=cmd_outreach)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the console script."""
    args = build_parser().parse_args(argv)
    handler: Callable[[argparse.Namespace, Settings], int] = args.handler
    return handler(args, get_settings())


if __name__ == "__main__":
    sys.exit(main())
