#!/usr/bin/env python3
"""`softmax-lab calibrate` against the numpy/scipy way of fitting a temperature, in one run.

1. .npy: writes seeded 50,000 x 1,000 float32 logits (200 MB) and int64 labels to a
   temporary folder. The logits are overconfident: z = 3 N(0, 1) with 8 added to one
   random class per row, and each label is drawn from softmax(z / 2), so T* is near 2.
   Then, alternating run by run (one untimed warm-up each, so both read a cached file):
     numpy/scipy  np.load both files, then scipy.optimize.minimize_scalar (Brent) over
                  log T of the mean NLL written with scipy.special.logsumexp, as
                  practitioners write it (on the float32 array as loaded: dividing it by
                  the numpy float64 scalar exp(log T) makes the work float64 under NEP 50);
     softmax-lab  BINARY calibrate logits.npy --labels labels.npy --format json,
                  and, in a run of its own, its peak resident memory (ru_maxrss of the
                  child, from os.wait4 in a small helper process) against the file's size.
   Prints medians, the ratio numpy / softmax-lab (above 1: softmax-lab faster) and both T*.
2. CSV: 20,000 x 100 logits (8 significant digits) with the label as the last column.
   softmax-lab calibrate file.csv --label-column -1 (reads AND fits) against
   numpy.loadtxt(file, delimiter=",") and pandas.read_csv(file, header=None) (read only).

Usage: python3 calibrate_peer.py [--binary PATH] [--runs 5] [--data DIR] [--skip-npy] [--skip-csv]
(--data keeps the generated files in DIR and reuses them on the next run.)
The binary defaults to ../.build/release/softmax-lab (relative to this folder); build it
with `swift build -c release` in the package root (or pass --binary for another scratch path).
Timings on a shared machine wander; the load average is printed at the start and the end.
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np
from scipy.optimize import minimize_scalar
from scipy.special import logsumexp

HERE = os.path.dirname(os.path.abspath(__file__))
ROWS, CLASSES = 50_000, 1_000
CSV_ROWS, CSV_CLASSES = 20_000, 100


def write_npy_fixture(folder, rows, classes, seed=7, chunk=5_000):
    """float32 logits and int64 labels drawn from softmax(z / 2), written chunk by chunk."""
    rng = np.random.default_rng(seed)
    logits_path = os.path.join(folder, "logits.npy")
    labels_path = os.path.join(folder, "labels.npy")
    z = np.lib.format.open_memmap(logits_path, mode="w+", dtype=np.float32, shape=(rows, classes))
    labels = np.empty(rows, dtype=np.int64)
    for start in range(0, rows, chunk):
        stop = min(rows, start + chunk)
        block = 3.0 * rng.standard_normal((stop - start, classes), dtype=np.float32)
        block[np.arange(stop - start), rng.integers(0, classes, stop - start)] += 8.0
        z[start:stop] = block
        s = block.astype(np.float64) / 2.0
        p = np.exp(s - logsumexp(s, axis=1, keepdims=True))
        u = rng.random(stop - start)
        labels[start:stop] = np.minimum((p.cumsum(axis=1) < u[:, None]).sum(axis=1), classes - 1)
    z.flush()
    del z
    np.save(labels_path, labels)
    return logits_path, labels_path


def scipy_fit(logits_path, labels_path):
    """What a practitioner writes: load, then minimise the mean NLL over log T."""
    z = np.load(logits_path)
    y = np.load(labels_path)
    rows = np.arange(len(y))

    def nll(log_t):
        s = z / np.exp(log_t)
        return float(np.mean(logsumexp(s, axis=1) - s[rows, y]))

    result = minimize_scalar(nll, bracket=(-1.0, 1.0), method="brent")
    return float(np.exp(result.x)), result.nfev


def run_binary(arguments, out_path):
    """Wall time and stdout of one run of the binary."""
    with open(out_path, "wb") as out:
        start = time.perf_counter()
        child = subprocess.run(arguments, stdout=out, stderr=subprocess.PIPE)
        elapsed = time.perf_counter() - start
    if child.returncode != 0:
        raise SystemExit(f"{' '.join(arguments)} exited {child.returncode}: {child.stderr.decode()}")
    with open(out_path) as f:
        return elapsed, f.read()


# A child forked from this process starts with this process's resident pages counted in
# its ru_maxrss (several GB after the numpy runs), which exec keeps as a high-water mark.
# So a fresh, small Python forks the binary and reports that child's ru_maxrss (KiB).
RSS_HELPER = ("import os, subprocess, sys; c = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL); "
              "_, status, usage = os.wait4(c.pid, 0); print(usage.ru_maxrss); sys.exit(os.waitstatus_to_exitcode(status))")


def peak_rss(arguments):
    """The binary's peak resident memory in bytes, from a run of its own."""
    helper = subprocess.run([sys.executable, "-c", RSS_HELPER] + arguments, capture_output=True, text=True)
    if helper.returncode != 0:
        raise SystemExit(f"{' '.join(arguments)} exited {helper.returncode}: {helper.stderr}")
    return int(helper.stdout) * 1024


def timed(function):
    start = time.perf_counter()
    value = function()
    return time.perf_counter() - start, value


def load():
    return "load average %.2f %.2f %.2f" % os.getloadavg()


