# The two commands a newcomer needs: `make run` and `make test`.
# Both create .venv on first use and install what they need into it.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DATA   ?= vigil-data
SITE   ?= site

.PHONY: run test typecheck bench bench-batch fuzz audit clean help browser

help:
	@echo "make run    ingest the bundled examples, list what was found and write the profile site"
	@echo "make test   run the whole test suite (and mypy)"
	@echo "make bench  measure extractor throughput and memory (results in bench/RESULTS.md)"
	@echo "make bench-batch  measure vigil batch on Dask into PostgreSQL, 1 and 2 workers (bench/RESULTS.md)"
	@echo "make fuzz   fuzz the extractor and the format readers with atheris (FUZZ_SECONDS each, default 60)"
	@echo "make audit  check the installed packages for known vulnerabilities (pip-audit)"

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
	$(BIN)/vigil sites --country RU --data $(DATA)
	@echo
	$(BIN)/vigil site --out $(SITE) --data $(DATA)
	@echo
	@echo "Open $(SITE)/index.html in a browser; the Russia profile is $(SITE)/ru.html"

# The browser tests drive Debian's chromium (never `playwright install`). Installing
# it needs root and the network; when that fails the browser tests skip, saying why.
browser:
	@command -v chromium >/dev/null 2>&1 || test -x /usr/bin/chromium || \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null 2>&1 || \
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

FUZZ_SECONDS ?= 60

fuzz: $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[fuzz]'
	mkdir -p build/fuzz/extract build/fuzz/readers
	$(BIN)/python fuzz/fuzz_extract.py build/fuzz/extract -max_total_time=$(FUZZ_SECONDS) -max_len=4096 -rss_limit_mb=2048
	$(BIN)/python fuzz/fuzz_readers.py build/fuzz/readers -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -rss_limit_mb=2048

audit: $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[audit]'
	$(BIN)/pip-audit --skip-editable

clean:
	rm -rf $(VENV) $(DATA) $(SITE) .pytest_cache .mypy_cache .hypothesis
