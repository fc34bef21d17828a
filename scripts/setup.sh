#!/usr/bin/env bash
# Prepare a fresh Debian/Ubuntu machine for `make test`, `make demo`, `make bench`:
#   1. system packages (QGIS, GDAL, Xvfb, Qt linguist tools, ...) from apt, only when missing;
#   2. a virtualenv at .venv over the system Python (so it sees QGIS's python3-qgis) with the
#      test tools pinned below. A stamp file avoids reinstalling on every run.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${VENV:-$ROOT/.venv}"
SYSTEM_PYTHON=/usr/bin/python3

# Also installed into the newest-LTR chroot (scripts/qgis_chroot.sh sources these lists).
# python3-pyqt6: scripts/qt6_check.py resolves the plugin's Qt names in PyQt6 (QGIS 4 readiness).
APT_PACKAGES=(qgis python3-qgis qgis-providers python3-geopandas python3-fiona gdal-bin
              python3-gdal xvfb xauth qttools5-dev-tools poppler-utils python3-venv sqlite3
              python3-pyqt6 qttranslations5-l10n chromium)
# qttranslations5-l10n: Qt's own Italian (OK/Annulla, Sì/No in QGIS's dialogs), as QGIS installers ship it.
# chromium: the web atlas's tests open it headless (tests/e2e/web_chromium.py, DevTools protocol).
# Host only: debootstrap builds that chroot; PostgreSQL + PostGIS for the central database's
# throw-away test cluster (scripts/pg_cluster.sh; never the machine's default cluster) and
# psycopg2 for the headless `db` commands.
# nodejs + npm: scripts/build_web_assets.py copies the pinned MapLibre from the npm registry into the plugin.
# qgis-server: qgis_mapserver and qgis_mapserv.fcgi serve the prepared project in tests/e2e/test_qgis_server.py.
HOST_APT_PACKAGES=(debootstrap postgresql python3-psycopg2 nodejs npm qgis-server)

# Pinned for Python 3.11 + QGIS 3.22 (pytest-qgis 5 supports QGIS >= 3.10, Python >= 3.10), and
# also installed into the newest-LTR chroot (Python 3.14, QGIS 3.44) by scripts/qgis_chroot.sh.
PIP_PACKAGES=(
  "pytest==8.4.2"
  "pytest-qgis==5.0.2"
  "ruff==0.14.14"
  "bandit==1.9.4"  # 1.8.x cannot parse Python 3.14 (the newest-LTR chroot's); same findings on 3.11
  "hypothesis==6.140.0"
  "pytest-timeout==2.4.0"
)

# Sourced (by scripts/qgis_chroot.sh): the lists above only.
if [ "${BASH_SOURCE[0]}" != "$0" ]; then return 0; fi

log() { printf '[setup] %s\n' "$*"; }

# ---------------------------------------------------------------- system packages
if [ -r /etc/os-release ]; then . /etc/os-release; fi
case " ${ID:-} ${ID_LIKE:-} " in
  *" debian "*|*" ubuntu "*) ;;
  *)
    cat >&2 <<MSG
[setup] This script installs system packages with apt on Debian/Ubuntu only (found: ${PRETTY_NAME:-unknown OS}).
[setup] Install these yourself (names of the Debian packages):
[setup]   ${APT_PACKAGES[*]} ${HOST_APT_PACKAGES[*]}
[setup]   i.e. QGIS >= 3.22 with its Python bindings, GDAL, Xvfb + xauth, Qt5 lrelease, pdftoppm, python3-venv, sqlite3
[setup] then run: make test
MSG
    exit 1 ;;
esac

# A tool already on PATH from another source counts (e.g. NodeSource's nodejs, which bundles npm
# and conflicts with Debian's npm package).
provided_by_path() {
  case "$1" in
    nodejs) command -v node >/dev/null ;;
    npm) command -v npm >/dev/null ;;
    *) return 1 ;;
  esac
}

missing=()
for pkg in "${APT_PACKAGES[@]}" "${HOST_APT_PACKAGES[@]}"; do
  provided_by_path "$pkg" && continue
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done
if [ "${#missing[@]}" -gt 0 ]; then
  log "installing from apt: ${missing[*]}"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "[setup] need root or sudo to install: ${missing[*]}" >&2; exit 1; }
    SUDO="sudo"
  fi
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends "${missing[@]}"
else
  log "system packages present"
fi
# PostGIS is packaged per PostgreSQL major version (postgresql-15-postgis-3 on Debian 12).
PG_MAJOR="$(ls /usr/lib/postgresql 2>/dev/null | sort -n | tail -1)"
if [ -n "$PG_MAJOR" ] && ! dpkg-query -W -f='${Status}' "postgresql-$PG_MAJOR-postgis-3" 2>/dev/null | grep -q "install ok installed"; then
  log "installing from apt: postgresql-$PG_MAJOR-postgis-3"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends "postgresql-$PG_MAJOR-postgis-3" \
    || { $SUDO apt-get update && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends "postgresql-$PG_MAJOR-postgis-3"; }
fi

# ---------------------------------------------------------------- virtualenv
if [ ! -x "$VENV/bin/python" ]; then
  log "creating $VENV (with system site packages, for QGIS's python3-qgis)"
  "$SYSTEM_PYTHON" -m venv --system-site-packages "$VENV"
fi

STAMP="$VENV/.remix-setup-stamp"
WANT="$(printf '%s\n' "${PIP_PACKAGES[@]}")"
if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$WANT" ]; then
  log "venv tools up to date"
else
  log "installing into venv: ${PIP_PACKAGES[*]}"
  # --upgrade-strategy only-if-needed: never replace Debian's numpy/pandas stack (see FACTS.md).
  "$VENV/bin/python" -m pip install --quiet --upgrade-strategy only-if-needed "${PIP_PACKAGES[@]}"
  "$VENV/bin/python" - <<'PY'
import numpy, qgis.core  # the distribution's stack must still be the one in use
assert numpy.__file__.startswith("/usr/lib/python3/"), numpy.__file__
PY
  printf '%s' "$WANT" > "$STAMP"
fi
touch "$STAMP"
log "ready: $VENV"
