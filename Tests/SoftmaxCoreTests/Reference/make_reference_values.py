#!/usr/bin/env python3
"""Prints Tests/SoftmaxCoreTests/ReferenceValues.swift.

Every number in that file is computed here, independently of SoftmaxCore:

* softmax quantities and logSumExp with mpmath at 30 significant digits, from
  the exact binary values of the double inputs (mpf(float) is exact), so the only
  error left in a Swift comparison is SoftmaxCore's own rounding;
* divergences between fixed distributions with mpmath;
* chi-square survival probabilities and critical values with scipy.stats.chi2,
  each cross-checked here against mpmath's regularised incomplete gamma;
* the first outputs of SeededGenerator(seed: 7) from a from-scratch Python
  SplitMix64 + xoshiro256** (the published reference algorithms), and the class
  that InverseCDFSampler and AliasTable must pick from them, derived from the
  documented recipes.

Regenerate from the package root with
    python3 Tests/SoftmaxCoreTests/Reference/make_reference_values.py \
        > Tests/SoftmaxCoreTests/ReferenceValues.swift
Needs Python 3 with mpmath (1.3) and scipy.
"""

import json

import mpmath
from mpmath import mp, mpf
from scipy.stats import chi2

mp.dps = 30

# Smallest positive normal double; anything below is written as 0 (a double
# cannot hold it, and the comparison with an absolute tolerance does not care).
TINY = mpf(2) ** -1022
# Largest finite double; anything above overflows to infinity, as it must in Swift.
DOUBLE_MAX = (2 - mpf(2) ** -52) * mpf(2) ** 1023


def swift_double(x):
    """A Swift literal for a high-precision value: 25 significant digits, which
    the Swift compiler rounds correctly to the nearest double."""
    x = mpf(x)
    if mpmath.isinf(x) or abs(x) > DOUBLE_MAX:
        return ".infinity" if x > 0 else "-.infinity"
    if abs(x) < TINY:
        return "0.0"
    return mpmath.nstr(x, 25, min_fixed=-4, max_fixed=20, strip_zeros=False)


def swift_input(x):
    """A Swift literal for a double input; repr round-trips exactly."""
    return repr(float(x))


def array(values, fmt):
    return "[" + ", ".join(fmt(v) for v in values) + "]"


# --- softmax ------------------------------------------------------------------

LOGIT_VECTORS = [
    ("simple", [2.0, 1.0, 0.5, 0.1]),
    ("negatives and a tie", [-1.5, 3.0, 3.0, -0.25, 0.0]),
    ("large spread", [1000.0, 999.0, -1000.0, 0.001]),
    ("ten values", [0.3, -2.1, 4.7, 1.0, -0.6, 2.2, 0.0, -3.3, 1.9, 0.85]),
    ("plus-minus 1e300", [1e300, -1e300]),
]
TEMPERATURES = [0.1, 0.5, 1.0, 2.0, 10.0]


def softmax_case(logits, t):
    z = [mpf(v) for v in logits]
    t = mpf(t)
    scaled = [v / t for v in z]
    log_z = mpmath.log(mpmath.fsum(mpmath.exp(s) for s in scaled))
    log_p = [s - log_z for s in scaled]
    p = [mpmath.exp(lp) for lp in log_p]
    entropy = -mpmath.fsum(pi * lpi for pi, lpi in zip(p, log_p))
    mean_energy = -mpmath.fsum(pi * zi for pi, zi in zip(p, z))
    free_energy = -t * log_z
    z_max = max(z)
    shifted_weights = [mpmath.exp((v - z_max) / t) for v in z]
    weights = [mpmath.exp(s) for s in scaled]
    partition = mpmath.exp(log_z)
    # The identities the Swift tests also rely on, checked at full precision.
    assert abs(mpmath.fsum(p) - 1) < mpf(10) ** -25
    assert abs(free_energy - (mean_energy - t * entropy)) <= mpf(10) ** -20 * max(1, abs(free_energy))
    return p, log_p, entropy, log_z, mean_energy, free_energy, shifted_weights, weights, partition


