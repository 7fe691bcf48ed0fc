#!/usr/bin/env bash
# Issue 13's speed targets in ONE JMH run (about 7 minutes on 2 cores, at most 12): the engine and the
# hand-written programme on one paid order (OrderBenchmark: throughput and sample-time p50/p99,
# two forks each) and on 10 and 10,000 campaigns (CampaignScalingBenchmark, average time), then
# each target with its figure and verdict (summarize.py --targets). The CLI replay target is
# measured by the CLI itself (see docs/performance.md), not here.
# Results: examples/benchmarks/results/targets.json, targets.log, machine.txt.
# Extra arguments go to JMH (e.g. -f 1 for a quicker, noisier look).
set -euo pipefail
cd "$(dirname "$0")"
./prepare.sh
java -jar target/benchmarks.jar 'OrderBenchmark\.(engine|handWritten)$|CampaignScalingBenchmark\.(engine|handWritten)$' \
  -p campaigns=10,10000 -rf json -rff results/targets.json "$@" 2>&1 | tee results/targets.log
echo "load after the run: $(uptime)" >> results/machine.txt
python3 summarize.py --targets results/targets.json
