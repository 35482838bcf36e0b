# Two commands on a fresh machine:
#   make run    set everything up and build the shipped corpus
#   make test   set everything up and run the tests
# Every dependency is installed by these targets, into the project's .venv.

VENV   ?= .venv
PYTHON ?= python3
PY      = $(VENV)/bin/python
CORPUS ?= corpus
OUT    ?= build

.PHONY: run setup build test lab bench clean

run: build

setup: $(VENV)/.installed

$(VENV)/.installed: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

build: setup
	$(PY) -m framing build --corpus $(CORPUS) --out $(OUT)

test: setup
	$(PY) -m pytest

lab: setup
	$(VENV)/bin/jupyter lab --notebook-dir=notebooks

bench: setup
	$(PY) bench/textpass.py --record
	$(PY) bench/build.py --record
	$(PY) bench/keyness.py --record
	$(PY) bench/reuse.py --record

clean:
	rm -rf $(OUT) reports .pytest_cache
