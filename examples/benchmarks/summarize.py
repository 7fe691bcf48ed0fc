#!/usr/bin/env python3
"""Prints the results tables of docs/performance.md from a benchmark run (standard library only).

Usage: python3 summarize.py results/jmh.json [results/footprint.json] [results/cpu.jsonl]
       python3 summarize.py --targets results/targets.json   (issue 13's targets only; see targets.sh)

Every figure comes from the files given; nothing is typed by hand. Targets are the goals of
issue 5 and are printed beside each figure with a verdict (met / missed).
"""

import json
import sys

PKG = "org.loyaltyrules.loyalty.examples.benchmarks."


def load(path):
    try:
        with open(path, encoding="utf-8") as f:
            if path.endswith(".jsonl"):
                return [json.loads(line) for line in f if line.strip().startswith("{")]
            return json.load(f)
    except FileNotFoundError:
        return []


def micros(metric):
    unit = metric["scoreUnit"]
    score = metric["score"]
    if unit.endswith("/op"):
        return score * {"ns/op": 1e-3, "us/op": 1.0, "ms/op": 1e3, "s/op": 1e6}[unit]
    # throughput: ops per time unit -> µs per op
    per = {"ops/ns": 1e-3, "ops/us": 1.0, "ops/ms": 1e3, "ops/s": 1e6}[unit]
    return per / score


def find(results, name, mode=None, **params):
    for r in results:
        if r["benchmark"] != PKG + name:
            continue
        if mode and r["mode"] != mode:
            continue
        p = r.get("params") or {}
        if all(str(p.get(k)) == str(v) for k, v in params.items()):
            return r
    return None


def fmt(v, digits=None):
    if v is None:
        return "n/a"
    if digits is not None:
        return "{:,.{}f}".format(v, digits)
    if v >= 100:
        return "{:,.0f}".format(v)
    if v >= 10:
        return "{:.1f}".format(v)
    return "{:.2f}".format(v)


def verdict(ok):
    return "met" if ok else "**missed**"


def err_micros(r):
    m = r["primaryMetric"]
    if m["scoreUnit"].startswith("ops/"):
        # relative error carries over to the reciprocal
        return micros(m) * (m["scoreError"] / m["score"]) if m["score"] else float("nan")
    return micros({"score": m["scoreError"], "scoreUnit": m["scoreUnit"]})


def percentile(r, p):
    return r["primaryMetric"]["scorePercentiles"].get(p) if r else None


def issue13_targets(results):
    """Issue 13's speed targets, each with its figure and verdict; the lines missing data say so."""
    out = ["### Issue 13 targets (one JMH run)\n", "| Target | Measured | Verdict |", "|---|---|---|"]
    eng = find(results, "OrderBenchmark.engine", "thrpt")
    hand = find(results, "OrderBenchmark.handWritten", "thrpt")
    if eng and hand:
        e, h = micros(eng["primaryMetric"]), micros(hand["primaryMetric"])
        out.append("| default rules ≤ 2× hand-written per order (OrderBenchmark, throughput⁻¹) | {} µs vs {} µs = {}× | {} |"
                   .format(fmt(e), fmt(h), fmt(e / h), verdict(e / h <= 2)))
    else:
        out.append("| default rules ≤ 2× hand-written per order | OrderBenchmark engine/handWritten thrpt not in this run | n/a |")
    e10 = find(results, "CampaignScalingBenchmark.engine", campaigns=10)
    h10 = find(results, "CampaignScalingBenchmark.handWritten", campaigns=10)
    if e10 and h10:
        e, h = micros(e10["primaryMetric"]), micros(h10["primaryMetric"])
        out.append("| the same, cross-check (CampaignScalingBenchmark, 10 campaigns, average time) | {} µs vs {} µs = {}× | {} |"
                   .format(fmt(e), fmt(h), fmt(e / h), verdict(e / h <= 2)))
    sample = find(results, "OrderBenchmark.engine", "sample")
    p50, p99 = percentile(sample, "50.0"), percentile(sample, "99.0")
    if p50 and p99:
        out.append("| engine p99 ≤ 4× its own p50 (OrderBenchmark, sample time) | p99 {} µs, p50 {} µs = {}× | {} |"
                   .format(fmt(p99), fmt(p50), fmt(p99 / p50), verdict(p99 / p50 <= 4)))
    else:
        out.append("| engine p99 ≤ 4× its own p50 | OrderBenchmark engine sample not in this run | n/a |")
    e10k = find(results, "CampaignScalingBenchmark.engine", campaigns=10000)
    if e10 and e10k:
        a, b = micros(e10["primaryMetric"]), micros(e10k["primaryMetric"])
        out.append("| 10,000 campaigns ≤ 3× the 10-campaign cost (CampaignScalingBenchmark, engine) | {} µs vs {} µs = {}× | {} |"
                   .format(fmt(b), fmt(a), fmt(b / a), verdict(b / a <= 3)))
    else:
        out.append("| 10,000 campaigns ≤ 3× the 10-campaign cost | CampaignScalingBenchmark engine 10/10000 not in this run | n/a |")
    out.append("| cold CLI replay ≥ 150,000 lines/s (replay phase) and ≤ 6 s wall | measured by the CLI, not by JMH | see the CLI run |")
    out.append("")
    return out


