/// One draw by inverse transform: the uniform u and the class it picked.
/// The explorer animates u falling onto the cumulative bar, so both are kept.
public struct Draw: Hashable, Sendable {
    public let u: Double
    public let index: Int

    public init(u: Double, index: Int) {
        self.u = u
        self.index = index
    }
}

/// Draws by walking the cumulative probabilities until they pass u: the picture a
/// person can follow. For many draws at once, `AliasTable` is faster.
public struct InverseCDFSampler: Sendable {
    public let cumulative: [Double]
    /// The last class with weight, which catches a u that rounding left past the final sum.
    private let lastPositive: Int

    public init(probabilities: [Double]) {
        cumulative = cumulativeSums(probabilities)
        lastPositive = probabilities.lastIndex { $0 > 0 } ?? max(0, probabilities.count - 1)
    }

    /// The first class whose cumulative probability exceeds u (binary search);
    /// a zero-probability class is never picked.
    public func index(for u: Double) -> Int {
        var low = 0
        var high = cumulative.count
        while low < high {
            let mid = (low + high) / 2
            if cumulative[mid] > u { high = mid } else { low = mid + 1 }
        }
        return min(low, lastPositive)
    }

    public func draw(using generator: inout some RandomNumberGenerator) -> Draw {
        let u = generator.nextUniform()
        return Draw(u: u, index: index(for: u))
    }
}
