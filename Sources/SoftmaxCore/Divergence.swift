/// Kullback-Leibler divergence `KL(p || q) = sum p_i ln(p_i / q_i)` in nats.
/// Infinite when q gives zero probability to a class that p does not.
public func klDivergence(_ p: [Double], _ q: [Double]) -> Double {
    var d = 0.0
    for (pi, qi) in zip(p, q) where pi > 0 {
        if qi <= 0 { return .infinity }
        d += pi * (pi / qi).log
    }
    return max(0, d)
}

/// Cross-entropy `H(p, q) = -sum p_i ln q_i` in nats, which is `H(p) + KL(p || q)`.
public func crossEntropy(_ p: [Double], _ q: [Double]) -> Double {
    var h = 0.0
    for (pi, qi) in zip(p, q) where pi > 0 {
        if qi <= 0 { return .infinity }
        h -= pi * qi.log
    }
    return h
}

/// Total-variation distance `1/2 sum |p_i - q_i|`, in [0, 1].
public func totalVariationDistance(_ p: [Double], _ q: [Double]) -> Double {
    var d = 0.0
    for (pi, qi) in zip(p, q) { d += abs(pi - qi) }
    return min(1, d / 2)
}
