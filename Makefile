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

.PHONY: lab test test-fast test-deep bench execute exercises browser-deps site-deps site slides \
	pdf hub-deps links clean help translations

help:
	@echo "make lab        open JupyterLab on the course"
	@echo "make test       run every test (unit, property, published values, notebooks, browser)"
	@echo "make test-fast  the same without the browser test"
	@echo "make test-deep  the property tests with 25 times the examples, from random seeds"
	@echo "make exercises  regenerate exercises/ from solutions/"
	@echo "make execute    re-execute lecture and solution notebooks in place (both editions)"
	@echo "make translations  update the Chinese catalogs and build the Chinese notebooks"
	@echo "make bench      benchmarks (notebook run times, model speed, a class on a local JupyterHub)"
	@echo "make links      nbgitpuller links for every lecture and exercise (HUB=https://your.hub)"
	@echo "make site       the course website in build/site/ (every language present; offline)"
	@echo "make slides     every lecture as a reveal.js slide deck in build/slides/"
	@echo "make pdf        the whole course as one PDF per language in build/pdf/"

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test,hub,instructor]"
	$(BIN)/python deploy/setup_environment.py --course-folder ""
	$(NBGRADER_UI_OFF)
	touch $(STAMP)

# The instructor extra (nbgrader) is installed for the grading tests (tests/test_grading.py);
# its JupyterLab panels stay off here, so that `make lab` and the browser and hub tests serve
# the course as students see it (README, "Grading a class", says how to switch them on).
NBGRADER_EXTENSIONS := formgrader assignment_list course_list validate_assignment
NBGRADER_UI_OFF = for e in $(NBGRADER_EXTENSIONS); do \
	  $(BIN)/jupyter server extension disable --sys-prefix nbgrader.server_extensions.$$e >/dev/null 2>&1 || exit 1; \
	done; $(BIN)/jupyter labextension disable --level=sys_prefix @jupyter/nbgrader >/dev/null 2>&1

# JupyterLab serves the whole course (notebooks, exercises, solutions, datasets) and opens on
# the course index, whose first link is chapter 00. LAB_ARGS is what tests/test_lab.py starts.
LAB_ARGS := --ServerApp.root_dir="$(CURDIR)" notebooks/index.ipynb

lab: $(STAMP)
	$(BIN)/jupyter lab $(ROOT_FLAG) $(LAB_ARGS)

test: $(STAMP) browser-deps site-deps hub-deps
	$(BIN)/python -m pytest -n 2 --dist loadfile $(PYTEST_ARGS)

test-fast: $(STAMP) site-deps
	$(BIN)/python -m pytest -n 2 --dist loadfile -m "not browser and not hub" $(PYTEST_ARGS)

# The property tests (Hypothesis) run derandomised in `make test`, so CI explores the same
# examples on every machine; `make test-deep` searches 25 times as far from fresh random seeds
# (tests/properties.py). Run it before committing a change to a helper.
PROPERTY_TESTS = $(shell grep -l '@given' tests/test_*.py)

test-deep: $(STAMP)
	CRM_HYPOTHESIS=deep $(BIN)/python -m pytest -n 2 -o addopts=-ra -p no:nbval $(PROPERTY_TESTS) $(PYTEST_ARGS)

exercises: $(STAMP)
	$(BIN)/python tools/make_exercises.py

execute: $(STAMP)
	$(BIN)/python tools/execute_notebooks.py notebooks solutions notebooks/zh solutions/zh

# The Chinese edition: catalogs in step with the English notebooks, then the Chinese notebooks
# and exercises built from them (tools/translate.py); `make execute` then runs them.
translations: $(STAMP)
	$(BIN)/python tools/translate.py update
	$(BIN)/python tools/translate.py build
	$(BIN)/python tools/make_exercises.py

bench: $(STAMP) hub-deps
	$(BIN)/python -m pip install --quiet -e ".[bench]"
	$(BIN)/python benchmarks/run.py

# nbgitpuller links that open each lecture and exercise on your JupyterHub (deploy/course.toml
# names the hub and the repository; HUB=https://… overrides the hub). The site's launch
# buttons use the same links (tools/course_config.py).
links: $(STAMP)
	@$(BIN)/python tools/hub_links.py $(if $(HUB),--hub "$(HUB)",)

