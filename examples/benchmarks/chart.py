#!/usr/bin/env python3
"""Draws docs/performance-scaling.svg from the JMH JSON of a benchmark run (standard library only).

Usage: python3 chart.py results/jmh.json [results/footprint.json] [out.svg]

Left panel: per-order cost (µs, log scale) against the number of campaigns (log scale) for the
engine (campaigns as data), the hand-written programme and naive Drools (one rule per campaign),
from CampaignScalingBenchmark and NaiveScalingBenchmark. Right panel: build time (ms) from
BuildBenchmark and NaiveBuildBenchmark, and, if given, retained heap (MB) from Footprint.
"""

import json
import math
import sys
from xml.sax.saxutils import escape

SERIES = [
    # (label, benchmark suffix, colour)
    ("engine (campaigns as data)", "CampaignScalingBenchmark.engine", "#1f77b4"),
    ("hand-written Java", "CampaignScalingBenchmark.handWritten", "#2ca02c"),
    ("naive Drools (rule per campaign)", "NaiveScalingBenchmark.naiveDrools", "#d62728"),
]
BUILD_SERIES = [
    ("engine build", "BuildBenchmark.engine", "#1f77b4"),
    ("naive build", "NaiveBuildBenchmark.naiveDrools", "#d62728"),
]


def to_micros(score, unit):
    factors = {"ns/op": 1e-3, "us/op": 1.0, "ms/op": 1e3, "s/op": 1e6}
    if unit not in factors:
        raise ValueError("unexpected unit " + unit)
    return score * factors[unit]


def to_millis(score, unit):
    return to_micros(score, unit) / 1000.0


def points(results, suffix, convert):
    found = {}
    for r in results:
        if not r["benchmark"].endswith(suffix):
            continue
        params = r.get("params") or {}
        if "campaigns" not in params:
            continue
        m = r["primaryMetric"]
        found[int(params["campaigns"])] = convert(m["score"], m["scoreUnit"])
    return sorted(found.items())


def fmt(v):
    if v >= 100:
        return "{:,.0f}".format(v)
    if v >= 10:
        return "{:.1f}".format(v)
    return "{:.2f}".format(v)


class Panel:
    def __init__(self, x0, y0, w, h, xs, ymin, ymax):
        self.x0, self.y0, self.w, self.h = x0, y0, w, h
        self.lx0, self.lx1 = math.log10(min(xs)), math.log10(max(xs))
        if self.lx1 == self.lx0:
            self.lx0, self.lx1 = self.lx0 - 1, self.lx1 + 1
        self.ly0 = math.floor(math.log10(ymin))
        self.ly1 = math.ceil(math.log10(ymax))
        if self.ly1 == self.ly0:
            self.ly1 += 1

    def x(self, v):
        return self.x0 + (math.log10(v) - self.lx0) / (self.lx1 - self.lx0) * self.w

    def y(self, v):
        return self.y0 + self.h - (math.log10(v) - self.ly0) / (self.ly1 - self.ly0) * self.h

    def axes(self, out, xs, title, ylabel):
        out.append('<text x="{:.1f}" y="{:.1f}" font-size="14" font-weight="bold">{}</text>'.format(
            self.x0, self.y0 - 14, escape(title)))
        out.append('<rect x="{}" y="{}" width="{}" height="{}" fill="none" stroke="#888"/>'.format(
            self.x0, self.y0, self.w, self.h))
        for e in range(self.ly0, self.ly1 + 1):
            v = 10 ** e
            y = self.y(v)
            out.append('<line x1="{}" y1="{:.1f}" x2="{}" y2="{:.1f}" stroke="#ddd"/>'.format(
                self.x0, y, self.x0 + self.w, y))
            out.append('<text x="{}" y="{:.1f}" font-size="11" text-anchor="end">{}</text>'.format(
                self.x0 - 6, y + 4, fmt(v) if v >= 1 else "{:g}".format(v)))
        for v in xs:
            x = self.x(v)
            out.append('<line x1="{:.1f}" y1="{}" x2="{:.1f}" y2="{}" stroke="#ddd"/>'.format(
                x, self.y0, x, self.y0 + self.h))
            out.append('<text x="{:.1f}" y="{}" font-size="11" text-anchor="middle">{:,}</text>'.format(
                x, self.y0 + self.h + 16, v))
        out.append('<text x="{:.1f}" y="{}" font-size="12" text-anchor="middle">active campaigns in the calendar</text>'.format(
            self.x0 + self.w / 2, self.y0 + self.h + 34))
        out.append('<text transform="translate({},{:.1f}) rotate(-90)" font-size="12" text-anchor="middle">{}</text>'.format(
            self.x0 - 48, self.y0 + self.h / 2, escape(ylabel)))

    def series(self, out, pts, colour, label, legend_y, dashed=False):
        if not pts:
            return
        path = " ".join("{}{:.1f},{:.1f}".format("M" if i == 0 else "L", self.x(x), self.y(y))
                        for i, (x, y) in enumerate(pts))
        dash = ' stroke-dasharray="6,4"' if dashed else ""
        out.append('<path d="{}" fill="none" stroke="{}" stroke-width="2"{}/>'.format(path, colour, dash))
        for x, y in pts:
            out.append('<circle cx="{:.1f}" cy="{:.1f}" r="3.5" fill="{}"/>'.format(self.x(x), self.y(y), colour))
            out.append('<text x="{:.1f}" y="{:.1f}" font-size="10" fill="{}">{}</text>'.format(
                self.x(x) + 5, self.y(y) - 6, colour, fmt(y)))
        lx = self.x0 + 10
        out.append('<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="2"{}/>'.format(
            lx, legend_y, lx + 22, legend_y, colour, dash))
        out.append('<text x="{}" y="{}" font-size="11">{}</text>'.format(lx + 28, legend_y + 4, escape(label)))


