/// Everything the explorer and the CLI read out about one softmax: the
/// probabilities, the information-theoretic view (entropy, perplexity) and the
/// Boltzmann view, in which the logits are negative energies `E_i = -z_i`.
///
/// All of it comes from one pass over the logits, and every quantity is exact at
/// T = 0 and T = infinity (as the limit), so the screen never shows NaN.
public struct SoftmaxReadout: Sendable {
    public let logits: [Double]
    public let temperature: Temperature
    public let probabilities: [Double]
    /// `ln p_i`, finite wherever the class has weight, even where `p_i` underflows.
    public let logProbabilities: [Double]
    /// Shannon entropy `H = -sum p ln p` in nats; equal to the thermodynamic entropy S.
    public let entropy: Double
    /// `ln Z`, where `Z = sum exp(z_i / T)`. At T = 0 it is the limit: +-infinity, or
    /// the log of the number of tied maxima when the largest logit is 0.
    public let logPartition: Double
    /// `<E> = sum p_i E_i = -sum p_i z_i`.
    public let meanEnergy: Double
    /// `F = -T ln Z`, computed as `-max z - T ln sum exp((z - max) / T)` so it stays
    /// finite where `ln Z` alone would overflow. It equals `<E> - T S`.
    public let freeEnergy: Double
    /// `exp((z_i - max z) / T)`: the Boltzmann weights scaled so the largest is 1,
    /// which never overflow. The explorer's formula line shows them when
    /// `exp(z_i / T)` itself would not fit in a double.
    public let shiftedWeights: [Double]
    /// The sum of the shifted weights, `Z * exp(-max z / T)`, in [1, K].
    public let shiftedPartition: Double

    public init(logits: [Double], temperature: Temperature = .one) {
        self.logits = logits
        self.temperature = temperature
        let scaled = ScaledLogits(logits, temperature: temperature)
        shiftedWeights = scaled.weights
        shiftedPartition = scaled.weightSum
        probabilities = scaled.probabilities
        logProbabilities = scaled.logProbabilities
        entropy = shannonEntropy(probabilities: probabilities, logProbabilities: logProbabilities)
        meanEnergy = meanEnergyOf(probabilities, logits: logits)

        let m = scaled.maxLogit
        let t = temperature.value
        if temperature.isGreedy {
            logPartition = m == 0 ? scaled.logSum : (m > 0 ? .infinity : -.infinity)
            freeEnergy = -m
        } else if temperature.isUniform {
            logPartition = scaled.logSum
            // -T ln K diverges for K > 1 unmasked classes; with one, F = E_1 at every T.
            freeEnergy = unmaskedClassCount(logits) > 1 ? -.infinity : -m
        } else {
            logPartition = m / t + scaled.logSum
            freeEnergy = -m - t * scaled.logSum
        }
    }

    public var classCount: Int { logits.count }
    /// The classes whose logit is not -infinity: the K of ln K and of the uniform limit.
    public var unmaskedCount: Int { unmaskedClassCount(logits) }
    public func isMasked(_ i: Int) -> Bool { logits[i].isMaskedLogit }
    /// The largest logit, which the shifted weights are measured from.
    public var maxLogit: Double { logits.max() ?? 0 }
    /// `Z = sum exp(z_i / T)`; infinite where it overflows a double.
    public var partitionFunction: Double { logPartition.exp }
    /// `exp(z_i / T)`, the unnormalised weight of class i; infinite where it overflows.
    public func weight(_ i: Int) -> Double { scaledLogit(logits[i], temperature: temperature).exp }
    /// `ln Σ_{j≠i} p_j`, the log of the mass outside class i, from the log-probabilities:
    /// finite wherever another class has weight, though `1 − p_i` may round to 0.
    public func logMassOutside(_ i: Int) -> Double {
        logSumExp(logProbabilities.indices.filter { $0 != i }.map { logProbabilities[$0] })
    }
    /// How many classes share the largest logit: they split the mass at T = 0.
    public var tiedMaximumCount: Int { logits.lazy.filter { $0 == maxLogit }.count }
    /// H in nats and bits, H / ln K and the perplexity e^H, with K the unmasked
    /// classes: the most entropy there can be is ln K over the classes that can occur.
    public var entropyReadout: EntropyReadout { EntropyReadout(nats: entropy, classCount: unmaskedCount) }
    /// The index of the most probable class (the lowest index among ties), found
    /// from the logits: where the probabilities round to the same double (T far above
    /// the gaps) their order is noise, and the logits' is the truth. A masked class is
    /// never the top unless every class is masked, which callers refuse.
    public var topIndex: Int {
        temperature.isUniform ? (logits.firstIndex { !$0.isMaskedLogit } ?? 0) : argmax(logits)
    }
    public var topProbability: Double { probabilities.max() ?? 0 }
    /// `E_i = -z_i`.
    public var energies: [Double] { logits.map { -$0 } }
    public var cumulativeProbabilities: [Double] { cumulativeSums(probabilities) }
}

/// `<E> = -sum p_i z_i` over the classes with p_i > 0: a class of probability 0 adds
/// nothing, though 0 * (-z) would be NaN for a masked class (z = -infinity).
func meanEnergyOf(_ probabilities: [Double], logits: [Double]) -> Double {
    var energy = 0.0
    for (p, z) in zip(probabilities, logits) where p > 0 { energy -= p * z }
    return energy
}

/// `H / ln K`, clamped to [0, 1] against rounding.
public func normalizedEntropyOf(_ entropy: Double, classCount: Int) -> Double {
    guard classCount > 1 else { return 0 }
    return min(1, max(0, entropy / Double(classCount).log))
}

/// The lowest index holding the largest value; 0 for an empty array.
public func argmax(_ values: [Double]) -> Int {
    var best = 0
    for i in values.indices where values[i] > values[best] { best = i }
    return best
}

/// Running sums `c_i = x_0 + ... + x_i`.
public func cumulativeSums(_ values: [Double]) -> [Double] {
    var total = 0.0
    return values.map { total += $0; return total }
}
