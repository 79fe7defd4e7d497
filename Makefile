# NMI Portal. `make run` serves the site with the source report's data;
# `make test` runs the whole suite. Both set up what they need themselves.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000

# Development mode for the commands run from here (never in production).
DEV := DJANGO_DEBUG=true

.PHONY: run test lint format compile-messages migrations-check deploy-check backup restore admin messages api-fuzz bench bench-export bench-smoke load-test scale-out-check concurrent-saves-check freshness-check clean help

help:
	@echo "make run               install, migrate, load the report's data and serve http://$(HOST):$(PORT)/"
	@echo "make test              run the whole test suite (SQLite unless DATABASE_URL is set)"
	@echo "make admin             create an administrator account for the admin at /admin/"
	@echo "make lint              ruff lint and format check, and the layer contract (import-linter)"
	@echo "make messages          update the translation catalogues from the code (needs gettext)"
	@echo "make migrations-check  fail if a model change has no migration"
	@echo "make deploy-check      Django's deployment checklist with production settings"
	@echo "make backup [FILE=…]   write all the data to a .json.gz file"
	@echo "make restore FILE=…    migrate an empty database and load a backup into it"
	@echo "make api-fuzz          schemathesis against the API's schema, every check, anonymous and partner"
	@echo "make bench             benchmark under gunicorn with wrk (DB=postgres for PostgreSQL); see docs/performance.md"
	@echo "make bench-smoke       a short benchmark run: errors and query counts only (run in CI)"
	@echo "make bench-export      memory of a complete export at 2,000 and 20,000 events"
	@echo "make scale-out-check   two gunicorns against one PostgreSQL and one Redis"
	@echo "make freshness-check   three gunicorn workers, no shared cache and then Redis through an outage: every answer shows each change"
	@echo "make concurrent-saves-check  two admins save one record at once under gunicorn (DB=postgres for PostgreSQL)"
	@echo "make load-test         64 clients for 60 s under gunicorn: errors and latency (DB=postgres too); see docs/load-test.md"

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit("Python 3.11 or newer is needed (found %s)." % sys.version.split()[0]) if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)

# Compiled translations, rebuilt when a .po file changes (polib; no gettext needed).
MO_FILES := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/django.po))

locale/%/LC_MESSAGES/django.mo: locale/%/LC_MESSAGES/django.po $(VENV)/.installed
	$(PY) scripts/compile_messages.py $<

compile-messages: $(MO_FILES)

# Bring the catalogues up to date with the code (needs GNU gettext), then
# translate what is new in locale/<language>/LC_MESSAGES/django.po.
messages: $(VENV)/.installed
	$(DEV) $(PY) manage.py makemessages --all --no-location --ignore=.venv --ignore=.cache --ignore=tests --ignore=scripts

# Reinstall when requirements.txt changes.
$(VENV)/.installed: requirements.txt | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	@touch $@

run: $(VENV)/.installed $(MO_FILES)
	$(DEV) $(PY) manage.py migrate --no-input
	$(DEV) $(PY) manage.py load_source_data
	@echo ""
	@echo "The NMI Portal is at http://$(HOST):$(PORT)/ (Arabic: http://$(HOST):$(PORT)/ar/)."
	@echo "To use the admin at /admin/, first create an account in another terminal: make admin"
	@echo "The job queue's worker runs beside the server and sends the emails (to this terminal)."
	@echo ""
	@$(DEV) $(PY) manage.py db_worker --no-reload --verbosity 0 & worker=$$!; \
		trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
		$(DEV) $(PY) manage.py runserver $(HOST):$(PORT)

admin: $(VENV)/.installed
	$(DEV) $(PY) manage.py migrate --no-input
	$(DEV) $(PY) manage.py createsuperuser

# The Nu HTML Checker for the HTML validity test, from the npm registry
# (needs npm and Java; without them that test is skipped and says why).
VNU_VERSION := 26.9.27
VNU_JAR := .cache/vnu/node_modules/vnu-jar/build/dist/vnu.jar

$(VNU_JAR):
	@if command -v npm >/dev/null 2>&1; then \
		npm install --silent --no-audit --no-fund --prefix .cache/vnu vnu-jar@$(VNU_VERSION); \
	else \
		echo "npm is not installed: the HTML validity test will be skipped."; \
	fi

# The suite runs across every core (pytest-xdist); TEST_WORKERS=0 runs it in one process.
TEST_WORKERS ?= auto

test: $(VENV)/.installed $(VNU_JAR) $(MO_FILES)
	$(PY) -m pytest -n $(TEST_WORKERS) --dist worksteal $(PYTEST_ARGS)

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: $(VENV)/.installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# All the data to a file, and back into an empty database (see README).
FILE ?= backup-$(shell date -u +%Y%m%dT%H%M%SZ).json.gz

backup: $(VENV)/.installed
	$(PY) manage.py backup_data $(FILE)

restore: $(VENV)/.installed
	$(PY) manage.py migrate --no-input
	$(PY) manage.py restore_data $(FILE)

# Django's deployment checklist with production settings (a throwaway key
# and host stand in for the real ones), every warning an error.
deploy-check: $(VENV)/.installed
	DJANGO_DEBUG=false DJANGO_SECRET_KEY="$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))')" \
	DJANGO_ALLOWED_HOSTS=portal.example.org $(PY) manage.py check --deploy --fail-level WARNING

migrations-check: $(VENV)/.installed
	$(DEV) $(PY) manage.py makemigrations --check --dry-run

api-fuzz: $(VENV)/.installed $(MO_FILES)
	bash scripts/api-fuzz

DB ?= sqlite

bench: $(VENV)/.installed $(MO_FILES)
	$(PY) scripts/bench.py --database $(DB) $(BENCH_ARGS)

bench-export: $(VENV)/.installed $(MO_FILES)
	$(PY) -W ignore scripts/export_memory.py

bench-smoke: $(VENV)/.installed $(MO_FILES)
	$(PY) scripts/bench.py --database $(DB) --smoke

load-test: $(VENV)/.installed $(MO_FILES)
	$(PY) scripts/load_test.py --database $(DB) $(LOAD_ARGS)

scale-out-check: $(VENV)/.installed $(MO_FILES)
	$(PY) scripts/scale_out_check.py

freshness-check: $(VENV)/.installed $(MO_FILES)
	$(PY) scripts/freshness_check.py

concurrent-saves-check: $(VENV)/.installed $(MO_FILES)
	$(PY) scripts/concurrent_saves_check.py --database $(DB)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .cache test-results staticfiles
