# The two commands a newcomer needs: `make run` and `make test`.
# Both create .venv on first use and install what they need into it.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DATA   ?= vigil-data
SITE   ?= site

.PHONY: run test typecheck bench bench-batch clean help browser

help:
	@echo "make run    ingest the bundled examples, list what was found and write the profile site"
	@echo "make test   run the whole test suite (and mypy)"
	@echo "make bench  measure extractor throughput and memory (results in bench/RESULTS.md)"
	@echo "make bench-batch  measure vigil batch on Dask into PostgreSQL, 1 and 2 workers (bench/RESULTS.md)"

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
	@echo
	$(BIN)/vigil facts --country RU --data $(DATA)
	@echo
	$(BIN)/vigil site --out $(SITE) --data $(DATA)
	@echo
	@echo "Open $(SITE)/index.html in a browser; the Russia profile is $(SITE)/ru.html"

# The browser tests drive Debian's chromium (never `playwright install`). Installing
# it needs root and the network; when that fails the browser tests skip, saying why.
browser:
	@command -v chromium >/dev/null 2>&1 || test -x /usr/bin/chromium || \
	  (apt-get update -qq && apt-get install -y -qq chromium) >/dev/null 2>&1 || \
	  echo "warning: could not install chromium (needs root and the network); the browser tests will be skipped"

test: $(STAMP) browser
	$(BIN)/python -m pytest -q
	$(BIN)/python -m mypy

typecheck: $(STAMP)
	$(BIN)/python -m mypy

bench: $(STAMP)
	$(BIN)/python bench/extract_bench.py

bench-batch: $(STAMP)
	$(BIN)/python bench/batch_bench.py

clean:
	rm -rf $(VENV) $(DATA) $(SITE) .pytest_cache .mypy_cache .hypothesis
