"""Schemathesis fuzzing of the API from its own OpenAPI schema (``ui.api.fuzz``, ``make fuzz``).

A short run of the same code path ``make fuzz`` takes, plus the requests earlier fuzz runs found
to break the API, pinned as plain regression tests.
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from ui.api.fuzz import CHECKS, CONFIG_TOML, read_report, schemathesis_command


@pytest.mark.integration
@pytest.mark.slow
def test_short_fuzz_run_of_the_real_server_is_clean(index_dir: Path, tmp_path: Path) -> None:
    from ui.api.fuzz import run_fuzz

    report_dir = tmp_path / "fuzz"
    result = run_fuzz(max_examples=5, data_dir=index_dir, report_dir=report_dir)

    assert result.cases > 0
    assert result.failures == 0, result.summary()
    assert result.errors == 0, result.summary()
    assert result.ok, result.summary()
    assert (report_dir / "junit.xml").is_file()
    assert "Traceback" not in (report_dir / "server.log").read_text(encoding="utf-8")


def test_the_command_checks_what_the_requirement_says(tmp_path: Path) -> None:
    config = tmp_path / "schemathesis.toml"
    command = schemathesis_command(
        "http://127.0.0.1:1/openapi.json", max_examples=7, report_dir=tmp_path, config_file=config
    )
    assert command[1:4] == ["--config-file", str(config), "run"]
    checks = set(command[command.index("--checks") + 1].split(","))
    assert {"not_a_server_error", "response_schema_conformance", "status_code_conformance"} <= checks
    assert checks == set(CHECKS)
    assert command[command.index("--phases") + 1] == "examples,coverage,fuzzing,stateful"
    assert command[command.index("--max-examples") + 1] == "7"
    assert Path(command[0]).name == "schemathesis"


def test_413_counts_as_a_refusal_of_invalid_data() -> None:
    statuses = tomllib.loads(CONFIG_TOML)["checks"]["negative_data_rejection"]["expected-statuses"]
    assert {"400", "413", "422"} <= set(statuses)


def test_a_report_with_failures_is_not_ok(tmp_path: Path) -> None:
    report = tmp_path / "report.json"
    report.write_text(
        json.dumps(
            {
                "test_cases": {"generated": 40, "with_failures": 1},
                "failures": [{"code": "ST101", "title": "Server error", "count": 2}],
                "errors": [],
            }
        ),
        encoding="utf-8",
    )
    result = read_report(report, 1, tmp_path)
    assert (result.cases, result.failures, result.ok) == (40, 2, False)
    assert "ST101 Server error: 2" in result.summary()


def test_a_missing_report_is_an_error(tmp_path: Path) -> None:
    result = read_report(tmp_path / "absent.json", 0, tmp_path)
    assert not result.ok
    assert result.errors == 1


# -- what the fuzzer found ------------------------------------------------------------------
@pytest.mark.parametrize(
    "body",
    [
        {"rule": "article11", "district_new_capital": 8.225277898620706e209},
        {"rule": "article3", "investments": [{"amount": 1e40}]},
        {"rule": "article3", "investments": [{"amount": -1e40}]},
        {"rule": "article3", "investments": [{"amount": "1" + "0" * 40}]},
    ],
    ids=["article11-huge-float", "article3-huge-float", "article3-huge-negative", "article3-huge-text"],
)
def test_huge_amounts_are_422_not_500(client: TestClient, body: dict[str, object]) -> None:
    response = client.post("/api/calculate", json=body)
    assert response.status_code == 422
    assert "金额超出范围" in response.json()["detail"]


@pytest.mark.parametrize(
    "profile",
    [
        {"kind": "融资担保机构", "district_new_capital": 1e40},
        {"kind": "创投机构", "investments_made": [{"amount": 1e40}]},
    ],
    ids=["district-capital", "investment"],
)
def test_huge_numbers_in_a_profile_are_422_not_500(client: TestClient, profile: dict[str, object]) -> None:
    response = client.post("/api/match", json={"profile": profile})
    assert response.status_code == 422
    assert "数值超出范围" in response.json()["detail"]


def test_the_largest_amount_is_still_calculated(client: TestClient) -> None:
    response = client.post("/api/calculate", json={"rule": "article11", "district_new_capital": 1e15})
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/api/calculate", {"rule": "article11", "district_new_capital": "1亿", "is_new_or_capital_increase": 0}),
        ("/v1/chat/completions", {"messages": [{"role": "user", "content": "第三条讲什么？"}], "stream": 0}),
        ("/api/search", {"query": "贷款", "k": "5"}),
    ],
    ids=["bool-as-0", "stream-as-0", "int-as-string"],
)
def test_booleans_and_integers_are_the_json_types_the_schema_says(
    client: TestClient, path: str, body: dict[str, object]
) -> None:
    assert client.post(path, json=body).status_code == 422


def test_the_schema_declares_the_error_responses(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    error = {"$ref": "#/components/schemas/ErrorResponse"}
    for path in ("/api/articles/{number}", "/api/sessions/{session_id}"):
        assert paths[path]["get"]["responses"]["404"]["content"]["application/json"]["schema"] == error, path
    for path in ("/api/chat", "/api/search", "/api/calculate", "/api/feedback", "/api/match", "/v1/chat/completions"):
        responses = paths[path]["post"]["responses"]
        assert {"400", "413", "422"} <= set(responses), path
        assert responses["422"]["content"]["application/json"]["schema"] == error
    completions = paths["/v1/chat/completions"]["post"]["responses"]["200"]["content"]
    assert set(completions) == {"application/json", "text/event-stream"}
