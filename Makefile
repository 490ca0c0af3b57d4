# Two entry points: `make run` (set up, extract the sample corpus) and `make test`.
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test setup sysdeps clean

$(BIN)/python:
	$(PY) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml constraints.txt
	$(BIN)/pip install -q -c constraints.txt setuptools -e '.[test]'
	touch $(STAMP)

# OCR (tesseract + Vietnamese data), PostgreSQL and Chromium (the review workbench's browser tests)
# come from Debian.
sysdeps:
	@if ! (command -v tesseract >/dev/null && tesseract --list-langs 2>/dev/null | grep -qx vie \
	      && ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && test -x /usr/bin/chromium); then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	      tesseract-ocr tesseract-ocr-vie postgresql chromium >/dev/null; \
	  else echo "note: tesseract-ocr-vie/postgresql/chromium missing and not installable; OCR, PostgreSQL and browser tests skip"; fi; \
	fi

setup: sysdeps $(STAMP)

# Exit 1 only means some inputs were set aside (corpora/bad/ holds them on purpose).
run: setup
	$(BIN)/findings extract corpora --out outputs/sample; rc=$$?; [ $$rc -le 1 ] || exit $$rc
	@echo "outputs: outputs/sample/ (one JSON per document, manifest.json)"

test: setup
	$(BIN)/python -m pytest -q

clean:
	rm -rf $(VENV) outputs/sample
