"""Fuzz the HTTP API from its own OpenAPI schema with schemathesis (``make fuzz``).

``python -m ui.api.fuzz [--max-examples N] [--data-dir DIR] [--report-dir DIR]`` builds (or reuses)
an index, starts the real server (``ui.api.server.serve``) on a free loopback port in a
subprocess with a throwaway SQLite database, waits for ``/healthz``, and runs the ``schemathesis``
CLI of this virtualenv against ``/openapi.json``. The requirement it checks: no generated request
gets a 5xx, and every response — status code, content type, headers and body — is one the schema
declares. Every operation is fuzzed, the SSE ones too (their ``text/event-stream`` bodies have no
JSON schema to validate; their status codes, content types and JSON error bodies are checked).

The numbers come from schemathesis's JSON run report; the JUnit report lands next to it. The
server is stopped however the run ends; the exit status is non-zero on any failure.

Example:
    >>> result = run_fuzz(max_examples=5, report_dir=Path("test-output/fuzz"))  # doctest: +SKIP
    >>> result.ok, result.cases  # doctest: +SKIP
    (True, 400)
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ui.api.subprocess_server import running_server

REQUEST_TIMEOUT_S = 60.0
DEFAULT_MAX_EXAMPLES = 100
DEFAULT_REPORT_DIR = Path("test-output/fuzz")

# What the requirement says, as schemathesis checks: no 5xx; only declared status codes, content
# types and headers; bodies that match their schema; schema-invalid input refused with a 4xx;
# undeclared methods answered with 405 and a correct Allow header.
#
# Left out on purpose: ``positive_data_acceptance`` (schema-valid input must be accepted). The API
# validates more than a JSON schema can say, and answers 422 with the reason by design: a message
# or query that is blank once stripped, text with NUL or lone surrogates, an amount that is not
# positive, an OpenAI conversation without a user message, an enterprise profile the matcher
# cannot read. The auth checks do not apply (the public API has no auth).
CHECKS = (
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_headers_conformance",
    "response_schema_conformance",
    "negative_data_rejection",
    "unsupported_method",
    "allow_header_conformance",
)
# The stateful phase chains calls through the links schemathesis infers from the schema (a saved
# consultation's id into its read and export, a chat's session_id into its history and feedback):
# it is the phase that reaches the export of a record holding what an earlier call stored.
PHASES = "examples,coverage,fuzzing,stateful"

# Schemathesis's configuration for the run, written next to the run's database. A body over the
# size limit is refused with 413 before it is parsed, so 413 is as good a refusal of invalid data
# as 422; the other statuses are schemathesis's defaults for ``negative_data_rejection``.
CONFIG_TOML = """\
[checks.negative_data_rejection]
expected-statuses = ["400", "401", "403", "404", "405", "406", "409", "413", "415", "422", "428", "429", "5xx"]
"""


@dataclass(frozen=True)
class FuzzResult:
    """What one schemathesis run found."""

    cases: int
    failures: int
    errors: int
    returncode: int
    report_dir: Path
    failure_kinds: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when cases ran and none failed or errored, and schemathesis itself succeeded."""
        return self.returncode == 0 and self.cases > 0 and self.failures == 0 and self.errors == 0

    def summary(self) -> str:
        """One line for the console."""
        kinds = f" ({'; '.join(self.failure_kinds)})" if self.failure_kinds else ""
        verdict = "OK" if self.ok else "FAILED"
        return (
            f"fuzz {verdict}: {self.cases} cases, {self.failures} failures{kinds}, {self.errors} errors; "
            f"reports in {self.report_dir}"
        )


def ensure_index(data_dir: Path) -> None:
    """Build the index of the bundled corpus under ``data_dir`` (incremental: a current one is kept)."""
    from ingest.pipeline import run_ingest
    from ingest.store import IndexConfig

    run_ingest(IndexConfig(data_dir=data_dir), progress=False)


def schemathesis_executable() -> Path:
    """The ``schemathesis`` script of this interpreter's environment."""
    return Path(sys.executable).parent / "schemathesis"


