import SoftmaxCore

/// How well the probabilities softmax(z / T) of a set of labelled logits are calibrated.
///
/// The probabilities come from SoftmaxCore's `softmax` and `logSoftmax`, which shift by
/// the largest logit first, so logits at any scale (±1e300 included) give finite numbers.
public struct CalibrationReport: Sendable, Equatable {
    public let count: Int
    public let classCount: Int
    public let temperature: Temperature
    /// Mean over examples of −ln p_y: the quantity temperature scaling minimises.
    /// +∞ at T = 0 if any prediction is wrong.
    public let meanNLL: Double
    /// Mean over examples of Σ_k (p_k − [k = y])², between 0 and 2.
    public let brierScore: Double
    /// The fraction of examples whose label is the first largest logit; the same at every T.
    public let accuracy: Double
    /// Each example's top-class probability p_ŷ, in input order.
    public let confidences: [Double]
    /// Whether each example's predicted class is its label, in input order.
    public let correct: [Bool]
    /// Equal-width bins (lo, hi] of the top-label confidence.
    public let reliability: ReliabilityDiagram
    /// Equal-mass bins of the top-label confidence.
    public let adaptiveReliability: ReliabilityDiagram

    /// - Parameters:
    ///   - binCount: the number of bins of both diagrams; 15 as in Guo et al. 2017.
    public init(_ data: LabeledLogits, temperature: Temperature = .one, binCount: Int = 15) {
        count = data.count
        classCount = data.classCount
        self.temperature = temperature
        var nllSum = 0.0
        var brierSum = 0.0
        var confidences: [Double] = []
        var correct: [Bool] = []
        confidences.reserveCapacity(data.count)
        correct.reserveCapacity(data.count)
        for row in 0..<data.count {
            let logits = Array(data.row(row))
            let label = data.labels[row]
            let probabilities = softmax(logits, temperature: temperature)
            nllSum -= logSoftmax(logits, temperature: temperature)[label]
            var squares = 0.0
            for (k, p) in probabilities.enumerated() {
                let residual = p - (k == label ? 1 : 0)
                squares += residual * residual
            }
            brierSum += squares
            let predicted = data.predictedClass(row)
            confidences.append(probabilities[predicted])
            correct.append(predicted == label)
        }
        let n = Double(data.count)
        meanNLL = nllSum / n
        brierScore = brierSum / n
        accuracy = Double(correct.filter { $0 }.count) / n
        self.confidences = confidences
        self.correct = correct
        reliability = ReliabilityDiagram(
            confidences: confidences, correct: correct, binCount: binCount, binning: .equalWidth)
        adaptiveReliability = ReliabilityDiagram(
            confidences: confidences, correct: correct, binCount: binCount, binning: .equalMass)
    }

    /// Top-label ECE over the equal-width bins (Guo et al. 2017).
    public var expectedCalibrationError: Double { reliability.expectedCalibrationError }
    /// Top-label ECE over the equal-mass bins.
    public var adaptiveCalibrationError: Double { adaptiveReliability.expectedCalibrationError }
    /// Mean confidence minus accuracy: positive when the set is overconfident.
    public var overconfidence: Double { confidences.reduce(0, +) / Double(count) - accuracy }
}
