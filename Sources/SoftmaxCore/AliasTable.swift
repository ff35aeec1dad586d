/// Walker's alias method in Vose's stable construction: O(K) to build, then O(1)
/// per draw whatever the number of classes, for bulk sampling.
///
/// Each of the K columns holds its own class up to a threshold and an alias above
/// it. One 64-bit random number picks both the column (the high word of r * K) and
/// the point within it (the low word), so a draw costs one generator step, one
/// multiply and one integer comparison.
public struct AliasTable: Sendable {
    /// One column, kept together so that a draw touches one cache line.
    private struct Column {
        /// The share kept by the column's own class, scaled to 2^64.
        var threshold: UInt64
        /// The column's own class, then its alias. Bulk draws index this pair with
        /// `within >= threshold` rather than branch on it: that choice is a coin
        /// flip the branch predictor cannot learn.
        var outcomes: (own: Int32, alias: Int32)
    }

    private let columns: [Column]

    public var classCount: Int { columns.count }

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
        columns = (0..<k).map { i in
            Column(threshold: AliasTable.fixedPoint(scaled[i]), outcomes: (Int32(i), aliases[i]))
        }
    }

    /// p in [0, 1] as a 64-bit fraction; 1 saturates, and its column's alias is itself.
    private static func fixedPoint(_ p: Double) -> UInt64 {
        p >= 1 ? .max : UInt64(p * 0x1p64)
    }

    @inline(__always)
    public func draw(using generator: inout some RandomNumberGenerator) -> Int {
        let (c, within) = generator.next().multipliedFullWidth(by: UInt64(columns.count))
        let column = columns[Int(c)]
        return Int(within < column.threshold ? column.outcomes.own : column.outcomes.alias)
    }

    /// Fills `buffer` with draws.
    public func fill(_ buffer: UnsafeMutableBufferPointer<Int32>, using generator: inout some RandomNumberGenerator) {
        // Called from another module, this generic function runs unspecialised and
        // would pay a witness-table call per draw; the seeded generator, which bulk
        // sampling uses, gets a loop with `next()` inlined.
        if type(of: generator) == SeededGenerator.self {
            withUnsafeMutablePointer(to: &generator) { generator in
                let seeded = UnsafeMutableRawPointer(generator).assumingMemoryBound(to: SeededGenerator.self)
                // A local copy keeps the state in registers; through the pointer the
                // compiler stores it back after every draw, as the buffer might alias it.
                var local = seeded.pointee
                fillDraws(buffer, using: &local)
                seeded.pointee = local
            }
        } else {
            fillDraws(buffer, using: &generator)
        }
    }

    @inline(__always)
    private func fillDraws(_ buffer: UnsafeMutableBufferPointer<Int32>, using generator: inout some RandomNumberGenerator) {
        guard !buffer.isEmpty else { return }
        precondition(!columns.isEmpty, "no classes to draw from")
        columns.withUnsafeBytes { columns in
            let base = columns.baseAddress!
            let stride = MemoryLayout<Column>.stride
            let outcomes = MemoryLayout<Column>.offset(of: \.outcomes)!
            let k = UInt64(classCount)
            for n in buffer.indices {
                let (c, within) = generator.next().multipliedFullWidth(by: k)
                let column = base + Int(c) * stride
                // The same choice as `draw(using:)`: the alias from the threshold up.
                let takesAlias = within >= column.load(as: UInt64.self) ? 1 : 0
                buffer[n] = column.load(fromByteOffset: outcomes + takesAlias * 4, as: Int32.self)
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
        var counts = Array(repeating: 0, count: columns.count)
        guard !columns.isEmpty else { return counts }
        for _ in 0..<max(0, draws) { counts[draw(using: &generator)] += 1 }
        return counts
    }
}
