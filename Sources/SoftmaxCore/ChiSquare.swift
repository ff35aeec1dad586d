/// Pearson's chi-square goodness-of-fit test of observed counts against a
/// distribution: "are these draws plausibly from p?"
public struct ChiSquareTest: Hashable, Sendable {
    /// `sum (O_i - E_i)^2 / E_i` over classes with E_i > 0; infinite if a class with
    /// E_i = 0 was drawn at all.
    public let statistic: Double
    /// The number of classes with E_i > 0, less one.
    public let degreesOfFreedom: Int

    public init(counts: [Int], probabilities: [Double]) {
        let n = Double(counts.reduce(0, +))
        var x = 0.0
        var classes = 0
        for (observed, p) in zip(counts, probabilities) {
            let expected = n * p
            if expected > 0 {
                let d = Double(observed) - expected
                x += d * d / expected
                classes += 1
            } else if observed > 0 {
                x = .infinity
            }
        }
        statistic = x
        degreesOfFreedom = max(0, classes - 1)
    }

    /// The chance of a statistic at least this large if the counts really came from p.
    public var pValue: Double {
        guard degreesOfFreedom > 0 else { return 1 }
        return chiSquareSurvival(statistic, degreesOfFreedom: degreesOfFreedom)
    }
}

/// `P(X >= x)` for X chi-square with `k` degrees of freedom: the regularised upper
/// incomplete gamma function Q(k/2, x/2).
public func chiSquareSurvival(_ x: Double, degreesOfFreedom k: Int) -> Double {
    guard x > 0 else { return 1 }
    guard x.isFinite else { return 0 }
    return regularizedGammaQ(Double(k) / 2, x / 2)
}

/// The value a chi-square statistic with `k` degrees of freedom exceeds with
/// probability `alpha` (for example 0.001 for the 99.9 % critical value).
public func chiSquareCriticalValue(degreesOfFreedom k: Int, alpha: Double) -> Double {
    // The survival function falls monotonically: bracket, then bisect.
    var low = 0.0
    var high = Double(max(k, 1))
    while chiSquareSurvival(high, degreesOfFreedom: k) > alpha { high *= 2 }
    for _ in 0..<200 {
        let mid = (low + high) / 2
        if chiSquareSurvival(mid, degreesOfFreedom: k) > alpha { low = mid } else { high = mid }
        if high - low <= 1e-12 * high { break }
    }
    return (low + high) / 2
}

/// Q(a, x) = Gamma(a, x) / Gamma(a): a power series below x = a + 1 and a
/// continued fraction (modified Lentz) above, each converging fast on its side.
func regularizedGammaQ(_ a: Double, _ x: Double) -> Double {
    if x < a + 1 {
        return 1 - lowerGammaSeries(a, x)
    }
    return upperGammaContinuedFraction(a, x)
}

private func lowerGammaSeries(_ a: Double, _ x: Double) -> Double {
    var term = 1 / a
    var sum = term
    var n = a
    for _ in 0..<10_000 {
        n += 1
        term *= x / n
        sum += term
        if abs(term) < abs(sum) * 1e-16 { break }
    }
    return min(1, sum * (a * x.log - x - logGamma(a)).exp)
}

private func upperGammaContinuedFraction(_ a: Double, _ x: Double) -> Double {
    let tiny = 1e-300
    var b = x + 1 - a
    var c = 1 / tiny
    var d = 1 / b
    var h = d
    for i in 1..<10_000 {
        let an = -Double(i) * (Double(i) - a)
        b += 2
        d = an * d + b
        if abs(d) < tiny { d = tiny }
        c = b + an / c
        if abs(c) < tiny { c = tiny }
        d = 1 / d
        let delta = d * c
        h *= delta
        if abs(delta - 1) < 1e-16 { break }
    }
    return min(1, (a * x.log - x - logGamma(a)).exp * h)
}
