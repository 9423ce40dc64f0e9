#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL 15 server: a new cluster in a temporary
# directory on a free port, stopped and removed afterwards, also when the command fails.
# POSTGRES_OPTIONS adds server settings (`-c name=value ...`).
set -euo pipefail
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
if [ ! -x "$PGBIN/initdb" ]; then
  echo "PostgreSQL 15 server binaries not found in $PGBIN (Debian package postgresql-15)." >&2
  exit 1
fi
dir=$(mktemp -d /tmp/alv-postgres.XXXXXX)
as_pg() {
  # PostgreSQL refuses to run as root: as root, run it as the postgres user.
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
[ "$(id -u)" = 0 ] && chown postgres "$dir"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cleanup() {
  as_pg "$PGBIN/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT
as_pg "$PGBIN/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
as_pg "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -o \
  "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off ${POSTGRES_OPTIONS:-}" \
  start >/dev/null
# The database the URL names (the test runner makes its own beside it; a benchmark uses it).
as_pg "$PGBIN/createdb" -h 127.0.0.1 -p "$port" -U postgres alv
echo "PostgreSQL 15 running on 127.0.0.1:$port"
DATABASE_URL="postgres://postgres@127.0.0.1:$port/alv" "$@"