def schemathesis_command(
    schema_url: str,
    *,
    max_examples: int,
    report_dir: Path,
    config_file: Path | None = None,
    seed: int = 1,
    workers: int = 1,
) -> list[str]:
    """The CLI call: the checks above, every phase (stateful included), JUnit and JSON reports into ``report_dir``.

    ``config_file`` should hold :data:`CONFIG_TOML`.
    """
    config = ["--config-file", str(config_file)] if config_file is not None else []
    return [
        str(schemathesis_executable()),
        *config,
        "run",
        schema_url,
        "--checks",
        ",".join(CHECKS),
        "--phases",
        PHASES,
        "--max-examples",
        str(max_examples),
        "--seed",
        str(seed),
        "--workers",
        str(workers),
        "--request-timeout",
        str(REQUEST_TIMEOUT_S),
        "--generation-database",
        "none",  # reproducible from the seed alone; no example database left in the working tree
        "--report",
        "junit,json",
        "--report-junit-path",
        str(report_dir / "junit.xml"),
        "--report-json-path",
        str(report_dir / "report.json"),
        "--no-color",
    ]


def read_report(path: Path, returncode: int, report_dir: Path) -> FuzzResult:
    """The case and failure counts of schemathesis's JSON run report.

    A missing or unreadable report counts as an error (schemathesis did not finish its run).
    """
    try:
        report = json.loads(path.read_text(encoding="utf-8"))
        cases = int(report["test_cases"]["generated"])
        failures = sum(int(group["count"]) for group in report["failures"])
        kinds = [f"{group['code']} {group['title']}: {group['count']}" for group in report["failures"]]
        errors = len(report["errors"])
    except (OSError, ValueError, KeyError, TypeError):
        return FuzzResult(cases=0, failures=0, errors=1, returncode=returncode or 1, report_dir=report_dir)
    return FuzzResult(
        cases=cases,
        failures=failures,
        errors=errors,
        returncode=returncode,
        report_dir=report_dir,
        failure_kinds=kinds,
    )


def run_fuzz(
    *,
    max_examples: int = DEFAULT_MAX_EXAMPLES,
    data_dir: Path | None = None,
    report_dir: Path = DEFAULT_REPORT_DIR,
    seed: int = 1,
    workers: int = 1,
) -> FuzzResult:
    """Fuzz a real server over an index of the bundled corpus.

    Args:
        max_examples: Schemathesis's ``--max-examples`` (per operation and phase).
        data_dir: A data dir whose index to use (built or brought up to date first); by default a
            fresh one in a temporary directory. The database is always a temporary one.
        report_dir: Where ``junit.xml``, ``report.json`` and the server's log go.
        seed: The random seed, so a run can be repeated.
        workers: Concurrent schemathesis workers.

    Returns:
        The counts of the run.

    Raises:
        RuntimeError: The server did not start.
    """
    report_dir = report_dir.resolve()
    report_dir.mkdir(parents=True, exist_ok=True)
    json_report, server_log = report_dir / "report.json", report_dir / "server.log"
    json_report.unlink(missing_ok=True)  # a stale report must not stand in for this run's
    server_log.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(prefix="policy-fuzz-") as tmp:
        work = Path(tmp)
        data = data_dir.resolve() if data_dir is not None else work / "data"
        ensure_index(data)
        config_file = work / "schemathesis.toml"
        config_file.write_text(CONFIG_TOML, encoding="utf-8")
        with running_server(data, work / "fuzz.db", server_log) as server:
            url = server.url
            command = schemathesis_command(
                f"{url}/openapi.json",
                max_examples=max_examples,
                report_dir=report_dir,
                config_file=config_file,
                seed=seed,
                workers=workers,
            )
            completed = subprocess.run(command, cwd=work, check=False)
    return read_report(json_report, completed.returncode, report_dir)


def main(argv: Sequence[str] | None = None) -> int:
    """The command line; exits 0 only when every generated case passed every check."""
    parser = argparse.ArgumentParser(prog="python -m ui.api.fuzz", description=__doc__.splitlines()[0])
    parser.add_argument("--max-examples", type=int, default=DEFAULT_MAX_EXAMPLES, help="per operation and phase")
    parser.add_argument("--data-dir", type=Path, default=None, help="use (and update) this data dir's index")
    parser.add_argument("--report-dir", type=Path, default=DEFAULT_REPORT_DIR)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args(argv)
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    try:
        result = run_fuzz(
            max_examples=args.max_examples,
            data_dir=args.data_dir,
            report_dir=args.report_dir,
            seed=args.seed,
            workers=args.workers,
        )
    except RuntimeError as exc:
        print(f"fuzz FAILED: {exc}", file=sys.stderr)  # noqa: T201
        return 2
    print(result.summary())  # noqa: T201
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(main())
