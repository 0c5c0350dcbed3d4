# claimledger: `make run` (demo on the bundled samples) and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DB     ?= claimledger.db

.PHONY: run test lint venv serve bench clean-db vendor

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	$(BIN)/python scripts/vendor_assets.py || echo "warning: web assets not vendored (no map, no /docs UI)" >&2
	touch $(STAMP)

venv: $(STAMP)

run: $(STAMP)
	$(BIN)/claimledger ingest samples/ --db $(DB)
	$(BIN)/claimledger report --db $(DB)

test: $(STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/lint-imports
	$(BIN)/mypy
	CLAIMLEDGER_CHROMIUM="$$(scripts/install-chromium.sh 2>/dev/null)" $(BIN)/python -m pytest -q

vendor: $(STAMP)
	$(BIN)/python scripts/vendor_assets.py --force

serve: $(STAMP)
	$(BIN)/claimledger serve --db $(DB)

clean-db:
	rm -f $(DB) $(DB)-wal $(DB)-shm
