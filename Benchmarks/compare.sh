#!/usr/bin/env bash
# Runs the Swift benchmarks (release build) and numpy_peer.py one after the other
# and prints their medians side by side. NUMPY_REPEATS sets numpy's run count.
set -euo pipefail
cd "$(dirname "$0")"

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

echo "Swift benchmarks (release build; the first run compiles for a minute or two)..." >&2
if ! swift package --allow-writing-to-package-directory benchmark \
    --format histogramPercentiles --path "$out" >"$out/swift.log" 2>&1; then
    cat "$out/swift.log" >&2
    exit 1
fi
echo "numpy..." >&2
python3 numpy_peer.py "${NUMPY_REPEATS:-30}" >"$out/numpy.tsv"

python3 - "$out" <<'PY'
import glob, os, sys

out = sys.argv[1]

def percentile50(key, metric):
    [path] = glob.glob(os.path.join(out, f"*.SoftmaxBenchmarks.{key}.{metric}.histogram.percentiles.tsv"))
    for line in open(path):
        fields = line.split("\t")
        if fields[0] == "50":
            return float(fields[1])
    raise SystemExit(f"no median in {path}")

numpy = dict(line.split("\t") for line in open(os.path.join(out, "numpy.tsv")).read().split("\n") if line)
numpy = {key: float(value) for key, value in numpy.items()}

# key, per-unit divisor, unit, input bytes, numpy key, label
workloads = [
    ("rows_200000x5", 1_000_000, "elt", 8_000_000, "rows_200000x5", "softmax+entropy 200000x5 (numpy: softmax only)"),
    ("rows_200000x5", 1_000_000, "elt", 8_000_000, "rows_200000x5+entropy", "softmax+entropy 200000x5 (numpy: + entropy)"),
    ("row_50000", 50_000, "elt", 400_000, "row_50000", "softmax in place, 1 row x 50000"),
    ("row_1000000", 1_000_000, "elt", 8_000_000, "row_1000000", "softmax in place, 1 row x 1000000"),
    ("top_p_128256", 128_256, "elt", 128_256 * 8, "top_p_128256", "top-p 0.9 at T = 0.8, 128256 logits"),
    ("draws_K5", 10_000_000, "draw", 5 * 8, "draws_K5", "10^7 draws, K = 5"),
    ("draws_K50000", 10_000_000, "draw", 50_000 * 8, "draws_K50000", "10^7 draws, K = 50000"),
]

print(f"{'workload':<48} {'Swift':>13} {'numpy':>13} {'ratio':>7}   {'Swift malloc':>13} {'RSS peak +':>11} {'input':>9}")
for key, units, unit, input_bytes, numpy_key, label in workloads:
    swift = percentile50(key, "wallClock") / units
    theirs = numpy[numpy_key]
    malloc = percentile50(key, "mallocBytesCount")
    rss = percentile50(key, "peakMemoryResidentDelta")
    print(f"{label:<48} {swift:>7.3f} ns/{unit:<4} {theirs:>7.3f} ns/{unit:<4} {theirs / swift:>6.2f}x"
          f"   {malloc / 1e6:>10.2f} MB {rss / 1e6:>8.2f} MB {input_bytes / 1e6:>6.2f} MB")
print("medians; ratio = numpy / Swift (above 1: Swift faster). Memory columns are Swift's medians per iteration:")
print("bytes malloc'd and growth of peak resident memory, beside the input's size.")
PY
