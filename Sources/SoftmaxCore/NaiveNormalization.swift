/// The two obvious ways to turn scores into "probabilities" without an exponential,
/// kept so the lesson can show, on the user's own logits, where each one fails.
///
/// - `dividedBySum`: `z_i / sum z`. Negative as soon as one logit is negative (with a
///   positive sum); when the sum is negative the order reverses (the largest logit
///   gets the smallest share); no answer at sum 0.
/// - `shiftedToMinimum`: `(z_i - min z) / sum (z - min z)`. Never negative, but the
///   smallest class always gets exactly 0, and equal logits divide 0 by 0.
public struct NaiveNormalization: Hashable, Sendable {
    /// What the values are divided by.
    public let denominator: Double
    /// The normalised values; nil when the denominator is 0 or not finite, where
    /// the recipe has no answer.
    public let values: [Double]?

    init(numerators: [Double]) {
        denominator = numerators.reduce(0, +)
        let d = denominator
        values = d != 0 && d.isFinite ? numerators.map { $0 / d } : nil
    }

    public static func dividedBySum(_ logits: [Double]) -> NaiveNormalization {
        NaiveNormalization(numerators: logits)
    }

    public static func shiftedToMinimum(_ logits: [Double]) -> NaiveNormalization {
        let m = logits.min() ?? 0
        return NaiveNormalization(numerators: logits.map { $0 - m })
    }
}
