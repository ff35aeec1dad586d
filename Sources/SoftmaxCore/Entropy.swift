/// Shannon entropy in nats of a probability vector; zero-probability classes add nothing.
public func entropy(_ probabilities: [Double]) -> Double {
    var h = 0.0
    for p in probabilities where p > 0 { h -= p * p.log }
    return h
}

/// Entropy from probabilities and their logs, which is more accurate than `ln p`
/// when the log is known exactly (a softmax knows it without taking a log).
func shannonEntropy(probabilities: [Double], logProbabilities: [Double]) -> Double {
    var h = 0.0
    for (p, logP) in zip(probabilities, logProbabilities) where p > 0 { h -= p * logP }
    return max(0, h)
}

/// Entropy in bits.
public func entropyBits(_ probabilities: [Double]) -> Double {
    entropy(probabilities) / 2.0.log
}

/// `e^H`: the effective number of equally likely classes.
public func perplexity(_ probabilities: [Double]) -> Double {
    entropy(probabilities).exp
}

/// `F[q] = sum q_i E_i - T S[q]` for any distribution q over the classes, with
/// `E_i = -z_i`. The softmax is the distribution that minimises it, at `F = -T ln Z`;
/// the explainer sets other distributions beside it to show that.
public func freeEnergy(of distribution: [Double], logits: [Double], temperature: Temperature) -> Double {
    let energy = meanEnergyOf(distribution, logits: logits)
    if temperature.isGreedy { return energy }
    let s = entropy(distribution)
    if temperature.isUniform { return s > 0 ? -.infinity : energy }
    return energy - temperature.value * s
}

/// Entropy in the four ways the explorer reads it out.
public struct EntropyReadout: Hashable, Sendable {
    /// H in nats.
    public let nats: Double
    public let classCount: Int

    public init(nats: Double, classCount: Int) {
        self.nats = nats
        self.classCount = classCount
    }

    public init(probabilities: [Double]) {
        self.init(nats: entropy(probabilities), classCount: probabilities.count)
    }

    public var bits: Double { nats / 2.0.log }
    /// `H / ln K`, from 0 (one class takes all) to 1 (uniform).
    public var normalized: Double { normalizedEntropyOf(nats, classCount: classCount) }
    /// `e^H`, the effective number of classes.
    public var perplexity: Double { nats.exp }
}

extension EntropyReadout {
    /// ln K: the entropy of the uniform distribution over the classes, the most there can be.
    public var maximumNats: Double { classCount > 0 ? Double(classCount).log : 0 }
}
