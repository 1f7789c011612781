#!/usr/bin/env bash
# Runs the reliability suite and prints one table row per case: what was sent, what failed, and
# the test that measured it. The rows are the ones RELIABILITY.md lists.
#
#   reliability/summary.sh             build the suite's inputs if needed, run it, print the table
#   reliability/summary.sh --no-run    print the table of the last run (target/reliability-cases.tsv)
#
# Extra arguments go to Maven, e.g. -Dtest=MalformedRequestTest or -Dscopeml.reliability.seed=7.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"
cases="$here/target/reliability-cases.tsv"

if [[ "${1:-}" != "--no-run" ]]; then
  export JAVA_HOME="${JAVA_HOME:-$("$repo/scopeml" java-home)}"
  rm -f "$cases"
  cd "$repo"
  # The suite runs the trainer and scorer jars: build them (and what they need) without tests
  # when they are missing, then run only this module's tests.
  if [[ ! -f trainer/target/scopeml-trainer.jar || ! -f scorer/target/scopeml-scorer.jar ]]; then
    ./mvnw -q -pl reliability -am install -DskipTests >&2
  fi
  start=$(date +%s)
  status=0
  # The build's output goes to stderr: stdout is the table.
  ./mvnw -q -pl reliability verify "$@" >&2 || status=$?
  echo "suite finished in $(($(date +%s) - start)) s with status $status" >&2
else
  status=0
fi

[[ -f "$cases" ]] || { echo "no $cases: run the suite first" >&2; exit 1; }
echo "| area | case | sent | failed | measured | command |"
echo "|---|---|---:|---:|---|---|"
# Faults first, then hostile input, then access, as the issue lists them; cases in run order.
awk -F'\t' '{ rank = ($1 == "faults") ? 1 : ($1 == "hostile") ? 2 : 3; print rank "\t" NR "\t" $0 }' "$cases" \
  | sort -t$'\t' -k1,1n -k2,2n \
  | cut -f3- \
  | awk -F'\t' '{ printf "| %s | %s | %s | %s | %s | `./mvnw -q -pl reliability verify -Dtest=%s` |\n", $1, $2, $3, $4, $5, $6 }'
exit "$status"
