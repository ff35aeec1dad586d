#!/usr/bin/env bash
# Fuzzes every reader of untrusted input with libFuzzer: builds one binary per harness
# (Fuzz/Harnesses/NAME.swift) with AddressSanitizer, then runs each, seeded and for a
# bounded time, over its committed corpus Fuzz/Corpus/NAME/ (and Fuzz/Dictionaries/NAME.dict
# when there is one). Exits non-zero if any input crashes, trips ASan, breaks a harness's
# checks (one-line refusals, the allocation bound) or takes longer than the timeout.
#
#   Fuzz/run.sh                         every harness, 150 s of fuzzing in all (CI)
#   Fuzz/run.sh --seconds 3600 npy      one harness, for an hour
#   Fuzz/run.sh text -- -len_control=0  options after -- go to libFuzzer
#
# Adding a reader: a harness Fuzz/Harnesses/NAME.swift defining LLVMFuzzerTestOneInput
# (see the others; Fuzz/Support is compiled into each), and valid seed files in
# Fuzz/Corpus/NAME/. The CI time stays the same: the total is shared among the harnesses.
#
# Inputs found by a run land in $FUZZ_BUILD/found/NAME (default .build/fuzz), never in the
# committed corpus; crashes in $FUZZ_BUILD/artifacts/NAME. Reproduce one with
# $FUZZ_BUILD/bin/NAME FILE (-minimize_crash=1 -runs=10000 FILE shrinks it). The corpus
# keeps a handful of found inputs beside the seeds: each that crashed once, minimised, or
# that reaches a refusal no seed does, named for what it is.
set -euo pipefail
cd "$(dirname "$0")/.."

total_seconds=150
per_harness_seconds=
names=()
extra=()
while [ $# -gt 0 ]; do
    case "$1" in
        --) shift; extra=("$@"); break ;;
        --seconds) per_harness_seconds="$2"; shift 2 ;;
        --total-seconds) total_seconds="$2"; shift 2 ;;
        -h|--help) sed -n '2,21p' "$0"; exit 0 ;;
        -*) echo "Fuzz/run.sh: unknown option $1" >&2; exit 64 ;;
        *) names+=("$1"); shift ;;
    esac
