#!/usr/bin/env python3
"""Reference runs of the exploration lab's bandit, replaying the Swift code's random stream.

Writes bandit_reference.json beside this script. Everything is re-implemented here from
the recipes documented in Sources/Experiments (GaussianBandit.swift, ExplorationPolicy.swift,
BanditRun.swift, AveragedRegret.swift), with SoftmaxCore's SeededGenerator taken from
make_digits_reference.py (xoshiro256** seeded through SplitMix64), so every draw is the
one the Swift code makes:
  - a uniform is (next() >> 11) * 2^-53;
  - a standard normal is Box-Muller's cosine branch from two uniforms u1, u2:
    sqrt(-2 ln(1 - u1)) * cos(2 pi u2);
  - a bandit's K means are K normals from SeededGenerator(seed); arm k pays mu_k + a normal;
  - a run draws from SeededGenerator(run seed): at step t < K it pulls arm t; after that
    epsilon-greedy draws u, and if u < epsilon a second u' for arm floor(u' K), else takes
    the first arm of largest estimate; Boltzmann at the schedule's T draws u and takes the
    first arm whose running sum of w_j = exp((Q_j - max Q) / T) exceeds u * sum(w)
    (else the last arm with weight); then the reward's normal. Estimates are the sums
    of rewards over the pulls; regret adds mu* - mu_arm per pull;
  - a schedule's T at step t is start * (end / start) ** (t / length) (geometric) or
    start + (end - start) * t / length (linear) for t < length, and end after;
  - an average over n runs uses run seeds 1..n; its final regret's standard error is
    numpy's std with ddof = 1 over sqrt(n); "stuck" counts the runs whose best arm got
    fewer than half the pulls.

Each single run keeps its whole arm sequence, so a mismatch shows the step it starts at.
"labAverages" are the exploration chapter's own four averages on its default bandit (1):
200 runs of 1000 steps each at T = 0.5, at T = 0.05, annealed from 0.5 to 0.05 in 300
steps (geometric), and epsilon-greedy at 0.1; the mean regret is kept every 100 steps.

Run: python3 make_bandit_reference.py   (numpy)
"""
import json
import math
import os

import numpy as np

from make_digits_reference import Xoshiro256StarStar

HERE = os.path.dirname(os.path.abspath(__file__))


class Stream:
    def __init__(self, seed):
        self.generator = Xoshiro256StarStar(seed)

    def uniform(self):
        return (self.generator.next() >> 11) * 2.0 ** -53

    def normal(self):
        u1 = self.uniform()
        u2 = self.uniform()
        return math.sqrt(-2.0 * math.log(1.0 - u1)) * math.cos(2.0 * math.pi * u2)


def bandit_means(seed, arms=5):
    stream = Stream(seed)
    return [stream.normal() for _ in range(arms)]


def temperature(schedule, t):
    start, end, length, shape = schedule["start"], schedule["end"], schedule["length"], schedule["shape"]
    if length == 0 or start == end or t >= length:
        return end
    fraction = t / length
    if shape == "geometric":
        return start * (end / start) ** fraction
    return start + (end - start) * fraction


def first_largest(values):
    best = 0
    for i, v in enumerate(values):
        if v > values[best]:
            best = i
    return best


def boltzmann_arm(q, t, u):
    m = max(q)
    w = [math.exp((x - m) / t) for x in q]
    total = 0.0
    for x in w:
        total += x
    target = u * total
    running, last = 0.0, 0
    for i, x in enumerate(w):
        running += x
        if running > target:
            return i
        if x > 0:
            last = i
    return last


def run(means, policy, horizon, seed):
    k = len(means)
    stream = Stream(seed)
    pulls, sums, estimates = [0] * k, [0.0] * k, [0.0] * k
    best = means[first_largest(means)]
    arms, cumulative, regret = [], [], 0.0
    for t in range(horizon):
        if t < k:
            arm = t
        elif policy["kind"] == "epsilonGreedy":
            if stream.uniform() < policy["epsilon"]:
                arm = min(k - 1, int(stream.uniform() * k))
            else:
                arm = first_largest(estimates)
        else:
            arm = boltzmann_arm(estimates, temperature(policy["schedule"], t), stream.uniform())
        reward = means[arm] + stream.normal()
        pulls[arm] += 1
        sums[arm] += reward
        estimates[arm] = sums[arm] / pulls[arm]
        regret = regret + (best - means[arm])
        arms.append(arm)
        cumulative.append(regret)
    return {"arms": arms, "cumulativeRegret": cumulative, "pulls": pulls, "estimates": estimates,
            "rewardSums": sums}


