/// Softmax with temperature, exact at both limits.
///
/// For a finite T > 0 every exponent is `(z_i - max z) / T <= 0`, so `exp` never
/// overflows and the largest term is exactly 1: the sum is at least 1 and no
/// probability is NaN or infinite for any finite logits, +-1e300 included.
/// T = 0 gives the argmax limit (tied maxima share the mass equally) and
/// T = infinity the uniform limit, without dividing by either. A logit of -infinity
/// masks its class: probability 0 at every T, and the uniform limit spreads over the
/// other classes (see `MaskedClasses.swift`).
public func softmax(_ logits: [Double], temperature: Temperature = .one) -> [Double] {
    ScaledLogits(logits, temperature: temperature).probabilities
}

/// `ln softmax(z / T)`, computed as `(z_i - max) / T - ln sum` so it stays finite
/// where the probability itself underflows to zero. Classes that the T = 0 limit
/// excludes get -infinity.
public func logSoftmax(_ logits: [Double], temperature: Temperature = .one) -> [Double] {
    ScaledLogits(logits, temperature: temperature).logProbabilities
}

/// `ln sum_i exp(x_i)` without overflow: the max is factored out first.
/// An empty input gives -infinity (the log of an empty sum).
public func logSumExp(_ x: [Double]) -> Double {
    guard let m = x.max() else { return -.infinity }
    if m.isInfinite { return m }
    var sum = 0.0
    for v in x { sum += (v - m).exp }
    return m + sum.log
}

/// The logits divided by T and shifted so the largest is 0, their exponentials and
/// the sum of those: everything else about the distribution follows from these
/// without another `exp` per class.
struct ScaledLogits {
    /// `(z_i - max) / T`; 0 for the maxima and -infinity for the rest when T = 0.
    /// -infinity for a masked class at every T.
    let shifted: [Double]
    /// `exp(shifted_i)`, in [0, 1], exactly 1 for the maxima and 0 for masked classes.
    let weights: [Double]
    /// The sum of the weights: at least 1, at most the number of unmasked classes;
    /// 0 only when every class is masked, which callers refuse.
    let weightSum: Double
    let maxLogit: Double
    let temperature: Temperature

    init(_ logits: [Double], temperature: Temperature) {
        self.temperature = temperature
        let m = logits.max() ?? 0
        maxLogit = m
        if m.isMaskedLogit {
            // Every class masked: no distribution. Callers refuse this; here it only
            // has to stay free of NaN, so every class gets weight 0.
            shifted = logits
        } else if temperature.isUniform {
            // The T -> infinity limit: every unmasked z/T -> 0, while a masked class
            // keeps weight 0 at every T and so in the limit too.
            shifted = logits.map { $0.isMaskedLogit ? -.infinity : 0 }
        } else if temperature.isGreedy {
            // The T -> 0 limit: only the maxima keep weight, each weight 1.
            shifted = logits.map { $0 == m ? 0 : -.infinity }
        } else {
            let t = temperature.value
            // Subtract the max so exp never overflows.
            shifted = logits.map { ($0 - m) / t }
        }
        weights = shifted.map { $0.exp }
        weightSum = weights.reduce(0, +)
    }

    /// `ln` of the sum of the weights, as `ln n + log1p(r / n)` where n counts the
    /// maxima (each weight exactly 1) and r sums the rest: when the rest is tiny
    /// (logits 0 and -40) `ln(1 + r)` keeps it, where `ln` of the rounded sum gives 0.
    var logSum: Double {
        var maxima = 0.0
        var rest = 0.0
        for (w, x) in zip(weights, shifted) {
            if x == 0 { maxima += 1 } else { rest += w }
        }
        guard maxima > 0 else { return weightSum.log }
        return maxima.log + (rest / maxima).log1p
    }

    var probabilities: [Double] {
        let s = weightSum
        guard s > 0 else { return weights }
        return weights.map { $0 / s }
    }

    var logProbabilities: [Double] {
        let s = logSum
        // Every class masked: each log stays -infinity rather than -inf - (-inf).
        guard s > -.infinity else { return shifted }
        return shifted.map { $0 - s }
    }
}

/// `z / T` as a table shows it: at T = 0 the limit is +-infinity (0 for z = 0) and at
/// T = infinity it is 0, where plain division would give NaN for 0/0 and inf/inf.
/// A masked class (z = -infinity) stays at -infinity at every T, the limit included.
public func scaledLogit(_ z: Double, temperature: Temperature) -> Double {
    if z.isMaskedLogit { return -.infinity }
    if temperature.isUniform { return 0 }
    if temperature.isGreedy { return z == 0 ? 0 : (z > 0 ? .infinity : -.infinity) }
    return z / temperature.value
}

/// `count` temperatures from `low` to `high`, evenly spaced in log T, ends included.
public func logSpaced(from low: Double, to high: Double, count: Int) -> [Double] {
    guard count > 1 else { return count == 1 ? [low] : [] }
    let a = low.log
    let step = (high.log - a) / Double(count - 1)
    // exp(ln low) need not give low back (0.01 comes out 0.010000000000000004), so both
    // ends are taken as given rather than recomputed.
    return (0..<count).map { i in
        if i == 0 { return low }
        if i == count - 1 { return high }
        return (a + step * Double(i)).exp
    }
}
