/// How confident a set of predictions was, against how often it was right: the two
/// numbers a reliability diagram compares, for the whole set as one bin.
public struct ConfidenceSummary: Hashable, Sendable {
    public let count: Int
    public let correctCount: Int
    /// The mean top-class probability; 0 for an empty set.
    public let meanConfidence: Double

    public init(confidences: [Double], correct: [Bool]) {
        let n = min(confidences.count, correct.count)
        count = n
        correctCount = correct.prefix(n).filter { $0 }.count
        meanConfidence = n > 0 ? confidences.prefix(n).reduce(0, +) / Double(n) : 0
    }

    /// The fraction right; 0 for an empty set.
    public var accuracy: Double { count > 0 ? Double(correctCount) / Double(count) : 0 }
    /// Mean confidence minus accuracy: positive for an overconfident set.
    public var overconfidence: Double { meanConfidence - accuracy }
}

/// The top-class probability of a two-class prediction whose top logit leads the other
/// by `margin`, at temperature T: `1 / (1 + exp(-margin / T))`.
public func twoClassConfidence(margin: Double, temperature: Temperature) -> Double {
    softmax([margin, 0], temperature: temperature)[0]
}
