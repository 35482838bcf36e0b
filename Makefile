# Two commands on a fresh machine:
#   make run    set everything up, build the shipped corpus and open the dashboard
#               (http://127.0.0.1:8501; stop it with Ctrl-C)
#   make test   set everything up and run the tests, including the dashboard's
#               browser tests (installs Debian's chromium with apt-get when it is
#               missing, so run it as root on a fresh machine)
# Every Python dependency is installed by these targets, into the project's .venv.

VENV   ?= .venv
PYTHON ?= python3
PY      = $(VENV)/bin/python
CORPUS ?= corpus
OUT    ?= build
PORT   ?= 8501

.PHONY: run setup build dashboard browser test lab report reports bench clean

run: build
	$(MAKE) dashboard

setup: $(VENV)/.installed

$(VENV)/.installed: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

build: setup
	$(PY) -m framing build --corpus $(CORPUS) --out $(OUT)

dashboard: setup
	FRAMING_BUILD=$(OUT) $(PY) dashboard/serve.py \
		--server.address 127.0.0.1 --server.port $(PORT) \
		--server.headless true --browser.gatherUsageStats false

# The browser tests drive Debian's chromium (/usr/bin/chromium) through
# Playwright; `playwright install` is never used.
browser:
	command -v chromium >/dev/null 2>&1 || (apt-get update && apt-get install -y --no-install-recommends chromium)

test: setup browser
	$(PY) -m pytest

lab: setup
	$(VENV)/bin/jupyter lab --notebook-dir=notebooks

# The stakeholder report of the corpus: one offline HTML file (IMAGES=dir also saves every chart as PNG).
report: build
	$(PY) -m framing report --corpus $(CORPUS) --build $(OUT) --out reports/report.html $(if $(IMAGES),--images $(IMAGES))

# Every report, offline HTML under reports/ (git-ignored): the stakeholder report, and every
# notebook run from top to bottom in a fresh kernel (reports/<notebook>.html).
reports: report
	$(PY) -m framing.notebook_export --notebooks notebooks --out reports

bench: setup browser
	$(PY) bench/textpass.py --record
	$(PY) bench/build.py --record
	$(PY) bench/keyness.py --record
	$(PY) bench/reuse.py --record
	$(PY) bench/dashboard.py --record
	$(PY) bench/report.py --record

clean:
	rm -rf $(OUT) reports .pytest_cache test-artifacts
