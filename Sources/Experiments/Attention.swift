#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import SoftmaxCore

/// Scaled dot-product attention of one query over a few keys (Vaswani et al. 2017),
/// at a temperature: the scores are `q·k_i / √d`, the weights their softmax at τ, and
/// the output the weights' sum of the values, `Σ w_i v_i`.
///
/// A transformer uses τ = 1; τ is the dial's T here, so the same arithmetic shows
/// hard attention (τ → 0: the best-matching key's value alone, ties shared), soft
/// attention, and uniform attention (τ → ∞: the plain mean of the values). Both limits
/// are exact, as SoftmaxCore's softmax takes them without dividing by 0 or ∞.
public struct Attention: Sendable, Equatable {
    public let temperature: Temperature
    /// `q·k_i / √d`, one per key.
    public let scores: [Double]
    /// The softmax of the scores at τ: non-negative, summing to 1.
    public let weights: [Double]
    /// `Σ_i w_i v_i`, as long as a value.
    public let output: [Double]
    /// The attention's Shannon entropy in nats: 0 when one key takes every weight,
    /// ln n when all n keys share it evenly.
    public let entropy: Double

    /// Needs at least one key, a query as long as every key, and one value per key,
    /// all values of one length.
    public init(query: [Double], keys: [[Double]], values: [[Double]], temperature: Temperature) {
        precondition(!keys.isEmpty && keys.count == values.count, "one value per key, and at least one key")
        precondition(!query.isEmpty && keys.allSatisfy { $0.count == query.count }, "the query and every key of one length")
        precondition(values.allSatisfy { $0.count == values[0].count }, "every value of one length")
        self.temperature = temperature
        scores = Self.scores(query: query, keys: keys)
        let readout = SoftmaxReadout(logits: scores, temperature: temperature)
        weights = readout.probabilities
        entropy = readout.entropy
        output = Self.weightedSum(of: values, weights: weights)
    }

    /// `q·k_i / √d` for each key, d the length of the query.
    public static func scores(query: [Double], keys: [[Double]]) -> [Double] {
        let scale = Double(query.count).squareRoot()
        return keys.map { key in zip(query, key).reduce(0) { $0 + $1.0 * $1.1 } / scale }
    }

    /// `Σ_i w_i v_i`; a key of weight 0 adds nothing, not even the 0 × ∞ of a huge value.
    public static func weightedSum(of values: [[Double]], weights: [Double]) -> [Double] {
        var sum = [Double](repeating: 0, count: values.first?.count ?? 0)
        for (value, w) in zip(values, weights) where w > 0 {
            for j in sum.indices { sum[j] += w * value[j] }
        }
        return sum
    }

    /// e^H, the perplexity of the weights: how many keys the attention spreads over in
    /// effect, from 1 (one key) to n (all alike).
    public var effectiveKeyCount: Double { exp(entropy) }

    /// The index of the key with the most weight (the first of a tie).
    public var strongestKey: Int { argmax(weights) }
}