done
if [ ${#names[@]} -eq 0 ]; then
    for harness in Fuzz/Harnesses/*.swift; do names+=("$(basename "$harness" .swift)"); done
fi
for name in "${names[@]}"; do
    [ -f "Fuzz/Harnesses/$name.swift" ] || { echo "Fuzz/run.sh: no harness Fuzz/Harnesses/$name.swift" >&2; exit 64; }
done
seconds=${per_harness_seconds:-$(( total_seconds / ${#names[@]} ))}

build=${FUZZ_BUILD:-.build/fuzz}
mkdir -p "$build/modules/SoftmaxKernels" "$build/objects" "$build/bin" "$build/logs"
sanitizers=(-sanitize=fuzzer,address)
# Optimised as a release build is (overflow checks and preconditions stay on), so the
# fuzzer runs many inputs a second.
swift_flags=(-O -parse-as-library -I "$build/modules" -I "$build/modules/SoftmaxKernels" -I Fuzz/Support)

# Whether $1 is missing or older than any of the files after it.
stale() {
    local target=$1; shift
    [ ! -e "$target" ] || [ -n "$(find "$@" -newer "$target" -print -quit)" ]
}

started=$(date +%s)
echo "== Building the fuzzers in $build"
kernels=(Sources/SoftmaxKernels/*.c)
for source in "${kernels[@]}"; do
    object="$build/objects/kernels-$(basename "$source" .c).o"
    if stale "$object" "$source" Sources/SoftmaxKernels/include Sources/SoftmaxKernels/kernels_internal.h; then
        clang -O2 -fsanitize=address -I Sources/SoftmaxKernels/include -c "$source" -o "$object"
    fi
done
cat > "$build/modules/SoftmaxKernels/module.modulemap" <<EOF
module SoftmaxKernels {
    header "$PWD/Sources/SoftmaxKernels/include/SoftmaxKernels.h"
    export *
}
EOF
if stale "$build/objects/allocation_peak.o" Fuzz/Support/allocation_peak.c Fuzz/Support/allocation_peak.h; then
    clang -O2 -fsanitize=address -c Fuzz/Support/allocation_peak.c -o "$build/objects/allocation_peak.o"
fi

# A Swift module of the package, as one object: $1 the module, $2 its sources' folder,
# then the files it must be rebuilt after.
swift_module() {
    local module=$1 folder=$2; shift 2
    local object="$build/objects/$module.o"
    if stale "$object" "$folder" "$@"; then
        swiftc "${swift_flags[@]}" "${sanitizers[@]}" -wmo -module-name "$module" \
            -emit-module -emit-module-path "$build/modules/$module.swiftmodule" \
            -c "$folder"/*.swift -o "$object"
    fi
}
swift_module SoftmaxCore Sources/SoftmaxCore Sources/SoftmaxKernels/include
swift_module LogitFiles Sources/LogitFiles "$build/objects/SoftmaxCore.o"

for name in "${names[@]}"; do
    binary="$build/bin/$name"
    if stale "$binary" "Fuzz/Harnesses/$name.swift" Fuzz/Support "$build/objects"; then
        swiftc "${swift_flags[@]}" "${sanitizers[@]}" -use-ld=lld -module-name "Fuzz_${name//[^A-Za-z0-9]/_}" \
            "Fuzz/Harnesses/$name.swift" Fuzz/Support/*.swift "$build/objects"/*.o -o "$binary"
    fi
done
built=$(date +%s)
echo "   built in $(( built - started )) s"

# Recording where every block was allocated takes half the fuzzer's time; a crash can be
# rerun with ASAN_OPTIONS=malloc_context_size=30 to see it. Settings given win.
export ASAN_OPTIONS="malloc_context_size=0:${ASAN_OPTIONS:-}"
# A harness's fatalError must reach libFuzzer's crash handler, which saves the input:
# Swift's own backtracer would take the crash first (and can wait on it for minutes).
export SWIFT_BACKTRACE=enable=no

echo "== Fuzzing ${#names[@]} reader(s), ${seconds} s each, seed 1"
failed=()
printf '%-16s %12s %8s %8s %s\n' reader executions seconds corpus new
for name in "${names[@]}"; do
    found="$build/found/$name"
    artifacts="$build/artifacts/$name"
    log="$build/logs/$name.log"
    mkdir -p "$found" "$artifacts" "Fuzz/Corpus/$name"
    options=(-seed=1 -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=16384
             -detect_leaks=0 -print_final_stats=1 -artifact_prefix="$artifacts/")
    [ -f "Fuzz/Dictionaries/$name.dict" ] && options+=(-dict="Fuzz/Dictionaries/$name.dict")
    options+=(${extra[@]+"${extra[@]}"})
    status=0
    # New inputs go to the first folder, so the committed corpus is only read.
    "$build/bin/$name" "${options[@]}" "$found" "Fuzz/Corpus/$name" >"$log" 2>&1 || status=$?
    executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    elapsed=$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$log" | tail -1)
    printf '%-16s %12s %8s %8s %s\n' "$name" "${executions:-?}" "${elapsed:-?}" \
        "$(ls "Fuzz/Corpus/$name" | wc -l)" "$(ls "$found" | wc -l)"
    if [ "$status" -ne 0 ]; then
        failed+=("$name")
        echo "-- $name failed (exit $status); the end of $log:" >&2
        tail -n 40 "$log" >&2
        ls "$artifacts" >&2
    fi
done

echo "   fuzzing and build took $(( $(date +%s) - started )) s"
if [ ${#failed[@]} -gt 0 ]; then
    echo "Fuzz/run.sh: failed: ${failed[*]}" >&2
    exit 1
fi
