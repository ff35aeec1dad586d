/// One stage of a decoder's sampler chain.
public enum SamplerStage: String, CaseIterable, Hashable, Sendable {
    case temperature
    case topK = "top-k"
    case topP = "top-p"
    case minP = "min-p"

    /// Hugging Face's order (and vLLM's): temperature, then top-k, top-p and min-p.
    public static let afterTemperature: [SamplerStage] = [.temperature, .topK, .topP, .minP]

    /// Reads a stage as `--samplers` spells it: "top-k" or llama.cpp's "top_k", in any case.
    public init?(name: some StringProtocol) {
        let spelled = name.lowercased().replacing("_", with: "-")
        guard let stage = SamplerStage(rawValue: spelled == "temp" ? "temperature" : spelled) else { return nil }
        self = stage
    }
}

/// The cut-offs a language model's sampler applies: top-k, top-p (nucleus) and min-p,
/// in an order relative to the temperature. A nil field means that cut is off.
///
/// In the default order, as in Hugging Face and vLLM: scale the logits by 1/T, take
/// the softmax, then top-k, then top-p, then min-p, each on the renormalised
/// survivors of the one before, and renormalise at the end. In llama.cpp's and
/// mlx-lm's orders the cuts come first and see the softmax at T = 1; T then reshapes
/// whatever survived. Classes are ranked by logit (by z/T after the temperature), ties
/// by index (the earlier class first), so a cut through a tie is deterministic. Every
/// cut keeps at least `minKeep` classes (at least the top one).
public struct TruncationSettings: Hashable, Sendable {
    public let topK: Int?
    public let topP: Double?
    public let minP: Double?
    /// Hugging Face's min_tokens_to_keep and llama.cpp's min_keep: at least 1.
    public let minKeep: Int
    /// Each stage once, temperature included.
    public let order: [SamplerStage]

    public static let none = TruncationSettings(checkedTopK: nil, topP: nil, minP: nil, minKeep: 1,
                                                order: SamplerStage.afterTemperature)

    /// Refuses top-k < 1, top-p outside (0, 1], min-p outside [0, 1], min-keep < 1, and
    /// an order that does not name each stage exactly once.
    public init(topK: Int? = nil, topP: Double? = nil, minP: Double? = nil, minKeep: Int = 1,
                order: [SamplerStage] = SamplerStage.afterTemperature) throws(SoftmaxInputError) {
        if let k = topK, k < 1 { throw .invalidTopK(k) }
        if let p = topP, !(p > 0 && p <= 1) { throw .invalidTopP(p) }
        if let p = minP, !(p >= 0 && p <= 1) { throw .invalidMinP(p) }
        if minKeep < 1 { throw .invalidMinKeep(minKeep) }
        guard Set(order) == Set(SamplerStage.allCases), order.count == SamplerStage.allCases.count else {
            throw .invalidSamplerOrder(order.map(\.rawValue))
        }
        self.init(checkedTopK: topK, topP: topP, minP: minP, minKeep: minKeep, order: order)
    }

    private init(checkedTopK: Int?, topP: Double?, minP: Double?, minKeep: Int, order: [SamplerStage]) {
        self.topK = checkedTopK
        self.topP = topP
        self.minP = minP
        self.minKeep = minKeep
        self.order = order
    }

    public var isNone: Bool { topK == nil && topP == nil && minP == nil }

