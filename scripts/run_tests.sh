#!/usr/bin/env bash
# Run the test tiers (all by default, or those named: unit qgis e2e) with the .venv's pytest.
# Every tier runs even when an earlier one fails; the exit code says whether all passed.
# pytest's exit code 5 ("no tests collected") counts as success for a tier that is still empty,
# except with REMIX_REQUIRE_TESTS=1 (set by .ci/run, so CI really runs tests).
#   --newest-ltr   then run the same tiers again on the newest QGIS LTR, in the Debian chroot of
#                  scripts/qgis_chroot.sh (built on first use, then cached), and fail if either run fails
# Each run starts with a line naming its QGIS, GDAL and Python (scripts/runtime_banner.py).
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PY="${PY:-$ROOT/.venv/bin/python}"
# pyproj looks for PROJ's data under sys.prefix, which in a venv is the venv, not /usr: point it
# at the distribution's (geopandas >= 1 then raises instead of warning).
if [ -z "${PROJ_DATA:-}" ] && [ -f /usr/share/proj/proj.db ]; then export PROJ_DATA=/usr/share/proj; fi
NEWEST_LTR=0
if [ "${1:-}" = "--newest-ltr" ]; then NEWEST_LTR=1; shift; fi
TIERS=("$@")
[ "${#TIERS[@]}" -eq 0 ] && TIERS=(unit qgis e2e)
EXTRA=(${PYTEST_ARGS:-})
TIER_TIMEOUT="${TIER_TIMEOUT:-1800}"  # seconds; a hung tier is killed and reported, the others still run

failed=()
failed_tests=()
# Each tier's output is also kept, so the last lines printed name the failing tests (CI shows
# only the end of the output).
TIER_LOG_DIR="$(mktemp -d)"
trap 'rm -rf "$TIER_LOG_DIR"' EXIT
run_tier() {
  local name="$1"; shift
  echo "================ tier: $name ================"
  timeout --kill-after=30 "$TIER_TIMEOUT" "$@" 2>&1 | tee "$TIER_LOG_DIR/$name.log"
  local rc=${PIPESTATUS[0]}
  while IFS= read -r line; do failed_tests+=("[$name] $line"); done \
    < <(grep -E '^(FAILED|ERROR) ' "$TIER_LOG_DIR/$name.log" | cut -c1-300)
  [ "$rc" -eq 124 ] && echo "(tier $name: killed after ${TIER_TIMEOUT} s)"
  if [ "$rc" -eq 5 ] && [ "${REMIX_REQUIRE_TESTS:-0}" != 1 ]; then
    echo "(tier $name: no tests collected)"
    rc=0
  fi
  [ "$rc" -ne 0 ] && failed+=("$name (exit $rc)")
  return 0
}

echo "================ $("$PY" scripts/runtime_banner.py 2>&1) ================"
for tier in "${TIERS[@]}"; do
  case "$tier" in
    unit) run_tier unit "$PY" -m pytest -p no:pytest_qgis -p no:cacheprovider "${EXTRA[@]}" tests/unit ;;
    qgis) run_tier qgis env QT_QPA_PLATFORM=offscreen "$PY" -m pytest -p no:cacheprovider "${EXTRA[@]}" tests/qgis ;;
    e2e)  run_tier "e2e+package" "$PY" -m pytest -p no:pytest_qgis -p no:cacheprovider "${EXTRA[@]}" \
            tests/e2e tests/package ;;
    *) echo "unknown tier: $tier (unit, qgis, e2e)" >&2; exit 2 ;;
  esac
done

if [ "$NEWEST_LTR" -eq 1 ]; then
  started=$(date +%s)
  bash "$ROOT/scripts/qgis_chroot.sh" run bash scripts/run_tests.sh "${TIERS[@]}" 2>&1 \
    | tee "$TIER_LOG_DIR/newest-ltr.log"
  rc=${PIPESTATUS[0]}
  while IFS= read -r line; do failed_tests+=("[newest LTR] $line"); done \
    < <(grep -E '^\[[^]]+\] (FAILED|ERROR) ' "$TIER_LOG_DIR/newest-ltr.log")
  echo "(newest LTR run: $(( $(date +%s) - started )) s, build included when not cached)"
  [ "$rc" -ne 0 ] && failed+=("newest LTR in chroot (exit $rc)")
fi

if [ "${#failed[@]}" -gt 0 ]; then
  [ "${#failed_tests[@]}" -gt 0 ] && printf '%s\n' "failing tests:" "${failed_tests[@]}"
  echo "FAILED tiers: ${failed[*]}"
  exit 1
fi
echo "all tiers passed: ${TIERS[*]}"
