# packgen: `make build` builds the default pack into build/; `make test` runs the tests.
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: build test check bench golden clean

build: $(STAMP)
	$(VENV)/bin/packgen build

check: $(STAMP)
	$(VENV)/bin/packgen check

test: $(STAMP)
	$(PY) -m pytest

bench: $(STAMP)
	$(PY) tests/bench.py

# Refresh the golden snapshots in tests/golden/ after a deliberate change to the output.
golden: $(STAMP)
	PACKGEN_REFRESH_GOLDEN=1 $(PY) -m pytest tests/test_golden.py

$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

clean:
	rm -rf build
