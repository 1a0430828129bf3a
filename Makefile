# The two set-up commands of the README:
#   make build   install everything, then build the report site from the shipped seed
#   make test    install everything (Python packages, kernel, Chromium, CJK fonts), then run every test
# Everything is installed by these targets; nothing needs to be installed by hand.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SEED   ?=
REGION ?=
YEAR   ?=
JOBS   ?= 2
# pytest's worker processes in `make test` (pytest-xdist; 1 runs the suite in one process, in order)
TEST_JOBS ?= 2

.PHONY: build check fast test install system lint unit notebooks site browser bench pdf strip lab clean add-report

$(STAMP): pyproject.toml requirements/constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements/constraints.txt -e '.[report,test]'
	$(BIN)/python -m ipykernel install --sys-prefix --name govreport --display-name "Python 3 (govreport)" >/dev/null
	touch $(STAMP)

install: $(STAMP)

system:
	@scripts/install-system-deps.sh

build: install
	$(BIN)/python -m analysis build --jobs $(JOBS) $(if $(SEED),--seed '$(subst ','\'',$(SEED))',) $(if $(REGION),--region '$(subst ','\'',$(REGION))',) $(if $(YEAR),--year '$(subst ','\'',$(YEAR))',)

# Add a report to the corpus (seeds/corpus and its manifest.csv): make add-report FILE=path/to/report.txt
# [ARGS="--region-en Chengdu --yes"]; asks for confirmation; the next make build includes it.
add-report: install
	$(if $(FILE),,$(error give the report: make add-report FILE=path/to/report.txt))
	$(BIN)/python -m analysis add-report '$(subst ','\'',$(FILE))' $(ARGS)

# The researcher's loop, after editing a template in JupyterLab: strip the templates, rebuild only what
# changed, then check that every template is clean and every published chapter current (one message).
check: install
	$(BIN)/python -m analysis notebooks loop --jobs $(JOBS)

# The fast checks that fail most often, first and once each: lint, clean templates, then types and current
# chapters side by side (mypy and the staleness check each keep one core busy for seconds; both always run,
# and the target fails if either failed).
fast: install
	$(BIN)/ruff check .
	$(BIN)/python -m analysis notebooks check notebooks/*.ipynb
	$(BIN)/mypy & types=$$!; $(BIN)/python -m analysis notebooks stale; stale=$$?; wait $$types; \
	  test $$? -eq 0 && test $$stale -eq 0

# The tests in TEST_JOBS processes; what must share one process (a notebook's cells, the built site, a
# module's fixture) is one group (tests/conftest.py: xdist_group), the rest is spread one test at a time.
test: install system fast
	$(BIN)/python -m pytest $(if $(filter-out 1,$(TEST_JOBS)),-n $(TEST_JOBS) --dist loadgroup,)

# Parts of the test run, for working on one thing at a time.
lint: install
	$(BIN)/ruff check .
	$(BIN)/mypy
unit: install
	$(BIN)/python -m pytest tests -m "not slow" -o addopts=""
notebooks: install
	$(BIN)/python -m pytest book/chapters
site: install system
	$(BIN)/python -m pytest tests -m slow -o addopts=""

bench: install
	$(BIN)/python benchmarks/extract_speed.py
	$(BIN)/python benchmarks/build_speed.py

pdf: install system
	$(BIN)/python -m analysis pdf

strip: install
	$(BIN)/python -m analysis notebooks strip notebooks/*.ipynb

# JupyterLab on the project root, kernels started in the project root, templates stripped on save, as a
# user or as root (jupyter_server_config.py); extra arguments with ARGS, e.g. make lab ARGS="--port 8890".
lab: install
	$(BIN)/jupyter lab --config=$(CURDIR)/jupyter_server_config.py $(ARGS)

clean:
	rm -rf build book/_build book/_data .pytest_cache .ruff_cache
