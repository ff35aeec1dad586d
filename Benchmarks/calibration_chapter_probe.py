#!/usr/bin/env python3
"""calibration_chapter_probe.py - does chapter 12 (calibration) keep the keys live while it trains?

Runs the release binary in a pseudo-terminal with /work/shared/tools/tui_probe.py
(pip install pyte) at --chapter calibration and, while the model trains:
  keys     the ms from writing a key to the screen showing its effect: Right (T one
           rung up, read from the header) and ',' (C one rung down, read from the
           view's heading), pressed at intervals from the moment the chapter opens
  done     ms until the progress line is gone (every rung of the ladder trained)
and prints one JSON line per run, then the worst over the runs.

    swift build -c release
    python3 Benchmarks/calibration_chapter_probe.py [--runs 3] [--binary .build/release/softmax-lab]
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

LADDER = ["0.01", "0.1", "1", "10", "100", "1e3", "1e4"]
PROGRESS = re.compile(r"loading the digits|training C = |NLL and ECE at")


def screen(p):
    return "\n".join(p.screen_text())


def latency(p, key, expect, timeout=5.0):
    """ms from writing `key` to `expect` (a regex) matching the screen."""
    t0 = p.send_raw(key_bytes(key, p.app_cursor))
    found = p.wait_for(expect, timeout)
    return round((time.monotonic_ns() - t0) / 1e6, 1) if found else None


def run(binary, cols, rows):
    p = TuiProbe(cols=cols, rows=rows)
    p.start([binary, "--chapter", "calibration", "--seed", "7"])
    start = time.monotonic_ns()
    p.wait_for("Calibration on real digits", 5)
    keys = []
    rung = len(LADDER) - 1
    temperatures = ["1.20", "1.50", "2.00", "3.00", "4.00", "5.00"]
    for i in range(6):
        keys.append({"key": "Right", "at_ms": round((time.monotonic_ns() - start) / 1e6),
                     "ms": latency(p, "Right", r"T = " + re.escape(temperatures[i]))})
        if i % 2 == 1 and rung > 0:
            rung -= 1
            keys.append({"key": ",", "at_ms": round((time.monotonic_ns() - start) / 1e6),
                         "ms": latency(p, ",", r"C = " + re.escape(LADDER[rung]) + r" \(")})
        p.wait_for(lambda q: False, 0.15)
    return finish(p, keys, PROGRESS, start, cols, rows)


def finish(p, keys, progress, start, cols, rows):
    """Waits for the progress line (a regex) to go, quits, and sums up one run."""
    done = p.wait_for(lambda q: not progress.search(screen(q)), 30)
    done_ms = round((time.monotonic_ns() - start) / 1e6)
    p.send("q")
    p.wait_exit(3)
    p.close()
    measured = [k["ms"] for k in keys]
    return {"size": f"{cols}x{rows}", "keys": keys,
            "worst_key_ms": None if None in measured else max(measured),
            "done": done, "done_ms": done_ms}


def main(run=run, description=__doc__):
    """Runs `run` at 80x24 and 120x40 in turn, one JSON line each, then the worst."""
    ap = argparse.ArgumentParser(description=description.split("\n")[0])
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
