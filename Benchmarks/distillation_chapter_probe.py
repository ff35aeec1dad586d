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

import os
import re
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from calibration_chapter_probe import TuiProbe, finish, latency, main  # noqa: E402

PROGRESS = re.compile(r"the teacher: |training student")
TEMPERATURES = ["1.20", "1.50", "2.00", "3.00", "4.00", "5.00"]
VIEWS = ["2/4", "3/4", "4/4", "1/4", "2/4", "3/4"]


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
    return finish(p, keys, PROGRESS, start, cols, rows)


if __name__ == "__main__":
    main(run, __doc__)
