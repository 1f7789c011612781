#!/bin/sh
# Run once by the postgres image, on an empty data directory, as POSTGRES_USER.
#
# The scorer logs in as scopeml_scorer, a member of scopeml_reader. The trainer's migration V3
# grants scopeml_reader SELECT on every ScopeML table (and on tables added later) and nothing else,
# so a scorer cannot change a model even if it tried. The role exists before the trainer first
# migrates, because V3 only creates it when it is missing.
set -eu
: "${SCOPEML_SCORER_PASSWORD_FILE:?set SCOPEML_SCORER_PASSWORD_FILE to the scorer password secret}"

# psql reads the password itself (the backquoted \set), so it never shows on a command line; the
# heredoc is quoted so this shell leaves the backquotes to psql.
psql -v ON_ERROR_STOP=1 --no-psqlrc --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" <<'SQL'
\set scorer_password `cat "$SCOPEML_SCORER_PASSWORD_FILE"`
CREATE ROLE scopeml_reader NOLOGIN;
CREATE ROLE scopeml_scorer LOGIN PASSWORD :'scorer_password' IN ROLE scopeml_reader;
SQL
