#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import LogitFiles
import SoftmaxKernels

/// Why a set of labelled logits cannot be temperature-scaled.
public enum TemperatureScalingError: Error, Equatable, Sendable, CustomStringConvertible {
    case tooFewClasses(Int)
    case noExamples
    /// Every logit of the row is −∞: no class has any probability.
    case noClassPossible(row: Int)
    /// The label's logit is −∞, so p_y = 0 and the NLL is infinite at every T.
    case labelImpossible(row: Int, label: Int)

    /// Rows are 0-based here; messages count from 1.
    public var description: String {
        switch self {
        case .tooFewClasses(let count):
            return LabeledLogitsError.tooFewClasses(count).description
        case .noExamples:
            return LabeledLogitsError.noExamples.description
        case .noClassPossible(let row):
            return "row \(row + 1): every class has probability 0"
        case .labelImpossible(let row, let label):
            return "row \(row + 1): label \(label) has probability 0, so its NLL is infinite at every temperature"
        }
    }
}

/// Labelled logits prepared for temperature scaling: what does not depend on T is found
/// once, and each temperature asked for then costs one pass over the logits, in place
/// (a mapped float32 .npy is never converted) and on every core.
///
/// Each logit z is read as u = z / s, with s the power of two at or below the largest
/// |z|, so u is exact and |u| < 2 whatever the logits' scale, and as the gap
/// g = max_k u_k − u ≥ 0, exactly 0 for the row's maxima. At γ = s / T the weights are
/// e^(−γ g): every exp is of a number ≤ 0 and the largest weight is exactly 1.
/// A logit of −∞ (log 0, from probabilities) is a class with probability 0 at every T.
public struct TemperatureScalingSet: @unchecked Sendable {
    let view: LogitView
    /// The view's row of each example.
    let viewRows: [Int]
    public let labels: [Int]
    /// max_k u_k of each example.
    let tops: [Double]
    /// Each example's first largest logit, as numpy's argmax.
    public let predicted: [Int]
    /// How many classes share each example's largest logit.
    let tieCounts: [Int]
    /// g of each example's label.
    let labelGaps: [Double]
    /// The mean g over each example's classes of nonzero probability.
    let meanGaps: [Double]
    /// s, or nil when every logit is 0 (every T gives the uniform distribution).
    public let scale: Double?
    let inverseScale: Double

    public var count: Int { labels.count }
    public var classCount: Int { view.columns }

    /// - Parameters:
    ///   - labels: one per row of `logits`, each in 0..<columns.
    ///   - rows: the rows to use, in this order; nil for all.
    public init(logits: LogitView, labels: [Int], rows: [Int]? = nil) throws(TemperatureScalingError) {
        precondition(labels.count == logits.rows, "one label per row")
        guard logits.columns >= 2 else { throw .tooFewClasses(logits.columns) }
        let viewRows = rows ?? Array(0..<logits.rows)
        guard !viewRows.isEmpty else { throw .noExamples }
        let count = viewRows.count
        var extremes = [RowExtremes](repeating: RowExtremes(), count: count)
        // First the extremes of each row, in the logits' own units.
        extremes.withUnsafeMutableBufferPointer { extremes in
            Self.parallel(count: count, work: count * logits.columns) { range in
                for i in range { extremes[i] = RowExtremes(logits, row: viewRows[i]) }
            }
        }
        for i in 0..<count {
            if extremes[i].top == -.infinity { throw .noClassPossible(row: viewRows[i]) }
            let label = labels[viewRows[i]]
            if logits.value(row: viewRows[i], column: label) == -.infinity {
                throw .labelImpossible(row: viewRows[i], label: label)
            }
        }
        var tops = extremes.map(\.top)
        let lowest = extremes.map(\.lowest)
        let predicted = extremes.map(\.first)
        let tieCounts = extremes.map(\.ties)
        let largest = zip(tops, lowest).reduce(0.0) { max($0, abs($1.0), abs($1.1)) }
        // 2^⌊log2 largest⌋: dividing by it is exact, and it is a normal double.
        scale = largest > 0 ? Double(sign: .plus, exponent: largest.exponent, significand: 1) : nil
        inverseScale = largest > 0 ? 1 / scale! : 1
        for i in 0..<count { tops[i] *= inverseScale }
        self.view = logits
        self.viewRows = viewRows
        self.labels = viewRows.map { labels[$0] }
        self.tops = tops
        self.predicted = predicted
        self.tieCounts = tieCounts
        let inverse = inverseScale
        labelGaps = (0..<count).map { tops[$0] - logits.value(row: viewRows[$0], column: labels[viewRows[$0]]) * inverse }
        meanGaps = (0..<count).map {
            extremes[$0].meanGap(logits, row: viewRows[$0], scaledTop: tops[$0], inverseScale: inverse)
        }
    }

    /// NLL'(γ = 0) = mean_i (g_iy − mean_k g_ik): the slope where every class is equally
    /// likely, in units of γ. Without any exp, so the fit can start without a pass.
    var slopeAtZero: Double {
        zip(labelGaps, meanGaps).reduce(0.0) { $0 + ($1.0 - $1.1) } / Double(count)
    }

    /// The mean gap over all examples: 1 / it is where γ·g is of order one.
    var meanGap: Double { meanGaps.reduce(0, +) / Double(count) }

    /// Every `stride`-th example, with the same scale (so the same γ means the same T);
    /// nil when that would leave fewer than 2.
    func everyNth(_ stride: Int) -> TemperatureScalingSet? {
        let picked = Array(Swift.stride(from: 0, to: count, by: stride))
        guard picked.count >= 2 else { return nil }
        return TemperatureScalingSet(subsetOf: self, picked)
    }

