# jianfu — two commands on a fresh Debian machine: `make demo` and `make test`.
#
#   make demo     set everything up, load the demo district, serve http://127.0.0.1:8000
#   make test     set everything up, lint, run the tests on SQLite, then again on PostgreSQL 15
#
# Building blocks: system-deps venv assets messages lint i18n-check test-sqlite test-pg bench clean.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-print-directory

PYENV_PY := /root/.pyenv/versions/3.12.1/bin/python3.12
PY ?= $(shell if [ -x $(PYENV_PY) ]; then echo $(PYENV_PY); else command -v python3.12 || true; fi)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
JIANFU := $(BIN)/jianfu
PYTEST := $(BIN)/pytest
LINT_PATHS := jianfu tests bench scripts

# Debian packages: headless browser for browser tests, CJK fonts for PDFs and screenshots,
# gettext for compilemessages, PostgreSQL 15 for the second test run.
SYSTEM_PKGS := chromium fonts-noto-cjk gettext postgresql libreoffice-calc-nogui unzip
ECHARTS := jianfu/static/vendor/echarts/echarts.min.js
# axe-core runs inside the browser tests' pages (accessibility check); used from node_modules.
AXE := node_modules/axe-core/axe.min.js
# Extra pytest arguments, e.g. `make test-sqlite PYTEST_ARGS="-x jianfu/registry"`.
PYTEST_ARGS ?=
DEMO_HOST ?= 127.0.0.1
DEMO_PORT ?= 8000

export PATH := $(CURDIR)/$(BIN):$(PATH)
# No prompts from apt or pip on CI.
export DEBIAN_FRONTEND := noninteractive
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: help
help:
	@echo "make demo   - set up, load the demo district and serve it on http://$(DEMO_HOST):$(DEMO_PORT)"
	@echo "make test   - set up, lint, test on SQLite, then on a throwaway PostgreSQL 15"
	@echo "other targets: system-deps venv assets messages lint i18n-check test-sqlite test-pg bench screenshots clean"

# --- set-up -----------------------------------------------------------------------------------

.PHONY: system-deps
system-deps:
	@missing=""; \
	for pkg in $(SYSTEM_PKGS); do \
	  status=$$(dpkg -s "$$pkg" 2>/dev/null || true); \
	  case "$$status" in *"Status: install ok installed"*) ;; *) missing="$$missing $$pkg" ;; esac; \
	done; \
	command -v npm >/dev/null || missing="$$missing npm"; \
	if [ -z "$$missing" ]; then echo "system-deps: all present"; exit 0; fi; \
	echo "system-deps: installing$$missing"; \
	sudo=""; [ "$$(id -u)" = 0 ] || sudo="sudo"; \
	$$sudo apt-get update -q; \
	$$sudo apt-get install -y -q $$missing

.PHONY: venv
venv: $(STAMP)

$(STAMP): pyproject.toml
	@if [ -z "$(PY)" ]; then echo "venv: need Python 3.12 ($(PYENV_PY) or python3.12 on PATH)" >&2; exit 1; fi
	@echo "venv: $(PY)"
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e ".[dev]"
	touch $@

.PHONY: assets
assets: $(ECHARTS) $(AXE)

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

$(AXE): node_modules/.package-lock.json
	@test -f $@ || { echo "assets: $@ is missing after npm ci (package-lock.json lists axe-core)" >&2; exit 1; }

$(ECHARTS): node_modules/.package-lock.json
	mkdir -p $(dir $@)
	cp node_modules/echarts/dist/echarts.min.js $@

# .mo files are built here (gettext from system-deps), never committed.
.PHONY: messages
messages: venv
	cd jianfu && ../$(JIANFU) compilemessages --verbosity 0

# Refresh the project (base.html, sheets) and core catalogues after changing their strings.
.PHONY: makemessages-project
makemessages-project: venv
	$(BIN)/python scripts/i18n.py update-project

# --- checks -----------------------------------------------------------------------------------

.PHONY: i18n-check
i18n-check: venv
	$(BIN)/python scripts/i18n.py check

# All four checks run (one report shows every problem); the target fails if any failed.
.PHONY: lint
lint: venv
	@failed=""; \
	echo "$(BIN)/ruff check $(LINT_PATHS)"; $(BIN)/ruff check $(LINT_PATHS) || failed="$$failed ruff-check"; \
	echo "$(BIN)/ruff format --check $(LINT_PATHS)"; $(BIN)/ruff format --check $(LINT_PATHS) || failed="$$failed ruff-format"; \
	echo "$(BIN)/mypy"; $(BIN)/mypy || failed="$$failed mypy"; \
	$(MAKE) i18n-check || failed="$$failed i18n-check"; \
	if [ -n "$$failed" ]; then echo "lint FAILED:$$failed" >&2; exit 1; fi

# Set-up must succeed; then lint, the SQLite run and the PostgreSQL run all run (so one report shows
# every problem) and the target fails if any of them failed.
.PHONY: test
test:
	@start=$$(date +%s); $(MAKE) system-deps venv assets messages; \
	echo "== make test: set-up (system-deps venv assets messages) took $$(( $$(date +%s) - start ))s"
	@failed=""; \
	for step in lint test-sqlite test-pg; do \
	  start=$$(date +%s); \
	  $(MAKE) $$step || failed="$$failed $$step"; \
	  echo "== make test: $$step took $$(( $$(date +%s) - start ))s"; \
	done; \
	if [ -n "$$failed" ]; then echo "== make test: FAILED:$$failed" >&2; exit 1; fi; \
	echo "== make test: lint, SQLite and PostgreSQL runs all passed"

# Every test, browser tests included; skipped tests fail the run (see conftest.py).
# Serial on purpose: on a 2-core machine pytest-xdist could not show a reliable gain, and one
# process keeps live_server/browser tests and output simple. `PYTEST_ARGS="-n 2"` works if wanted
# (settings_test gives each xdist worker its own data directory).
.PHONY: test-sqlite
test-sqlite: venv assets messages
	env -u DATABASE_URL $(PYTEST) --durations=10 $(PYTEST_ARGS)

# The same suite on a throwaway PostgreSQL 15 cluster that scripts/pg-test starts and removes.
.PHONY: test-pg
test-pg: venv assets messages
	scripts/pg-test $(PYTEST) --durations=10 $(PYTEST_ARGS)

# --- demo -------------------------------------------------------------------------------------

.PHONY: demo
demo: system-deps venv assets messages
	$(JIANFU) migrate --no-input
	$(JIANFU) seed-demo
	@echo "jianfu: serving http://$(DEMO_HOST):$(DEMO_PORT)  (Ctrl-C stops it)"
	$(JIANFU) serve --host $(DEMO_HOST) --port $(DEMO_PORT)

# PNGs of the running demo (`make demo` in another shell) into docs/screenshots/.
.PHONY: screenshots
screenshots: venv
	$(BIN)/python scripts/screenshots.py --base-url http://$(DEMO_HOST):$(DEMO_PORT)

# --- benchmarks -------------------------------------------------------------------------------

.PHONY: bench
bench: venv assets messages
	$(BIN)/python bench/run.py

# --- cleaning ---------------------------------------------------------------------------------

.PHONY: clean
clean:
	rm -rf node_modules jianfu/static/vendor .pytest_cache .mypy_cache .ruff_cache .hypothesis \
	  build bench/out test-results data/test data/bench
	find jianfu -name '*.mo' -delete
	find . -path ./.venv -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +

# Also the virtualenv and the demo data.
.PHONY: distclean
distclean: clean
	rm -rf $(VENV) data *.egg-info
