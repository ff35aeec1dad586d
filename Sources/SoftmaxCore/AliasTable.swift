/// Walker's alias method in Vose's stable construction: O(K) to build, then O(1)
/// per draw whatever the number of classes, for bulk sampling.
///
/// Each of the K columns holds its own class up to a threshold and an alias above
/// it. One 64-bit random number picks both the column (the high word of r * K) and
/// the point within it (the low word), so a draw costs one generator step, one
/// multiply and one integer comparison.
public struct AliasTable: Sendable {
    /// Per column, the share kept by the column's own class, scaled to 2^64.
    private let thresholds: [UInt64]
    private let aliases: [Int32]

    public var classCount: Int { aliases.count }

    /// Builds the table for weights that need not sum to one. Negative and NaN
    /// weights count as zero; if no weight is positive the table is uniform.
    public init(probabilities weights: [Double]) {
        let k = weights.count
        let clean = weights.map { $0 > 0 && $0.isFinite ? $0 : 0 }
        let total = clean.reduce(0, +)
        var scaled = total > 0 ? clean.map { $0 * Double(k) / total } : Array(repeating: 1, count: k)
        var aliases = Array(Int32(0)..<Int32(k))
        var small: [Int] = []
        var large: [Int] = []
        for i in 0..<k {
            if scaled[i] < 1 { small.append(i) } else { large.append(i) }
        }
        while let s = small.popLast(), let l = large.last {
            aliases[s] = Int32(l)
            scaled[l] -= 1 - scaled[s]
            if scaled[l] < 1 {
                large.removeLast()
                small.append(l)
            }
        }
        // What is left over is 1 up to rounding: those columns keep their own class.
        for i in large + small { scaled[i] = 1 }
        self.aliases = aliases
        self.thresholds = scaled.map { AliasTable.fixedPoint($0) }
    }

    /// p in [0, 1] as a 64-bit fraction; 1 saturates, and its column's alias is itself.
    private static func fixedPoint(_ p: Double) -> UInt64 {
        p >= 1 ? .max : UInt64(p * 0x1p64)
    }

    @inline(__always)
    public func draw(using generator: inout some RandomNumberGenerator) -> Int {
        let (column, within) = generator.next().multipliedFullWidth(by: UInt64(aliases.count))
        let c = Int(column)
        return within < thresholds[c] ? c : Int(aliases[c])
    }

    /// Fills `buffer` with draws.
    public func fill(_ buffer: UnsafeMutableBufferPointer<Int32>, using generator: inout some RandomNumberGenerator) {
        thresholds.withUnsafeBufferPointer { thresholds in
            aliases.withUnsafeBufferPointer { aliases in
                let k = UInt64(aliases.count)
                for n in buffer.indices {
                    let (column, within) = generator.next().multipliedFullWidth(by: k)
                    let c = Int(column)
                    buffer[n] = within < thresholds[c] ? Int32(c) : aliases[c]
                }
            }
        }
    }

    /// `count` draws as class indices.
    public func sample(count: Int, using generator: inout some RandomNumberGenerator) -> [Int32] {
        [Int32](unsafeUninitializedCapacity: max(0, count)) { buffer, initialized in
            fill(UnsafeMutableBufferPointer(rebasing: buffer[...]), using: &generator)
            initialized = buffer.count
        }
    }

    /// How often each class came up in `draws` draws, without storing the draws.
    public func counts(draws: Int, using generator: inout some RandomNumberGenerator) -> [Int] {
        var counts = Array(repeating: 0, count: aliases.count)
        guard !aliases.isEmpty else { return counts }
        for _ in 0..<max(0, draws) { counts[draw(using: &generator)] += 1 }
        return counts
    }
}
