#!/usr/bin/env python3
"""Reference calibration metrics and fitted temperatures, computed with numpy and scipy.

Reads digits_reference.json (make_digits_reference.py) and writes
calibration_reference.json beside this script, with one case per set of logits:
  - "digits C=...": the validation-set logits of the scipy-fitted digits model at each
    C, as saved (9 significant digits), with the validation labels; the case names the
    fit ("digitsFit": its index in digits_reference.json) rather than copying them;
  - three synthetic sets whose logits are rounded to float32 (written exactly, so the
    Swift side reads the same doubles): 7 classes at moderate scale, 3 classes offset
    by up to 1e4 per row (the log domain must cope), 2 classes at scale 1e-3.
Per case, at T = 1 and at the fitted T*: mean NLL (scipy logsumexp), Brier score
(mean of sum_k (p_k - y_k)^2), accuracy (numpy argmax, first of ties), top-label ECE
over 15 and 10 equal-width bins (lo, hi] with edges k/B as gpleiss/temperature_scaling
bins them (count, accuracy, mean confidence per bin), and adaptive ECE over 15
equal-mass bins (stable sort by confidence, bin b = ranks floor(b n/B) .. floor((b+1) n/B)).
T* = exp(argmin over log T) of the mean NLL by scipy.optimize.minimize_scalar (Brent,
tol 1e-12), checked against brentq on the derivative in log T (xtol and rtol 1e-15); both saved.

Each bin count is only a fair test if no confidence lies within 1e-12 of an interior edge (Swift
and numpy may round a confidence differently in the last bit); the script asserts that,
and that where an equal-mass boundary falls among confidences within 1e-12 of each other
(saturated ones, near 1) these are all right or all wrong, so no flag changes bin.

Run: python3 make_calibration_reference.py   (numpy, scipy)
"""
import json
import os

import numpy as np
from scipy.optimize import brentq, minimize_scalar
from scipy.special import logsumexp

HERE = os.path.dirname(os.path.abspath(__file__))


def probabilities(z):
    return np.exp(z - logsumexp(z, axis=1)[:, None])


def mean_nll(z, y, t):
    s = z / t
    return float(np.mean(logsumexp(s, axis=1) - s[np.arange(len(y)), y]))


def nll_slope_in_log_t(z, y, log_t):
    # d/d(log T) of the mean NLL = -beta * d/d(beta) = -(1/T) * mean(E_p[z] - z_y).
    t = np.exp(log_t)
    p = probabilities(z / t)
    return float(-np.mean((p * z).sum(axis=1) - z[np.arange(len(y)), y]) / t)


def width_bins(conf, correct, n_bins):
    edges = np.arange(n_bins + 1) / n_bins
    # Interior edges only: every confidence in (1 - 1/B, 1] is in the last bin on both sides.
    nearest = np.min(np.abs(conf[:, None] - edges[None, 1:-1]))
    assert nearest > 1e-12, f"a confidence lies {nearest:.1e} from a bin edge"
    bins = []
    for lo, hi in zip(edges[:-1], edges[1:]):
        inside = (conf > lo) & (conf <= hi)
        if lo == 0:
            inside |= conf == 0
        count = int(inside.sum())
        bins.append({"count": count,
                     "accuracy": float(correct[inside].mean()) if count else 0.0,
                     "confidence": float(conf[inside].mean()) if count else 0.0})
    return bins


def mass_bins(conf, correct, n_bins):
    order = np.argsort(conf, kind="stable")
    n = len(conf)
    bins = []
    for b in range(n_bins):
        start, stop = b * n // n_bins, (b + 1) * n // n_bins
        if 0 < start < n:
            # Swift may order confidences within an ulp of each other differently; that
            # moves no right/wrong flag across this boundary if all near it agree.
            near = np.abs(conf - conf[order[start]]) <= 1e-12
            assert len(set(correct[near])) == 1 or np.all(conf[near] == conf[order[start]]), \
                "an equal-mass boundary among near-equal confidences of right and wrong predictions"
        members = order[start:stop]
        bins.append({"count": len(members),
                     "accuracy": float(correct[members].mean()) if len(members) else 0.0,
                     "confidence": float(conf[members].mean()) if len(members) else 0.0})
    return bins


def ece(bins, n):
    return float(sum(b["count"] / n * abs(b["accuracy"] - b["confidence"]) for b in bins))


