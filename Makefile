# One command to set up and read, one to set up and test. Everything lives in .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: run setup test lint unit terminal-tools browser-tools db-tools screenshots bench snapshot-update clean

run: setup ## set up, then open the reader on the bundled article
	$(BIN)/gloss

setup: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test,postgres]'
	touch $(STAMP)

# tmux drives the end-to-end tests in a real terminal; install it when it is missing.
terminal-tools:
	@command -v tmux >/dev/null 2>&1 || { \
		echo "installing tmux (Debian package) for the terminal tests"; \
		if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
		$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq tmux >/dev/null; }

# chromium checks the HTML export in a real browser; install it when it is missing.
browser-tools:
	@command -v chromium >/dev/null 2>&1 || { \
		echo "installing chromium (Debian package) for the HTML export test"; \
		if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
		$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium >/dev/null; }

# PostgreSQL 15+ runs the shared-index tests (a throwaway server per test session);
# install Debian's package when initdb is missing.
db-tools:
	@command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { \
		echo "installing postgresql (Debian package) for the shared-index tests"; \
		if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
		$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq postgresql >/dev/null; }

lint: setup ## formatting, lint, types and the layers' import contracts
	$(BIN)/ruff format --check tui tests benchmarks
	$(BIN)/ruff check tui tests benchmarks
	$(BIN)/mypy
	$(BIN)/lint-imports

# The cost tests compare CPU time at two sizes: they run first, on their own, so that
# the rest of the suite (in parallel, one worker per core) cannot disturb them.
test: setup terminal-tools browser-tools db-tools lint ## set up, then run every check and test
	$(BIN)/python -m pytest -q -m perf
	$(BIN)/python -m pytest -q -n auto -m "not perf"

unit: setup ## the pure tests alone: no app, no terminal, no cost test (about half a minute)
	$(BIN)/python -m pytest -q -m "not ui and not perf and not install"

snapshot-update: setup
	$(BIN)/python -m pytest -q tests/app/test_snapshots.py --snapshot-update

screenshots: setup ## regenerate the SVGs shown in the README
	$(BIN)/python scripts/screenshots.py

bench: setup ## measure speed against the bundled article in the same run
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
