import Experiments
import Testing

/// What Reference/make_calibration_reference.py wrote.
struct CalibrationReference: Decodable, Sendable {
    struct Bin: Decodable, Sendable {
        let count: Int
        let accuracy: Double
        let confidence: Double
    }

    struct Metrics: Decodable, Sendable {
        let meanNLL: Double
        let brier: Double
        let accuracy: Double
        let ece15: Double
        let ece10: Double
        let adaptiveECE15: Double
        let widthBins15: [Bin]
        let widthBins10: [Bin]
        let massBins15: [Bin]
    }

    struct Case: Decodable, Sendable, CustomTestStringConvertible {
        let name: String
        let classCount: Int
        /// The digits fit whose validation logits this case uses, if it is not synthetic.
        let digitsFit: Int?
        let labels: [Int]?
        let logits: [Double]?
        let temperatureMinimizeScalar: Double
        let temperatureRoot: Double
        let atOne: Metrics
        let atOptimum: Metrics

        var testDescription: String { name }
        var isSynthetic: Bool { digitsFit == nil }

        /// The case's logits and labels, from this file or from the digits reference.
        func labeledLogits() throws -> LabeledLogits {
            if let fit = digitsFit {
                let digits = try References.digits.get()
                return try LabeledLogits(
                    logits: digits.fits[fit].validationLogits, classCount: classCount,
                    labels: digits.split.validationLabels)
            }
            return try LabeledLogits(
                logits: try #require(logits), classCount: classCount, labels: try #require(labels))
        }
    }

    let cases: [Case]
}

extension References {
    static let calibration: Result<CalibrationReference, any Error> = Result {
        try decode(CalibrationReference.self, from: "calibration_reference.json")
    }

    /// The cases as test arguments; empty (so the test that iterates them records an
    /// issue of its own) if the file cannot be read.
    static var calibrationCases: [CalibrationReference.Case] { (try? calibration.get().cases) ?? [] }
}
