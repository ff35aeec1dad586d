/// The cut-offs a language model's sampler applies after temperature: top-k,
/// top-p (nucleus) and min-p. A nil field means that cut is off.
///
/// Order, as in common decoders: scale the logits by 1/T, take the softmax, then
/// top-k, then top-p, then min-p, each applied to the renormalised survivors of the
/// one before, and renormalise at the end. Classes are ranked by probability, ties
/// by index (the earlier class first), so a cut through a tie is deterministic.
/// Every cut keeps at least the top class.
public struct TruncationSettings: Hashable, Sendable {
    public let topK: Int?
    public let topP: Double?
    public let minP: Double?

    public static let none = TruncationSettings(checkedTopK: nil, topP: nil, minP: nil)

    /// Refuses top-k < 1, top-p outside (0, 1] and min-p outside [0, 1].
    public init(topK: Int? = nil, topP: Double? = nil, minP: Double? = nil) throws(SoftmaxInputError) {
        if let k = topK, k < 1 { throw .invalidTopK(k) }
        if let p = topP, !(p > 0 && p <= 1) { throw .invalidTopP(p) }
        if let p = minP, !(p >= 0 && p <= 1) { throw .invalidMinP(p) }
        self.init(checkedTopK: topK, topP: topP, minP: minP)
    }

    private init(checkedTopK: Int?, topP: Double?, minP: Double?) {
        self.topK = checkedTopK
        self.topP = topP
        self.minP = minP
    }

    public var isNone: Bool { topK == nil && topP == nil && minP == nil }
}

/// A distribution after the cut-offs: which classes survived and their renormalised
/// probabilities (zero for the cut ones).
public struct TruncatedDistribution: Equatable, Sendable {
    public let kept: [Bool]
    public let probabilities: [Double]
}

/// Class indices from most to least probable; ties keep index order.
public func rankByProbability(_ probabilities: [Double]) -> [Int] {
    probabilities.indices.sorted { a, b in
        probabilities[a] != probabilities[b] ? probabilities[a] > probabilities[b] : a < b
    }
}

/// Class indices as a decoder ranks them at temperature T: by z/T, largest first,
/// ties by index. For a finite T > 0 and at T = 0 that is the order of the logits
/// themselves, which stays exact where the probabilities round to the same double
/// (T far above the gaps, or logits 1e-15 apart); at T = ∞ every z/T is 0, a tie.
public func rankByScaledLogits(_ logits: [Double], temperature: Temperature) -> [Int] {
    guard !temperature.isUniform else { return Array(logits.indices) }
    return logits.indices.sorted { a, b in logits[a] != logits[b] ? logits[a] > logits[b] : a < b }
}

/// Applies top-k, then top-p, then min-p to a probability vector and renormalises,
/// ranking the classes by probability (ties by index).
public func truncate(_ probabilities: [Double], _ settings: TruncationSettings) -> TruncatedDistribution {
    truncate(probabilities, settings, order: rankByProbability(probabilities))
}

/// The cut-offs with the classes ranked in `order`, most likely first.
public func truncate(_ probabilities: [Double], _ settings: TruncationSettings, order: [Int]) -> TruncatedDistribution {
    // The surviving classes, most probable first; each cut keeps a prefix of it.
    var survivors = order[...]
    if let k = settings.topK {
        survivors = survivors.prefix(k)
    }
    if let p = settings.topP, p < 1 {
        let mass = survivors.reduce(0) { $0 + probabilities[$1] }
        // Keep the smallest prefix whose share of the surviving mass reaches p.
        var before = 0.0
        var count = 0
        for i in survivors {
            if count > 0 && before >= p * mass { break }
            before += probabilities[i]
            count += 1
        }
        survivors = survivors.prefix(count)
    }
    if let p = settings.minP, p > 0, let top = survivors.first {
        // Renormalising scales every survivor alike, so the ratio to the top is unchanged.
        let threshold = p * probabilities[top]
        let count = survivors.prefix { probabilities[$0] >= threshold }.count
        survivors = survivors.prefix(max(1, count))
    }
    var kept = Array(repeating: false, count: probabilities.count)
    var mass = 0.0
    for i in survivors {
        kept[i] = true
        mass += probabilities[i]
    }
    let renormalised = probabilities.indices.map { kept[$0] && mass > 0 ? probabilities[$0] / mass : 0 }
    return TruncatedDistribution(kept: kept, probabilities: renormalised)
}

/// Softmax at temperature T followed by the cut-offs: the distribution a decoder
/// samples from, with the classes ranked by z/T as decoders rank them.
public func truncatedSoftmax(_ logits: [Double], temperature: Temperature, _ settings: TruncationSettings) -> TruncatedDistribution {
    truncate(softmax(logits, temperature: temperature), settings, order: rankByScaledLogits(logits, temperature: temperature))
}
