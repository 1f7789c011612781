#!/usr/bin/env bash
# Prints the size of each image named, as the engine stores it. A stand-in (deploy/standins) says
# so, and so does an image built on one: it inherits the stand-in's label.
#   deploy/images/sizes.sh IMAGE...
set -euo pipefail
engine="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/engine"

printf '%-40s %7s\n' image size
for image in "$@"; do
  size=$("$engine" image inspect -f '{{.Size}}' "$image")
  standin=$("$engine" image inspect -f '{{index .Config.Labels "dev.scopeml.standin"}}' "$image")
  case $standin in
    "" | "<no value>") note="" ;;
    "$image") note="  (stand-in)" ;;
    *) note="  (on the stand-in $standin)" ;;
  esac
  printf '%-40s %4d MB%s\n' "$image" $((size / 1000000)) "$note"
done