def emit_softmax_cases(out):
    out.append("    static let softmaxCases: [SoftmaxReferenceCase] = [")
    for name, logits in LOGIT_VECTORS:
        temps = [1.0, 1e300] if name == "plus-minus 1e300" else TEMPERATURES
        for t in temps:
            p, log_p, h, log_z, e, f, sw, w, zz = softmax_case(logits, t)
            out.append("        SoftmaxReferenceCase(")
            out.append(f"            name: {json.dumps(name)}, logits: {array(logits, swift_input)}, temperature: {swift_input(t)},")
            out.append(f"            probabilities: {array(p, swift_double)},")
            out.append(f"            logProbabilities: {array(log_p, swift_double)},")
            out.append(f"            entropy: {swift_double(h)}, logPartition: {swift_double(log_z)},")
            out.append(f"            meanEnergy: {swift_double(e)}, freeEnergy: {swift_double(f)},")
            out.append(f"            shiftedWeights: {array(sw, swift_double)}, shiftedPartition: {swift_double(mpmath.fsum(sw))},")
            out.append(f"            weights: {array(w, swift_double)}, partitionFunction: {swift_double(zz)}),")
    out.append("    ]")


# --- logSumExp ----------------------------------------------------------------

LOGSUMEXP_INPUTS = [
    [0.0, 0.0, 0.0],
    [1000.0, 999.0, -1000.0, 0.001],
    [710.0, 710.0],            # exp overflows a double
    [-1000.0, -1000.0],        # exp underflows to 0
    [1e-20, -1e-20],
    [-745.0, -746.0, -750.0],
    [1e300, -1e300],
    [2.0, 1.0, 0.5, 0.1],
]


def emit_logsumexp(out):
    out.append("    static let logSumExpCases: [LogSumExpReferenceCase] = [")
    for x in LOGSUMEXP_INPUTS:
        v = mpmath.log(mpmath.fsum(mpmath.exp(mpf(e)) for e in x))
        out.append(f"        LogSumExpReferenceCase(input: {array(x, swift_input)}, value: {swift_double(v)}),")
    out.append("    ]")


# --- divergences ----------------------------------------------------------------

DIVERGENCE_PAIRS = [
    ([0.5, 0.25, 0.25], [0.25, 0.25, 0.5]),
    ([0.1, 0.2, 0.3, 0.4], [0.4, 0.3, 0.2, 0.1]),
    ([0.7, 0.0, 0.3], [0.2, 0.5, 0.3]),     # p has a zero: that class adds nothing
    ([0.999, 0.001], [0.001, 0.999]),
]


def emit_divergences(out):
    out.append("    static let divergenceCases: [DivergenceReferenceCase] = [")
    for p, q in DIVERGENCE_PAIRS:
        mp_p = [mpf(v) for v in p]
        mp_q = [mpf(v) for v in q]
        kl = mpmath.fsum(a * mpmath.log(a / b) for a, b in zip(mp_p, mp_q) if a > 0)
        ce = -mpmath.fsum(a * mpmath.log(b) for a, b in zip(mp_p, mp_q) if a > 0)
        tv = mpmath.fsum(abs(a - b) for a, b in zip(mp_p, mp_q)) / 2
        h = -mpmath.fsum(a * mpmath.log(a) for a in mp_p if a > 0)
        out.append(f"        DivergenceReferenceCase(p: {array(p, swift_input)}, q: {array(q, swift_input)},")
        out.append(f"            kl: {swift_double(kl)}, crossEntropy: {swift_double(ce)}, totalVariation: {swift_double(tv)}, entropyOfP: {swift_double(h)}),")
    out.append("    ]")


# --- chi-square -------------------------------------------------------------------

CHI_SQUARE_SURVIVAL = [
    (0.5, 1), (3.841458820694124, 1), (0.6, 3), (16.0, 3), (10.827566170662733, 1), (25.0, 1), (0.001, 1),
    (1.0, 4), (4.0, 4), (9.487729036781154, 4), (18.46682695290317, 4), (60.0, 4),
    (3.0, 9), (16.0, 9), (27.877164871256568, 9),
    (30.0, 30), (45.0, 30),
    (49000.0, 49999), (49999.0, 49999), (50000.0, 49999), (50500.0, 49999), (50977.0, 49999), (52000.0, 49999),
]
CHI_SQUARE_CRITICAL = [
    (1, 0.001), (1, 0.05), (3, 0.001), (4, 0.001), (4, 0.01), (4, 0.05), (6, 0.001),
    (9, 0.001), (30, 0.05), (49999, 0.001), (49999, 0.05),
]


