#!/usr/bin/env bash
# Starts a local PostgreSQL for the proxy's tests and prints its URL on stdout (nothing else goes
# to stdout), e.g.
#
#   export WISMO_TEST_POSTGRES_URL="$(bash tests/postgres.sh)"
#   cargo test -p wismo-proxy
#
# Idempotent: installs Debian's `postgresql` package if it is missing, creates a cluster if there
# is none, starts it if it is down, and makes sure the `wismo` role (password `wismo`, allowed to
# create databases: every test gets a fresh one) and database exist. Loopback only. Leftover
# test databases (wismo_t_*) from earlier runs are dropped. Must run as root or as `postgres`.
set -euo pipefail

PGPORT="${WISMO_PG_PORT:-5432}"
log() { echo "postgres.sh: $*" >&2; }

as_postgres() {
    if [ "$(id -un)" = postgres ]; then "$@"; else runuser -u postgres -- "$@"; fi
}

if ! command -v pg_lsclusters >/dev/null 2>&1 || [ -z "$(ls /usr/lib/postgresql 2>/dev/null)" ]; then
    log "installing postgresql"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq postgresql >&2
fi

version="$(ls /usr/lib/postgresql | sort -V | tail -n1)"
cluster="$(pg_lsclusters -h 2>/dev/null | awk -v v="$version" '$1 == v { print $2; exit }')"
if [ -z "$cluster" ]; then
    cluster=main
    log "creating cluster $version/$cluster on port $PGPORT"
    pg_createcluster "$version" "$cluster" --port "$PGPORT" >&2
fi
port="$(pg_lsclusters -h | awk -v v="$version" -v c="$cluster" '$1 == v && $2 == c { print $3 }')"
status="$(pg_lsclusters -h | awk -v v="$version" -v c="$cluster" '$1 == v && $2 == c { print $4 }')"
if [ "$status" != online ]; then
    log "starting cluster $version/$cluster on port $port"
    pg_ctlcluster "$version" "$cluster" start >&2
fi

for _ in $(seq 1 30); do
    as_postgres pg_isready -q -h 127.0.0.1 -p "$port" && break
    sleep 1
done
as_postgres pg_isready -q -h 127.0.0.1 -p "$port" || { log "server did not come up"; exit 1; }

psql_admin() { as_postgres psql -X -q -v ON_ERROR_STOP=1 -h /var/run/postgresql -p "$port" -d postgres "$@"; }
psql_admin -c "DO \$\$ BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'wismo') THEN
        CREATE ROLE wismo LOGIN CREATEDB PASSWORD 'wismo';
    ELSE
        ALTER ROLE wismo LOGIN CREATEDB PASSWORD 'wismo';
    END IF;
END \$\$;" >&2
if [ -z "$(psql_admin -tAc "SELECT 1 FROM pg_database WHERE datname = 'wismo'")" ]; then
    psql_admin -c "CREATE DATABASE wismo OWNER wismo" >&2
fi
for db in $(psql_admin -tAc "SELECT datname FROM pg_database WHERE datname LIKE 'wismo\_t\_%'"); do
    psql_admin -c "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" >&2
done

echo "postgres://wismo:wismo@127.0.0.1:$port/wismo"
