#!/usr/bin/env python3
"""Reference values for the digits experiments, computed independently of the Swift code.

Writes digits_reference.json beside this script:
  - facts about assets/digits.csv.gz (size, SHA-256, unpacked size, row/column counts,
    pixel sum, label counts, first and last rows), read with Python's gzip and hashlib;
  - the seeded 60/20/20 split, from a Python re-implementation of SoftmaxCore's
    SeededGenerator (xoshiro256** seeded through SplitMix64) and the Fisher-Yates
    recipe documented in Sources/Experiments/DatasetSplit.swift;
  - multinomial logistic regression on pixels/16 with scikit-learn's objective
    0.5*||W||^2 + C * sum_i cross-entropy_i (intercept unpenalised) for
    C in {1e-2, 1, 1e2, 1e4}: scipy.optimize.minimize(method="L-BFGS-B") with ftol=0 and
    gtol=1e-12, then, because L-BFGS-B stops at a gradient norm of about 1e-3 for C = 1e4
    (its line search cannot see decreases below the objective's rounding), polished by
    scipy's "trust-exact" with the exact Hessian built here with numpy. Each fit must end
    with a gradient 2-norm below 1e-8. Saved per C: the objective, the gradient norm, the
    accuracies, the test-set probabilities (rounded to 1e-10) and the validation-set
    logits (9 significant digits; the metric references use these as given).
  - as a check on the objective, scikit-learn's LogisticRegression (if installed) at the
    same C; its test probabilities must match the fit above to 1e-3 (its L-BFGS stops
    early, as L-BFGS-B does above, about 1e-4 away at C = 1e4, so only this loose check).

Run: python3 make_digits_reference.py   (numpy, scipy; scikit-learn optional)
"""
import gzip
import hashlib
import json
import os
import sys

import numpy as np
from scipy.optimize import minimize
from scipy.special import logsumexp

HERE = os.path.dirname(os.path.abspath(__file__))
ASSET = os.path.join(HERE, "..", "..", "..", "assets", "digits.csv.gz")
SEED = 2017
CS = [1e-2, 1.0, 1e2, 1e4]
MASK = (1 << 64) - 1


def rotl(x, k):
    return ((x << k) | (x >> (64 - k))) & MASK


class Xoshiro256StarStar:
    def __init__(self, seed):
        state, words = seed, []
        for _ in range(4):  # SplitMix64
            state = (state + 0x9E3779B97F4A7C15) & MASK
            z = state
            z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
            z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
            words.append(z ^ (z >> 31))
        self.s = words

    def next(self):
        s0, s1, s2, s3 = self.s
        result = (rotl((s1 * 5) & MASK, 7) * 9) & MASK
        t = (s1 << 17) & MASK
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotl(s3, 45)
        self.s = [s0, s1, s2, s3]
        return result


def split(count, seed):
    order = list(range(count))
    gen = Xoshiro256StarStar(seed)
    for i in range(count - 1, 0, -1):
        j = (gen.next() * (i + 1)) >> 64
        order[i], order[j] = order[j], order[i]
    n_train, n_val = count * 3 // 5, count // 5
    return order[:n_train], order[n_train:n_train + n_val], order[n_train + n_val:]


def objective(theta, X, y, C):
    K = 10
    d = X.shape[1]
    W = theta[:d * K].reshape(d, K)
    b = theta[d * K:]
    Z = X @ W + b
    lse = logsumexp(Z, axis=1)
    P = np.exp(Z - lse[:, None])
    value = 0.5 * np.sum(W * W) + C * np.sum(lse - Z[np.arange(len(y)), y])
    R = P - np.eye(K)[y]
    grad = np.concatenate([(W + C * X.T @ R).ravel(), C * R.sum(axis=0)])
    return value, grad


def hessian(theta, X, y, C):
    K = 10
    n, d = X.shape
    W = theta[:d * K].reshape(d, K)
    b = theta[d * K:]
    Z = X @ W + b
    P = np.exp(Z - logsumexp(Z, axis=1)[:, None])
    X1 = np.hstack([X, np.ones((n, 1))])
    # A_i = diag(p_i) - p_i p_i^T; H = I_W + C sum_i (x_i x_i^T) kron A_i, laid out as theta.
    H = np.zeros((d + 1, K, d + 1, K))
    for k in range(K):
        for l in range(K):
            a_kl = P[:, k] * ((k == l) - P[:, l])
            H[:, k, :, l] = C * (X1 * a_kl[:, None]).T @ X1
    H = H.reshape((d + 1) * K, (d + 1) * K)
    H[np.arange(d * K), np.arange(d * K)] += 1.0
    return H


