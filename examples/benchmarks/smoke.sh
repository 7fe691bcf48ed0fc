#!/usr/bin/env bash
# Benchmark smoke run for CI: every benchmark once, one short iteration, in one JVM, so that a
# change that breaks a benchmark fails the build. The figures it prints mean nothing.
# Builds target/benchmarks.jar first when it is missing or older than the module's sources.
set -euo pipefail
cd "$(dirname "$0")"
JAR=target/benchmarks.jar
if [ ! -f "$JAR" ] || [ -n "$(find pom.xml src ../merchant-cli/src/main ../../loyalty-core/src/main ../../loyalty-rules/src/main -newer "$JAR" -type f 2>/dev/null | head -1)" ]; then
  (cd ../.. && mvn -B -ntp -q -pl examples/benchmarks -am package -DskipTests)
fi
mkdir -p target
# The replay benchmark needs the Online Retail data set beside the repository; without it, say so and skip it.
EXCLUDE=()
if [ ! -f ../../../shared/data/online-retail.csv.gz ] && [ -z "${ONLINE_RETAIL_CSV:-}" ]; then
  echo "smoke: ../shared/data/online-retail.csv.gz not found beside the repository; skipping ReplayBenchmark" >&2
  EXCLUDE=(-e ReplayBenchmark)
fi
# -f 0: no forked JVMs (one JVM start instead of one per benchmark); -p campaigns=10: one size each.
exec java -Xmx3g ${ONLINE_RETAIL_CSV:+-Donline.retail.csv=$ONLINE_RETAIL_CSV} -jar "$JAR" -f 0 -wi 0 -i 1 -w 100ms \
  -r 100ms -p campaigns=10 -foe true -rf json -rff target/smoke.json ${EXCLUDE[@]+"${EXCLUDE[@]}"} "$@"
