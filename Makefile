# packgen: `make build` builds the default pack into build/; `make test` runs lint and the fast
# tests and prints its time; `make test-all` runs every test (CI).
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
AXE := node_modules/axe-core/axe.min.js

.PHONY: build test test-all lint check bench golden clean

build: $(STAMP)
	$(VENV)/bin/packgen build

check: $(STAMP)
	$(VENV)/bin/packgen check

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

# Two pytest-xdist workers, a test file to a worker, for both suites (one per core: measured on 2
# cores, the fast suite took 62 s with -n 2 --dist loadfile, 64 s --dist load, 71 s -n 3, 102 s
# serial; the whole suite 10.7 min with -n 2 at load 3.5, ~14 min serial idle). Every test is
# xdist-safe: ports are free ones (port 0), the cache key lives in each worker's own
# XDG_CONFIG_HOME, chdir and environment changes go through monkeypatch, and the shared default
# build is made once under a lock (tests/conftest.py). One file alone: pytest tests/test_x.py.
WORKERS := -n 2 --dist loadfile

# The fast suite: every test not marked slow. It prints how long it took (goal: under 60 s idle).
test: lint
	@start=$$(date +%s); status=0; $(PY) -m pytest -m "not slow" $(WORKERS) || status=$$?; \
	echo "make test: $$(( $$(date +%s) - start )) s"; exit $$status

test-all: lint $(AXE)
	@start=$$(date +%s); status=0; $(PY) -m pytest $(WORKERS) || status=$$?; \
	echo "make test-all: $$(( $$(date +%s) - start )) s"; exit $$status

bench: $(STAMP)
	$(PY) tests/bench.py

# Refresh the golden snapshots in tests/golden/ after a deliberate change to the output.
golden: $(STAMP)
	PACKGEN_REFRESH_GOLDEN=1 $(PY) -m pytest tests/test_golden.py tests/test_golden_docx.py

$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

clean:
	rm -rf build

# axe-core for the browser tests of the web version (tests/test_web.py), from package-lock.json.
$(AXE): package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $(AXE)
