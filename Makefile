# PatientGen developer commands. `make run` and `make test` set everything up first.
SHELL := /bin/bash
.DEFAULT_GOAL := help

BACKEND := backend
VENV := $(BACKEND)/.venv
BIN := $(abspath $(VENV)/bin)
UV_VERSION := 0.13.8
STAMP := $(VENV)/.installed
export UV_PYTHON_DOWNLOADS := never
export PATH := $(BIN):$(PATH)

# Tests use these when set; unset, they try testcontainers and then the local services.
PYTEST_WORKERS ?= 2

.PHONY: help setup run dev test lint fmt migrate lock clean bench

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

setup: $(STAMP) ## install everything (idempotent; re-runs only when the lock changes)

$(STAMP): $(BACKEND)/requirements.lock $(BACKEND)/pyproject.toml
	@command -v uv >/dev/null 2>&1 || python3 -m pip install --quiet "uv==$(UV_VERSION)"
	@test -x $(VENV)/bin/python || uv venv --quiet --python 3.11 $(VENV)
	uv pip sync --quiet --python $(VENV) $(BACKEND)/requirements.lock
	uv pip install --quiet --python $(VENV) --no-deps -e $(BACKEND)
	@touch $@

run: setup ## run the API on http://localhost:8000 (embedded SQLite unless configured)
	$(BIN)/patientgen serve

dev: setup ## run the API with auto-reload
	$(BIN)/patientgen serve --reload

test: setup lint ## lint, then run every test (needs PostgreSQL and Redis; see README)
	cd $(BACKEND) && $(BIN)/pytest -n $(PYTEST_WORKERS) -p no:cacheprovider

lint: setup ## ruff lint + format check, schema checks, hygiene hooks
	$(BIN)/pre-commit run --all-files --show-diff-on-failure

fmt: setup ## format and auto-fix
	$(BIN)/ruff format $(BACKEND)
	$(BIN)/ruff check --fix $(BACKEND)

migrate: setup ## apply database migrations to PATIENTGEN_DATABASE_URL
	$(BIN)/patientgen migrate

lock: ## re-pin Python dependencies after editing backend/pyproject.toml
	@command -v uv >/dev/null 2>&1 || python3 -m pip install --quiet "uv==$(UV_VERSION)"
	cd $(BACKEND) && uv pip compile pyproject.toml --group dev --python-version 3.11 \
		--universal --generate-hashes --quiet -o requirements.lock

clean: ## remove the virtualenv, caches and the embedded database
	rm -rf $(VENV) data $(BACKEND)/data .ruff_cache $(BACKEND)/.ruff_cache
	find $(BACKEND) -name __pycache__ -type d -prune -exec rm -rf {} +