    private init(subsetOf set: TemperatureScalingSet, _ picked: [Int]) {
        view = set.view
        scale = set.scale
        inverseScale = set.inverseScale
        viewRows = picked.map { set.viewRows[$0] }
        labels = picked.map { set.labels[$0] }
        tops = picked.map { set.tops[$0] }
        predicted = picked.map { set.predicted[$0] }
        tieCounts = picked.map { set.tieCounts[$0] }
        labelGaps = picked.map { set.labelGaps[$0] }
        meanGaps = picked.map { set.meanGaps[$0] }
    }

    /// Whether every label is one of its row's largest logits: then the NLL falls
    /// without end as T → 0.
    public var everyLabelOnTop: Bool { labelGaps.allSatisfy { $0 == 0 } }

    /// The NLL's limit as T → 0 when every label is on top: mean ln(number of maxima).
    var meanLogTieCount: Double {
        tieCounts.reduce(0.0) { $0 + log(Double($1)) } / Double(count)
    }

    /// The weights' sums of example `i` at γ.
    @inline(__always)
    func sums(_ i: Int, gamma: Double) -> sk_gap_sums {
        sk_row_gap_sums(view.rowStart(viewRows[i]), view.element == .float32 ? SK_FLOAT32 : SK_FLOAT64,
                        view.columns, view.columnStride, tops[i], inverseScale, gamma)
    }

    /// The mean NLL at γ = s / T and its first two derivatives in γ:
    /// value = mean[ln Σ_k e^(−γ g_ik) + γ g_iy], slope = mean(g_iy − E_q g),
    /// curvature = mean Var_q g, with q = softmax(−γ g_i).
    func derivatives(_ gamma: Double) -> (value: Double, slope: Double, curvature: Double) {
        let totals = sum(3) { i, out in
            let s = sums(i, gamma: gamma)
            let mean = s.first / s.weight
            out[0] += log(s.weight) + gamma * labelGaps[i]
            out[1] += labelGaps[i] - mean
            // E[g²] − E[g]²: only Newton's step length depends on it, not where it stops.
            out[2] += max(s.second / s.weight - mean * mean, 0)
        }
        let n = Double(count)
        return (totals[0] / n, totals[1] / n, totals[2] / n)
    }

    /// Sums `width` numbers over the examples, in fixed chunks added in order, so the
    /// result does not depend on how many cores ran them.
    func sum(_ width: Int, _ add: (Int, inout [Double]) -> Void) -> [Double] {
        let chunks = Self.chunkCount(count: count, work: count * classCount)
        var partial = [[Double]](repeating: [Double](repeating: 0, count: width), count: chunks)
        partial.withUnsafeMutableBufferPointer { partial in
            Self.parallel(count: count, work: count * classCount) { range in
                var local = [Double](repeating: 0, count: width)
                for i in range { add(i, &local) }
                partial[Self.chunk(of: range.lowerBound, count: count, chunks: chunks)] = local
            }
        }
        return partial.reduce(into: [Double](repeating: 0, count: width)) { total, part in
            for j in 0..<width { total[j] += part[j] }
        }
    }

    /// Below this many logits one core is quicker than handing out work.
    static let parallelThreshold = 1 << 16
    static let chunkLimit = 32

    static func chunkCount(count: Int, work: Int) -> Int {
        work < parallelThreshold ? 1 : min(count, chunkLimit)
    }

    static func chunk(of start: Int, count: Int, chunks: Int) -> Int {
        (0..<chunks).first { $0 * count / chunks == start } ?? 0
    }

    /// Runs `body` over 0..<count cut into `chunkCount` ranges, on every core.
    static func parallel(count: Int, work: Int, _ body: (Range<Int>) -> Void) {
        let chunks = chunkCount(count: count, work: work)
        if chunks == 1 { return body(0..<count) }
        // Every chunk writes only its own examples' slots, so sharing `body` is safe.
        withoutActuallyEscaping(body) { body in
            let shared = UncheckedSendable(body)
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                shared.value((chunk * count / chunks)..<((chunk + 1) * count / chunks))
            }
        }
    }
}

/// What one row's logits say before any temperature: its largest finite logit, the
/// first class that has it and how many share it, its smallest finite logit, and the
/// sum and count of its finite logits.
struct RowExtremes {
    var top = -Double.infinity
    var lowest = Double.infinity
    var first = 0
    var ties = 0
    var sum = 0.0
    var finite = 0

    init() {}

    init(_ logits: LogitView, row: Int) {
        let found = sk_row_extremes_of(logits.rowStart(row), logits.element == .float32 ? SK_FLOAT32 : SK_FLOAT64,
                                       logits.columns, logits.columnStride)
        (top, lowest, first, ties) = (found.top, found.lowest, Int(found.first), Int(found.ties))
        (sum, finite) = (found.sum, Int(found.finite))
    }

    /// The mean of g = top − z / s over the row's finite logits, from the sum when it
    /// did not overflow (it can only for doubles near 1e308), else term by term.
    func meanGap(_ logits: LogitView, row: Int, scaledTop: Double, inverseScale: Double) -> Double {
        // A constant row has every gap exactly 0; its sum / count may round off c.
        if top == lowest { return 0 }
        if sum.isFinite { return scaledTop - sum * inverseScale / Double(finite) }
        var total = 0.0
        for k in 0..<logits.columns {
            let z = logits.value(row: row, column: k)
            if z != -.infinity { total += scaledTop - z * inverseScale }
        }
        return total / Double(finite)
    }
}

/// A value handed to other threads whose safety the caller has argued.
struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
