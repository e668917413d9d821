# PatientGen developer commands. `make run` and `make test` set everything up first.
SHELL := /bin/bash
.DEFAULT_GOAL := help

BACKEND := backend
FRONTEND := frontend
VENV := $(BACKEND)/.venv
BIN := $(abspath $(VENV)/bin)
UV_VERSION := 0.13.8
STAMP := $(VENV)/.installed
WEB_STAMP := $(FRONTEND)/node_modules/.installed
WEB_BUILD := $(FRONTEND)/dist/index.html
export UV_PYTHON_DOWNLOADS := never
export PATH := $(BIN):$(PATH)

# Tests use these when set; unset, they try testcontainers and then the local services.
PYTEST_WORKERS ?= 2

.PHONY: help setup run dev web storybook test lint fmt migrate lock clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

setup: $(STAMP) $(WEB_STAMP) ## install everything (idempotent; re-runs only when a lock changes)

$(STAMP): $(BACKEND)/requirements.lock $(BACKEND)/pyproject.toml
	@command -v uv >/dev/null 2>&1 || python3 -m pip install --quiet "uv==$(UV_VERSION)"
	@test -x $(VENV)/bin/python || uv venv --quiet --python 3.11 $(VENV)
	uv pip sync --quiet --python $(VENV) $(BACKEND)/requirements.lock
	uv pip install --quiet --python $(VENV) --no-deps -e $(BACKEND)
	@touch $@

$(WEB_STAMP): $(FRONTEND)/package-lock.json $(FRONTEND)/package.json
	cd $(FRONTEND) && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

$(WEB_BUILD): $(WEB_STAMP) $(shell find $(FRONTEND)/src $(FRONTEND)/index.html -type f 2>/dev/null)
	cd $(FRONTEND) && npm run build --silent

run: setup $(WEB_BUILD) ## the app on http://localhost:8000: API + web UI (embedded SQLite unless configured)
	$(BIN)/patientgen serve

dev: setup ## run the API with auto-reload
	$(BIN)/patientgen serve --reload

web: setup ## the web UI's dev server on http://localhost:5173 (talks to the API on :8000)
	cd $(FRONTEND) && VITE_API_BASE_URL=http://localhost:8000/api/v1 npx vite

storybook: setup ## the component browser on http://localhost:6006
	cd $(FRONTEND) && npm run storybook --silent

test: setup lint ## lint, then every test: backend, web unit tests, browser tests (see README)
	cd $(BACKEND) && $(BIN)/pytest -n $(PYTEST_WORKERS) -p no:cacheprovider -m ""
	cd $(FRONTEND) && npm test --silent && npm run build --silent && npm run build-storybook --silent
	cd $(FRONTEND) && npm run test:stories --silent
	cd $(FRONTEND) && npm run e2e --silent

lint: setup ## ruff + ESLint/Prettier/tsc, generated API types current, schema checks, hygiene hooks
	$(BIN)/pre-commit run --all-files --show-diff-on-failure

fmt: setup ## format and auto-fix
	$(BIN)/ruff format $(BACKEND)
	$(BIN)/ruff check --fix $(BACKEND)
	cd $(FRONTEND) && npm run fmt --silent

migrate: setup ## apply database migrations to PATIENTGEN_DATABASE_URL
	$(BIN)/patientgen migrate

lock: ## re-pin Python dependencies after editing backend/pyproject.toml
	@command -v uv >/dev/null 2>&1 || python3 -m pip install --quiet "uv==$(UV_VERSION)"
	cd $(BACKEND) && uv pip compile pyproject.toml --group dev --python-version 3.11 \
		--universal --generate-hashes --quiet -o requirements.lock

clean: ## remove the virtualenv, caches and the embedded database
	rm -rf $(VENV) data $(BACKEND)/data .ruff_cache $(BACKEND)/.ruff_cache
	rm -rf $(FRONTEND)/node_modules $(FRONTEND)/dist $(FRONTEND)/test-results $(FRONTEND)/storybook-static
	find $(BACKEND) -name __pycache__ -type d -prune -exec rm -rf {} +
