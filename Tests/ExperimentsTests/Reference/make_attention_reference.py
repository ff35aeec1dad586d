#!/usr/bin/env python3
"""Reference values for scaled dot-product attention at a temperature, computed with numpy and scipy.

Writes attention_reference.json beside this script:
  - "robot": the lesson's hand-made robot, written out here by hand from the same
    description as Sources/Experiments/RobotAttention.swift (the Swift test checks the
    two copies agree, so a change to one is caught), and for each task and each
    temperature: the scores q.k/sqrt(d), the weights, the weighted sum of the values and
    the entropy of the weights in nats;
  - "random": seeded random queries, keys and values (6 to 8 keys, d from 1 to 16,
    values of 1 to 5 features), at several temperatures, including scores a hundred
    times larger (the softmax must not overflow) and a key repeated twice (a tie that
    the tau -> 0 limit shares evenly).

The temperatures are written as text, repr(tau). "0.0" stands for the limit tau -> 0
(hard attention: the maxima share the weight evenly, the rest get 0) and "inf" for
tau -> infinity (uniform attention: 1/n each); a finite tau uses
scipy.special.softmax(scores / tau). Entropy is scipy.stats.entropy (natural log).
Floats are written by Python's repr, so they read back as the same doubles.

Run: python3 make_attention_reference.py   (numpy, scipy)
"""
import json
import os

import numpy as np
from scipy.special import softmax
from scipy.stats import entropy

HERE = os.path.dirname(os.path.abspath(__file__))

ROBOT = {
    "keyFeatures": ["range", "vision", "sound", "motion"],
    "valueFeatures": ["obstacle", "person", "command"],
    "sensors": [
        {"name": "camera", "key": [1, 3, 0, 1], "value": [0.5, 0.9, 0.0]},
        {"name": "lidar", "key": [3, 1, 0, 1], "value": [0.9, 0.2, 0.0]},
        {"name": "radar", "key": [2, 0, 0, 2], "value": [0.8, 0.1, 0.0]},
        {"name": "microphone", "key": [0, 0, 3, 0], "value": [0.1, 0.3, 0.9]},
        {"name": "thermal", "key": [1, 2, 0, 0], "value": [0.3, 0.8, 0.0]},
        {"name": "bumper", "key": [1, 0, 0, 0], "value": [0.0, 0.0, 0.0]},
        {"name": "IMU", "key": [0, 0, 0, 2], "value": [0.2, 0.0, 0.0]},
    ],
    "tasks": [
        {"name": "avoid a collision", "query": [2, 0, 0, 1]},
        {"name": "identify a person", "query": [0, 2, 1, 0]},
        {"name": "respond to a command", "query": [0, 0.5, 2, 0]},
    ],
}

TEMPERATURES = [0.0, 0.05, 0.25, 0.5, 1.0, 2.0, 5.0, 20.0, float("inf")]


def weights_at(scores, tau):
    if tau == 0:
        top = scores == scores.max()
        return top / top.sum()
    if tau == float("inf"):
        return np.full(len(scores), 1 / len(scores))
    return softmax(scores / tau)


def attention(query, keys, values, tau):
    q, k, v = np.asarray(query, float), np.asarray(keys, float), np.asarray(values, float)
    scores = k @ q / np.sqrt(len(q))
    w = weights_at(scores, tau)
    return {
        "temperature": repr(tau),
        "scores": scores.tolist(),
        "weights": w.tolist(),
        "output": (w @ v).tolist(),
        "entropy": float(entropy(w)),
    }


def random_cases():
    rng = np.random.default_rng(20240613)
    cases = []
    for i, (n, d, dv, scale) in enumerate([(6, 1, 1, 1.0), (7, 4, 3, 1.0), (8, 16, 5, 1.0), (8, 3, 2, 100.0), (6, 8, 4, 1.0)]):
        keys = rng.normal(size=(n, d)) * scale
        if i == 4:
            # Two copies of the key that best matches the query: a tie at the top.
            query = rng.normal(size=d)
            best = int(np.argmax(keys @ query))
            keys[(best + 1) % n] = keys[best]
        else:
            query = rng.normal(size=d)
        values = rng.normal(size=(n, dv))
        for tau in [0.0, 0.3, 1.0, 3.7, float("inf")]:
            case = attention(query, keys, values, tau)
            case.update({"name": f"n={n} d={d} dv={dv} scale={scale:g}", "query": query.tolist(),
                         "keys": keys.tolist(), "values": values.tolist()})
            cases.append(case)
    return cases


def main():
    robot_cases = []
    for t, task in enumerate(ROBOT["tasks"]):
        for tau in TEMPERATURES:
            case = attention(task["query"], [s["key"] for s in ROBOT["sensors"]],
                             [s["value"] for s in ROBOT["sensors"]], tau)
            case["task"] = t
            robot_cases.append(case)
    out = {"robot": ROBOT, "robotCases": robot_cases, "random": random_cases()}
    with open(os.path.join(HERE, "attention_reference.json"), "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
