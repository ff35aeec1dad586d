"""Softmax in place over one row: the C kernel softmax-lab calls, against numpy, in one process.

`softmaxRowsInPlace` (SoftmaxCore) is a thin call into `sk_softmax_rows` (SoftmaxKernels).
This script compiles those C files with the flags the package uses (-O3; AVX2+FMA chosen
at run time), loads them with ctypes, and times the kernel and numpy's in-place way,
alternating call by call on the same input, so both see the same machine load:

    numpy: np.subtract(x, x.max(), out=x); np.exp(x, out=x); x /= x.sum()
    kernel: sk_softmax_rows(x, x, NULL, 1, n, 1.0)

It prints the median ns per element of each and the ratio numpy / kernel, and checks
the two results agree to 1e-13 relative. Run: python3 inplace_kernel_peer.py [--repeats N]
"""
import argparse, ctypes, os, pathlib, subprocess, tempfile, time
import numpy as np

root = pathlib.Path(__file__).resolve().parent.parent
kernels = root / "Sources" / "SoftmaxKernels"

def build(directory):
    library = pathlib.Path(directory) / "libsoftmaxkernels.so"
    sources = [str(p) for p in sorted(kernels.glob("*.c"))]
    subprocess.run(["cc", "-O3", "-shared", "-fPIC", "-I", str(kernels / "include"), "-I", str(kernels),
                    *sources, "-o", str(library), "-lm"], check=True)
    return ctypes.CDLL(str(library))

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        lib = build(directory)
        softmax_rows = lib.sk_softmax_rows
        softmax_rows.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_size_t,
                                 ctypes.c_size_t, ctypes.c_double]
        rng = np.random.default_rng(2026)
        print(f"load average before: {os.getloadavg()[0]:.2f}")
        for n in (50_000, 1_000_000):
            base = rng.normal(0, 3, n)
            ours, theirs = base.copy(), base.copy()
            repeats = args.repeats if n <= 50_000 else max(20, args.repeats // 10)
            kernel_ns, numpy_ns = [], []
            for _ in range(repeats):
                np.copyto(ours, base)
                np.copyto(theirs, base)
                t0 = time.perf_counter_ns()
                softmax_rows(ours.ctypes.data, ours.ctypes.data, None, 1, n, 1.0)
                t1 = time.perf_counter_ns()
                np.subtract(theirs, theirs.max(), out=theirs)
                np.exp(theirs, out=theirs)
                theirs /= theirs.sum()
                t2 = time.perf_counter_ns()
                kernel_ns.append(t1 - t0)
                numpy_ns.append(t2 - t1)
            assert np.allclose(ours, theirs, rtol=1e-13, atol=0), "the kernel and numpy disagree"
            k, m = np.median(kernel_ns) / n, np.median(numpy_ns) / n
            print(f"softmax in place, 1 row x {n}: kernel {k:.3f} ns/elt, numpy {m:.3f} ns/elt, "
                  f"ratio numpy/kernel {m / k:.2f}x")
        print(f"load average after: {os.getloadavg()[0]:.2f}")

if __name__ == "__main__":
    main()
