# 政策通 — the two commands are `make serve` and `make test`; the rest are the loop around them.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8000
STAMP  := $(VENV)/.installed-stamp
export GRADIO_ANALYTICS_ENABLED := False
export ANONYMIZED_TELEMETRY := False

.PHONY: serve test install index lint bench eval fuzz browser-deps deploy-deps deploy-local test-deploy bench-deploy clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall only when the project's metadata changes.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[dev,postgres]"
	touch $(STAMP)

install: $(STAMP)

# Incremental: a corpus that has not changed is recognised by its hash and nothing is rebuilt.
index: install
	$(BIN)/policy-assistant ingest --quiet

serve: index
	$(BIN)/policy-assistant serve --port $(PORT)

# Debian's chromium for the browser tests (Playwright drives it; it never downloads a browser),
# with CJK fonts so the screenshots show Chinese rather than empty boxes; Debian's postgresql for
# the storage tests on a real PostgreSQL (each test run starts its own server on a temp dir).
browser-deps:
	@{ command -v chromium >/dev/null 2>&1 && [ -d /usr/share/fonts/opentype/noto ] && \
	   { command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; }; } || \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk postgresql >/dev/null; }

# pytest exits 5 when it collects no tests; that is not a failure of the build.
# Then the dev split is scored and the build fails when a metric drops below evals/thresholds.json.
# Then the deployment (two replicas on PostgreSQL and a Chroma server behind nginx) is checked too.
test: index browser-deps deploy-deps
	$(BIN)/python -m pytest -q; rc=$$?; if [ $$rc -eq 5 ]; then echo "pytest: no tests collected"; elif [ $$rc -ne 0 ]; then exit $$rc; fi
	$(BIN)/python -m deploy.check
	$(BIN)/policy-assistant eval --set evals/datasets/dev.jsonl --no-baselines --quiet --report test-output/eval-dev --check-thresholds

# The full comparison on the held-back test split, with the three baselines beside ours.
eval: index
	$(BIN)/policy-assistant eval --set evals/datasets/test.jsonl --baselines --report reports/test

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench: index
	$(BIN)/python -m evals.bench

# Fuzz the API from its own OpenAPI schema (schemathesis): no 5xx, every response as declared.
fuzz: index
	$(BIN)/python -m ui.api.fuzz --max-examples 200 --report-dir test-output/fuzz

# The scale-out deployment as plain processes (deploy/README.md): Debian's postgresql and nginx,
# `chroma run` from the venv, two replicas behind nginx on one port.
deploy-deps:
	@{ command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ]; } && \
	  { command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; } || \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light postgresql >/dev/null; }

deploy-local: install deploy-deps
	$(BIN)/python -m deploy.stack --replicas 2 --port $(PORT)

# Up, contract and the web page through nginx, chat load with one replica SIGKILLed mid-load, down
# (40 s to 2 min here, most of it the index build; make test runs it too).
test-deploy: install deploy-deps browser-deps
	$(BIN)/python -m deploy.check

# Requests/s through nginx with one replica, then two, in the same run (about 2 min).
bench-deploy: install deploy-deps
	$(BIN)/python -m deploy.bench

clean:
	rm -rf data test-output reports
