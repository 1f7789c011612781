# Shared by the benchmark scripts: sourced, not run. Finds the JDK 25, installs the Debian tools a
# figure needs, builds what the mains need and runs a main of the bench module from the repository
# root (the mains use paths relative to it).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
JAVA_HOME="$(./scopeml java-home)"
export JAVA_HOME

# Installs Debian packages that are missing (as root, like .ci/run).
bench_require() {
  local missing=() package
  for package in "$@"; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
  done
  if ((${#missing[@]})); then
    echo "installing ${missing[*]}" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

# Builds the bench module, what it depends on and the scorer and trainer jars, once per run-all.
bench_build() {
  if [[ "${BENCH_BUILT:-}" != 1 ]]; then
    ./mvnw -q -pl bench,scorer,trainer -am install -DskipTests
    ./mvnw -q -pl bench dependency:build-classpath -Dmdep.outputFile=target/classpath.txt >/dev/null
    export BENCH_BUILT=1
  fi
}

# The bench module's classes and dependencies. run-all.sh points BENCH_CLASSES at a copy, so a
# rebuild while it runs cannot change classes under a figure.
bench_classpath() {
  echo "${BENCH_CLASSES:-bench/target/classes}:$(cat bench/target/classpath.txt)"
}

# Runs a main of the bench module with the JVM options the learning libraries need.
bench_main() {
  local main="$1"
  shift
  "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
    -cp "$(bench_classpath)" "$main" "$@"
}
