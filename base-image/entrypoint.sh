#!/bin/sh
# Entrypoint of the ScopeML JVM images. Checks the secret files the container was given, then
# replaces itself with the JVM, so java is PID 1 and gets SIGTERM itself (graceful shutdown).
# Arguments are the application's (e.g. --server.port=8090): they follow the main class.
set -eu

# The apps read their *_FILE settings themselves (scopeml.db.password-file,
# scopeml.admin-token-file, scopeml.sources.<name>.password-file), so no secret is copied into the
# environment, where /proc/<pid>/environ and diagnostics would show it. What is left to do here is
# to name a missing or unreadable file before a JVM starts and fails deeper down.
for name in $(env | sed -n 's/^\([A-Za-z_][A-Za-z0-9_]*_FILE\)=.*/\1/p'); do
  eval "file=\${$name}"
  if [ ! -f "$file" ] || [ ! -r "$file" ]; then
    echo "scopeml-entrypoint: $name is $file, which is missing or not readable by uid $(id -u)" >&2
    exit 64
  fi
done

# The AOT cache the image recorded at build time, when there is one: classes loaded and linked ahead
# of time. The JVM checks that it matches the jars and flags and runs without it otherwise.
aot=""
cd "${APP_HOME:-/app}"
if [ -n "${AOT_CACHE:-}" ] && [ -f "$AOT_CACHE" ]; then
  aot="-XX:AOTCache=$AOT_CACHE"
fi

# Both option variables hold several flags: word splitting is intended.
# shellcheck disable=SC2086
exec java $JAVA_DEFAULT_OPTS $aot ${JAVA_OPTS:-} -jar "$APP_JAR" "$@"
