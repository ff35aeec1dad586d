#!/usr/bin/env python3
"""distillation_chapter_probe.py - does chapter 13 (distillation) keep the keys live while it trains?

Runs the release binary in a pseudo-terminal with /work/shared/tools/tui_probe.py
(pip install pyte) at --chapter distillation and, from the moment the chapter opens
(the teacher trains first, then 22 students, then one more at each new T):
  keys     the ms from writing a key to the screen showing its effect: Right (T one
           rung up, read from the header), n (the next view, read from its heading)
           and, back on the student view (p), . (alpha up, read from its heading)
  done     ms until the progress line is gone
and prints one JSON line per run, then the worst over the runs.

    swift build -c release
    python3 Benchmarks/distillation_chapter_probe.py [--runs 3] [--binary .build/release/softmax-lab]
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
from tui_probe import TuiProbe, key_bytes  # noqa: E402

PROGRESS = re.compile(r"the teacher: |training the student")
TEMPERATURES = ["1.20", "1.50", "2.00", "3.00", "4.00", "5.00"]
VIEWS = ["2/4", "3/4", "4/4", "1/4", "2/4", "3/4"]


def screen(p):
    return "\n".join(p.screen_text())


def latency(p, key, expect, timeout=5.0):
    """ms from writing `key` to `expect` (a regex) matching the screen."""
    t0 = p.send_raw(key_bytes(key, p.app_cursor))
    found = p.wait_for(expect, timeout)
    return round((time.monotonic_ns() - t0) / 1e6, 1) if found else None


def run(binary, cols, rows):
    p = TuiProbe(cols=cols, rows=rows)
    p.start([binary, "--chapter", "distillation", "--seed", "7"])
    start = time.monotonic_ns()
    p.wait_for("Distillation", 5)
    keys = []
    for i in range(6):
        at = round((time.monotonic_ns() - start) / 1e6)
        keys.append({"key": "Right", "at_ms": at, "ms": latency(p, "Right", r"T = " + re.escape(TEMPERATURES[i]))})
        keys.append({"key": "n", "at_ms": at, "ms": latency(p, "n", re.escape(VIEWS[i]) + " · ")})
        p.wait_for(lambda q: False, 0.1)
    keys.append({"key": "p", "ms": latency(p, "p", r"2/4 · ")})
    keys.append({"key": ".", "ms": latency(p, ".", r"T · α = 0\.5")})
    done = p.wait_for(lambda q: not PROGRESS.search(screen(q)), 30)
    done_ms = round((time.monotonic_ns() - start) / 1e6)
    p.send("q")
    p.wait_exit(3)
    p.close()
    measured = [k["ms"] for k in keys]
    return {"size": f"{cols}x{rows}", "keys": keys,
            "worst_key_ms": None if None in measured else max(measured),
            "done": done, "done_ms": done_ms}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--binary", default=".build/release/softmax-lab")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    results = []
    for i in range(args.runs):
        cols, rows = (80, 24) if i % 2 == 0 else (120, 40)
        r = run(args.binary, cols, rows)
        print(json.dumps(r))
        results.append(r)
    keys = [r["worst_key_ms"] for r in results]
    print(json.dumps({"worst_key_ms": None if None in keys else max(keys),
                      "all_done": all(r["done"] for r in results)}))


if __name__ == "__main__":
    main()
