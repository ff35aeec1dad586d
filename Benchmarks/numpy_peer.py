#!/usr/bin/env python3
"""numpy's side of the benchmarks in Benchmarks/SoftmaxBenchmarks: the same five
workloads at the same sizes, timed as medians over repeated runs.

Prints one line per workload: key, median ns per element (or per draw), runs.
The keys match the Swift benchmark names so that compare.sh can join them.
"""
import sys
import time

import numpy as np

ROWS, COLUMNS = 200_000, 5
DRAWS = 10**7


def median_ns(run, repeats, prepare=None):
    """Median wall time of run() in ns, after one untimed warm-up; prepare() runs untimed before each."""
    if prepare:
        prepare()
    run()
    times = []
    for _ in range(repeats):
        if prepare:
            prepare()
        start = time.perf_counter_ns()
        run()
        times.append(time.perf_counter_ns() - start)
    return float(np.median(times))


def stable_softmax(x):
    e = np.exp(x - x.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def stable_softmax_with_entropy(x):
    # The entropy numpy would compute alongside, by the same identity the Swift
    # kernel uses (H = ln Z - sum(e y) / Z), so it needs no log of the probabilities.
    y = x - x.max(axis=1, keepdims=True)
    e = np.exp(y)
    z = e.sum(axis=1, keepdims=True)
    return e / z, np.log(z[:, 0]) - (e * y).sum(axis=1) / z[:, 0]


def main():
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    rng = np.random.default_rng(1)
    results = []

    batch = rng.standard_normal((ROWS, COLUMNS))
    n = ROWS * COLUMNS
    results.append(("rows_200000x5", median_ns(lambda: stable_softmax(batch), repeats) / n))
    results.append(("rows_200000x5+entropy", median_ns(lambda: stable_softmax_with_entropy(batch), repeats) / n))

    for length in (50_000, 1_000_000):
        logits = rng.standard_normal(length)
        x = np.empty_like(logits)

        def in_place():
            np.subtract(x, x.max(), out=x)
            np.exp(x, out=x)
            np.divide(x, x.sum(), out=x)  # x /= x.sum(), which would rebind x here

        # Refilled outside the timing, as the Swift side does.
        results.append((f"row_{length}", median_ns(in_place, repeats * 4, lambda: np.copyto(x, logits)) / length))

    # Top-p 0.9 at T = 0.8 over 128,256 logits, numpy's sort-based way: softmax, argsort,
    # cumsum, searchsorted, and the renormalised nucleus written out.
    vocabulary = rng.standard_normal(128_256) * 3

    def nucleus():
        z = vocabulary / 0.8
        e = np.exp(z - z.max())
        p = e / e.sum()
        order = np.argsort(-p, kind="stable")
        cumulative = np.cumsum(p[order])
        n = int(np.searchsorted(cumulative, 0.9 * cumulative[-1])) + 1
        out = np.zeros_like(p)
        out[order[:n]] = p[order[:n]] / cumulative[n - 1]
        return out

    results.append(("top_p_128256", median_ns(nucleus, repeats) / vocabulary.size))

    generator = np.random.default_rng(4)
    for classes in (5, 50_000):
        p = stable_softmax(rng.standard_normal((1, classes)))[0]
        draw_repeats = max(5, repeats // 3)
        ns = median_ns(lambda: generator.choice(classes, size=DRAWS, p=p), draw_repeats)
        results.append((f"draws_K{classes}", ns / DRAWS))

    for key, value in results:
        print(f"{key}\t{value:.4f}")


if __name__ == "__main__":
    main()
