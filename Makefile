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
# Another install running (apt, dpkg, unattended upgrades) holds apt's locks: each apt-get
# is tried again every 5 s for up to 10 minutes while its error is a lock that is held.
# (DPkg::Lock::Timeout alone waits for dpkg's locks only: `apt-get update` and the
# download cache's lock fail at once.)
APT_RETRIES ?= 120
chromium:
	@if [ ! -x "$(CHROMIUM)" ]; then \
		echo "installing Debian's chromium for the browser test"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		apt_get() { \
			try=1; \
			while :; do \
				out=$$($$SUDO env LC_ALL=C DEBIAN_FRONTEND=noninteractive apt-get \
					-o DPkg::Lock::Timeout=600 "$$@" 2>&1) && { echo "$$out"; return 0; }; \
				if ! echo "$$out" | grep -q "Could not get lock" || [ $$try -ge $(APT_RETRIES) ]; then \
					echo "$$out" >&2; return 1; \
				fi; \
				echo "apt-get $$1: another install holds the package lock; waiting ($$try)" >&2; \
				try=$$((try + 1)); sleep 5; \
			done; \
		}; \
		apt_get update -q && apt_get install -y -q chromium; \
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
	$(PY) -m mypy
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
