"""``python -m evals.outreach_bench --rows 10000``: the batch path's throughput and peak memory.

A generated list (:mod:`evals.outreach_lists`) is written as an .xlsx, then read, matched row by
row through the consultation desk and written as the results workbook, as the CLI does. Prints the
rows, total seconds, rows/s for each stage and the process's peak resident memory.
"""

from __future__ import annotations

import argparse
import io
import resource
import sys
import time

from openpyxl import Workbook

from assistant.consultation import ConsultationDesk
from assistant.consultation.store import MemoryConsultationStore
from assistant.outreach import desk_matcher, read_table, results_workbook, run_batch, summary_markdown
from assistant.retrieve.knowledge import Knowledge
from assistant.settings import get_settings
from corpus.outreach_columns import load_outreach_columns
from evals.outreach_lists import generated_rows
from ingest.errors import IngestError

TARGET_SECONDS = 60.0
TARGET_MIB = 1024.0


def _xlsx(rows: list[dict[str, str]]) -> bytes:
    columns = load_outreach_columns().columns
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("企业名单")
    sheet.append([c.header for c in columns])
    for row in rows:
        sheet.append([row.get(c.field) or None for c in columns])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _peak_mib() -> float:
    # Linux reports ru_maxrss in KiB.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description="企业名单批量匹配基准 / batch matching benchmark")
    parser.add_argument("--rows", type=int, default=10_000, help="行数 / rows in the generated list")
    parser.add_argument("--seed", type=int, default=14, help="生成名单的随机种子 / seed of the generated list")
    args = parser.parse_args(argv)
    try:
        knowledge = Knowledge.load(get_settings().index_config())
    except IngestError as exc:
        print(f"无法加载索引（先运行 make index）：{exc}", file=sys.stderr)
        return 1
    desk = ConsultationDesk(knowledge, MemoryConsultationStore())
    data = _xlsx(generated_rows(args.rows, seed=args.seed))
    baseline = _peak_mib()
    start = time.perf_counter()
    cpu_start = time.process_time()
    table = read_table(data, "bench.xlsx")
    read_done = time.perf_counter()
    result = run_batch(table, desk_matcher(desk), source="bench.xlsx")
    match_done = time.perf_counter()
    workbook = results_workbook(result)
    summary_markdown(result)
    end = time.perf_counter()
    cpu = time.process_time() - cpu_start
    total = end - start
    counts = result.counts
    print(f"rows: {args.rows} (read {counts.read}, matched {counts.matched}, rejected {counts.rejected})")
    print(f"read: {read_done - start:.2f} s ({args.rows / max(read_done - start, 1e-9):.0f} rows/s)")
    print(f"match: {match_done - read_done:.2f} s ({args.rows / max(match_done - read_done, 1e-9):.0f} rows/s)")
    print(f"write: {end - match_done:.2f} s (workbook {len(workbook) / 1024 / 1024:.1f} MiB)")
    print(f"total: {total:.2f} s, {args.rows / total:.0f} rows/s (target ≤ {TARGET_SECONDS:.0f} s for 10,000 rows)")
    # On a shared machine the wall clock includes other people's work; the CPU time is this batch's own.
    print(f"cpu: {cpu:.2f} s (this process, all threads)")
    print(f"peak memory: {_peak_mib():.0f} MiB (before the batch {baseline:.0f} MiB; target ≤ {TARGET_MIB:.0f} MiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
