/// How confidences are grouped into bins.
public enum ConfidenceBinning: Sendable, Equatable {
    /// B bins of width 1/B over (0, 1], each (lo, hi] as in Guo et al. 2017 and
    /// gpleiss/temperature_scaling: a confidence on an edge k/B goes to the bin below it.
    /// The edges are k/B correctly rounded (numpy's linspace may differ by an ulp).
    case equalWidth
    /// B bins of (as nearly as possible) equal counts: sorted by confidence (ties by
    /// position), bin b holds ranks ⌊b·n/B⌋ ..< ⌊(b+1)·n/B⌋ ("adaptive ECE",
    /// Nixon et al. 2019). Empty only when n < B.
    case equalMass
}

/// One bin of a reliability diagram.
public struct ReliabilityBin: Sendable, Equatable {
    /// For `.equalWidth` the bin's edges (lo, hi]; for `.equalMass` the smallest and the
    /// largest confidence it holds (both 0 when it is empty).
    public let lowerBound: Double
    public let upperBound: Double
    public let count: Int
    /// The fraction of its predictions that were right; 0 when empty.
    public let accuracy: Double
    /// The mean top-label confidence; 0 when empty.
    public let meanConfidence: Double

    /// Positive when the bin is overconfident.
    public var gap: Double { meanConfidence - accuracy }
}

/// Top-label confidences binned against how often those predictions were right.
public struct ReliabilityDiagram: Sendable, Equatable {
    public let binning: ConfidenceBinning
    public let bins: [ReliabilityBin]
    /// How many predictions the bins hold together.
    public let count: Int

    /// - Parameters:
    ///   - confidences: each prediction's top-class probability, in [0, 1] (a 0 goes to
    ///     the first equal-width bin, though it is outside (0, 1/B]).
    ///   - correct: whether each prediction was right; as many as `confidences`.
    ///   - binCount: B, at least 1.
    public init(confidences: [Double], correct: [Bool], binCount: Int = 15, binning: ConfidenceBinning = .equalWidth) {
        precondition(binCount >= 1, "at least one bin")
        precondition(confidences.count == correct.count, "one correctness flag per confidence")
        precondition(confidences.allSatisfy { $0 >= 0 && $0 <= 1 }, "confidences must be in [0, 1]")
        self.binning = binning
        count = confidences.count
        var members = [[Int]](repeating: [], count: binCount)
        switch binning {
        case .equalWidth:
            for (index, confidence) in confidences.enumerated() {
                members[Self.widthBin(of: confidence, binCount: binCount)].append(index)
            }
        case .equalMass:
            let order = confidences.indices.sorted {
                confidences[$0] != confidences[$1] ? confidences[$0] < confidences[$1] : $0 < $1
            }
            let n = order.count
            for bin in 0..<binCount {
                members[bin] = Array(order[(bin * n / binCount)..<((bin + 1) * n / binCount)])
            }
        }
        bins = members.enumerated().map { bin, indices in
            let rightCount = indices.filter { correct[$0] }.count
            let confidenceSum = indices.reduce(0.0) { $0 + confidences[$1] }
            let n = Double(indices.count)
            let bounds: (Double, Double)
            switch binning {
            case .equalWidth:
                bounds = (Self.edge(bin, binCount), Self.edge(bin + 1, binCount))
            case .equalMass:
                let values = indices.map { confidences[$0] }
                bounds = (values.min() ?? 0, values.max() ?? 0)
            }
            return ReliabilityBin(
                lowerBound: bounds.0, upperBound: bounds.1, count: indices.count,
                accuracy: indices.isEmpty ? 0 : Double(rightCount) / n,
                meanConfidence: indices.isEmpty ? 0 : confidenceSum / n)
        }
    }

    /// ECE = Σ_b (n_b / n) · |accuracy_b − confidence_b|; 0 for no predictions.
    public var expectedCalibrationError: Double {
        guard count > 0 else { return 0 }
        return bins.reduce(0.0) { $0 + Double($1.count) / Double(count) * abs($1.accuracy - $1.meanConfidence) }
    }

    /// The largest |accuracy − confidence| over the bins that hold anything (MCE).
    public var maximumCalibrationError: Double {
        bins.filter { $0.count > 0 }.map { abs($0.gap) }.max() ?? 0
    }

    static func edge(_ index: Int, _ binCount: Int) -> Double { Double(index) / Double(binCount) }

    /// The b with edge(b) < c ≤ edge(b+1), from a first guess ⌈c·B⌉ − 1 corrected by
    /// comparing with the edges themselves, so a c on an edge lands as the edges say.
    static func widthBin(of confidence: Double, binCount: Int) -> Int {
        var bin = min(max(Int((confidence * Double(binCount)).rounded(.up)) - 1, 0), binCount - 1)
        while bin > 0 && confidence <= edge(bin, binCount) { bin -= 1 }
        while bin < binCount - 1 && confidence > edge(bin + 1, binCount) { bin += 1 }
        return bin
    }
}
