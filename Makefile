# The commands a newcomer types. `make run` and `make test` do all the set-up themselves.
SHELL := /bin/bash
.DEFAULT_GOAL := help

# uv from PATH when it works here (a pyenv shim may not), else a private copy bootstrapped with pip.
UV := $(shell uv --version >/dev/null 2>&1 && echo uv || echo .tools/bin/uv)
PY := .venv/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
CHROMIUM ?= /usr/bin/chromium

.PHONY: help install run serve test test-fast test-browser test-pg check-sources pg-deps browser-deps lint format bench messages

help:
	@echo "make run    - install, migrate, load the facts, serve on http://$(HOST):$(PORT)"
	@echo "make serve  - the same under gunicorn with production settings (docs/deploy.md)"
	@echo "make test   - install and run every test (browser tests included)"
	@echo "make check-sources - check the fact base against the two source documents"
	@echo "                     (read from \$$MUDHAKARA_SEEDS, else ../shared/seeds)"
	@echo "make lint   - ruff check, ruff format --check and mypy (strict on learning/core/)"
	@echo "make bench  - speed measurements"

.tools/bin/uv:
	@py=$$(for p in python3 /usr/bin/python3 python; do $$p -c 'import venv, ensurepip' >/dev/null 2>&1 && { echo $$p; break; }; done); \
	test -n "$$py" || { echo "No Python 3 with venv found: install Python >= 3.12 first." >&2; exit 1; }; \
	$$py -m venv .tools && .tools/bin/pip install --quiet uv

# Byte-compiled here, the dependencies (uv) and our own code (compileall), so that no worker
# compiles anything at its first request, even where it may not write the .pyc files.
install: $(if $(filter .tools/bin/uv,$(UV)),.tools/bin/uv)
	$(UV) sync --locked --compile-bytecode
	$(PY) -m compileall -q manage.py quizsite learning

# DEBUG is off unless asked for (quizsite/settings.py): the development server asks for it.
run: export DEBUG ?= 1
run: install
	$(PY) manage.py migrate --no-input
	$(PY) manage.py createcachetable
	$(PY) manage.py load_facts
	$(PY) manage.py runserver $(HOST):$(PORT)

# Production settings under gunicorn (quizsite/gunicorn.conf.py: WEB_CONCURRENCY workers, HOST:PORT,
# logs to stdout). Without SECRET_KEY in the environment this is a local try over plain HTTP: a
# key is made once into the git-ignored .secret_key, and HTTPS-only cookies and redirects are
# off unless set. With SECRET_KEY set (a deployment) nothing is changed.
serve: export DEBUG := 0
serve: install
	@set -a; \
	if [ -z "$$SECRET_KEY" ]; then \
		test -s .secret_key || (umask 077 && $(PY) -c 'import secrets; print(secrets.token_urlsafe(50))' > .secret_key); \
		SECRET_KEY=$$(cat .secret_key); \
		SECURE_SSL_REDIRECT=$${SECURE_SSL_REDIRECT:-0}; SECURE_COOKIES=$${SECURE_COOKIES:-0}; \
		SECURE_HSTS_SECONDS=$${SECURE_HSTS_SECONDS:-0}; \
		echo "make serve: no SECRET_KEY set, a local try over HTTP (key in .secret_key)"; \
	fi; \
	HOST=$(HOST); PORT=$(PORT); set +a; \
	$(PY) manage.py migrate --no-input && \
	$(PY) manage.py createcachetable && \
	$(PY) manage.py load_facts && \
	$(PY) manage.py collectstatic --no-input --verbosity 0 && \
	exec .venv/bin/gunicorn --config quizsite/gunicorn.conf.py

# Chromium for the browser tests: Debian's package where we can install it, else Playwright's own.
browser-deps: install
	@if [ -x "$(CHROMIUM)" ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-core >/dev/null; \
	else \
		$(PY) -m playwright install chromium; \
	fi

test: install browser-deps
	$(PY) -m pytest

test-fast: install
	$(PY) -m pytest -m "not browser"

test-browser: install browser-deps
	$(PY) -m pytest -m browser

# The fact base against the two source documents, which are not in the repository: from
# MUDHAKARA_SEEDS, else shared/seeds beside the repository. Fails, saying so, without them.
check-sources: install
	$(PY) -m pytest --sources

pg-deps:
	@if command -v initdb >/dev/null || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; \
	else echo "PostgreSQL server binaries (initdb, pg_ctl) are needed for test-pg." >&2; exit 1; fi

# The suite (without the browser flows) against a throwaway PostgreSQL cluster.
test-pg: install pg-deps
	$(PY) tests/pg.py $(PY) -m pytest -m "not browser"

lint: install
	$(UV) run --no-sync ruff check .
	$(UV) run --no-sync ruff format --check .
	$(UV) run --no-sync mypy

format: install
	$(UV) run --no-sync ruff check --fix .
	$(UV) run --no-sync ruff format .

messages: install
	DEBUG=1 $(PY) manage.py makemessages -l ar -l en --no-location --no-wrap
	DEBUG=1 $(PY) manage.py compilemessages --ignore=.venv --ignore=.tools

# wrk drives the page throughput bench (bench/serve.py): Debian's package where we can install
# it, else the bench drives the pages with its own Python generator.
bench: install
	@if command -v wrk >/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; \
	else echo "wrk not found: bench/serve.py drives the pages with its Python generator." >&2; fi
	$(PY) bench/run.py
