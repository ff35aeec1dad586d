/// Counts of draws per class, and how far their frequencies are from the truth.
public struct Histogram: Hashable, Sendable {
    public private(set) var counts: [Int]
    public private(set) var total: Int

    public init(classCount: Int) {
        counts = Array(repeating: 0, count: max(0, classCount))
        total = 0
    }

    public init(counts: [Int]) {
        self.counts = counts
        total = counts.reduce(0, +)
    }

    public init(draws: some Sequence<Int>, classCount: Int) {
        self.init(classCount: classCount)
        for d in draws { record(d) }
    }

    /// Counts one draw; an index outside the classes is ignored.
    public mutating func record(_ index: Int) {
        guard counts.indices.contains(index) else { return }
        counts[index] += 1
        total += 1
    }

    public mutating func clear() {
        counts = Array(repeating: 0, count: counts.count)
        total = 0
    }

    /// `count_i / n`; all zero before the first draw.
    public var frequencies: [Double] {
        guard total > 0 else { return counts.map { _ in 0 } }
        let n = Double(total)
        return counts.map { Double($0) / n }
    }

    /// Total-variation distance between the empirical frequencies and `probabilities`.
    public func totalVariation(from probabilities: [Double]) -> Double {
        totalVariationDistance(frequencies, probabilities)
    }
}
