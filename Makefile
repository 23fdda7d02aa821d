# The two commands: `make run` and `make test`. Each sets up what it needs on a fresh machine.
PYTHON ?= $(shell for p in python3.13 python3.12 python3.11 python3; do \
	$$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1 && echo $$p && break; done)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DB     := data/monitor.duckdb
INPUTS := $(wildcard data/sources/*.csv) monitor/schema.py

.PHONY: run test lint bench clean

ifdef MONITOR_DB
# Your own database: built from the case files only if it does not exist, never rebuilt over your loads.
run: $(STAMP)
	test -f "$(MONITOR_DB)" || $(BIN)/python -m etl build --db "$(MONITOR_DB)"
	$(BIN)/streamlit run app.py
else
run: $(DB)
	MONITOR_DB=$(DB) $(BIN)/streamlit run app.py
endif

# Tests run on one pytest-xdist worker a core, each test file on one worker, the slowest files first (tests/conftest.py,
# docs/testing.md); `make test WORKERS=0` runs them in this one process.
WORKERS ?= auto
test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/python -m monitor.extract.evaluate --corpus tests/corpus --check docs/extraction.md > /dev/null
	$(BIN)/python -m pytest -n $(WORKERS) --dist loadfile --no-loadscope-reorder

lint: $(STAMP)
	$(BIN)/ruff check .

# One table for 1M and 10M SYNTHETIC events (docs/performance.md); BENCH_ARGS="--events 1000000" for one size.
# Then the ETL on a real-shaped ACLED export (the sample's rows repeated) against DuckDB's own read of it, and
# 1,000-row loads into a 10M real-shaped ACLED database built in SQL, not by the benchmark's own path; and the
# gazetteer's name index built against read back from its cache folder.
bench: $(STAMP)
	$(BIN)/python -m bench $(BENCH_ARGS)
	$(BIN)/python -m bench.real_shaped
	$(BIN)/python -m bench.small_loads
	$(BIN)/python -m bench.gazetteer

$(BIN)/python:
	@test -n "$(PYTHON)" || { echo "Python 3.11 or newer is needed (python3.11, python3.12 …)"; exit 1; }
	$(PYTHON) -m venv $(VENV)

# uv installs the same releases from PyPI as pip, in 19 s rather than 43 (docs/testing.md); bytecode is compiled at
# install, as pip does, since a process that may not write it (PYTHONDONTWRITEBYTECODE) would compile each import.
# pip is the fallback where uv cannot run.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet uv && \
	  $(BIN)/uv pip install --python $(BIN)/python --quiet --compile-bytecode -e '.[test]' || \
	  $(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

$(DB): $(INPUTS) $(STAMP)
	$(BIN)/python -m etl build --db $(DB)

clean:
	rm -rf $(VENV) data/monitor.duckdb tests/e2e/artifacts