def average(means, policy, horizon, runs):
    curves, stuck = [], 0
    best = first_largest(means)
    for seed in range(1, runs + 1):
        r = run(means, policy, horizon, seed)
        curves.append(r["cumulativeRegret"])
        stuck += 2 * r["pulls"][best] < horizon
    curves = np.array(curves)
    finals = curves[:, -1]
    return {"meanRegret": curves.mean(axis=0).tolist(), "finalMean": float(finals.mean()),
            "finalStandardError": float(finals.std(ddof=1) / math.sqrt(runs)), "stuck": int(stuck)}


def boltzmann(start, end=None, length=0, shape="geometric"):
    return {"kind": "boltzmann", "schedule": {"start": start, "end": start if end is None else end,
                                              "length": length, "shape": shape}}


def epsilon_greedy(epsilon):
    return {"kind": "epsilonGreedy", "epsilon": epsilon}


def main():
    runs = [
        # The lab's own settings on its default bandit and first seed, then other bandits and seeds.
        ("epsilon-greedy 0.1, bandit 1, seed 1", 1, epsilon_greedy(0.1), 1000, 1),
        ("epsilon-greedy 0.3, bandit 7, seed 42", 7, epsilon_greedy(0.3), 400, 42),
        ("epsilon-greedy 0, bandit 3, seed 5", 3, epsilon_greedy(0.0), 300, 5),
        ("Boltzmann T = 0.5, bandit 1, seed 1", 1, boltzmann(0.5), 1000, 1),
        ("Boltzmann T = 0.05, bandit 3, seed 2", 3, boltzmann(0.05), 500, 2),
        ("Boltzmann 0.5 -> 0.05 geometric in 300, bandit 1, seed 3", 1, boltzmann(0.5, 0.05, 300), 1000, 3),
        ("Boltzmann 2 -> 0.1 linear in 100, bandit 4, seed 9", 4, boltzmann(2.0, 0.1, 100, "linear"), 300, 9),
    ]
    averages = [
        ("epsilon-greedy 0.1, bandit 1, 30 runs of 300", 1, epsilon_greedy(0.1), 300, 30),
        ("Boltzmann T = 0.05, bandit 3, 30 runs of 300", 3, boltzmann(0.05), 300, 30),
        ("Boltzmann 0.5 -> 0.05 geometric in 100, bandit 2, 30 runs of 300", 2, boltzmann(0.5, 0.05, 100), 300, 30),
    ]
    out = {
        "banditMeans": {str(seed): bandit_means(seed) for seed in (1, 2, 3, 7)},
        "runs": [],
        "averages": [],
    }
    stream = Stream(7)
    out["uniformsSeed7"] = [stream.uniform() for _ in range(5)]
    stream = Stream(7)
    out["normalsSeed7"] = [stream.normal() for _ in range(5)]
    for name, bandit, policy, horizon, seed in runs:
        means = bandit_means(bandit)
        r = run(means, policy, horizon, seed)
        out["runs"].append({"name": name, "bandit": bandit, "policy": policy, "horizon": horizon, "seed": seed,
                            "arms": "".join(str(a) for a in r["arms"]),
                            "cumulativeRegret": r["cumulativeRegret"], "pulls": r["pulls"],
                            "estimates": r["estimates"]})
    for name, bandit, policy, horizon, count in averages:
        means = bandit_means(bandit)
        a = average(means, policy, horizon, count)
        out["averages"].append({"name": name, "bandit": bandit, "policy": policy, "horizon": horizon,
                                "runCount": count, **a})
    lab = [("hot", boltzmann(0.5)), ("cold", boltzmann(0.05)), ("annealed", boltzmann(0.5, 0.05, 300)),
           ("epsilonGreedy", epsilon_greedy(0.1))]
    out["labAverages"] = []
    for name, policy in lab:
        a = average(bandit_means(1), policy, 1000, 200)
        a["meanRegretEvery100"] = a.pop("meanRegret")[99::100]
        out["labAverages"].append({"name": name, "bandit": 1, "policy": policy, "horizon": 1000, "runCount": 200, **a})
    with open(os.path.join(HERE, "bandit_reference.json"), "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
