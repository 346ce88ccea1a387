# guide-tui: `make run` and `make test` set up .venv on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test check fmt bench po review fuzz clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' || \
		{ echo "guide-tui needs Python 3.11 or newer (found: $$($(PYTHON) --version 2>&1))."; exit 1; }
	@echo "Setting up $(VENV)/ for guide-tui (the first time only; about a minute):"
	@test -x $(BIN)/python || { echo "  - a Python virtual environment in $(VENV)/"; $(PYTHON) -m venv $(VENV); }
	@echo "  - guide-tui and its dependencies (Textual, PyYAML, ...) and the test tools, with pip..."
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $(STAMP)
	@echo "Done. The command is $(BIN)/guide-tui (README: \"Installing the command\" puts it on your PATH)."

run: $(STAMP)
	@$(BIN)/guide-tui $(ARGS)

# Every gate CI runs: formatting, lint, the layer contracts, types, then the suite.
# One test worker more than there are cores: many tests wait on a program they started
# (a terminal, a server, a browser), and a third worker on two cores keeps both busy
# (the whole suite 204 s with 2 workers, 178 s with 3, 189 s with 4, on CI's 2 cores).
# The core's tests run first, on their own, with no Textual, no Rich and no snapshot
# plugin (tests/core/conftest.py fails a test that imports either); then all the others,
# whatever the first run found; the target fails if either run failed.
WORKERS ?= $(shell $(PYTHON) -c 'import os; print((os.cpu_count() or 1) + 1)')
test: check
	GUIDE_TUI_CORE_ONLY=1 $(BIN)/python -m pytest -q -n $(WORKERS) -p no:textual-snapshot tests/core $(PYTEST_ARGS); \
	core=$$?; $(BIN)/python -m pytest -q -n $(WORKERS) --ignore=tests/core $(PYTEST_ARGS) && exit $$core

check: $(STAMP)
	$(BIN)/ruff format --check --quiet .
	$(BIN)/ruff check --quiet .
	@$(BIN)/lint-imports --no-cache >$(VENV)/lint-imports.log 2>&1 \
		&& tail -n 4 $(VENV)/lint-imports.log || { cat $(VENV)/lint-imports.log; exit 1; }
	$(BIN)/mypy

fmt: $(STAMP)
	$(BIN)/ruff format --quiet .
	$(BIN)/ruff check --quiet --fix .

# Fuzz the loader, the Markdown renderers, the exports and the importer for FUZZ_SECONDS
# each, one at a time (tools/fuzz.py: atheris's coverage guidance driving the Hypothesis
# targets of tests/fuzz/), then every regular expression and renderer on inputs five times
# longer than `make test` uses.  Findings land in tests/data/fuzz/, figures in build/fuzz/.
FUZZ_SECONDS ?= 600
fuzz: $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev,fuzz]'
	for target in loader markdown exports importer; do \
		$(BIN)/python tools/fuzz.py $$target --seconds $(FUZZ_SECONDS) || exit 1; \
	done
	GUIDE_TUI_HOSTILE_N=100000 $(BIN)/python -m pytest -q -p no:cacheprovider tests/fuzz/test_linear_time.py

bench: $(STAMP)
	$(BIN)/python bench/run.py

# The interface translations: bring each .po in step with English (en), compile every .mo.
po: $(STAMP)
	$(BIN)/python tools/po.py

# Snapshot SVGs as PNGs that show what the terminal shows (a CJK monospace font, each
# character in its cells), in build/snapshots; installs Debian's fonts-noto-cjk and
# librsvg2-bin when they are missing.  Look at them before `pytest --snapshot-update`.
review: $(STAMP)
	@fc-list | grep -q "Noto Sans Mono CJK" && command -v rsvg-convert >/dev/null || \
		{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-cjk librsvg2-bin >/dev/null; }
	$(BIN)/python tests/tui/snapshot_png.py build/snapshots

clean:
	rm -rf $(VENV) build dist *.egg-info .mypy_cache .ruff_cache .import_linter_cache