def main(argv):
    if len(argv) < 2:
        print(__doc__)
        return 2
    with open(argv[1], encoding="utf-8") as f:
        results = json.load(f)
    footprint = []
    out_path = "performance-scaling.svg"
    for arg in argv[2:]:
        if arg.endswith(".json"):
            try:
                with open(arg, encoding="utf-8") as f:
                    footprint = json.load(f)
            except FileNotFoundError:
                footprint = []
        else:
            out_path = arg

    cost = [(label, points(results, suffix, to_micros), colour) for label, suffix, colour in SERIES]
    build = [(label, points(results, suffix, to_millis), colour) for label, suffix, colour in BUILD_SERIES]
    heap = []
    for approach, colour in (("engine", "#1f77b4"), ("naive", "#d62728")):
        pts = sorted((r["campaigns"], r["retainedHeapBytes"] / 1e6) for r in footprint
                     if r["approach"] == approach and r["retainedHeapBytes"] > 0)
        if pts:
            heap.append(("retained heap, " + approach + " (MB)", pts, colour))
    if not any(pts for _, pts, _ in cost):
        print("no CampaignScalingBenchmark/NaiveScalingBenchmark results in " + argv[1], file=sys.stderr)
        return 1

    xs = sorted({x for _, pts, _ in cost + build for x, _ in pts})
    out = ['<svg xmlns="http://www.w3.org/2000/svg" width="980" height="430" font-family="sans-serif">',
           '<rect width="100%" height="100%" fill="white"/>']
    ys = [y for _, pts, _ in cost for _, y in pts]
    left = Panel(80, 50, 380, 300, xs, min(ys), max(ys))
    left.axes(out, xs, "Per-order cost (µs, log scale; lower is better)", "µs per order")
    for i, (label, pts, colour) in enumerate(cost):
        left.series(out, pts, colour, label, left.y0 + 16 + 16 * i)

    ys2 = [y for _, pts, _ in build + heap for _, y in pts]
    if ys2:
        right = Panel(570, 50, 380, 300, xs, min(ys2), max(ys2))
        right.axes(out, xs, "Build time (ms) and retained heap (MB), log scale", "ms  /  MB")
        n = 0
        for label, pts, colour in build:
            right.series(out, pts, colour, label + " (ms)", right.y0 + 16 + 16 * n)
            n += 1
        for label, pts, colour in heap:
            right.series(out, pts, colour, label, right.y0 + 16 + 16 * n, dashed=True)
            n += 1
    out.append('<text x="80" y="420" font-size="10" fill="#555">Generated by examples/benchmarks/chart.py from '
               '{} (JMH). Naive Drools measured up to the sizes that were feasible to build.</text>'.format(
                   escape(argv[1].split("/")[-1])))
    out.append("</svg>")
    with open(out_path, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")
    print("wrote " + out_path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
