#!/usr/bin/env bash
# Shared by run.sh and targets.sh: builds benchmarks.jar and records the machine and its load in
# results/machine.txt, so every figure can be read against the conditions it was taken in.
set -euo pipefail
cd "$(dirname "$0")"
(cd ../.. && mvn -B -ntp -q -pl examples/benchmarks -am package -DskipTests)
mkdir -p results
{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "nproc: $(nproc)"
  lscpu | grep -i 'model name' || true
  java -version 2>&1
  echo "load before the run: $(uptime)"
} > results/machine.txt
