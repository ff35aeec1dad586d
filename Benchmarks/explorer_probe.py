#!/usr/bin/env python3
"""explorer_probe.py - the interactive explorer as a person's terminal sees it.

Runs the release binary in a pseudo-terminal with /work/shared/tools/tui_probe.py
(pyte needed: pip install pyte) and measures, per run:
  first frame  ms from fork/exec to the first and to the last byte of the first frame
  step         bytes written and ms to the first / last byte for temperature steps
               (Right, Left) on a plain screen, and for the first step after `d`
               (which also clears the 1000-draw histogram)
  idle         CPU % over an idle window with no animation (schedstat ns), wake-ups/s
  animation    `d` (1000 draws over 2 s): frames (output bursts separated by more
               than --gap-ms of silence), frames/s, CPU % of one core, bytes.
               A frame that changes nothing writes nothing, so this counts the
               frames the terminal received (a few early ones, with no new draw
               yet, are not seen); voluntary context switches (anim_wakeups)
               count the run loop's sleeps, i.e. the frames it computed.
  memory       VmRSS after start-up and the highest VmHWM sampled over the run
  exit         q, then: exit code, termios restored, alternate screen left, cursor shown
and prints one JSON line per run, then the medians over runs.

    swift build -c release            # from the root package
    python3 Benchmarks/explorer_probe.py [--runs 5] [--binary .build/release/softmax-lab] [--chapter dial]
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time

# The probe lives in shared/tools beside the project (or where TUI_PROBE_DIR says).
sys.path.insert(0, os.environ.get("TUI_PROBE_DIR") or os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "tools"))
from tui_probe import TuiProbe, proc_counters  # noqa: E402


def bursts(rec, gap_ns):
    """Group (t_ns, nbytes) chunks into bursts separated by more than gap_ns."""
    out = []
    for t, n in rec:
        if out and t - out[-1]["end"] <= gap_ns:
            out[-1]["end"] = t
            out[-1]["bytes"] += n
        else:
            out.append({"start": t, "end": t, "bytes": n})
    return out


def watch(p, seconds_max, quiet_ms):
    """Read output (timestamped) until quiet_ms of silence or seconds_max; returns
    the chunks and the CPU used by the child over the window from now to the last byte."""
    rec = []
    p._rec = rec
    a = proc_counters(p.pid)
    start = time.monotonic_ns()
    try:
        while True:
            now = time.monotonic_ns()
            last = rec[-1][0] if rec else start
            if now - last > quiet_ms * 1e6 or now - start > seconds_max * 1e9:
                break
            p._read_once(0.002)
            p._sample_hwm()
    finally:
        p._rec = None
    b = proc_counters(p.pid)
    return rec, start, a, b


def one_run(args):
    cmd = [args.binary, "--seed", "7"] + (["--chapter", args.chapter] if args.chapter else [])
    p = TuiProbe(cols=args.cols, rows=args.rows, term="xterm-256color", lang="C.UTF-8")
    r = {}
    p.start(cmd)
    t0 = p.start_ns
    # First frame: the first burst of output (quiet for 40 ms ends it).
    first = p.wait_quiet(40, timeout=5, since_ns=t0, first_ms=3000)
    r["first_frame_first_byte_ms"] = first["first_ms"]
    r["first_frame_last_byte_ms"] = first["last_ms"]
    r["first_frame_bytes"] = first["bytes"]
    assert any("Softmax Lab" in line for line in p.screen_text()), "no frame"
    r["rss_after_start_kB"] = p.memory()["VmRSS_kB"]

    # Idle, nothing animating.
    idle = p.idle_cpu(args.idle_seconds)
    r["idle_cpu_pct"] = idle["cpu_pct"]
    r["idle_wakeups_per_s"] = idle["wakeups_per_s"]
    r["idle_bytes"] = idle["bytes_written"]

    # Temperature steps on a plain screen (the first one also clears the start-up notice).
    steps = []
    for key in ["Right"] * args.steps + ["Left"] * args.steps:
        m = p.press(key, quiet_ms=30, timeout=2)
        steps.append(m)
    r["step_bytes"] = [m["bytes"] for m in steps]
    r["step_first_ms"] = [m["first_byte_ms"] for m in steps]
    r["step_last_ms"] = [m["last_byte_ms"] for m in steps]

    # The 1000-draw animation.
    p.drain()
    t_send = p.send_raw(b"d")
    rec, _, a, b = watch(p, 5.0, quiet_ms=200)
    bs = bursts(rec, args.gap_ms * 1e6)
    if bs:
        span = (bs[-1]["end"] - t_send) / 1e9
        # frames/s over the animation: frames after the first, over the time between first and last
        fps = (len(bs) - 1) / ((bs[-1]["start"] - bs[0]["start"]) / 1e9) if len(bs) > 1 else 0.0
        gaps = [(y["start"] - x["start"]) / 1e6 for x, y in zip(bs, bs[1:])]
    else:
        span, fps, gaps = 0.0, 0.0, []
    r["anim_frames"] = len(bs)
    r["anim_seconds"] = round(span, 3)
    r["anim_fps"] = round(fps, 1)
    r["anim_frame_gap_ms_min"] = round(min(gaps), 2) if gaps else None
    r["anim_frame_gap_ms_p50"] = round(statistics.median(gaps), 2) if gaps else None
    r["anim_frame_gap_ms_max"] = round(max(gaps), 2) if gaps else None
    r["anim_bytes"] = sum(x["bytes"] for x in bs)
    r["anim_bytes_per_frame_p50"] = statistics.median([x["bytes"] for x in bs]) if bs else 0
    busy_s = (b["t"] - a["t"])
    r["anim_cpu_pct"] = round(100 * (b["run_ns"] - a["run_ns"]) / 1e9 / span, 2) if span else None
    r["anim_cpu_pct_window"] = round(100 * (b["run_ns"] - a["run_ns"]) / 1e9 / busy_s, 2)
    r["anim_wakeups"] = b["vcs"] - a["vcs"]
    r["anim_done_screen_ok"] = any("draws n = 1000" in line for line in p.screen_text())

    # A step right after the draws: the histogram is cleared too.
    m = p.press("Right", quiet_ms=30, timeout=2)
    r["step_after_draws_bytes"] = m["bytes"]
    r["step_after_draws_last_ms"] = m["last_byte_ms"]

    # Idle again after the animation (it must stop asking for frames).
    idle2 = p.idle_cpu(args.idle_seconds / 2)
    r["idle_after_anim_cpu_pct"] = idle2["cpu_pct"]
    r["idle_after_anim_bytes"] = idle2["bytes_written"]

    mem = p.memory()
    r["rss_end_kB"] = mem["VmRSS_kB"]
    r["peak_hwm_kB"] = mem["peak_VmHWM_kB"]

    p.press("q", quiet_ms=50, timeout=2)
    exited = p.wait_exit(3)
    if not exited:
        p.kill()
    e = p.exit_info()
    t = p.terminal_report()
    r["exit_code"] = e.get("exit_code")
    r["terminal_restored"] = t.get("restored")
    r["termios_restored"] = t.get("termios_restored")
    r["alt_screen_left"] = t.get("alt_screen_left")
    r["cursor_visible"] = t.get("cursor_visible")
    r["keypad_app_mode_at_end"] = t.get("keypad_app_mode_at_end")
    p.close()
    return r


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--binary", default=os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                     "..", ".build", "release", "softmax-lab"))
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--chapter", default=None, help="open the lesson at this chapter (number or name) instead of the explorer")
    ap.add_argument("--cols", type=int, default=80)
    ap.add_argument("--rows", type=int, default=24)
    ap.add_argument("--steps", type=int, default=10, help="Right presses, then as many Left, per run")
    ap.add_argument("--idle-seconds", type=float, default=4.0)
    ap.add_argument("--gap-ms", type=float, default=5.0, help="silence that separates two frames")
    args = ap.parse_args()

    runs = []
    for i in range(args.runs):
        r = one_run(args)
        print(json.dumps(r), flush=True)
        runs.append(r)

    def med(key):
        vals = [x[key] for x in runs if x.get(key) is not None]
        return statistics.median(vals) if vals else None

    def med_all(key):
        vals = [v for x in runs for v in x[key] if v is not None]
        return statistics.median(vals), max(vals)

    summary = {
        "runs": len(runs),
        "first_frame_last_byte_ms_p50": med("first_frame_last_byte_ms"),
        "first_frame_first_byte_ms_p50": med("first_frame_first_byte_ms"),
        "first_frame_bytes_p50": med("first_frame_bytes"),
        "step_bytes_p50_max": med_all("step_bytes"),
        "step_last_ms_p50_max": med_all("step_last_ms"),
        "step_first_ms_p50_max": med_all("step_first_ms"),
        "step_after_draws_bytes_p50": med("step_after_draws_bytes"),
        "step_after_draws_last_ms_p50": med("step_after_draws_last_ms"),
        "idle_cpu_pct_p50": med("idle_cpu_pct"),
        "idle_wakeups_per_s_p50": med("idle_wakeups_per_s"),
        "idle_after_anim_cpu_pct_p50": med("idle_after_anim_cpu_pct"),
        "anim_frames_p50": med("anim_frames"),
        "anim_seconds_p50": med("anim_seconds"),
        "anim_fps_p50": med("anim_fps"),
        "anim_frame_gap_ms_min_min": min(x["anim_frame_gap_ms_min"] for x in runs if x["anim_frame_gap_ms_min"]),
        "anim_cpu_pct_p50": med("anim_cpu_pct"),
        "anim_bytes_p50": med("anim_bytes"),
        "rss_after_start_kB_p50": med("rss_after_start_kB"),
        "peak_hwm_kB_p50": med("peak_hwm_kB"),
        "peak_hwm_kB_max": max(x["peak_hwm_kB"] for x in runs),
        "all_exit_0": all(x["exit_code"] == 0 for x in runs),
        "all_terminal_restored": all(x["terminal_restored"] for x in runs),
    }
    print(json.dumps({"summary": summary}, indent=1))


if __name__ == "__main__":
    main()
