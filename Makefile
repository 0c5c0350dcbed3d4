# claimledger: `make run` (demo on the bundled samples) and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DB     ?= claimledger.db

.PHONY: run test lint venv serve bench clean-db

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

venv: $(STAMP)

run: $(STAMP)
	$(BIN)/claimledger ingest samples/ --db $(DB)
	$(BIN)/claimledger report --db $(DB)

test: $(STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/lint-imports
	$(BIN)/mypy
	$(BIN)/python -m pytest -q

serve: $(STAMP)
	$(BIN)/claimledger serve --db $(DB)

clean-db:
	rm -f $(DB) $(DB)-wal $(DB)-shm
