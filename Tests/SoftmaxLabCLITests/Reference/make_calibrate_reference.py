#!/usr/bin/env python3
"""Fixtures and reference values for `softmax-lab calibrate`, computed independently
of the Swift code (numpy/scipy in float64, the fitted temperature checked with mpmath).

Writes into calibrate/ beside this script (seeded, about 1 MB in all):

  over10_*     1500 x 10, overconfident: z ~ N(0, 3^2), labels drawn from softmax(z / 2),
               so T* is near 2.  As float64 .npy, float32 .npy (float32 values, i.e. the
               reference is computed on the float32 numbers widened to double),
               Fortran-order float64 .npy, and a .csv (8 significant digits, label last,
               no header; its reference comes from the decimal text parsed to doubles).
               Labels as int64 .npy and as text, one per line.
  under3_*     1500 x 3, underconfident: z ~ N(0, 1), labels drawn from softmax(z / 0.5),
               so T* is near 0.5.  float64 / float32 / Fortran .npy, a .csv with a
               header line and the label last, a .tsv with the label first, a float64
               .npy with the label as its last column, labels as int64 and int32 .npy
               and as text.
  probs10      600 rows of softmax(z) of over10 (float64 .npy) with their labels, for
               --probabilities: the reference takes np.log of the stored probabilities.
  sharpen      400 x 5 where every label is its row's unique top logit: T* -> 0, the
               "after" metrics are the limit T -> 0 (one-hot at the top).
  sharpen_ties 400 x 5 where every label is a top logit and 40 rows have two tied tops
               (the label the first or the second of them): the limit gives each tie
               1/2, the NLL tends to mean ln(#tops), and accuracy counts the first argmax.
  flatten      300 x 4 whose labels sit on average below their row's mean logit, so
               dNLL/dbeta >= 0 at beta = 0: T* -> infinity, "after" is the uniform 1/K.

The reference:
  p = softmax(z / T) via scipy.special.logsumexp; NLL = mean(logsumexp(z/T) - z_y/T);
  Brier = mean sum_k (p_k - [k = y])^2; the prediction is np.argmax(z) (the first of
  ties) and its confidence is p at that index; ECE over B equal-width bins (lo, hi]
  with edges k/B (a confidence 0 in the first bin); adaptive ECE over B equal-mass bins
  (np.argsort kind="stable", bin b = ranks floor(b n/B) .. floor((b+1) n/B)).
  T* = 1/beta*, beta* the root of dNLL/dbeta = mean(E_p[z] - z_y) by scipy brentq in
  beta (xtol 1e-15 * beta, rtol 4 eps) -- not Newton -- then refined and checked with
  mpmath.findroot at 40 digits on the same numbers; the two must agree to 1e-12.
  The NLL at T* is also evaluated in mpmath and must agree with logsumexp's to 1e-13.

Each bin assignment is only a fair test if no confidence lies within 1e-9 of an interior
edge (Swift and numpy may round a confidence differently in its last bits, and the two
T* may differ in theirs), and if, at each equal-mass boundary, confidences within 1e-9 of
each other on both sides are all right or all wrong.  The script asserts both, at T = 1
and at T*, for every case and bin count it writes.

Run: python3 make_calibrate_reference.py     (numpy, scipy, mpmath)
"""
import json
import os

import mpmath
import numpy as np
from scipy.optimize import brentq
from scipy.special import logsumexp

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "calibrate")
MARGIN = 1e-9


# ---------------------------------------------------------------- metrics

def softmax(s):
    return np.exp(s - logsumexp(s, axis=1)[:, None])


def mean_nll(z, y, t):
    s = z / t
    return float(np.mean(logsumexp(s, axis=1) - s[np.arange(len(y)), y]))


def slope_in_beta(z, y, beta):
    """dNLL/dbeta = mean_i (E_p[z_i] - z_i,y), p = softmax(beta z_i)."""
    p = softmax(beta * z)
    return float(np.mean((p * z).sum(axis=1) - z[np.arange(len(y)), y]))


def width_bins(conf, correct, n_bins):
    edges = np.arange(n_bins + 1) / n_bins
    if n_bins > 1:
        nearest = float(np.min(np.abs(conf[:, None] - edges[None, 1:-1])))
        assert nearest > MARGIN, f"a confidence lies {nearest:.1e} from an interior bin edge"
    bins = []
    for b in range(n_bins):
        lo, hi = edges[b], edges[b + 1]
        inside = (conf > lo) & (conf <= hi)
        if b == 0:
            inside |= conf == 0
        count = int(inside.sum())
        bins.append({"lower": b / n_bins, "upper": (b + 1) / n_bins, "count": count,
                     "accuracy": float(correct[inside].mean()) if count else 0.0,
                     "confidence": float(conf[inside].mean()) if count else 0.0})
    assert sum(b["count"] for b in bins) == len(conf)
    return bins


