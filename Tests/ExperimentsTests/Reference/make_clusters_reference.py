#!/usr/bin/env python3
"""Reference values for Gaussian classes in the plane, computed with numpy and scipy.

Writes clusters_reference.json beside this script:
  - "rings": the means of 2 to 10 classes on the ellipse with half-axes 2.5 and 1.6, by
    the recipe documented in Sources/Experiments/GaussianClusters.swift (class k at the
    angle pi/2 + 2 pi k / K, plus pi / K when K is even), with numpy's cos and sin,
    each coordinate rounded to 12 decimals;
  - "normals": standard normal points from a Python re-implementation of SoftmaxCore's
    SeededGenerator (imported from make_digits_reference.py) and the Box-Muller recipe
    of standardNormalPoints: u1 = 1 - u, u2 = u', r = sqrt(-2 ln u1), (r cos 2 pi u2,
    r sin 2 pi u2), for seeds 1 and 7;
  - "posteriors": for ring means of 2, 3, 5 and 10 classes, variances 2^k for k from -4
    to 2, and probe points from the centre out to the plot's corner, Bayes' posterior
    with scipy.stats.multivariate_normal (mean mu_k, covariance sigma^2 I): the densities
    .pdf, times the priors, divided by their sum, wherever that sum is at least 1e-250;
    farther out, where the densities underflow, .logpdf normalised by scipy's logsumexp
    (the case says which). Equal priors throughout, and one case with unequal priors.

The Swift tests check both of the Swift routes, the softmax of -|x - mu|^2 at T = 2 sigma^2
and Bayes on log densities, against these to 1e-12.

Run: python3 make_clusters_reference.py   (numpy, scipy)
"""
import json
import math
import os

import numpy as np
from scipy.special import logsumexp
from scipy.stats import multivariate_normal

from make_digits_reference import Xoshiro256StarStar

HERE = os.path.dirname(os.path.abspath(__file__))
RADII = (2.5, 1.6)


def ring_means(count):
    k = np.arange(count)
    turn = np.pi / 2 + 2 * np.pi * k / count + (np.pi / count if count % 2 == 0 else 0)
    # Rounded to 12 decimals as the Swift side rounds them: (v * 1e12).rounded() / 1e12.
    return np.stack([np.rint(RADII[0] * np.cos(turn) * 1e12) / 1e12, np.rint(RADII[1] * np.sin(turn) * 1e12) / 1e12], axis=1)


def standard_normal_points(count, seed):
    g = Xoshiro256StarStar(seed)
    points = []
    for _ in range(count):
        u1 = 1 - (g.next() >> 11) * 2.0 ** -53
        u2 = (g.next() >> 11) * 2.0 ** -53
        r = math.sqrt(-2 * math.log(u1))
        points.append([r * math.cos(2 * math.pi * u2), r * math.sin(2 * math.pi * u2)])
    return points


def posterior(means, variance, x, priors):
    dists = [multivariate_normal(mean=m, cov=variance * np.eye(2)) for m in means]
    joint = np.array([p * d.pdf(x) for p, d in zip(priors, dists)])
    if joint.sum() >= 1e-250:
        return (joint / joint.sum()).tolist(), "pdf"
    log_joint = np.array([math.log(p) + d.logpdf(x) for p, d in zip(priors, dists)])
    return np.exp(log_joint - logsumexp(log_joint)).tolist(), "logpdf"


def main():
    rings = {str(k): ring_means(k).tolist() for k in range(2, 11)}
    normals = {str(seed): standard_normal_points(40, seed) for seed in (1, 7)}
    probes = [[0.0, 0.0], [-0.5, 0.0], [1.25, -0.75], [-2.25, 1.5], [4.5, 3.0], [-4.5, -3.0], [0.0, -3.0], [30.0, -20.0]]
    cases = []
    for count in (2, 3, 5, 10):
        means = ring_means(count)
        for step in range(-4, 3):
            variance = 2.0 ** step
            for x in probes:
                p, route = posterior(means, variance, x, [1 / count] * count)
                cases.append({"classCount": count, "variance": variance, "probe": x, "priors": None,
                              "posterior": p, "route": route})
    means = ring_means(3)
    priors = [0.5, 0.3, 0.2]
    for x in probes[:4]:
        p, route = posterior(means, 1.0, x, priors)
        cases.append({"classCount": 3, "variance": 1.0, "probe": x, "priors": priors, "posterior": p, "route": route})
    out = {"radii": list(RADII), "rings": rings, "normals": normals, "posteriors": cases}
    with open(os.path.join(HERE, "clusters_reference.json"), "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
