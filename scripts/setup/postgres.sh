#!/usr/bin/env bash
# A real PostgreSQL server for the indexer's tests, from Debian's packages (no Docker).
#
#   bash scripts/setup/postgres.sh start   # installs postgresql if missing, starts a private cluster,
#                                          # prints DATABASE_URL=postgresql://… on its last line
#   bash scripts/setup/postgres.sh stop    # stops it and deletes its data
#
# The cluster lives in a temporary folder (MG_PG_DIR, default /tmp/mg-postgres), listens on 127.0.0.1 at
# MG_PG_PORT (default 54329) and trusts local connections: it is for tests, never for real data. It runs
# as the `postgres` system user when started as root (PostgreSQL refuses to run as root).
set -euo pipefail
dir="${MG_PG_DIR:-/tmp/mg-postgres}"
port="${MG_PG_PORT:-54329}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"

bin_dir() {
  local found
  found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
  echo "$found"
}

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-start}" in
  start)
    if [ -z "$(bin_dir)" ]; then
      echo "postgres: apt-get install postgresql" >&2
      $sudo apt-get update -qq
      DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >/dev/null
    fi
    bin="$(bin_dir)"
    if [ -f "$dir/data/postmaster.pid" ] && as_owner "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
      echo "postgres: already running in $dir" >&2
    else
      rm -rf "$dir"
      mkdir -p "$dir"
      [ "$(id -u)" -ne 0 ] || chown postgres:postgres "$dir"
      as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
      as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
        -o "-p $port -k $dir -c listen_addresses=127.0.0.1" start >/dev/null
      as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres milestone_grants
      echo "postgres: $(as_owner "$bin/postgres" --version) on 127.0.0.1:$port (data in $dir)" >&2
    fi
    echo "DATABASE_URL=postgresql://postgres@127.0.0.1:$port/milestone_grants"
    ;;
  stop)
    bin="$(bin_dir)"
    if [ -n "$bin" ] && [ -d "$dir/data" ]; then
      as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    echo "postgres: stopped" >&2
    ;;
  *)
    echo "usage: bash scripts/setup/postgres.sh start|stop" >&2
    exit 2
    ;;
esac
