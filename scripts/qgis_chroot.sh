#!/usr/bin/env bash
# The newest QGIS LTR for the test suite: a Debian chroot (sid, December 2026: QGIS 3.44.15,
# GDAL 3.13, Python 3.14, shapely 2, geopandas 1.2) built from Debian's own packages with
# debootstrap, with a venv holding the same pinned test tools as the host's .venv
# (scripts/setup.sh PIP_PACKAGES).
#
#   scripts/qgis_chroot.sh build          build the chroot unless the cached one is current
#   scripts/qgis_chroot.sh run CMD ARG..  run CMD inside it, in the repository, as on the host
#   scripts/qgis_chroot.sh path           print the chroot's folder (key: its cache key;
#                                         packages: what goes into it)
#
# The chroot is cached at a machine-level path outside the repository (CI clones the repository
# fresh into another folder on the same machine): $REMIX_CHROOT_CACHE, by default
# /var/cache/remix-qgis-chroot/<suite>. A key of the suite, mirror and package lists is stored in
# it; a different key rebuilds, and so does age (sid moves on: REMIX_CHROOT_MAX_AGE_DAYS, 30 by
# default). The build goes into a temporary sibling folder that replaces the cached one only once
# complete, so an interrupted build is never used.
# `run` works in a private mount namespace (unshare): the bind mounts of /proc, /sys, /dev and the
# repository disappear with it even if the process is killed, and the trap unmounts them too.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SELF="$ROOT/scripts/qgis_chroot.sh"
ORIGINAL_ARGS=("$@")
SUITE="${REMIX_CHROOT_SUITE:-sid}"
MIRROR="${REMIX_CHROOT_MIRROR:-http://deb.debian.org/debian}"
CACHE_DIR="${REMIX_CHROOT_CACHE:-/var/cache/remix-qgis-chroot}"
CHROOT="$CACHE_DIR/$SUITE"
VENV_IN_CHROOT=/opt/remix-venv
KEY_FILE=.remix-chroot-key
LOCK_FILE="$CACHE_DIR/.lock"
MAX_AGE_DAYS="${REMIX_CHROOT_MAX_AGE_DAYS:-30}"

# The host's package lists (APT_PACKAGES, PIP_PACKAGES): one source of truth for both QGIS runs.
# shellcheck source=setup.sh
source "$ROOT/scripts/setup.sh"
# What the chroot needs on top: pip for the venv, certificates for PyPI, a font QGIS renders with.
# dbus-x11: chromium needs a D-Bus session bus (dconf-service), an alternative debootstrap does not resolve itself
CHROOT_EXTRA_PACKAGES=(python3-pip ca-certificates fonts-dejavu-core dbus-x11)
CHROOT_PACKAGES=("${APT_PACKAGES[@]}" "${CHROOT_EXTRA_PACKAGES[@]}")

log() { printf '[qgis-chroot] %s\n' "$*" >&2; }

cache_key() {
  # Bump the trailing version when the way the chroot is prepared changes.
  printf '%s\n' "suite=$SUITE" "mirror=$MIRROR" "apt=${CHROOT_PACKAGES[*]}" \
    "pip=${PIP_PACKAGES[*]}" "venv=$VENV_IN_CHROOT" "recipe=1" | sha256sum | cut -d' ' -f1
}

is_current() {
  [ -f "$CHROOT/$KEY_FILE" ] && [ "$(cat "$CHROOT/$KEY_FILE")" = "$(cache_key)" ] \
    && [ -x "$CHROOT$VENV_IN_CHROOT/bin/python" ] \
    && [ -z "$(find "$CHROOT/$KEY_FILE" -mtime "+$MAX_AGE_DAYS")" ]
}

