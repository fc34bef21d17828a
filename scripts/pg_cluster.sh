#!/usr/bin/env bash
# A throw-away PostgreSQL + PostGIS cluster for the tests and the demo: its own data directory,
# its own port on the loopback, started and stopped by the project. Never the machine's default
# cluster (no pg_ctlcluster, no port 5432, no /var/lib/postgresql).
#
#   scripts/pg_cluster.sh start [DIR]   initdb on first use, then start; prints the environment
#                                       (PGHOST, PGPORT, PGUSER) to use, e.g. eval "$(... start)"
#   scripts/pg_cluster.sh stop  [DIR]   fast shutdown; the data directory stays for the next start
#   scripts/pg_cluster.sh status [DIR]  exit 0 when running
#   scripts/pg_cluster.sh destroy [DIR] stop and remove the data directory
#
# DIR defaults to $REMIX_PG_DIR or /tmp/remix-pg; the port is $REMIX_PG_PORT or 55432.
# Authentication: the administrator "remix_admin" (superuser) connects through the cluster's own
# Unix socket in DIR/socket without a password; every TCP login (127.0.0.1) needs its password
# (scram-sha-256), so tests can check what a wrong password does.
# PostgreSQL refuses to run as root: as root the cluster runs as the system user "postgres".
set -euo pipefail

ACTION="${1:-}"
DIR="${2:-${REMIX_PG_DIR:-/tmp/remix-pg}}"
PORT="${REMIX_PG_PORT:-55432}"
ADMIN=remix_admin
DATA="$DIR/data"
SOCKET="$DIR/socket"

log() { printf '[pg-cluster] %s\n' "$*" >&2; }

pg_bin() {
  local major
  major="$(ls /usr/lib/postgresql 2>/dev/null | sort -n | tail -1)"
  [ -n "$major" ] || { log "PostgreSQL is not installed (run scripts/setup.sh)"; exit 1; }
  printf '/usr/lib/postgresql/%s/bin' "$major"
}

# Run a PostgreSQL program as the cluster's owner.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

ensure_dirs() {
  mkdir -p "$DIR"
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres: "$DIR"
    chmod 0755 "$DIR"
  fi
  as_owner mkdir -p "$SOCKET"
}

init_cluster() {
  [ -f "$DATA/PG_VERSION" ] && return 0
  local bin
  bin="$(pg_bin)"
  log "initdb $DATA (port $PORT)"
  as_owner "$bin/initdb" --pgdata="$DATA" --username="$ADMIN" --encoding=UTF8 --locale=C.UTF-8 \
    --auth-local=trust --auth-host=scram-sha-256 >/dev/null
  # Only the loopback and the cluster's own socket; nothing else on the machine can reach it.
  as_owner tee -a "$DATA/postgresql.conf" >/dev/null <<CONF
listen_addresses = '127.0.0.1'
port = $PORT
unix_socket_directories = '$SOCKET'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 60
CONF
}

running() {
  local bin
  bin="$(pg_bin)"
  [ -f "$DATA/PG_VERSION" ] && as_owner "$bin/pg_ctl" --pgdata="$DATA" status >/dev/null 2>&1
}

case "$ACTION" in
  start)
    ensure_dirs
    init_cluster
    if ! running; then
      as_owner "$(pg_bin)/pg_ctl" --pgdata="$DATA" --log="$DIR/server.log" --wait --timeout=60 start >/dev/null \
        || { log "the cluster did not start; its log:"; tail -20 "$DIR/server.log" >&2; exit 1; }
      log "started on 127.0.0.1:$PORT (socket $SOCKET)"
    fi
    printf 'export PGHOST=%q PGPORT=%q PGUSER=%q\n' "$SOCKET" "$PORT" "$ADMIN"
    ;;
  stop)
    if running; then
      as_owner "$(pg_bin)/pg_ctl" --pgdata="$DATA" --mode=fast --wait stop >/dev/null
      log "stopped"
    fi
    ;;
  status)
    running
    ;;
  destroy)
    if running; then
      as_owner "$(pg_bin)/pg_ctl" --pgdata="$DATA" --mode=immediate --wait stop >/dev/null
    fi
    rm -rf "$DIR"
    ;;
  *)
    echo "usage: $0 start|stop|status|destroy [DIR]" >&2
    exit 2
    ;;
esac