def npy_benchmark(binary, folder, runs):
    logits, labels = os.path.join(folder, "logits.npy"), os.path.join(folder, "labels.npy")
    if os.path.exists(logits) and os.path.exists(labels):
        print(f"reusing {logits} and {labels}", flush=True)
    else:
        print(f"writing {ROWS} x {CLASSES} float32 logits and labels to {folder} ...", flush=True)
        write_npy_fixture(folder, ROWS, CLASSES)
    size = os.path.getsize(logits)
    out_path = os.path.join(folder, "out.json")
    command = [binary, "calibrate", logits, "--labels", labels, "--format", "json"]

    scipy_fit(logits, labels)  # warm-ups: the file is in the page cache for both
    run_binary(command, out_path)
    peer_times, ours_times, peaks = [], [], []
    for i in range(runs):
        seconds, (t_peer, evaluations) = timed(lambda: scipy_fit(logits, labels))
        peer_times.append(seconds)
        seconds, text = run_binary(command, out_path)
        ours_times.append(seconds)
        peak = peak_rss(command)
        peaks.append(peak)
        print(f"  run {i + 1}: numpy/scipy {peer_times[-1]:.3f} s, softmax-lab {seconds:.3f} s, "
              f"peak RSS {peak / 1e6:.0f} MB", flush=True)
    ours = json.loads(text)
    t_ours = ours.get("temperature")
    peer, mine = statistics.median(peer_times), statistics.median(ours_times)
    print(f"npy {ROWS} x {CLASSES} float32 ({size / 1e6:.0f} MB), medians of {runs}:")
    print(f"  numpy/scipy ({evaluations} NLL evaluations)  {peer:8.3f} s")
    print(f"  softmax-lab calibrate ({ours['fit']['iterations']} iterations)  {mine:8.3f} s")
    print(f"  ratio numpy/scipy / softmax-lab  {peer / mine:.2f}x")
    print(f"  T*: softmax-lab {t_ours!r}, scipy {t_peer!r}, relative difference "
          f"{abs(t_ours / t_peer - 1):.1e}" if t_ours else f"  T*: softmax-lab none ({ours['fit']['status']})")
    peak = statistics.median(peaks)
    print(f"  softmax-lab peak RSS {peak / 1e6:.0f} MB = {peak / size:.2f} x the file (max {max(peaks) / size:.2f} x)")
    return {"npy_numpy_s": peer, "npy_softmax_lab_s": mine, "npy_ratio": peer / mine,
            "temperature_softmax_lab": t_ours, "temperature_scipy": t_peer,
            "peak_rss_ratio": peak / size, "file_bytes": size}


def csv_benchmark(binary, folder, runs):
    import pandas as pd

    rng = np.random.default_rng(11)
    z = 3.0 * rng.standard_normal((CSV_ROWS, CSV_CLASSES))
    z[np.arange(CSV_ROWS), rng.integers(0, CSV_CLASSES, CSV_ROWS)] += 6.0
    p = np.exp(z / 2 - logsumexp(z / 2, axis=1, keepdims=True))
    y = np.minimum((p.cumsum(axis=1) < rng.random(CSV_ROWS)[:, None]).sum(axis=1), CSV_CLASSES - 1)
    path = os.path.join(folder, "logits.csv")
    if not os.path.exists(path):
        np.savetxt(path, np.column_stack([z, y]), fmt=["%.8g"] * CSV_CLASSES + ["%d"], delimiter=",")
    size = os.path.getsize(path)
    out_path = os.path.join(folder, "out_csv.json")
    command = [binary, "calibrate", path, "--label-column", "-1", "--format", "json"]

    peers = {
        "numpy.loadtxt": lambda: np.loadtxt(path, delimiter=","),
        "pandas.read_csv": lambda: pd.read_csv(path, header=None),
    }
    for read in peers.values():
        read()
    run_binary(command, out_path)
    times = {name: [] for name in list(peers) + ["softmax-lab"]}
    for _ in range(runs):
        for name, read in peers.items():
            times[name].append(timed(read)[0])
        times["softmax-lab"].append(run_binary(command, out_path)[0])
    medians = {name: statistics.median(values) for name, values in times.items()}
    mine = medians["softmax-lab"]
    print(f"CSV {CSV_ROWS} x {CSV_CLASSES} + label ({size / 1e6:.1f} MB), medians of {runs}:")
    print(f"  softmax-lab calibrate (read + fit)  {mine:8.3f} s")
    for name in peers:
        print(f"  {name + ' (read only)':<28} {medians[name]:8.3f} s   ratio {medians[name] / mine:6.2f}x")
    return {"csv_" + name: value for name, value in medians.items()}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--binary", default=os.path.join(HERE, "..", ".build", "release", "softmax-lab"))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--data", default=None,
                        help="a folder to keep the data in and reuse it from (default: a new temporary one, removed)")
    parser.add_argument("--skip-npy", action="store_true")
    parser.add_argument("--skip-csv", action="store_true")
    args = parser.parse_args()
    binary = os.path.abspath(args.binary)
    if not os.access(binary, os.X_OK):
        raise SystemExit(f"no binary at {binary}: build it with `swift build -c release` or pass --binary")

    folder = args.data or tempfile.mkdtemp(prefix="calibrate_peer_")
    os.makedirs(folder, exist_ok=True)
    print(load(), flush=True)
    results = {}
    try:
        if not args.skip_npy:
            results.update(npy_benchmark(binary, folder, args.runs))
        if not args.skip_csv:
            results.update(csv_benchmark(binary, folder, args.runs))
    finally:
        if args.data:
            print(f"data kept in {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)
    print(load())
    print(json.dumps(results))


if __name__ == "__main__":
    sys.exit(main())