def main(argv):
    if len(argv) > 2 and argv[1] == "--targets":
        print("\n".join(issue13_targets(load(argv[2]))))
        return 0
    results = load(argv[1])
    footprint = load(argv[2]) if len(argv) > 2 else []
    cpu = load(argv[3]) if len(argv) > 3 else []
    out = issue13_targets(results)

    # 1-3: default rules
    out.append("### Default rules, one paid order (10 campaigns)\n")
    out.append("| Approach | µs/order (throughput⁻¹) | ± (99.9%) | ratio to hand-written | p50 µs | p99 µs | p99.9 µs |")
    out.append("|---|---:|---:|---:|---:|---:|---:|")
    hand = find(results, "OrderBenchmark.handWritten", "thrpt")
    hand_us = micros(hand["primaryMetric"]) if hand else None
    rows = {}
    for label, name in (("engine (default rule base)", "engine"), ("hand-written Java", "handWritten"),
                        ("naive Drools (rule per campaign, session per order)", "naiveDrools")):
        t = find(results, "OrderBenchmark." + name, "thrpt")
        s = find(results, "OrderBenchmark." + name, "sample")
        if not t:
            continue
        us = micros(t["primaryMetric"])
        rows[name] = (us, s)
        pct = s["primaryMetric"]["scorePercentiles"] if s else {}
        out.append("| {} | {} | {} | {}× | {} | {} | {} |".format(
            label, fmt(us), fmt(err_micros(t)), fmt(us / hand_us) if hand_us else "n/a",
            fmt(pct.get("50.0")), fmt(pct.get("99.0")), fmt(pct.get("99.9"))))
    if "engine" in rows:
        us, s = rows["engine"]
        p99 = s["primaryMetric"]["scorePercentiles"]["99.0"] if s else None
        out.append("")
        out.append("Targets: engine ≤ 5 µs/order: {} µs, {}; ≤ 10× hand-written: {}×, {}; p99 ≤ 25 µs: {} µs, {}.".format(
            fmt(us), verdict(us <= 5), fmt(us / hand_us), verdict(us / hand_us <= 10), fmt(p99),
            verdict(p99 is not None and p99 <= 25)))
    out.append("")

    # 4: scaling
    out.append("### Campaign scaling: per-order cost (µs/order, average time)\n")
    out.append("| Campaigns | engine | hand-written | engine ÷ hand-written | naive Drools | naive ÷ hand-written |")
    out.append("|---:|---:|---:|---:|---:|---:|")
    base = {}
    for n in (10, 100, 1000, 10000):
        e = find(results, "CampaignScalingBenchmark.engine", campaigns=n)
        h = find(results, "CampaignScalingBenchmark.handWritten", campaigns=n)
        v = find(results, "NaiveScalingBenchmark.naiveDrools", campaigns=n)
        eu = micros(e["primaryMetric"]) if e else None
        hu = micros(h["primaryMetric"]) if h else None
        vu = micros(v["primaryMetric"]) if v else None
        if n == 10:
            base = {"engine": eu, "hand": hu, "naive": vu}
        out.append("| {:,} | {} | {} | {} | {} | {} |".format(
            n, fmt(eu), fmt(hu), fmt(eu / hu) + "×" if eu and hu else "n/a", fmt(vu),
            fmt(vu / hu) + "×" if vu and hu else "n/a"))
    e10k = find(results, "CampaignScalingBenchmark.engine", campaigns=10000)
    if e10k and base.get("engine"):
        ratio = micros(e10k["primaryMetric"]) / base["engine"]
        out.append("")
        out.append("Target: 10,000 campaigns ≤ 2× the 10-campaign cost: engine {}×, {}.".format(fmt(ratio), verdict(ratio <= 2)))
        v10k = find(results, "NaiveScalingBenchmark.naiveDrools", campaigns=10000)
        if v10k and base.get("naive"):
            out.append("Naive Drools for comparison: {}×.".format(fmt(micros(v10k["primaryMetric"]) / base["naive"])))
    out.append("")

    # 4: build and heap
    out.append("### Campaign scaling: build time and retained heap\n")
    out.append("| Campaigns | engine build ms (JMH) | engine retained heap MB | naive build ms (JMH) | naive build ms (one build, Footprint) | naive retained heap MB |")
    out.append("|---:|---:|---:|---:|---:|---:|")
    fp = {(r["approach"], r["campaigns"]): r for r in footprint}
    for n in (10, 100, 1000, 10000):
        b = find(results, "BuildBenchmark.engine", campaigns=n)
        nb = find(results, "NaiveBuildBenchmark.naiveDrools", campaigns=n)
        eh = fp.get(("engine", n))
        nh = fp.get(("naive", n))
        out.append("| {:,} | {} | {} | {} | {} | {} |".format(
            n, fmt(micros(b["primaryMetric"]) / 1000) if b else "n/a",
            fmt(eh["retainedHeapBytes"] / 1e6, 1) if eh else "n/a",
            fmt(micros(nb["primaryMetric"]) / 1000) if nb else "not run",
            fmt(nh["buildMillis"]) if nh else "n/a",
            fmt(nh["retainedHeapBytes"] / 1e6, 1) if nh else "n/a"))
    b10k = find(results, "BuildBenchmark.engine", campaigns=10000)
    h10k = fp.get(("engine", 10000))
    out.append("")
    if b10k:
        ms = micros(b10k["primaryMetric"]) / 1000
        out.append("Targets at 10,000 campaigns: build ≤ 5 s: {} ms, {}.".format(fmt(ms), verdict(ms <= 5000)))
    if h10k:
        mb = h10k["retainedHeapBytes"] / 1e6
        out.append("Retained heap ≤ 256 MB: {} MB, {}.".format(fmt(mb, 1), verdict(mb <= 256)))
    out.append("")

    # 5: threads
    one = find(results, "ThreadsBenchmark.oneThread")
    two = find(results, "ThreadsBenchmark.twoThreads")
    if one and two:
        o, t = one["primaryMetric"], two["primaryMetric"]
        out.append("### Threads sharing one engine (default scenario)\n")
        out.append("| Threads | orders/ms (all threads) | ± (99.9%) |")
        out.append("|---:|---:|---:|")
        out.append("| 1 | {} | {} |".format(fmt(o["score"]), fmt(o["scoreError"])))
        out.append("| 2 | {} | {} |".format(fmt(t["score"]), fmt(t["scoreError"])))
        out.append("")
        out.append("Target: 2 threads ≥ 1.8× one thread: {}×, {}.".format(fmt(t["score"] / o["score"]),
                                                                     verdict(t["score"] / o["score"] >= 1.8)))
        out.append("")

    # 6: reload
    r = find(results, "ReloadBenchmark.rebuildAndSwap")
    if r:
        ms = micros(r["primaryMetric"]) / 1000
        out.append("### Rebuild and swap of the default rule base\n")
        out.append("RuleBase.compile(defaultSources) + engine.reload: {} ms (± {} ms). Target ≤ 1 s: {}.".format(
            fmt(ms), fmt(err_micros(r) / 1000), verdict(ms <= 1000)))
        out.append("")

    # 7: replay
    r = find(results, "ReplayBenchmark.replayOnlineRetail")
    if r:
        ms = micros(r["primaryMetric"]) / 1000
        lps = 541909 / (ms / 1000)
        out.append("### Replay of the Online Retail data set (541,909 lines)\n")
        out.append("{} ms per replay (± {} ms) = {} lines/s. Target ≥ 150,000 lines/s: {}.".format(
            fmt(ms), fmt(err_micros(r) / 1000), fmt(lps, 0), verdict(lps >= 150000)))
        out.append("")

    # phases
    phases = [r for r in results if r["benchmark"].startswith(PKG + "EnginePhasesBenchmark.")]
    if phases:
        out.append("### Where the engine's time goes (EnginePhasesBenchmark, ns/op)\n")
        names = []
        for r in phases:
            n = r["benchmark"].rsplit(".", 1)[1]
            if n not in names:
                names.append(n)
        sizes = sorted({int(r["params"]["campaigns"]) for r in phases})
        out.append("| Phase | " + " | ".join("{:,} campaigns".format(s) for s in sizes) + " |")
        out.append("|---|" + "---:|" * len(sizes))
        for n in names:
            cells = []
            for s in sizes:
                r = find(results, "EnginePhasesBenchmark." + n, campaigns=s)
                cells.append(fmt(micros(r["primaryMetric"]) * 1000, 0) if r else "n/a")
            out.append("| {} | {} |".format(n, " | ".join(cells)))
        out.append("")

    if cpu:
        out.append("### CPU time per order of the benchmark thread (CpuTimeProbe)\n")
        out.append("| Subject | Campaigns | CPU µs/order, median round | best round | wall µs/order, median | GC ms during rounds |")
        out.append("|---|---:|---:|---:|---:|---:|")
        for c in cpu:
            out.append("| {} | {:,} | {} | {} | {} | {} |".format(
                c["subject"], c["campaigns"], fmt(c["cpuMicrosPerOrderMedian"]), fmt(c["cpuMicrosPerOrderBest"]),
                fmt(c["wallMicrosPerOrderMedian"]), c["gcMillisDuringRounds"]))
        out.append("")

    print("\n".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
