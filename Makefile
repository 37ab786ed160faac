# The README's commands. Thin: each target calls the real tool.
PYTHON ?= python3
VENV := nb-backend/.venv
BIN := $(VENV)/bin
APP_SOURCES := $(shell find nb-app/src nb-app/public nb-app/index.html nb-app/admin.html nb-app/vite.config.ts nb-app/package.json nb-app/openapi.json -type f 2>/dev/null)

.PHONY: run test test-backend test-app lint lint-backend lint-app format openapi chromium bench install clean

run: $(VENV)/.installed nb-app/dist/.built  ## serve the product on http://127.0.0.1:8000 (zero-config)
	NB_STATIC_DIR=$(CURDIR)/nb-app/dist $(BIN)/nb run

test: test-app test-backend  ## every test: SPA types, unit tests and bundle budget; backend and browser flows

lint: lint-backend lint-app  ## ruff (lint + format check) and mypy on the backend; eslint and prettier on the SPA

lint-backend: $(VENV)/.installed
	cd nb-backend && .venv/bin/ruff check nb devtools tests migrations && .venv/bin/ruff format --check nb devtools tests migrations && .venv/bin/mypy

lint-app: nb-app/node_modules/.installed
	cd nb-app && npm run lint

format: $(VENV)/.installed nb-app/node_modules/.installed  ## apply ruff and prettier formatting
	cd nb-backend && .venv/bin/ruff check --fix nb devtools tests migrations && .venv/bin/ruff format nb devtools tests migrations
	cd nb-app && npm run format

openapi: $(VENV)/.installed  ## write nb-app/openapi.json (the SPA's API types are generated from it)
	cd nb-backend && .venv/bin/nb openapi --output ../nb-app/openapi.json

test-app: nb-app/dist/.built
	cd nb-app && npm run typecheck && npm test && npm run check:bundle

test-backend: $(VENV)/.installed nb-app/dist/.built chromium
	cd nb-backend && .venv/bin/pytest -q -p no:cacheprovider

chromium:  ## Debian's Chromium for the browser flows (never a downloaded browser)
	@test -x /usr/bin/chromium || { apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium; }

bench: $(VENV)/.installed  ## gateway benchmark (simulator + backend, full billing)
	cd nb-backend && .venv/bin/python -m devtools.bench

install: $(VENV)/.installed nb-app/node_modules/.installed

$(VENV)/.installed: nb-backend/pyproject.toml nb-backend/constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -c nb-backend/constraints.txt -e 'nb-backend[test]'
	touch $@

nb-app/node_modules/.installed: nb-app/package.json nb-app/package-lock.json
	cd nb-app && npm ci --no-audit --no-fund
	touch $@

nb-app/dist/.built: nb-app/node_modules/.installed $(APP_SOURCES)
	cd nb-app && npm run build
	touch $@

clean:
	rm -rf $(VENV) nb-app/node_modules nb-app/dist