# The hub tests and the classroom benchmark run a local JupyterHub, whose proxy
# (configurable-http-proxy) comes from npm, at the version of tests/hub-proxy/package-lock.json,
# into build/hub-npm; JupyterHub and nbgitpuller come from the `hub` extra.
HUB_NPM_DIR   := build/hub-npm
HUB_NPM_STAMP := $(HUB_NPM_DIR)/.installed

$(HUB_NPM_STAMP): tests/hub-proxy/package.json tests/hub-proxy/package-lock.json
	@if ! command -v npm >/dev/null 2>&1; then \
	  if command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing Node.js and npm for the hub tests' proxy (apt-get)"; \
	    if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	    $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq nodejs npm >/dev/null; \
	  else echo "the hub tests need Node.js with npm (https://nodejs.org); make test-fast skips them"; exit 1; fi; \
	fi
	mkdir -p $(HUB_NPM_DIR)
	cp tests/hub-proxy/package.json tests/hub-proxy/package-lock.json $(HUB_NPM_DIR)/
	cd $(HUB_NPM_DIR) && npm ci --no-audit --no-fund --loglevel=error
	touch $(HUB_NPM_STAMP)

hub-deps: $(STAMP) $(HUB_NPM_STAMP)

# The browser tests need a Chromium: $$CRM_CHROMIUM, or Debian's /usr/bin/chromium, installed
# here with apt-get when missing (Playwright's own browser download does not work offline), with
# a small CJK font (WenQuanYi Micro Hei, 5 MB) so that screenshots and the PDF show the Chinese
# terms, and poppler's pdffonts, which checks that the course PDF embeds its fonts.
# Without apt-get (macOS, other Linux) it says what to do; `make test-fast` skips the browser.
browser-deps: $(STAMP)
	@missing=""; \
	if ! { [ -n "$$CRM_CHROMIUM" ] && [ -x "$$CRM_CHROMIUM" ]; } && [ ! -x /usr/bin/chromium ]; then \
	  missing="chromium fonts-wqy-microhei"; fi; \
	command -v pdffonts >/dev/null 2>&1 || missing="$$missing poppler-utils"; \
	if [ -z "$$missing" ]; then :; \
	elif command -v apt-get >/dev/null 2>&1; then \
	  echo "Installing$$missing for the browser tests (apt-get)"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && \
	  $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	else \
	  echo "The browser tests need Chromium and poppler's pdffonts: install Chromium or Chrome"; \
	  echo "and set CRM_CHROMIUM=/path/to/the/browser, install poppler (brew install poppler),"; \
	  echo "or run 'make test-fast' (every other test)."; \
	  exit 1; \
	fi

# The website, slides and PDF (tools/build_site.py, tools/slides.py, tools/pdf.py): Sphinx,
# myst-nb and the book theme from the `site` extra; MathJax and reveal.js from npm, at the
# versions of site/package-lock.json, into build/npm, from where the site and the decks serve
# them themselves. Nothing a reader opens loads from another host.
SITE_STAMP := $(VENV)/.site-installed
NPM_DIR    := build/npm
NPM_STAMP  := $(NPM_DIR)/.installed

$(SITE_STAMP): pyproject.toml $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[site]"
	touch $(SITE_STAMP)

$(NPM_STAMP): site/package.json site/package-lock.json
	@if ! command -v npm >/dev/null 2>&1; then \
	  if command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing Node.js and npm for the site's JavaScript (apt-get)"; \
	    if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	    $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq nodejs npm >/dev/null; \
	  else echo "make site/slides need Node.js with npm (https://nodejs.org)"; exit 1; fi; \
	fi
	mkdir -p $(NPM_DIR)
	cp site/package.json site/package-lock.json $(NPM_DIR)/
	cd $(NPM_DIR) && npm ci --no-audit --no-fund --loglevel=error
	touch $(NPM_STAMP)

site-deps: $(SITE_STAMP) $(NPM_STAMP)

site: site-deps
	$(BIN)/python tools/build_site.py

slides: site-deps
	$(BIN)/python tools/slides.py

pdf: site browser-deps
	$(BIN)/python tools/pdf.py

clean:
	rm -rf $(VENV) .pytest_cache build *.egg-info
