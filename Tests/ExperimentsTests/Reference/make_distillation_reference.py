#!/usr/bin/env python3
"""Reference values for the distillation experiment, computed independently of the Swift code.

Writes distillation_reference.json beside this script:
  - the teacher: multinomial logistic regression on pixels/16 at C = 1e4, fitted as
    make_digits_reference.py does (the path C = 1e-2, 1, 1e2, 1e4 with scipy's L-BFGS-B
    and trust-exact; its split and fit are imported from there). Its parameters are
    saved whole (17 significant digits) so the Swift test trains its students on the
    same targets; its test accuracy and the ten most confusable test digits (smallest
    gap between the two largest logits) are saved too;
  - the student's inputs: each 2x2 block of pixels/16 averaged, 16 features (numpy
    reshape and mean), checked on the first transfer rows;
  - for each recipe, the student (logistic regression on the 16 features, C = 100) that
    minimises 0.5*||W||^2 + C * sum_i l_i with
        l_i = s_i * T^2 * KL(q_i || softmax(z_i / T)) + h_i * CE(y_i, softmax(z_i)),
        q_i = softmax(v_i / T), v_i the teacher's logits,
    and at T = inf the limit s_i * ||(z_i - mean z_i) - (v_i - mean v_i)||^2 / (2K).
    The value, gradient and exact Hessian are written out here in numpy, and scipy's
    "trust-exact" minimises from zero to a gradient 2-norm below 1e-9. Saved per recipe:
    the objective, the parameters, the test accuracy and the test probabilities of the
    first 40 test digits (rounded to 1e-12);
  - the soft and hard terms' mean gradient norms in the logits at the untrained student
    and at the hard-label student, for the T^2 explanation.

Run: python3 make_distillation_reference.py   (numpy, scipy; about three minutes)
"""
import gzip
import json
import os
import sys

import numpy as np
from scipy.optimize import minimize
from scipy.special import log_softmax, softmax

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import make_digits_reference as digits  # noqa: E402  (the split and the teacher's fit)

K = 10
TEACHER_C = 1e4
STUDENT_C = 100.0
FEW = 30
INF = float("inf")
# (name, kind, T, alpha or labelled count)
RECIPES = [
    ("hard", "hard", None, None),
    ("hard30", "hard", None, FEW),
    ("soft_T1", "soft", 1.0, 0.0),
    ("soft_T4", "soft", 4.0, 0.0),
    ("soft_T4_alpha0.5", "soft", 4.0, 0.5),
    ("soft_T20", "soft", 20.0, 0.0),
    ("soft_Tinf", "soft", INF, 0.0),
    ("few30_T4", "few", 4.0, FEW),
]


def pooled(X):
    return X.reshape(-1, 4, 2, 4, 2).mean(axis=(2, 4)).reshape(-1, 16)


def student_parts(theta, Xs, V, T, s, y, h, C):
    """The objective, its gradient and its Hessian, laid out as the Swift parameters."""
    n, d = Xs.shape
    W, b = theta[:d * K].reshape(d, K), theta[d * K:]
    Z = Xs @ W + b
    value = 0.5 * np.sum(W * W)
    G = np.zeros_like(Z)
    A = np.zeros((n, K, K))
    eye = np.eye(K)
    if np.isinf(T):
        D = (Z - Z.mean(1, keepdims=True)) - (V - V.mean(1, keepdims=True))
        value += C * np.sum(s * np.sum(D * D, 1)) / (2 * K)
        G += s[:, None] * D / K
        A += s[:, None, None] * ((eye - 1.0 / K) / K)[None]
    else:
        lq, lp = log_softmax(V / T, 1), log_softmax(Z / T, 1)
        q, pT = np.exp(lq), np.exp(lp)
        value += C * T * T * np.sum(s * np.sum(q * (lq - lp), 1))
        G += s[:, None] * T * (pT - q)
        A += s[:, None, None] * (pT[:, :, None] * eye[None] - pT[:, :, None] * pT[:, None, :])
    lp1 = log_softmax(Z, 1)
    p = np.exp(lp1)
    value += C * np.sum(h * -lp1[np.arange(n), y])
    G += h[:, None] * (p - eye[y])
    A += h[:, None, None] * (p[:, :, None] * eye[None] - p[:, :, None] * p[:, None, :])
    G *= C
    grad = np.concatenate([(W + Xs.T @ G).ravel(), G.sum(0)])
    X1 = np.hstack([Xs, np.ones((n, 1))])
    H = C * np.einsum("ia,ib,ikl->akbl", X1, X1, A, optimize=True).reshape((d + 1) * K, (d + 1) * K)
    H[np.arange(d * K), np.arange(d * K)] += 1.0
    return value, grad, H


