# The two commands a newcomer needs: `make run` and `make test`.
# Both create .venv on first use and install what they need into it.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DATA   ?= vigil-data

.PHONY: run test typecheck bench clean help

help:
	@echo "make run    ingest the bundled examples and list what was found"
	@echo "make test   run the whole test suite (and mypy)"
	@echo "make bench  measure extractor throughput and memory (results in bench/RESULTS.md)"

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $(STAMP)

run: $(STAMP)
	$(BIN)/vigil ingest --manifest examples/manifest.jsonl --data $(DATA)
	@echo
	$(BIN)/vigil documents --data $(DATA)
	@echo
	$(BIN)/vigil figures --country RU --data $(DATA)

test: $(STAMP)
	$(BIN)/python -m pytest -q
	$(BIN)/python -m mypy

typecheck: $(STAMP)
	$(BIN)/python -m mypy

bench: $(STAMP)
	$(BIN)/python bench/extract_bench.py

clean:
	rm -rf $(VENV) $(DATA) .pytest_cache .mypy_cache .hypothesis