def mass_bins(conf, correct, n_bins):
    order = np.argsort(conf, kind="stable")
    n = len(conf)
    bins = []
    for b in range(n_bins):
        start, stop = b * n // n_bins, (b + 1) * n // n_bins
        if 0 < start < n:
            at = conf[order[start]]
            near = np.abs(conf - at) <= MARGIN
            exact = conf == at
            # Near-equal confidences that are not equal could be ordered either way by
            # another implementation; that must not move a right/wrong flag across.
            assert np.all(near == exact) or len(set(correct[near])) == 1, \
                "an equal-mass boundary among near-equal confidences of right and wrong rows"
        members = order[start:stop]
        count = len(members)
        bins.append({"lower": float(conf[members].min()) if count else 0.0,
                     "upper": float(conf[members].max()) if count else 0.0,
                     "count": int(count),
                     "accuracy": float(correct[members].mean()) if count else 0.0,
                     "confidence": float(conf[members].mean()) if count else 0.0})
    return bins


def ece(bins, n):
    return float(sum(b["count"] / n * abs(b["accuracy"] - b["confidence"]) for b in bins))


def metrics_from(p, z, y, nll, bin_counts, temperature):
    n = len(y)
    pred = np.argmax(z, axis=1)
    conf = p[np.arange(n), pred]
    correct = (pred == y).astype(float)
    onehot = np.zeros_like(p)
    onehot[np.arange(n), y] = 1.0
    out = {"temperature": temperature, "nll": nll,
           "brier": float(np.mean(((p - onehot) ** 2).sum(axis=1))),
           "accuracy": float(correct.mean()), "bins": {}}
    for b in bin_counts:
        w, m = width_bins(conf, correct, b), mass_bins(conf, correct, b)
        out["bins"][str(b)] = {"width": w, "mass": m, "ece": ece(w, n), "adaptive_ece": ece(m, n)}
    out["ece"] = out["bins"]["15"]["ece"]
    out["adaptive_ece"] = out["bins"]["15"]["adaptive_ece"]
    return out


def metrics_at(z, y, t, bin_counts):
    return metrics_from(softmax(z / t), z, y, mean_nll(z, y, t), bin_counts, t)


def metrics_sharpened(z, y, bin_counts):
    """The limit T -> 0: each row's tied tops share the mass equally."""
    top = z == z.max(axis=1, keepdims=True)
    ties = top.sum(axis=1)
    assert np.all(top[np.arange(len(y)), y]), "sharpen: a label is not on top"
    p = top / ties[:, None]
    return metrics_from(p, z, y, float(np.mean(np.log(ties))), bin_counts, 0.0)


def metrics_flattened(z, y, bin_counts):
    """The limit T -> infinity: the uniform distribution (the prediction stays argmax z)."""
    k = z.shape[1]
    p = np.full(z.shape, 1.0 / k)
    return metrics_from(p, z, y, float(np.log(k)), bin_counts, None)


# ---------------------------------------------------------------- the fit

def fit_beta(z, y):
    """beta* by brentq on the slope in beta, then checked with mpmath."""
    scale = float(np.max(np.abs(z)))
    lo, hi = 1e-3 / scale, 1.0 / scale
    while slope_in_beta(z, y, lo) >= 0:
        lo /= 4
    while slope_in_beta(z, y, hi) <= 0:
        hi *= 4
    beta = brentq(lambda b: slope_in_beta(z, y, b), lo, hi, xtol=1e-15 * lo, rtol=4 * np.finfo(float).eps,
                  maxiter=500)
    return beta


def mp_check(z, y, beta):
    """Newton's method in mpmath at 40 digits, from brentq's root, on the same doubles."""
    mpmath.mp.dps = 40
    rows = [[mpmath.mpf(float(v)) for v in row] for row in z]
    labels = [int(v) for v in y]
    n = len(rows)

    def derivs(b):
        s1 = s2 = value = mpmath.mpf(0)
        for row, lab in zip(rows, labels):
            top = max(row)
            w = [mpmath.exp(b * (v - top)) for v in row]
            tot = mpmath.fsum(w)
            mean = mpmath.fsum(wi * v for wi, v in zip(w, row)) / tot
            var = mpmath.fsum(wi * (v - mean) ** 2 for wi, v in zip(w, row)) / tot
            value += mpmath.log(tot) + b * (top - row[lab])
            s1 += mean - row[lab]
            s2 += var
        return value / n, s1 / n, s2 / n

    b = mpmath.mpf(beta)
    for _ in range(4):
        _, g, h = derivs(b)
        b -= g / h
    value, g, _ = derivs(b)
    return float(b), float(value), float(g)