def fit_student(Xs, V, T, s, y, h):
    parts = lambda t: student_parts(t, Xs, V, T, s, y, h, STUDENT_C)
    result = minimize(lambda t: parts(t)[0], np.zeros((Xs.shape[1] + 1) * K), jac=lambda t: parts(t)[1],
                      hess=lambda t: parts(t)[2], method="trust-exact", options=dict(gtol=1e-10, maxiter=500))
    theta = result.x
    value, grad, H = parts(theta)
    # Near the optimum the objective's change falls below its rounding and the trust
    # region can stall; full Newton steps need only the gradient, and converge
    # quadratically (least squares, as H is singular along the intercepts' common shift).
    polish = 0
    while np.linalg.norm(grad) > 1e-10 and polish < 20:
        step = np.linalg.lstsq(H, -grad, rcond=None)[0]
        next_value, next_grad, next_H = parts(theta + step)
        if np.linalg.norm(next_grad) >= np.linalg.norm(grad):
            break
        theta, value, grad, H = theta + step, next_value, next_grad, next_H
        polish += 1
    gnorm = float(np.linalg.norm(grad))
    assert gnorm < 1e-9, (T, gnorm, result.message)
    return theta, float(value), gnorm, int(result.nit) + polish


def gradient_sizes(Z, V, y, T):
    """mean ||(p_T - q_T)/T||, mean T*||p_T - q_T|| (its T^2 multiple) and mean ||p - onehot(y)||."""
    if np.isinf(T):
        D = (Z - Z.mean(1, keepdims=True)) - (V - V.mean(1, keepdims=True))
        soft, scaled = 0.0, float(np.mean(np.linalg.norm(D, axis=1)) / K)
    else:
        diff = np.linalg.norm(softmax(Z / T, 1) - softmax(V / T, 1), axis=1)
        soft, scaled = float(np.mean(diff / T)), float(np.mean(diff * T))
    hard = float(np.mean(np.linalg.norm(softmax(Z, 1) - np.eye(K)[y], axis=1)))
    return {"T": "inf" if np.isinf(T) else T, "soft": soft, "scaledSoft": scaled, "hard": hard}


def main():
    text = gzip.decompress(open(digits.ASSET, "rb").read())
    table = np.array([[int(v) for v in line.split(",")] for line in text.decode().splitlines()])
    pixels, labels = table[:, :64], table[:, 64]
    train, _, test = digits.split(len(labels), digits.SEED)
    X = pixels / 16.0
    theta = np.zeros(65 * K)
    for C in digits.CS:  # the teacher at 1e4, reached along the same path as the digits reference
        theta = digits.fit(X[train], labels[train], C, theta)[0]
    assert digits.CS[-1] == TEACHER_C
    Wt, bt = theta[:640].reshape(64, K), theta[640:]
    V, Vtest = X[train] @ Wt + bt, X[test] @ Wt + bt
    top2 = np.sort(Vtest, axis=1)[:, -2:]
    gaps = top2[:, 1] - top2[:, 0]
    confusable = sorted(range(len(test)), key=lambda r: (gaps[r], r))[:10]
    P, Ptest, y, ytest = pooled(X[train]), pooled(X[test]), labels[train], labels[test]
    n = len(train)
    out = {
        "teacher": {"C": TEACHER_C, "parameters": [float("%.17g" % v) for v in theta],
                    "testAccuracy": float(np.mean(np.argmax(Vtest, 1) == ytest)),
                    "confusableTestRows": [int(r) for r in confusable],
                    "confusableGaps": [float(gaps[r]) for r in confusable]},
        "studentC": STUDENT_C,
        "pooledFirstRows": [float("%.17g" % v) for v in P[:3].ravel()],
        "students": [],
    }
    for name, kind, T, extra in RECIPES:
        if kind == "hard":
            m = n if extra is None else extra
            w, value, gnorm, nit = fit_student(P[:m], V[:m], 1.0, np.zeros(m), y[:m], np.ones(m))
        elif kind == "soft":
            w, value, gnorm, nit = fit_student(P, V, T, np.ones(n), y, extra * np.ones(n))
        else:
            labelled = np.arange(n) < extra
            w, value, gnorm, nit = fit_student(P, V, T, (~labelled).astype(float), y, labelled.astype(float))
        Z = Ptest @ w[:160].reshape(16, K) + w[160:]
        entry = {"name": name, "kind": kind, "T": None if T is None else ("inf" if np.isinf(T) else T),
                 "parameter": extra, "objective": value, "gradientNorm": gnorm, "iterations": nit,
                 "parameters": [float("%.17g" % v) for v in w],
                 "testAccuracy": float(np.mean(np.argmax(Z, 1) == ytest)),
                 "testProbabilities": [float("%.12f" % v) for v in softmax(Z[:40], 1).ravel()]}
        print(f"{name}: objective {value:.12g}, |grad| {gnorm:.1e} in {nit} its, "
              f"test accuracy {entry['testAccuracy']:.4f}", file=sys.stderr)
        out["students"].append(entry)
    hard = out["students"][0]["parameters"]
    Zhard = P @ np.array(hard[:160]).reshape(16, K) + np.array(hard[160:])
    out["gradientSizes"] = {
        "untrained": [gradient_sizes(np.zeros((n, K)), V, y, T) for T in (0.5, 1.0, 4.0, 20.0, 1000.0, INF)],
        "hardStudentAtT4": gradient_sizes(Zhard, V, y, 4.0),
    }
    with open(os.path.join(HERE, "distillation_reference.json"), "w") as f:
        json.dump(out, f, separators=(",", ":"))
        f.write("\n")


if __name__ == "__main__":
    main()
