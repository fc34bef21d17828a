# RE.MIX QGIS plugin — developer entry points. `make test` and `make demo` set up a fresh
# Debian/Ubuntu machine themselves (scripts/setup.sh: apt packages + .venv).
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

VENV      := .venv
PY        := $(VENV)/bin/python
SYS_PY    := /usr/bin/python3
STAMP     := $(VENV)/.remix-setup-stamp
PYTEST    := $(PY) -m pytest
ZIP       := dist/remix_plugin.zip
QM        := $(patsubst %.ts,%.qm,$(wildcard remix_plugin/i18n/*.ts))
PKG_SRC   := $(shell find remix_plugin -type f ! -path '*/__pycache__/*' ! -name '*.pyc' ! -name '*.qm') metadata.txt LICENSE

.PHONY: help setup test test-unit test-qgis test-e2e test-host test-newest-ltr qgis-chroot lint package translations translations-update \
        translations-check web-assets deploy demo bench clean

help:
	@echo "make test          set up (apt + .venv) and run every test tier: unit, qgis, e2e + package,"
	@echo "                   on the host's QGIS and on the newest LTR in a cached Debian chroot"
	@echo "make test-host     every tier on the host's QGIS only (test-newest-ltr: in the chroot only)"
	@echo "make demo          demo GeoPackage from the seed, validation, regional bundle + check, atlas PDF,"
	@echo "                   web atlas, funding matches, networks of projects and priority scores,"
	@echo "                   then QGIS under Xvfb with the plugin and the demo open: everything in out/"
	@echo "make demo-central  throw-away PostgreSQL: db init, comune logins, bundles in and out, offline check-in: out/central/"
	@echo "make package       dist/remix_plugin.zip (Plugins > Manage and Install Plugins > Install from ZIP)"
	@echo "make deploy        install the zip into a QGIS profile (PROFILE_DIR=... or QGIS_PROFILE=name)"
	@echo "make bench         start-up time of the plugin in the real QGIS desktop (target < 30 ms)"
	@echo "make lint          ruff check + Qt6 readiness (scripts/qt6_check.py, names resolved in PyQt6)"
	@echo "make web-assets    copy the pinned MapLibre (npm registry) into remix_plugin/web/vendor/"
	@echo "make translations  compile remix_plugin/i18n/*.ts into .qm (translations-update: refresh .ts)"
	@echo "make clean         remove build outputs and caches (keeps .venv)"

setup: $(STAMP)

$(STAMP): scripts/setup.sh
	bash scripts/setup.sh

# The host's QGIS (3.22 on Debian 12), then the newest LTR in scripts/qgis_chroot.sh's chroot.
test: setup translations web-assets
	bash scripts/run_tests.sh --newest-ltr unit qgis e2e

test-host: setup translations web-assets
	bash scripts/run_tests.sh unit qgis e2e
test-newest-ltr: setup translations web-assets
	bash scripts/qgis_chroot.sh run bash scripts/run_tests.sh unit qgis e2e
qgis-chroot: setup
	bash scripts/qgis_chroot.sh build

test-unit: setup web-assets
	bash scripts/run_tests.sh unit
test-qgis: setup translations web-assets
	bash scripts/run_tests.sh qgis
test-e2e: setup translations web-assets
	bash scripts/run_tests.sh e2e

lint: setup
	$(PY) -m ruff check .
	$(SYS_PY) scripts/qt6_check.py

translations: $(QM)

remix_plugin/i18n/%.qm: remix_plugin/i18n/%.ts | $(STAMP)
	$(SYS_PY) scripts/translations.py release

translations-update:
	$(SYS_PY) scripts/translations.py update

translations-check:
	$(SYS_PY) scripts/translations.py check

# MapLibre GL JS for the web atlas, pinned in web/package-lock.json, copied from the npm registry
# into remix_plugin/web/vendor/ (generated, not in git; goes into the zip).
WEB_STAMP := remix_plugin/web/vendor/VERSION.json
web-assets: $(WEB_STAMP)

$(WEB_STAMP): web/package.json web/package-lock.json scripts/build_web_assets.py | $(STAMP)
	$(SYS_PY) scripts/build_web_assets.py

package: $(ZIP)

$(ZIP): $(QM) $(WEB_STAMP) $(PKG_SRC) scripts/build_package.py
	$(SYS_PY) scripts/build_package.py --no-translations

deploy: package
	$(SYS_PY) scripts/deploy.py --zip $(ZIP)

demo: setup package
	$(SYS_PY) scripts/demo_pipeline.py
	$(SYS_PY) scripts/demo.py

.PHONY: demo-central
demo-central: setup
	$(SYS_PY) scripts/demo_central.py

bench: setup package
	@rc=0; for b in benchmarks/*.py; do echo "=== $$b ==="; $(SYS_PY) $$b || rc=1; done; exit $$rc

clean:
	rm -rf dist build out tests/artifacts .pytest_cache .ruff_cache .hypothesis .qgis-settings
	rm -f remix_plugin/i18n/*.qm
	find . -path ./.venv -prune -o -name __pycache__ -type d -print0 | xargs -0 rm -rf
