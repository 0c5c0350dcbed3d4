#!/usr/bin/env bash
# Start a throwaway PostgreSQL on 127.0.0.1:${PGPORT:-54329} for the ledger's PostgreSQL tests and
# print its SQLAlchemy URL. Installs Debian's postgresql when the server binaries are missing.
# Usage: export CLAIMLEDGER_TEST_PG_URL=$(scripts/start-postgres.sh)
set -euo pipefail
port=${PGPORT:-54329}
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql) >&2
    bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  else
    echo "PostgreSQL server binaries not found and cannot install them" >&2; exit 1
  fi
fi
run_as=()
if [ "$(id -u)" = 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
  run_as=(runuser -u postgres --)
fi
data=${PGDATA_DIR:-/tmp/claimledger-pg-$port}
if ! "${run_as[@]}" "$bindir/pg_ctl" -D "$data" status >/dev/null 2>&1; then
  rm -rf "$data"; mkdir -p "$data"
  [ "$(id -u)" = 0 ] && chown postgres "$data"
  "${run_as[@]}" "$bindir/initdb" -D "$data" -A trust -U postgres >/dev/null
  "${run_as[@]}" "$bindir/pg_ctl" -D "$data" -l "$data/log" -w \
      -o "-p $port -k /tmp -c listen_addresses=127.0.0.1" start >/dev/null
fi
echo "postgresql+psycopg://postgres@127.0.0.1:$port/postgres"