def reference_case(name, z, y, bin_counts=(15,), input_kind="logits"):
    z = np.asarray(z, dtype=np.float64)
    y = np.asarray(y, dtype=np.int64)
    n, k = z.shape
    case = {"name": name, "examples": n, "classes": k, "input": input_kind}
    rows = np.arange(n)
    slope0 = float(np.mean(z.mean(axis=1) - z[rows, y]))
    on_top = bool(np.all(z[rows, y] == z.max(axis=1)))
    case["before"] = metrics_at(z, y, 1.0, bin_counts)
    if slope0 >= 0:
        case["status"] = "flattens without limit"
        case["temperature"] = None
        case["after"] = metrics_flattened(z, y, bin_counts)
    elif on_top:
        case["status"] = "sharpens without limit"
        case["temperature"] = None
        case["after"] = metrics_sharpened(z, y, bin_counts)
    else:
        case["status"] = "converged"
        beta = fit_beta(z, y)
        mp_beta, mp_nll, mp_slope = mp_check(z, y, beta)
        assert abs(mp_beta / beta - 1) < 1e-12, (name, beta, mp_beta)
        t = 1.0 / mp_beta
        case["temperature"] = t
        case["temperature_brentq"] = 1.0 / beta
        case["after"] = metrics_at(z, y, t, bin_counts)
        assert abs(case["after"]["nll"] - mp_nll) < 1e-13, (name, case["after"]["nll"], mp_nll)
        # The minimum: the NLL a little either side of T* is higher.
        assert mean_nll(z, y, t * 1.001) > case["after"]["nll"] < mean_nll(z, y, t / 1.001)
        print(f"{name}: T* = {t:.15g} (brentq {1 / beta:.15g}, mpmath slope {mp_slope:.1e}), "
              f"NLL {case['before']['nll']:.6f} -> {case['after']['nll']:.6f}, "
              f"ECE {case['before']['ece']:.4f} -> {case['after']['ece']:.4f}")
    if case["status"] != "converged":
        print(f"{name}: {case['status']}, NLL {case['before']['nll']:.6f} -> {case['after']['nll']:.6f}")
    return case


# ---------------------------------------------------------------- files

def save_npy(name, array, fortran=False):
    array = np.asfortranarray(array) if fortran else np.ascontiguousarray(array)
    np.save(os.path.join(OUT, name), array)
    return name


def write_text(name, z, y, fmt, delimiter, label_at, header=None):
    """Writes rows of formatted logits with the label at index label_at (None: no label),
    and returns the logits as the reader will parse them (Python float(), correctly rounded)."""
    lines = [] if header is None else [header]
    parsed = []
    for row, lab in zip(z, y if y is not None else [None] * len(z)):
        cells = [fmt % v for v in row]
        parsed.append([float(c) for c in cells])
        if label_at is not None:
            cells.insert(label_at if label_at >= 0 else len(cells), str(int(lab)))
        lines.append(delimiter.join(cells))
    with open(os.path.join(OUT, name), "w") as f:
        f.write("\n".join(lines) + "\n")
    return np.array(parsed)


def write_labels_text(name, y):
    with open(os.path.join(OUT, name), "w") as f:
        f.write("".join(f"{int(v)}\n" for v in y))