def fit(X, y, C, theta0):
    f = lambda t: objective(t, X, y, C)
    first = minimize(f, theta0, jac=True, method="L-BFGS-B",
                     options=dict(maxiter=100000, maxfun=200000, ftol=0.0, gtol=1e-12, maxcor=30))
    polish = minimize(lambda t: objective(t, X, y, C)[0], first.x,
                      jac=lambda t: objective(t, X, y, C)[1],
                      hess=lambda t: hessian(t, X, y, C), method="trust-exact",
                      options=dict(gtol=1e-9, maxiter=200))
    theta = polish.x
    value, grad = objective(theta, X, y, C)
    gnorm = float(np.linalg.norm(grad))
    assert gnorm < 1e-8, (C, gnorm, polish.message)
    return theta, value, gnorm, first.nit, float(np.linalg.norm(first.jac)), polish.nit


def round_list(values, fmt):
    return [float(fmt % v) for v in np.ravel(values)]


def main():
    raw = open(ASSET, "rb").read()
    text = gzip.decompress(raw)
    table = np.array([[int(v) for v in line.split(",")] for line in text.decode().splitlines()])
    pixels, labels = table[:, :64], table[:, 64]
    train, val, test = split(len(labels), SEED)
    X = pixels / 16.0
    out = {
        "file": {
            "bytes": len(raw), "sha256": hashlib.sha256(raw).hexdigest(),
            "unpackedBytes": len(text), "rows": int(table.shape[0]), "columns": int(table.shape[1]),
            "pixelSum": int(pixels.sum()), "pixelMax": int(pixels.max()),
            "labelCounts": [int((labels == k).sum()) for k in range(10)],
            "firstRow": table[0].tolist(), "lastRow": table[-1].tolist(),
        },
        "split": {"seed": SEED, "train": train, "validation": val, "test": test,
                  "validationLabels": labels[val].tolist(), "testLabels": labels[test].tolist()},
        "fits": [],
    }
    Xtr, ytr = X[train], labels[train]
    theta = np.zeros(65 * 10)
    for C in CS:  # warm-started from the previous C, as the Swift path does
        theta, value, gnorm, lbfgs_nit, lbfgs_gnorm, polish_nit = fit(Xtr, ytr, C, theta)
        W, b = theta[:640].reshape(64, 10), theta[640:]
        logits = {name: X[idx] @ W + b for name, idx in (("train", train), ("validation", val), ("test", test))}
        prob_test = np.exp(logits["test"] - logsumexp(logits["test"], axis=1)[:, None])
        acc = {name: float(np.mean(np.argmax(z, axis=1) == labels[idx]))
               for (name, z), idx in zip(logits.items(), (train, val, test))}
        entry = {
            "C": C, "objective": float(value), "gradientNorm": gnorm,
            "lbfgsIterations": int(lbfgs_nit), "lbfgsGradientNorm": lbfgs_gnorm,
            "trustExactIterations": int(polish_nit),
            "weightNormSquared": float(np.sum(W * W)),
            "trainAccuracy": acc["train"], "validationAccuracy": acc["validation"], "testAccuracy": acc["test"],
            "testProbabilities": round_list(prob_test, "%.10f"),
            "validationLogits": round_list(logits["validation"], "%.9g"),
        }
        try:
            from sklearn.linear_model import LogisticRegression
            model = LogisticRegression(C=C, tol=1e-10, max_iter=100000).fit(Xtr, ytr)
            diff = float(np.abs(model.predict_proba(X[test]) - prob_test).max())
            assert diff < 1e-3, (C, diff)
            entry["sklearnMaxProbabilityDifference"] = diff
        except ImportError:
            pass
        print(f"C={C:g}: objective {value:.12g}, |grad| {gnorm:.2e} (L-BFGS-B {lbfgs_nit} its to "
              f"{lbfgs_gnorm:.1e}, trust-exact {polish_nit} its), test accuracy {acc['test']:.4f}",
              file=sys.stderr)
        out["fits"].append(entry)
    with open(os.path.join(HERE, "digits_reference.json"), "w") as f:
        json.dump(out, f, separators=(",", ":"))
        f.write("\n")


if __name__ == "__main__":
    main()
