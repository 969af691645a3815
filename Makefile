# The two commands of the README: `make run` and `make test`. Both go through `make setup`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: setup system-check run test test-browser lint messages clean

## system-check: the system libraries WeasyPrint needs (installed with apt-get as root,
## otherwise the exact command to run is printed); the same check .ci/run uses
system-check:
	$(PYTHON) ops/system_deps.py --install

$(STAMP): pyproject.toml | system-check
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

## setup: virtual environment, install, migrate, framework + profile fixtures, demo data
setup: $(STAMP)
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_seed_data
	$(BIN)/python manage.py seed_demo

## run: the portal on http://127.0.0.1:8000 with the embedded defaults
run: setup
	@echo ""
	@echo "Het portaal draait op http://127.0.0.1:8000/  (stoppen: Ctrl+C)"
	$(BIN)/python manage.py runserver 127.0.0.1:8000

## test: the whole suite on the embedded defaults (browser tests run when Chromium is there),
## spread over the machine's cores by pytest-xdist (TEST_WORKERS=0 runs it in one process)
TEST_WORKERS ?= auto
test: setup
	$(BIN)/python -m pytest -n $(TEST_WORKERS)

## test-browser: only the Playwright tests (needs /usr/bin/chromium)
test-browser: setup
	$(BIN)/python -m pytest -m browser

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run

## messages: refresh the Dutch/English translation catalogues (needs gettext)
messages: $(STAMP)
	$(BIN)/python manage.py makemessages -l nl -l en --ignore '.venv/*' --ignore 'var/*'
	$(BIN)/python manage.py compilemessages --ignore '.venv/*'

clean:
	rm -rf $(VENV) var
