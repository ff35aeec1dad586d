/// A softmax temperature: a finite value above zero, or one of its two limits.
///
/// `T = 0` is the exact greedy (argmax) limit and `T = +infinity` the exact uniform
/// limit. Both are first-class values rather than "very small" or "very large"
/// numbers, because the point of the explorer is to show what happens at the ends
/// of the dial, where a naive `exp(z / T)` overflows.
public struct Temperature: Hashable, Sendable, CustomStringConvertible {
    public let value: Double

    /// Refuses a negative or NaN temperature.
    public init(_ value: Double) throws(SoftmaxInputError) {
        guard !value.isNaN, value >= 0 else { throw .invalidTemperature(value) }
        self.value = value
    }

    private init(unchecked value: Double) { self.value = value }

    public static let one = Temperature(unchecked: 1)
    /// T -> 0: all mass on the largest logit(s).
    public static let greedy = Temperature(unchecked: 0)
    /// T -> infinity: every class equally likely.
    public static let uniform = Temperature(unchecked: .infinity)

    public var isGreedy: Bool { value == 0 }
    public var isUniform: Bool { value == .infinity }

    public var description: String {
        if isGreedy { return "0 (greedy)" }
        if isUniform { return "inf (uniform)" }
        return formatShortest(value)
    }
}

/// What was wrong with a logit vector, a temperature or a cut-off, in words a
/// person can act on.
public enum SoftmaxInputError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalidTemperature(Double)
    case emptyLogits
    case nonFiniteLogit(index: Int, value: Double)
    case invalidTopK(Int)
    case invalidTopP(Double)
    case invalidMinP(Double)
    case invalidMinKeep(Int)
    case invalidSamplerOrder([String])

    public var description: String {
        switch self {
        case .invalidTemperature(let t):
            return "temperature must be 0 (greedy), a positive number or inf (uniform), not \(formatShortest(t))"
        case .emptyLogits:
            return "at least one logit is needed"
        case .nonFiniteLogit(let index, let value):
            return "logit \(index + 1) is \(formatShortest(value)); logits must be finite numbers"
        case .invalidTopK(let k):
            return "top-k must be at least 1, not \(k)"
        case .invalidTopP(let p):
            return "top-p must be in (0, 1], not \(formatShortest(p))"
        case .invalidMinP(let p):
            return "min-p must be in [0, 1], not \(formatShortest(p))"
        case .invalidMinKeep(let n):
            return "min-keep must be at least 1, not \(n)"
        case .invalidSamplerOrder(let stages):
            return "samplers must name temperature, top-k, top-p and min-p once each, in any order, not "
                + (stages.isEmpty ? "nothing" : stages.joined(separator: ","))
        }
    }
}

/// The shortest decimal that reads back as the same double ("0.1", "1e+300", "nan").
public func formatShortest(_ x: Double) -> String {
    if x.isNaN { return "nan" }
    if x == .infinity { return "inf" }
    if x == -.infinity { return "-inf" }
    let text = "\(x)"
    return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
}