# debootstrap, chroot and mounts need root: re-run through sudo when not root (the tests then
# run inside as the calling user, so files they write in the repository stay that user's).
need_root() {
  [ "$(id -u)" -eq 0 ] && return 0
  if command -v sudo >/dev/null; then
    exec sudo --preserve-env=REMIX_REQUIRE_TESTS,PYTEST_ARGS,TIER_TIMEOUT,REMIX_CHROOT_CACHE,REMIX_CHROOT_SUITE,REMIX_CHROOT_MIRROR,REMIX_CHROOT_MAX_AGE_DAYS \
      bash "$SELF" "${ORIGINAL_ARGS[@]}"
  fi
  echo "[qgis-chroot] debootstrap, chroot and bind mounts need root or sudo" >&2
  exit 1
}

# Remove a folder left by an interrupted build without crossing into anything still mounted in it.
remove_tree() {
  local dir="$1"
  [ -d "$dir" ] || return 0
  if findmnt -rn -o TARGET | grep -q -F "$dir/"; then
    log "not removing $dir: something is still mounted inside it"
    return 1
  fi
  rm -rf --one-file-system "$dir"
}

# Populate a new chroot folder: debootstrap, then the venv with the pinned test tools.
populate() {
  local target="$1"
  local include
  include="$(IFS=,; echo "${CHROOT_PACKAGES[*]}")"
  log "debootstrap $SUITE from $MIRROR into $target (a few minutes)"
  # debootstrap mounts /proc and /sys in the target itself: in a private namespace those mounts
  # cannot outlive an interrupted build.
  unshare --mount --propagation private -- \
    debootstrap --variant=minbase --include="$include" "$SUITE" "$target" "$MIRROR"
  finish "$target"
}

# Name resolution and the host's certificate authorities (a machine behind a TLS-inspecting
# proxy trusts its CA only there) for pip, then the venv with the pinned test tools.
finish() {
  local target="$1"
  cp /etc/resolv.conf "$target/etc/resolv.conf"
  local host_ca="${PIP_CERT:-/etc/ssl/certs/ca-certificates.crt}"
  cp "$host_ca" "$target/etc/ssl/certs/remix-host-ca-bundle.crt"
  log "venv $VENV_IN_CHROOT with: ${PIP_PACKAGES[*]}"
  unshare --mount --propagation private -- bash -c '
    set -euo pipefail
    target="$1"; venv="$2"; shift 2
    mount -t proc proc "$target/proc"
    chroot "$target" /usr/bin/python3 -m venv --system-site-packages "$venv"
    # only-if-needed: keep the distribution'"'"'s numpy/pandas/shapely stack (see FACTS.md)
    chroot "$target" env -i PATH=/usr/bin:/bin HOME=/root PIP_DISABLE_PIP_VERSION_CHECK=1 \
      PIP_CERT=/etc/ssl/certs/remix-host-ca-bundle.crt \
      "$venv/bin/python" -m pip install --quiet --no-cache-dir \
      --upgrade-strategy only-if-needed "$@"
    chroot "$target" "$venv/bin/python" -c "import numpy, qgis.core, pytest; assert numpy.__file__.startswith(\"/usr/lib/python3/\"), numpy.__file__"
    umount "$target/proc"
  ' populate "$target" "$VENV_IN_CHROOT" "${PIP_PACKAGES[@]}"
  cache_key > "$target/$KEY_FILE"
}

build() {
  need_root
  command -v debootstrap >/dev/null || { echo "[qgis-chroot] debootstrap missing: run scripts/setup.sh" >&2; exit 1; }
  mkdir -p "$CACHE_DIR"
  exec 9>"$LOCK_FILE"
  flock -x 9
  if is_current; then
    log "cached chroot is current: $CHROOT"
    return 0
  fi
  local stale
  for stale in "$CACHE_DIR/$SUITE".build.* "$CACHE_DIR/$SUITE".old.*; do
    [ -e "$stale" ] && remove_tree "$stale"
  done
  local started new
  started=$(date +%s)
  new="$(mktemp -d "$CACHE_DIR/$SUITE.build.XXXXXX")"
  chmod 755 "$new"
  populate "$new"
  # Swap in the complete chroot: two renames, never a partly built folder at $CHROOT.
  if [ -e "$CHROOT" ]; then
    local old="$CACHE_DIR/$SUITE.old.$$"
    mv "$CHROOT" "$old"
    mv "$new" "$CHROOT"
    remove_tree "$old"
  else
    mv "$new" "$CHROOT"
  fi
  log "built $CHROOT in $(( $(date +%s) - started )) s"
}