    /// Whether every cut comes after the temperature, so that all of them see softmax(z/T).
    public var cutsFollowTemperature: Bool { order.first == .temperature }
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
/// Masked classes (z = -∞) come last at every T, the limit included.
public func rankByScaledLogits(_ logits: [Double], temperature: Temperature) -> [Int] {
    guard !temperature.isUniform else {
        return logits.indices.filter { !logits[$0].isMaskedLogit } + logits.indices.filter { logits[$0].isMaskedLogit }
    }
    return logits.indices.sorted { a, b in logits[a] != logits[b] ? logits[a] > logits[b] : a < b }
}

/// Applies the cuts, in `settings.order` and all to this one distribution, and
/// renormalises, ranking the classes by probability (ties by index).
public func truncate(_ probabilities: [Double], _ settings: TruncationSettings) -> TruncatedDistribution {
    truncate(probabilities, settings, order: rankByProbability(probabilities))
}

/// The cut-offs with the classes ranked in `order`, most likely first, all of them
/// applied to this one distribution (whatever `settings.order` says of temperature).
public func truncate(_ probabilities: [Double], _ settings: TruncationSettings, order: [Int]) -> TruncatedDistribution {
    truncate(probabilities, settings, order: order, massBeyond: 0)
}

/// - Parameter massBeyond: the mass of the classes ranked after `order` (left out of it
///   because no cut can keep them); top-p counts it while no top-k has cut the order.
func truncate(_ probabilities: [Double], _ settings: TruncationSettings, order: [Int],
              massBeyond: Double) -> TruncatedDistribution {
    var survivors = order[...]
    var beyond = massBeyond
    for stage in settings.order {
        survivors = cut(survivors, stage, probabilities, settings, massBeyond: beyond)
        if stage == .topK && settings.topK != nil { beyond = 0 }
    }
    return renormalised(probabilities, keeping: survivors)
}

/// The survivors of one cut: a prefix of `survivors` (most probable first), judged by
/// `probabilities` renormalised over the survivors, and at least `minKeep` long.
func cut(_ survivors: ArraySlice<Int>, _ stage: SamplerStage, _ probabilities: [Double],
         _ settings: TruncationSettings, massBeyond: Double = 0) -> ArraySlice<Int> {
    let keep = settings.minKeep
    switch stage {
    case .temperature:
        return survivors
    case .topK:
        guard let k = settings.topK else { return survivors }
        return survivors.prefix(max(k, keep))
    case .topP:
        guard let p = settings.topP, p < 1 else { return survivors }
        let mass = survivors.reduce(0) { $0 + probabilities[$1] } + massBeyond
        // Keep the smallest prefix whose share of the surviving mass reaches p.
        var before = 0.0
        var count = 0
        for i in survivors {
            if count >= keep && before >= p * mass { break }
            before += probabilities[i]
            count += 1
        }
        return survivors.prefix(count)
    case .minP:
        guard let p = settings.minP, p > 0, let top = survivors.first else { return survivors }
        // Renormalising scales every survivor alike, so the ratio to the top is unchanged.
        let threshold = p * probabilities[top]
        let count = survivors.prefix { probabilities[$0] >= threshold }.count
        return survivors.prefix(max(keep, count))
    }
}

/// `probabilities` restricted to `survivors` and scaled to sum to 1.
func renormalised(_ probabilities: [Double], keeping survivors: ArraySlice<Int>) -> TruncatedDistribution {
    var kept = Array(repeating: false, count: probabilities.count)
    var mass = 0.0
    for i in survivors {
        kept[i] = true
        mass += probabilities[i]
    }
    let renormalised = probabilities.indices.map { kept[$0] && mass > 0 ? probabilities[$0] / mass : 0 }
    return TruncatedDistribution(kept: kept, probabilities: renormalised)
}

/// The distribution a decoder samples from: its sampler chain over the logits, with the
/// classes ranked by z/T as decoders rank them. Cuts before the temperature judge the
/// softmax at T = 1 (ranked by logit); cuts after it judge softmax(z / T). The result is
/// softmax(z / T) over the survivors. A masked class is outside every cut: it is never
/// kept, and top-k counts only the others.
public func truncatedSoftmax(_ logits: [Double], temperature: Temperature, _ settings: TruncationSettings) -> TruncatedDistribution {
    let final = softmax(logits, temperature: temperature)
    if let candidates = TruncationCandidates.ranked(logits, probabilities: final, temperature: temperature, settings) {
        var isCandidate = [Bool](repeating: false, count: logits.count)
        for i in candidates { isCandidate[i] = true }
        var beyond = 0.0
        for i in final.indices where !isCandidate[i] { beyond += final[i] }
        let cut = truncate(final, settings, order: candidates, massBeyond: beyond)
        // The survivors must stop inside the candidates; if rounding made them use every
        // candidate, the whole ranking decides instead.
        if cut.kept.lazy.filter({ $0 }).count < candidates.count { return cut }
    }
    return truncatedSoftmaxRankingAll(logits, final: final, temperature: temperature, settings)
}

/// `truncatedSoftmax` with every class ranked: the reference the candidate path must match.
func truncatedSoftmaxRankingAll(_ logits: [Double], final: [Double], temperature: Temperature,
                                _ settings: TruncationSettings) -> TruncatedDistribution {
    let unmasked = { (order: [Int]) in order.filter { !logits[$0].isMaskedLogit } }
    let scaledOrder = unmasked(rankByScaledLogits(logits, temperature: temperature))
    if settings.cutsFollowTemperature { return truncate(final, settings, order: scaledOrder) }
    let unscaled = softmax(logits, temperature: .one)
    // The survivors, most likely first: by logit before the temperature, by z/T after.
    var survivors = unmasked(rankByScaledLogits(logits, temperature: .one))[...]
    var scaled = false
    for stage in settings.order {
        if stage == .temperature {
            scaled = true
            let surviving = Set(survivors)
            survivors = scaledOrder.filter { surviving.contains($0) }[...]
        } else {
            survivors = cut(survivors, stage, scaled ? final : unscaled, settings)
        }
    }
    return renormalised(final, keeping: survivors)
}
