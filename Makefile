# Balai: `make run` serves a demo installation, `make test` runs the whole suite.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
BALAI := $(BIN)/balai
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint install install-test browser-deps messages bench stack stack-stop faults load

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is needed ($(PYTHON) not found)"; exit 1; }
	$(PYTHON) -m venv $(VENV)

# Runtime dependencies from the lock, then Balai itself without re-resolving.
$(VENV)/.installed: $(BIN)/python requirements.lock pyproject.toml
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed requirements-test.lock
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-test.lock
	touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

run: install
	BALAI_PORT=$(PORT) $(BALAI) migrate --noinput
	BALAI_PORT=$(PORT) $(BALAI) setup-dev
	BALAI_PORT=$(PORT) $(BALAI) runserver $(HOST):$(PORT)

# Style and imports (ruff, with no import inside a function: PLC0415), the layers of
# docs/architecture.md (import-linter's contracts in pyproject.toml), no import cycle
# between modules, migrations in step with the models, Django's checks.
lint: install-test
	$(BIN)/ruff check balai functional_tests bench faults load conftest.py
	$(BIN)/lint-imports --no-cache
	$(BIN)/python scripts/import_cycles.py
	DJANGO_SETTINGS_MODULE=balai.settings.test $(BALAI) makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=balai.settings.test $(BALAI) check

# Debian packages the tests drive: chromium for the browser tests (Playwright cannot
# download its own here), and nginx with its Brotli module for the static-files test
# (balai/core/tests/test_nginx_static.py starts its own nginx on a loopback port).
browser-deps:
	@missing=""; \
	  test -x /usr/bin/chromium || missing="$$missing chromium"; \
	  test -x /usr/sbin/nginx || missing="$$missing nginx"; \
	  test -f /usr/lib/nginx/modules/ngx_http_brotli_static_module.so || \
	    missing="$$missing libnginx-mod-http-brotli-static"; \
	  if [ -n "$$missing" ]; then \
	    if [ "$$(id -u)" = 0 ]; then sudo=""; else sudo=sudo; fi; \
	    $$sudo apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq $$missing >/dev/null; fi

# The whole suite, in stages that each announce themselves and end with their outcome and
# time (scripts/stage): the lint; the unit and integration tests on SQLite in TEST_WORKERS
# processes (the 52-site database is built once and copied to each, balai/conftest.py); the
# browser tests in TEST_WORKERS processes, each with its own demo server, a whole test file
# at a time (functional_tests/conftest.py); then, in CI or when asked
# with BALAI_TEST_POSTGRES=1, the database tests again on a throw-away PostgreSQL (one test
# database per worker, copied from one built once). Quiet pytest prints a line per test
# file (conftest.py).
TEST_WORKERS ?= 2
STAGE := scripts/stage
test: install-test browser-deps
	@start=$$(date +%s); \
	  $(STAGE) "1/4 Lint" $(MAKE) --no-print-directory lint && \
	  $(STAGE) "2/4 SQLite: unit and integration tests ($(TEST_WORKERS) workers)" \
	    $(BIN)/pytest -q -n $(TEST_WORKERS) --dist worksteal balai && \
	  $(STAGE) "3/4 Browser tests: Playwright, Debian's chromium ($(TEST_WORKERS) workers, a demo server each)" \
	    $(BIN)/pytest -q -n $(TEST_WORKERS) --dist loadfile functional_tests && \
	  if [ "$${CI:-}" = true ] || [ "$${BALAI_TEST_POSTGRES:-}" = 1 ]; then \
	    $(STAGE) "4/4 PostgreSQL: unit and integration tests ($(TEST_WORKERS) workers)" \
	      scripts/with-postgres $(BIN)/pytest -q -n $(TEST_WORKERS) --dist worksteal balai; \
	  else echo "== 4/4 PostgreSQL: skipped (set BALAI_TEST_POSTGRES=1 or CI=true)"; fi && \
	  echo "== make test: passed in $$(( $$(date +%s) - start )) s"

# The production stack on loopback (PostgreSQL, Redis, gunicorn, nginx on :8080), each its
# own process with its data, logs and pid files in var/stack/; see scripts/stack.
stack: install
	scripts/stack start

stack-stop:
	scripts/stack stop

# Throw-away PostgreSQL clusters, gunicorn and ports, about a minute each; not part of
# `make test` (each builds its own installation first, and kills processes on purpose).
# postgres_outage: PostgreSQL stopped under a running gunicorn: every answer must be a stale
# page or a 503 with Retry-After, never a 500, and everything must come back by itself.
# worker_kill: a gunicorn worker SIGKILLed at four points inside an operator's publish:
# the worker is replaced, `balai check-tree` passes, the page is wholly old or wholly new.
faults: install
	@ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; \
	  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; fi; }
	$(BIN)/python faults/postgres_outage.py
	$(BIN)/python faults/worker_kill.py

# Residents browsing the local stack (started if it is not running) through nginx for
# LOAD_TIME with LOAD_USERS simulated users (load/locustfile.py), LOAD_OPERATORS of them
# operators signed in with TOTP who edit, save, publish and preview (their accounts,
# beban-operator-N, are made or reset on the stack's database first); prints requests,
# failures and response time percentiles, and fails if any request failed.
LOAD_USERS ?= 50
LOAD_TIME ?= 5m
LOAD_OPERATORS ?= 3
load: install-test stack
	set -a && . var/stack/balai.env && set +a && $(BIN)/python load/accounts.py \
	  --count $(LOAD_OPERATORS) --output var/stack/load-operators.json
	LOAD_OPERATORS=$(LOAD_OPERATORS) LOAD_OPERATORS_FILE=var/stack/load-operators.json \
	  $(BIN)/locust -f load/locustfile.py --headless --only-summary --users $(LOAD_USERS) \
	  --spawn-rate 5 --run-time $(LOAD_TIME) --stop-timeout 10 \
	  --host http://127.0.0.1:$${STACK_NGINX_PORT:-8080}

# Re-extract the translation catalogue after changing user-facing strings.
messages: install
	cd balai && ../$(BIN)/balai makemessages -l id --no-obsolete --add-location=file
	cd balai && ../$(BIN)/balai compilemessages -l id

# Figures, not assertions, on the local production stack (started if it is not running):
# page weight, wrk throughput and latency (cached, uncached, static, stock Wagtail, 52 vs
# 10,000 sites), Lighthouse mobile scores, an operator's admin (dashboard and page editor,
# cold and warm) on a throttled phone, then the city dashboard with 5,051 sites.
bench: install-test browser-deps stack
	@command -v wrk >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get install -y -qq wrk >/dev/null; \
	  else sudo apt-get install -y -qq wrk >/dev/null; fi; }
	$(BIN)/python bench/page_weight.py $${STACK_NGINX_PORT:-8080}
	$(BIN)/python bench/stack.py
	$(BIN)/python bench/lighthouse.py $${STACK_NGINX_PORT:-8080}
	PYTHONPATH=$(CURDIR) $(BIN)/python bench/admin.py
	$(BIN)/python bench/dashboard.py 5000
	$(BIN)/python bench/documents.py