# Inside the private mount namespace: mount, chroot, run, unmount (also on a signal).
MOUNTS=()
unmount_all() {
  local i
  for (( i=${#MOUNTS[@]}-1; i>=0; i-- )); do
    umount -l "${MOUNTS[$i]}" || log "could not unmount ${MOUNTS[$i]}"
  done
  MOUNTS=()
}
mount_in_chroot() {  # mount_in_chroot TARGET-inside-chroot MOUNT-ARGS...
  local target="$CHROOT$1"; shift
  mkdir -p "$target"
  mount "$@" "$target"
  MOUNTS+=("$target")
}
inside() {
  trap unmount_all EXIT
  trap 'exit 130' INT TERM
  mount_in_chroot /proc -t proc proc
  mount_in_chroot /sys --bind /sys
  mount_in_chroot /dev --bind /dev
  mount_in_chroot /dev/pts --bind /dev/pts
  # Private /dev/shm and /tmp: runs from several checkouts never share scratch files, and the
  # cached chroot stays as built.
  mount_in_chroot /dev/shm -t tmpfs -o mode=1777 tmpfs
  mount_in_chroot /tmp -t tmpfs -o mode=1777 tmpfs
  # The repository at the same path as on the host, so paths in test output read the same.
  mount_in_chroot "$ROOT" --bind "$ROOT"
  local user=()
  if [ -n "${SUDO_UID:-}" ] && [ "${SUDO_UID}" != 0 ]; then user=(--userspec="$SUDO_UID:$SUDO_GID"); fi
  local rc=0
  chroot "${user[@]}" "$CHROOT" /usr/bin/env -i \
    PATH="$VENV_IN_CHROOT/bin:/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin" \
    HOME=/tmp/home LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM="${TERM:-dumb}" \
    PY="$VENV_IN_CHROOT/bin/python" REMIX_QGIS_RUNTIME="chroot:$SUITE" \
    REMIX_REQUIRE_TESTS="${REMIX_REQUIRE_TESTS:-0}" PYTEST_ARGS="${PYTEST_ARGS:-}" \
    TIER_TIMEOUT="${TIER_TIMEOUT:-1800}" \
    /bin/bash -c 'mkdir -p "$HOME" && cd "$1" && shift && exec "$@"' run "$ROOT" "$@" || rc=$?
  return "$rc"
}

run() {
  need_root
  [ "$#" -gt 0 ] || { echo "usage: $0 run CMD [ARG...]" >&2; exit 2; }
  is_current || build
  mkdir -p "$CACHE_DIR"
  exec 9>"$LOCK_FILE"
  flock -s 9  # a rebuild (exclusive lock) waits until running suites are done
  unshare --mount --propagation private -- bash "$SELF" _inside "$@"
}

main() {
  case "${1:-}" in
    build) build ;;
    run) shift; run "$@" ;;
    _inside) shift; inside "$@" ;;
    path) echo "$CHROOT" ;;
    key) cache_key ;;
    packages) printf 'apt %s\n' "${CHROOT_PACKAGES[@]}"; printf 'pip %s\n' "${PIP_PACKAGES[@]}" ;;
    *) echo "usage: $0 build | run CMD [ARG...] | path | key | packages" >&2; exit 2 ;;
  esac
}
# One line, so that bash never reads on into a copy of this file edited during a long run.
main "$@"; exit $?