def draw_labels(rng, z, t_true):
    p = softmax(z / t_true)
    u = rng.random(len(z))
    return np.minimum((p.cumsum(axis=1) < u[:, None]).sum(axis=1), z.shape[1] - 1).astype(np.int64)


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.default_rng(20240611)
    cases = []

    def add(case, **run):
        case["run"] = run
        cases.append(case)

    # Overconfident, 10 classes.
    z = rng.normal(0.0, 3.0, size=(1500, 10))
    y = draw_labels(rng, z, 2.0)
    np.save(os.path.join(OUT, "over10_labels.npy"), y)
    write_labels_text("over10_labels.txt", y)
    add(reference_case("over10_f64", z, y, bin_counts=(15, 10)),
        logits=save_npy("over10_f64.npy", z), labels="over10_labels.npy")
    add(reference_case("over10_f32", z.astype(np.float32).astype(np.float64), y),
        logits=save_npy("over10_f32.npy", z.astype(np.float32)), labels="over10_labels.npy")
    add(reference_case("over10_fortran", z, y), logits=save_npy("over10_fortran.npy", z, fortran=True),
        labels="over10_labels.txt")
    parsed = write_text("over10.csv", z, y, "%.8g", ",", -1)
    add(reference_case("over10_csv", parsed, y), logits="over10.csv", label_column="-1")

    # Probabilities from the first 600 rows of the overconfident set.
    p = softmax(z[:600])
    np.save(os.path.join(OUT, "probs10.npy"), p)
    np.save(os.path.join(OUT, "probs10_labels.npy"), y[:600])
    stored = np.load(os.path.join(OUT, "probs10.npy"))
    add(reference_case("probs10", np.log(stored), y[:600], input_kind="probabilities"),
        logits="probs10.npy", labels="probs10_labels.npy", probabilities=True)

    # Underconfident, 3 classes.
    z = rng.normal(0.0, 1.0, size=(1500, 3))
    y = draw_labels(rng, z, 0.5)
    np.save(os.path.join(OUT, "under3_labels.npy"), y)
    np.save(os.path.join(OUT, "under3_labels_int32.npy"), y.astype(np.int32))
    write_labels_text("under3_labels.txt", y)
    add(reference_case("under3_f64", z, y, bin_counts=(15, 10)),
        logits=save_npy("under3_f64.npy", z), labels="under3_labels.npy")
    add(reference_case("under3_f32", z.astype(np.float32).astype(np.float64), y),
        logits=save_npy("under3_f32.npy", z.astype(np.float32)), labels="under3_labels_int32.npy")
    add(reference_case("under3_fortran", z, y), logits=save_npy("under3_fortran.npy", z, fortran=True),
        labels="under3_labels.txt")
    with_labels = np.column_stack([z, y.astype(np.float64)])
    add(reference_case("under3_f64_label_column", z, y),
        logits=save_npy("under3_f64_with_labels.npy", with_labels), label_column="-1")
    parsed = write_text("under3.csv", z, y, "%.12g", ",", -1, header="a,b,c,label")
    add(reference_case("under3_csv", parsed, y), logits="under3.csv", label_column="-1")
    parsed_tsv = write_text("under3.tsv", z, y, "%.8g", "\t", 0)
    add(reference_case("under3_tsv", parsed_tsv, y), logits="under3.tsv", label_column="0")
    # The same CSV text through standard input.
    add(reference_case("under3_stdin", parsed, y), logits="-", stdin="under3.csv", label_column="-1")

    # Every label the unique top of its row: T* -> 0.
    z = np.round(rng.normal(0.0, 2.0, size=(400, 5)), 3)
    y = np.argmax(z, axis=1)
    assert np.all((z == z.max(axis=1, keepdims=True)).sum(axis=1) == 1)
    np.save(os.path.join(OUT, "sharpen_labels.npy"), y)
    add(reference_case("sharpen", z, y), logits=save_npy("sharpen.npy", z), labels="sharpen_labels.npy")

    # Every label a top logit, 40 rows with two tied tops.
    z = np.round(rng.normal(0.0, 2.0, size=(400, 5)), 3)
    y = np.argmax(z, axis=1)
    for i in range(0, 400, 10):
        top = y[i]
        other = (top + 1 + rng.integers(0, 4)) % 5
        z[i, other] = z[i, top]
        y[i] = top if rng.random() < 0.5 else other
    ties = (z == z.max(axis=1, keepdims=True)).sum(axis=1)
    assert np.sum(ties == 2) == 40 and np.any(y != np.argmax(z, axis=1))
    parsed = write_text("sharpen_ties.csv", z, y, "%.3f", ",", -1)
    assert np.array_equal(parsed, z)
    add(reference_case("sharpen_ties", parsed, y), logits="sharpen_ties.csv", label_column="-1")

    # Labels below their row's mean on average: T* -> infinity (K = 4, so 1/K is no edge k/15).
    z = np.round(rng.normal(0.0, 1.0, size=(300, 4)), 4)
    y = np.argmin(z, axis=1)
    y[::3] = rng.integers(0, 4, size=len(y[::3]))
    np.save(os.path.join(OUT, "flatten_labels.npy"), y)
    add(reference_case("flatten", z, y), logits=save_npy("flatten.npy", z), labels="flatten_labels.npy")

    with open(os.path.join(OUT, "expected.json"), "w") as f:
        # One case a line, compact, to keep the file small.
        f.write('{"generator": "make_calibrate_reference.py", "cases": [\n')
        f.write(",\n".join(json.dumps(c, separators=(",", ":")) for c in cases))
        f.write("\n]}\n")
    total = sum(os.path.getsize(os.path.join(OUT, name)) for name in os.listdir(OUT))
    print(f"{len(cases)} cases, {total / 1e6:.2f} MB in {OUT}")


if __name__ == "__main__":
    main()