def metrics(z, y, t):
    p = probabilities(z / t)
    pred = np.argmax(z, axis=1)
    conf = p[np.arange(len(y)), pred]
    correct = (pred == y).astype(float)
    onehot = np.eye(z.shape[1])[y]
    w15, w10, m15 = width_bins(conf, correct, 15), width_bins(conf, correct, 10), mass_bins(conf, correct, 15)
    return {
        "meanNLL": mean_nll(z, y, t),
        "brier": float(np.mean(((p - onehot) ** 2).sum(axis=1))),
        "accuracy": float(correct.mean()),
        "ece15": ece(w15, len(y)), "ece10": ece(w10, len(y)), "adaptiveECE15": ece(m15, len(y)),
        "widthBins15": w15, "widthBins10": w10, "massBins15": m15,
    }


def fit_temperature(z, y):
    brent = minimize_scalar(lambda u: mean_nll(z, y, np.exp(u)), bracket=(-1.0, 1.0),
                            method="brent", tol=1e-12)
    lo, hi = brent.x - 1.0, brent.x + 1.0
    while nll_slope_in_log_t(z, y, lo) > 0:
        lo -= 1.0
    while nll_slope_in_log_t(z, y, hi) < 0:
        hi += 1.0
    root = brentq(lambda u: nll_slope_in_log_t(z, y, u), lo, hi, xtol=1e-15, rtol=1e-15)
    t_brent, t_root = float(np.exp(brent.x)), float(np.exp(root))
    assert abs(t_brent / t_root - 1) < 1e-6, (t_brent, t_root)
    return t_brent, t_root


def case(name, z, y, digits_fit=None):
    t_star, t_root = fit_temperature(z, y)
    source = ({"digitsFit": digits_fit} if digits_fit is not None
              else {"labels": [int(v) for v in y], "logits": [float(v) for v in z.ravel()]})
    return {
        "name": name, "classCount": int(z.shape[1]), **source,
        "temperatureMinimizeScalar": t_star, "temperatureRoot": t_root,
        "atOne": metrics(z, y, 1.0), "atOptimum": metrics(z, y, t_root),
    }


def float32_rounded(values):
    return values.astype(np.float32).astype(np.float64)


def synthetic_cases():
    rng = np.random.default_rng(20170614)
    cases = []
    # 7 classes: a true-class bump plus noise, scaled up so the set is overconfident.
    n, k = 1000, 7
    y = rng.integers(0, k, n)
    z = rng.normal(0.0, 1.0, (n, k)) + 1.6 * np.eye(k)[y]
    cases.append(case("synthetic float32 K=7", float32_rounded(3.0 * z), y))
    # 3 classes, each row shifted by up to 1e4: the NLL and T* must not notice the shift.
    n, k = 600, 3
    y = rng.integers(0, k, n)
    z = rng.normal(0.0, 2.0, (n, k)) + 2.0 * np.eye(k)[y] + rng.uniform(-1e4, 1e4, (n, 1))
    cases.append(case("synthetic float32 K=3 offset 1e4", float32_rounded(z), y))
    # 2 classes at scale 1e-3: far underconfident, T* near 1e-3.
    n, k = 400, 2
    y = rng.integers(0, k, n)
    z = 1e-3 * (rng.normal(0.0, 1.0, (n, k)) + 1.5 * np.eye(k)[y])
    cases.append(case("synthetic float32 K=2 scale 1e-3", float32_rounded(z), y))
    return cases


def main():
    with open(os.path.join(HERE, "digits_reference.json")) as f:
        digits = json.load(f)
    y_val = np.array(digits["split"]["validationLabels"])
    cases = []
    for index, fit in enumerate(digits["fits"]):
        z = np.array(fit["validationLogits"]).reshape(-1, 10)
        cases.append(case(f"digits C={fit['C']:g} validation", z, y_val, digits_fit=index))
    cases += synthetic_cases()
    for c in cases:
        print(f"{c['name']}: T* = {c['temperatureRoot']:.9g}, NLL {c['atOne']['meanNLL']:.6f} -> "
              f"{c['atOptimum']['meanNLL']:.6f}, ECE {c['atOne']['ece15']:.4f} -> {c['atOptimum']['ece15']:.4f}, "
              f"accuracy {c['atOne']['accuracy']:.4f}")
    with open(os.path.join(HERE, "calibration_reference.json"), "w") as f:
        json.dump({"cases": cases}, f, separators=(",", ":"))
        f.write("\n")


if __name__ == "__main__":
    main()