def mp_survival(x, k):
    return mpmath.gammainc(mpf(k) / 2, mpf(x) / 2, mpmath.inf, regularized=True)


def emit_chi_square(out):
    out.append("    static let chiSquareSurvivalCases: [ChiSquareSurvivalReferenceCase] = [")
    for x, k in CHI_SQUARE_SURVIVAL:
        sf = float(chi2.sf(x, k))
        check = mp_survival(x, k)
        assert abs(mpf(sf) - check) <= mpf(10) ** -11 * check, (x, k, sf, check)
        out.append(f"        ChiSquareSurvivalReferenceCase(statistic: {swift_input(x)}, degreesOfFreedom: {k}, pValue: {repr(sf)}),")
    out.append("    ]")
    out.append("    static let chiSquareCriticalCases: [ChiSquareCriticalReferenceCase] = [")
    for k, alpha in CHI_SQUARE_CRITICAL:
        crit = float(chi2.isf(alpha, k))
        assert abs(mp_survival(crit, k) - mpf(alpha)) <= mpf(10) ** -11 * alpha, (k, alpha, crit)
        out.append(f"        ChiSquareCriticalReferenceCase(degreesOfFreedom: {k}, alpha: {swift_input(alpha)}, value: {repr(crit)}),")
    out.append("    ]")


# --- the seeded generator ------------------------------------------------------

MASK = (1 << 64) - 1


def splitmix64(state):
    """Yields SplitMix64 outputs (Steele, Lea and Flood; Vigna's reference C)."""
    while True:
        state = (state + 0x9E3779B97F4A7C15) & MASK
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        yield z ^ (z >> 31)


def rotl(x, k):
    return ((x << k) | (x >> (64 - k))) & MASK


def xoshiro256starstar(seed):
    """Yields xoshiro256** outputs (Blackman and Vigna's reference C), its state
    filled by four SplitMix64 outputs of the seed."""
    mixer = splitmix64(seed)
    s = [next(mixer) for _ in range(4)]
    while True:
        result = (rotl((s[1] * 5) & MASK, 7) * 9) & MASK
        t = (s[1] << 17) & MASK
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = rotl(s[3], 45)
        yield result


def uniform(raw):
    return (raw >> 11) * 2.0 ** -53   # exact: a 53-bit integer times a power of two


SAMPLER_PROBABILITIES = [0.1, 0.2, 0.3, 0.4]


def inverse_cdf_pick(u, probabilities):
    """The first class whose running sum exceeds u, running sums in float order."""
    total = 0.0
    for i, p in enumerate(probabilities):
        total += p
        if total > u:
            return i
    return len(probabilities) - 1


def alias_pick_uniform4(raw):
    # Four equal weights: every column is full, so the column is the class, and the
    # column is the high word of raw * 4, its top two bits.
    return (raw * 4) >> 64


def alias_pick_three_to_one(raw):
    # Weights [0.75, 0.25], scaled by K = 2 to [1.5, 0.5]: column 0 is full, column 1
    # keeps class 1 below half its height (threshold 2^63) and aliases class 0 above.
    product = raw * 2
    column, within = product >> 64, product & MASK
    if column == 0:
        return 0
    return 1 if within < 2 ** 63 else 0


