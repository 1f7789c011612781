#!/usr/bin/env bash
# Builds ScopeML's images from their Dockerfiles, base first, then the trainer and the scorer FROM
# it, under the tags docker-compose.yml names; prints their sizes. `./scopeml images` runs it.
#
# Needs the jars (./mvnw -DskipTests package) and the base images the Dockerfiles name, from a
# registry or, in tests, from deploy/standins/build.sh. Uses Docker where a Docker Engine runs,
# podman otherwise (deploy/images/engine).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
engine="$here/engine"
work=${SCOPEML_CONTAINERS_DIR:-$repo/.scopeml/containers}/contexts

# The tags, as the compose file names them (the scorer's is the default of its image variable).
tag_of() { grep -o "scopeml/$1:[A-Za-z0-9._-]*" "$repo/docker-compose.yml" | head -1; }
base=$(tag_of base) trainer=$(tag_of trainer) scorer=$(tag_of scorer)

for module in trainer scorer; do
  if [[ ! -f "$repo/$module/target/scopeml-$module.jar" ]]; then
    echo "build.sh: $module/target/scopeml-$module.jar is missing: run ./mvnw -DskipTests package" >&2
    exit 1
  fi
done

# Each context is a copy, so a build in the work tree cannot change a jar halfway through.
# Podman 4's builder does not know HEALTHCHECK --start-interval (Docker Engine 25): its copies of
# the Dockerfiles go without it, and podman checks at the regular interval from the start.
podman_4=""
if [[ "$("$engine" version 2>/dev/null)" =~ Podman.*Version:\ *4\. ]]; then
  podman_4=yes
fi
context() {
  local folder=$1 jar=${2:-}
  rm -rf "${work:?}/$folder" && mkdir -p "$work/$folder"
  cp -a "$repo/$folder/." "$work/$folder/"
  if [[ -n "$jar" ]]; then
    rm -rf "$work/$folder/target" && mkdir -p "$work/$folder/target"
    cp "$repo/$folder/target/$jar" "$work/$folder/target/"
    rm -rf "$work/$folder/src" "$work/$folder/pom.xml"
  fi
  if [[ -n "$podman_4" ]]; then
    sed -i -E 's/ --start-interval=[^ ]+//' "$work/$folder/Dockerfile"
  fi
  echo "$work/$folder"
}

build() {
  local tag=$1 folder=$2 started=$SECONDS
  shift 2
  "$engine" build --network host -t "$tag" "$@" "$folder" >"$work/${tag//[\/:]/_}.log" 2>&1 ||
    { tail -30 "$work/${tag//[\/:]/_}.log" >&2 && exit 1; }
  echo "built $tag in $((SECONDS - started)) s"
}

mkdir -p "$work"
build "$base" "$(context base-image)"
build "$trainer" "$(context trainer scopeml-trainer.jar)" --build-arg BASE_IMAGE="$base"
build "$scorer" "$(context scorer scopeml-scorer.jar)" --build-arg BASE_IMAGE="$base"

# Sizes, with the base image they start from.
echo
"$here/sizes.sh" "$trainer" "$scorer" "$base" \
  $(sed -n 's/^FROM \([^ $]*\).*/\1/p' "$repo/base-image/Dockerfile")
