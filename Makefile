# The course's commands. `make lab` opens the course, `make test` runs every test.
# Both create the virtual environment .venv on first use, so a fresh clone needs only
# Python 3.11+ and make.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
KERNEL := crm-course
STAMP  := $(VENV)/.installed
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)
PYTEST_ARGS ?=

.PHONY: lab test test-fast test-deep bench execute exercises browser-deps clean help

help:
	@echo "make lab        open JupyterLab on the course"
	@echo "make test       run every test (unit, property, published values, notebooks, browser)"
	@echo "make test-fast  the same without the browser test"
	@echo "make test-deep  the property tests with 25 times the examples, from random seeds"
	@echo "make exercises  regenerate exercises/ from solutions/"
	@echo "make execute    re-execute lecture and solution notebooks in place"
	@echo "make bench      benchmarks (notebook run times, model speed against other libraries)"

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	$(BIN)/python -m ipykernel install --sys-prefix --name $(KERNEL) --display-name "Python 3 (CRM course)"
	touch $(STAMP)

# JupyterLab serves the whole course (notebooks, exercises, solutions, datasets) and opens on
# the course index, whose first link is chapter 00. LAB_ARGS is what tests/test_lab.py starts.
LAB_ARGS := --ServerApp.root_dir="$(CURDIR)" notebooks/index.ipynb

lab: $(STAMP)
	$(BIN)/jupyter lab $(ROOT_FLAG) $(LAB_ARGS)

test: $(STAMP) browser-deps
	$(BIN)/python -m pytest -n 2 --dist loadfile $(PYTEST_ARGS)

test-fast: $(STAMP)
	$(BIN)/python -m pytest -n 2 --dist loadfile -m "not browser" $(PYTEST_ARGS)

# The property tests (Hypothesis) run derandomised in `make test`, so CI explores the same
# examples on every machine; `make test-deep` searches 25 times as far from fresh random seeds
# (tests/properties.py). Run it before committing a change to a helper.
PROPERTY_TESTS = $(shell grep -l '@given' tests/test_*.py)

test-deep: $(STAMP)
	CRM_HYPOTHESIS=deep $(BIN)/python -m pytest -n 2 -o addopts=-ra -p no:nbval $(PROPERTY_TESTS) $(PYTEST_ARGS)

exercises: $(STAMP)
	$(BIN)/python tools/make_exercises.py

execute: $(STAMP)
	$(BIN)/python tools/execute_notebooks.py notebooks solutions

bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[bench]"
	$(BIN)/python benchmarks/run.py

# The browser test needs a Chromium: $$CRM_CHROMIUM, or Debian's /usr/bin/chromium, installed
# here with apt-get when missing (Playwright's own browser download does not work offline), with
# a small CJK font (WenQuanYi Micro Hei, 5 MB) so that screenshots show the Chinese terms.
# Without apt-get (macOS, other Linux) it says what to do; `make test-fast` skips the browser.
browser-deps: $(STAMP)
	@if [ -n "$$CRM_CHROMIUM" ] && [ -x "$$CRM_CHROMIUM" ]; then :; \
	elif [ -x /usr/bin/chromium ]; then :; \
	elif command -v apt-get >/dev/null 2>&1; then \
	  echo "Installing Chromium for the browser test (apt-get)"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && \
	  $$SUDO apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null; \
	else \
	  echo "The browser test needs Chromium: install Chromium or Chrome and set"; \
	  echo "CRM_CHROMIUM=/path/to/the/browser, or run 'make test-fast' (every other test)."; \
	  exit 1; \
	fi

clean:
	rm -rf $(VENV) .pytest_cache build *.egg-info
