#!/usr/bin/env python3
"""exploration_chapter_probe.py - does the exploration chapter keep the keys live while it works?

Runs the binary (by default the debug build, the slower of the two) in a pseudo-terminal
with /work/shared/tools/tui_probe.py (pip install pyte) at --chapter exploration and, while
it animates its run and averages 200 runs of each schedule:
  keys     the ms from writing a key to the screen showing its effect: Down (the next
           schedule, read from the view's heading) and ',' / '.' (the anneal one rung
           shorter or longer, read from the heading), pressed at intervals from the moment
           the chapter opens
  run      ms until the run shown reads "step 1000 of 1000"
  done     ms until the progress line ("averaging 200 runs") is gone
and prints one JSON line per run, then the worst over the runs.

    swift build
    python3 Benchmarks/exploration_chapter_probe.py [--runs 2] [--binary .build/debug/softmax-lab]
"""
from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time

sys.path.insert(0, os.environ.get("TUI_PROBE_DIR") or os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "tools"))
from tui_probe import TuiProbe  # noqa: E402

# The screen as text and a key's latency to a regex on it, as the calibration probe measures them.
from calibration_chapter_probe import latency, screen  # noqa: E402

PROGRESS = re.compile(r"averaging 200 runs")
# The heading after each key: Down walks the schedules; , and . move the anneal.
PRESSES = [("Down", r"One run · cold"), ("Down", r"One run · annealed, T 0\.5 → 0\.05 in 300"),
           (",", r"in 200 steps"), (".", r"in 300 steps"), ("Down", r"One run · ε-greedy"),
           ("Down", r"One run · hot")]


def run(binary, cols, rows):
    p = TuiProbe(cols=cols, rows=rows)
    p.start([binary, "--chapter", "exploration", "--seed", "7"])
    start = time.monotonic_ns()
    p.wait_for("Exploration: hot, cold and annealed", 5)
    keys = []
    for key, expect in PRESSES:
        keys.append({"key": key, "at_ms": round((time.monotonic_ns() - start) / 1e6),
                     "ms": latency(p, key, expect)})
        p.wait_for(lambda q: False, 0.15)
    ran = p.wait_for(lambda q: "step 1000 of 1000" in screen(q), 60)
    run_ms = round((time.monotonic_ns() - start) / 1e6)
    done = p.wait_for(lambda q: not PROGRESS.search(screen(q)), 60)
    done_ms = round((time.monotonic_ns() - start) / 1e6)
    p.send("q")
    p.wait_exit(3)
    p.close()
    measured = [k["ms"] for k in keys]
    return {"size": f"{cols}x{rows}", "keys": keys,
            "worst_key_ms": None if None in measured else max(measured),
            "run_done": ran, "run_ms": run_ms, "done": done, "done_ms": done_ms}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--binary", default=".build/debug/softmax-lab")
    ap.add_argument("--runs", type=int, default=2)
    args = ap.parse_args()
    results = []
    for i in range(args.runs):
        cols, rows = (80, 24) if i % 2 == 0 else (120, 40)
        r = run(args.binary, cols, rows)
        print(json.dumps(r, ensure_ascii=False))
        results.append(r)
    keys = [r["worst_key_ms"] for r in results]
    print(json.dumps({"worst_key_ms": None if None in keys else max(keys),
                      "all_done": all(r["done"] for r in results)}))


if __name__ == "__main__":
    main()
