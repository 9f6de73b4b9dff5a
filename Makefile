# `make run` and `make test` set everything up on a fresh machine, then run.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
CHROMIUM ?= /usr/bin/chromium
PORT   ?= 8501

.PHONY: run test lint format bench sample chromium clean catalogs

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# The translations the program reads, compiled from the catalogs translators edit.
PO := $(wildcard scheduler/locale/*/LC_MESSAGES/*.po)
MO := $(VENV)/.catalogs
$(MO): $(PO) $(STAMP)
	$(PY) -m scheduler.i18n.catalogs compile >/dev/null
	touch $(MO)

# After changing messages in the code: new messages into every catalog, gone ones out.
catalogs: $(STAMP)
	$(PY) -m scheduler.i18n.catalogs update
	$(PY) -m scheduler.i18n.catalogs compile >/dev/null

# Debian's Chromium for the browser test (test tools cannot download their own browser).
# apt waits up to 10 minutes for another install's lock instead of failing.
chromium:
	@if [ ! -x "$(CHROMIUM)" ]; then \
		echo "installing Debian's chromium for the browser test"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get -o DPkg::Lock::Timeout=600 update -q && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -q chromium; \
	fi

# The first start makes the sample plan (data/, built-in demand, optimised) in the plan
# database ($$SEKASIN_DB or ~/.local/share/sekasin-scheduler/plans.sqlite); later starts
# reopen it. Nothing is sent anywhere (usage statistics off).
# Headless: Streamlit neither asks for an e-mail address nor opens a browser; open the
# address it prints (http://localhost:$(PORT)).
run: $(STAMP) $(MO)
	$(PY) -m scheduler.ui.seed
	$(VENV)/bin/streamlit run app.py --server.port $(PORT) --server.headless true \
		--browser.gatherUsageStats false

test: $(STAMP) $(MO) chromium
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m pytest -q

lint: $(STAMP)
	$(PY) -m ruff check .

format: $(STAMP)
	$(PY) -m ruff format .

sample: $(STAMP)
	$(PY) data/make_sample.py

bench: $(STAMP)
	$(PY) benchmarks/run_all.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
