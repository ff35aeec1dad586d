/// The classes a cut can keep, found without ranking the whole vocabulary.
///
/// Every cut keeps a prefix of the ranking by z/T. When the cuts follow the temperature
/// (and T is finite and positive, so that ranking by z/T is ranking by z), the survivors
/// lie inside any upper set {z ≥ v} that
/// - for top-p: holds at least the share p of the mass (the nucleus of any subset that
///   is itself a prefix stops inside it),
/// - for top-k alone: holds at least max(k, min-keep) classes,
/// - for min-p alone: holds every class with p ≥ min-p · p_max,
/// and holds at least min-keep classes. One pass sorts the logits into buckets of equal
/// width below the largest; the upper set is the buckets from the top until the share
/// or count is reached, plus the next non-empty bucket as a margin against rounding.
/// Only that set is ranked. A 128,256-token row then ranks a few hundred classes, not
/// all of them, where numpy's way (argsort, cumsum, searchsorted) sorts everything.
enum TruncationCandidates {
    static let bucketCount = 4096

    /// The candidates, ranked as `rankByScaledLogits` ranks them, or nil when this path
    /// does not apply (the caller then ranks everything).
    static func ranked(_ logits: [Double], probabilities: [Double], temperature: Temperature,
                       _ settings: TruncationSettings) -> [Int]? {
        // Hugging Face's order only: there each cut's survivors are known to stay inside
        // the set (top-k first, within it; top-p, counting the mass beyond it; min-p last).
        guard settings.order == SamplerStage.afterTemperature, !temperature.isGreedy, !temperature.isUniform,
              logits.count > bucketCount else { return nil }
        var top = -Double.infinity, bottom = Double.infinity
        for z in logits where !z.isMaskedLogit {
            top = max(top, z)
            bottom = min(bottom, z)
        }
        guard top > bottom else { return nil }
        let width = (top - bottom) / Double(bucketCount - 1)
        guard width > 0, width.isFinite else { return nil }
        @inline(__always) func bucket(_ z: Double) -> Int { min(Int((top - z) / width), bucketCount - 1) }
        var mass = [Double](repeating: 0, count: bucketCount)
        var count = [Int](repeating: 0, count: bucketCount)
        // Each class's bucket, or bucketCount for a masked class (never a candidate).
        var buckets = [Int](repeating: bucketCount, count: logits.count)
        var total = 0.0
        for (i, z) in logits.enumerated() where !z.isMaskedLogit {
            let b = bucket(z)
            buckets[i] = b
            mass[b] += probabilities[i]
            count[b] += 1
            total += probabilities[i]
        }
        let keep = settings.minKeep
        // How far down the buckets must reach.
        let enough: (Double, Int) -> Bool
        if let p = settings.topP, p < 1 {
            enough = { m, n in m >= p * total && n >= keep }
        } else if let k = settings.topK {
            enough = { _, n in n >= max(k, keep) }
        } else if let p = settings.minP, p > 0 {
            let threshold = p * (probabilities.max() ?? 0)
            // The last bucket holding a class at or above the threshold.
            var last = 0
            for i in logits.indices where buckets[i] < bucketCount && probabilities[i] >= threshold {
                last = max(last, buckets[i])
            }
            enough = { _, n in n >= keep }
            return collect(logits, through: extend(last, count, enough: enough, mass: mass), buckets: buckets)
        } else {
            return nil
        }
        var reached = 0.0, seen = 0, b = 0
        while b < bucketCount {
            reached += mass[b]
            seen += count[b]
            if enough(reached, seen) { break }
            b += 1
        }
        guard b < bucketCount else { return nil }
        let ranked = collect(logits, through: extend(b, count, enough: { _, _ in true }, mass: mass), buckets: buckets)
        // Top-k must not reach past the set, or its survivors would too.
        if let k = settings.topK, k > ranked.count { return nil }
        return ranked
    }

    /// The bucket after `last` that holds anything (the margin), once `enough` holds.
    private static func extend(_ last: Int, _ count: [Int], enough: (Double, Int) -> Bool, mass: [Double]) -> Int {
        var b = last, seen = count[0...last].reduce(0, +), reached = mass[0...last].reduce(0, +)
        while b + 1 < count.count && !enough(reached, seen) {
            b += 1
            seen += count[b]
            reached += mass[b]
        }
        var next = b + 1
        while next < count.count && count[next] == 0 { next += 1 }
        return min(next, count.count - 1)
    }

    private static func collect(_ logits: [Double], through last: Int, buckets: [Int]) -> [Int] {
        let picked = logits.indices.filter { buckets[$0] <= last }
        return picked.sorted { a, b in logits[a] != logits[b] ? logits[a] > logits[b] : a < b }
    }
}