def emit_generator(out):
    gen = xoshiro256starstar(7)
    raws = [next(gen) for _ in range(8)]
    out.append("    /// The first outputs of SeededGenerator(seed: 7).next(), from the Python reference generator.")
    out.append("    static let seed7Raw: [UInt64] = [" + ", ".join(f"0x{r:016X}" for r in raws) + "]")
    out.append("    /// (raw >> 11) * 2^-53 of the same outputs: what nextUniform() must return.")
    out.append("    static let seed7Uniforms: [Double] = " + array([uniform(r) for r in raws], repr))
    for label, seed in (("seed0Raw", 0), ("seedMaxRaw", MASK)):
        g = xoshiro256starstar(seed)
        vals = [next(g) for _ in range(3)]
        out.append(f"    static let {label}: [UInt64] = [" + ", ".join(f"0x{r:016X}" for r in vals) + "]")

    gen = xoshiro256starstar(7)
    draws = []
    for _ in range(12):
        u = uniform(next(gen))
        draws.append((u, inverse_cdf_pick(u, SAMPLER_PROBABILITIES)))
    out.append(f"    static let inverseCDFProbabilities: [Double] = {array(SAMPLER_PROBABILITIES, swift_input)}")
    out.append("    /// InverseCDFSampler(probabilities: inverseCDFProbabilities).draw with SeededGenerator(seed: 7).")
    out.append("    static let inverseCDFSeed7Picks: [Int] = [" + ", ".join(str(i) for _, i in draws) + "]")

    gen = xoshiro256starstar(7)
    raws = [next(gen) for _ in range(16)]
    out.append("    /// AliasTable(probabilities: [0.25, 0.25, 0.25, 0.25]).draw with SeededGenerator(seed: 7).")
    out.append("    static let aliasUniform4Seed7Picks: [Int] = [" + ", ".join(str(alias_pick_uniform4(r)) for r in raws) + "]")
    out.append("    /// AliasTable(probabilities: [0.75, 0.25]).draw with SeededGenerator(seed: 7).")
    out.append("    static let aliasThreeToOneSeed7Picks: [Int] = [" + ", ".join(str(alias_pick_three_to_one(r)) for r in raws) + "]")


HEADER = '''\
// GENERATED FILE - do not edit by hand.
//
// Made by Tests/SoftmaxCoreTests/Reference/make_reference_values.py, independently
// of SoftmaxCore: softmax quantities, logSumExp and divergences with mpmath at 30
// significant digits from the exact binary values of the double inputs; chi-square
// p-values and critical values with scipy.stats.chi2 (cross-checked against mpmath
// in the script); SeededGenerator outputs and sampler picks from a from-scratch
// Python SplitMix64 + xoshiro256**. Values too small for a double are written as 0.
//
// Regenerate from the package root with
//     python3 Tests/SoftmaxCoreTests/Reference/make_reference_values.py \\
//         > Tests/SoftmaxCoreTests/ReferenceValues.swift

struct SoftmaxReferenceCase: Sendable, CustomStringConvertible {
    let name: String
    let logits: [Double]
    let temperature: Double
    let probabilities: [Double]
    let logProbabilities: [Double]
    /// Shannon entropy in nats.
    let entropy: Double
    /// ln Z, Z = sum exp(z_i / T).
    let logPartition: Double
    /// <E> = -sum p_i z_i.
    let meanEnergy: Double
    /// F = -T ln Z.
    let freeEnergy: Double
    /// exp((z_i - max z) / T).
    let shiftedWeights: [Double]
    /// Their sum, Z exp(-max z / T).
    let shiftedPartition: Double
    /// exp(z_i / T); infinity where it overflows a double.
    let weights: [Double]
    /// Z; infinity where it overflows a double.
    let partitionFunction: Double

    var description: String { "\\(name) at T = \\(temperature)" }
}

struct LogSumExpReferenceCase: Sendable {
    let input: [Double]
    let value: Double
}

struct DivergenceReferenceCase: Sendable {
    let p: [Double]
    let q: [Double]
    let kl: Double
    let crossEntropy: Double
    let totalVariation: Double
    let entropyOfP: Double
}

struct ChiSquareSurvivalReferenceCase: Sendable {
    let statistic: Double
    let degreesOfFreedom: Int
    /// scipy.stats.chi2.sf(statistic, degreesOfFreedom).
    let pValue: Double
}

struct ChiSquareCriticalReferenceCase: Sendable {
    let degreesOfFreedom: Int
    let alpha: Double
    /// scipy.stats.chi2.isf(alpha, degreesOfFreedom).
    let value: Double
}
'''


def main():
    out = [HEADER, "enum ReferenceValues {"]
    emit_softmax_cases(out)
    out.append("")
    emit_logsumexp(out)
    out.append("")
    emit_divergences(out)
    out.append("")
    emit_chi_square(out)
    out.append("")
    emit_generator(out)
    out.append("}")
    print("\n".join(out))


if __name__ == "__main__":
    main()
