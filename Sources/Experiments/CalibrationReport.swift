import SoftmaxCore

/// How well the probabilities softmax(z / T) of a set of labelled logits are calibrated.
///
/// The probabilities come from `TemperatureScalingSet`, which works on gaps below each
/// row's largest logit, so logits at any scale (±1e300 included) give finite numbers.
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
        self = data.withScalingSet { $0.report(at: temperature, binCount: binCount) }
    }

    init(count: Int, classCount: Int, temperature: Temperature, meanNLL: Double, brierScore: Double,
         accuracy: Double, confidences: [Double], correct: [Bool], binCount: Int) {
        self.count = count
        self.classCount = classCount
        self.temperature = temperature
        self.meanNLL = meanNLL
        self.brierScore = brierScore
        self.accuracy = accuracy
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
