# jianfu — two commands on a fresh machine: `make demo` and `make test`.
PY ?= $(HOME)/.pyenv/versions/3.12.1/bin/python3.12
VENV := .venv
BIN := $(VENV)/bin
export PATH := $(CURDIR)/$(BIN):$(PATH)

.PHONY: venv
venv: $(BIN)/.installed

$(BIN)/.installed: pyproject.toml
	@test -x "$(PY)" || PY=python3.12
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e ".[dev]"
	touch $@
