#!/usr/bin/env bash
# The full benchmark run behind docs/performance.md: every JMH benchmark with the iterations and
# forks set in its annotations, the retained-heap measurement, then the chart. About 30 minutes
# on 2 cores. Results go to examples/benchmarks/results/ (JMH JSON, footprint JSON, logs).
# Extra arguments go to JMH, e.g. ./run.sh 'OrderBenchmark|ThreadsBenchmark' to run a subset.
set -euo pipefail
cd "$(dirname "$0")"
./prepare.sh
java -jar target/benchmarks.jar -rf json -rff results/jmh.json "$@" 2>&1 | tee results/jmh.log
if [ $# -eq 0 ]; then
  java -Xmx8g -cp target/benchmarks.jar org.loyaltyrules.loyalty.examples.benchmarks.Footprint \
    --out results/footprint.json 2>&1 | tee results/footprint.log
fi
echo "load after the run: $(uptime)" >> results/machine.txt
mkdir -p ../../docs
python3 chart.py results/jmh.json results/footprint.json ../../docs/performance-scaling.svg
