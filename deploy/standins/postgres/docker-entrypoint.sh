#!/usr/bin/env bash
# The stand-in postgres image's entrypoint. It keeps the official image's contract as far as
# docker-compose.yml relies on it:
# - POSTGRES_PASSWORD, POSTGRES_USER (default postgres), POSTGRES_DB (default the user) and
#   POSTGRES_INITDB_ARGS, each also read from the file a *_FILE variable names;
# - started as root, it prepares $PGDATA and runs itself again as the postgres user;
# - on an empty $PGDATA: initdb with that superuser and password, password logins from any
#   address (scram-sha-256), then a temporary server on the socket only (nothing reaches it over
#   TCP, so a healthcheck over TCP fails until initialisation is done), the database created, and
#   every file of /docker-entrypoint-initdb.d in name order (*.sh run if executable, else sourced;
#   *.sql through psql as POSTGRES_USER), then the temporary server stopped;
# - finally the command replaces this shell: postgres is PID 1.
set -Eeuo pipefail

# Sets NAME from NAME or from the file NAME_FILE names (not both), else to the default.
from_env_or_file() {
  local name=$1 default=${2:-} file_name="${1}_FILE"
  if [[ -n "${!name:-}" && -n "${!file_name:-}" ]]; then
    echo "error: both $name and $file_name are set, they are exclusive" >&2
    exit 1
  fi
  local value=$default
  if [[ -n "${!name:-}" ]]; then
    value=${!name}
  elif [[ -n "${!file_name:-}" ]]; then
    value=$(<"${!file_name}")
  fi
  export "$name=$value"
  unset "$file_name"
}

psql_as_owner() {
  PGHOST='' PGHOSTADDR='' psql -v ON_ERROR_STOP=1 --no-psqlrc --no-password \
    --username "$POSTGRES_USER" "$@"
}

initialise() {
  if [[ -z "$POSTGRES_PASSWORD" ]]; then
    echo "error: the database is not initialised and no superuser password is set:" \
      "set POSTGRES_PASSWORD or POSTGRES_PASSWORD_FILE" >&2
    exit 1
  fi
  # POSTGRES_INITDB_ARGS holds several arguments: word splitting is intended.
  # shellcheck disable=SC2086
  initdb --username="$POSTGRES_USER" --pwfile=<(printf '%s\n' "$POSTGRES_PASSWORD") \
    $POSTGRES_INITDB_ARGS
  printf '\nhost all all all scram-sha-256\n' >>"$PGDATA/pg_hba.conf"

  export PGPASSWORD=$POSTGRES_PASSWORD
  pg_ctl -D "$PGDATA" -o "-c listen_addresses='' -p ${PGPORT:-5432}" -w start
  if [[ -z "$(psql_as_owner --dbname postgres --tuples-only --set db="$POSTGRES_DB" \
    <<<"SELECT 1 FROM pg_database WHERE datname = :'db'")" ]]; then
    psql_as_owner --dbname postgres --set db="$POSTGRES_DB" <<<'CREATE DATABASE :"db"'
  fi
  local script
  for script in /docker-entrypoint-initdb.d/*; do
    case $script in
      *.sh)
        echo "$0: running $script"
        if [[ -x "$script" ]]; then "$script"; else . "$script"; fi
        ;;
      *.sql) echo "$0: running $script" && psql_as_owner --dbname "$POSTGRES_DB" -f "$script" ;;
      *) echo "$0: ignoring $script" ;;
    esac
  done
  pg_ctl -D "$PGDATA" -m fast -w stop
  unset PGPASSWORD
  echo "$0: PostgreSQL init process complete; ready for start up."
}

if [[ "${1:-}" == -* ]]; then
  set -- postgres "$@"
fi
if [[ "${1:-}" == postgres ]]; then
  from_env_or_file POSTGRES_PASSWORD
  from_env_or_file POSTGRES_USER postgres
  from_env_or_file POSTGRES_DB "$POSTGRES_USER"
  from_env_or_file POSTGRES_INITDB_ARGS
  if [[ "$(id -u)" == 0 ]]; then
    mkdir -p "$PGDATA" && chmod 0700 "$PGDATA"
    chown -R postgres:postgres "$PGDATA" /var/run/postgresql
    # The real image switches user with su-exec; setpriv comes with every Debian.
    exec setpriv --reuid=postgres --regid=postgres --init-groups env HOME=/var/lib/postgresql \
      "${BASH_SOURCE[0]}" "$@"
  fi
  if [[ ! -s "$PGDATA/PG_VERSION" ]]; then
    initialise
  fi
fi
exec "$@"
