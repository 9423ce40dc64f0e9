# The two commands of the README: `make run` and `make test`. Both set everything up first,
# and a second run skips what is already in place (stamps depend on the lock files).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
UV_VERSION := 0.13.8
HOST ?= 127.0.0.1
PORT ?= 8000

# Debian packages the app and its tests need: WeasyPrint's libraries and fast font subsetting,
# fonts, gettext for the translations, Chromium for the browser tests, PostgreSQL 15 for the
# second test run, Redis for the tests of two app servers sharing a cache (the app itself runs
# without it).
SYSTEM_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
	fonts-liberation2 gettext chromium postgresql-15 libreoffice-writer-nogui redis-server

.PHONY: run test setup system lint pytest pytest-postgres pytest-clock test-repeat messages bench clean

run: setup
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	$(PY) manage.py load_voting_demo
	@# The member books of the demo are queued now; the worker below builds them.
	$(PY) manage.py refresh_books
	@echo "Serving on http://$(HOST):$(PORT)/ (and the background worker that builds the meeting books)"
	@# The worker runs beside the server and is stopped with it (Ctrl+C, or the server exiting).
	$(PY) manage.py db_worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT; \
	$(PY) manage.py runserver $(HOST):$(PORT)

test: setup lint pytest pytest-postgres pytest-clock

setup: system $(VENV)/.installed node_modules/.installed locale/nl/LC_MESSAGES/django.mo

system:
	@missing=$$(for p in $(SYSTEM_PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q "install ok installed" || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ]; then \
			echo "Installing system packages: $$missing"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
		else \
			echo "Missing system packages: $$missing"; \
			echo "Install them with: sudo apt-get install $$missing"; exit 1; \
		fi; \
	fi

$(VENV)/.installed: requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install -q "uv==$(UV_VERSION)"
	$(VENV)/bin/uv pip sync -q --python $(PY) requirements.lock
	touch $@

node_modules/.installed: package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

locale/nl/LC_MESSAGES/django.mo: locale/nl/LC_MESSAGES/django.po $(VENV)/.installed
	$(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules -v 0

# Regenerate the catalogue after changing user-facing strings; then translate the new entries.
messages: setup
	$(PY) manage.py makemessages -l nl --no-obsolete --ignore=.venv --ignore=node_modules --ignore=staticfiles

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run

# The suite runs in one process per core (pytest-xdist; each has its own test database and
# its own Chromium), at most four. `make test WORKERS=0` runs it in this process alone.
WORKERS ?= auto
XDIST := -n $(WORKERS) --maxprocesses 4

pytest: setup
	$(VENV)/bin/pytest $(XDIST)

# Without autovacuum: between tests it analyzes tables that every test's rollback left empty,
# and the planner then plans for empty tables while a test holds a large meeting (measured:
# test_query_counts took 82 s after the permission matrix instead of 6). The benchmarks keep it.
pytest-postgres: setup
	POSTGRES_OPTIONS="-c autovacuum=off" tests/with_postgres.sh $(VENV)/bin/pytest $(XDIST)

# The tests once more with the clock at an awkward moment, ticking on from there: by default
# 23:30 UTC on the night summer time begins, already Sunday in Amsterdam, 90 minutes before
# the clocks change. The browser tests are left out: Chromium keeps its own clock.
CLOCK ?= 2026-03-28T23:30:00+00:00
pytest-clock: setup
	$(VENV)/bin/pytest $(XDIST) -m "not browser" --clock $(CLOCK)

# The browser tests N times in a row (`make test-repeat N=10`), all N even after a failure;
# fails if any run failed. A test that fails once has found a bug: no retries.
N ?= 10
test-repeat: setup
	@failed=0; for i in $$(seq $(N)); do \
		echo "Browser tests, run $$i of $(N)"; \
		$(VENV)/bin/pytest -q -m browser || failed=$$((failed + 1)); \
	done; \
	echo "Browser tests: $(N) runs, $$failed failed"; [ $$failed = 0 ]

# The benchmarks of docs/performance.md, on SQLite and on a throwaway PostgreSQL: queries per
# page, throughput under gunicorn against the ceiling (needs wrk), every member submitting a
# motion before the deadline, and the meeting book.
bench: SYSTEM_PACKAGES += wrk
bench: setup
	$(PY) -m bench.queries
	tests/with_postgres.sh $(PY) -m bench.queries
	$(PY) -m bench.load
	tests/with_postgres.sh $(PY) -m bench.load
	$(PY) -m bench.submissions
	tests/with_postgres.sh $(PY) -m bench.submissions
	$(PY) -m bench.votes
	tests/with_postgres.sh $(PY) -m bench.votes
	$(PY) -m bench.book

clean:
	rm -rf $(VENV) node_modules staticfiles
