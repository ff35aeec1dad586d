import Experiments
import Foundation
import SoftmaxCore
import Testing

/// What Reference/make_digits_reference.py wrote (numpy, scipy, Python's gzip and hashlib).
struct DigitsReference: Decodable, Sendable {
    struct FileFacts: Decodable, Sendable {
        let bytes: Int
        let sha256: String
        let unpackedBytes: Int
        let rows: Int
        let columns: Int
        let pixelSum: Int
        let pixelMax: Int
        let labelCounts: [Int]
        let firstRow: [Int]
        let lastRow: [Int]
    }

    struct Split: Decodable, Sendable {
        let seed: UInt64
        let train: [Int]
        let validation: [Int]
        let test: [Int]
        let validationLabels: [Int]
        let testLabels: [Int]
    }

    struct Fit: Decodable, Sendable {
        let C: Double
        let objective: Double
        let gradientNorm: Double
        let weightNormSquared: Double
        let trainAccuracy: Double
        let validationAccuracy: Double
        let testAccuracy: Double
        /// 360 × 10, rounded to 1e-10.
        let testProbabilities: [Double]
        /// 359 × 10, 9 significant digits.
        let validationLogits: [Double]
    }

    let file: FileFacts
    let split: Split
    let fits: [Fit]
}

enum References {
    /// The Reference folder beside this file: it is excluded from the target, so it is
    /// read from the source tree rather than as a resource.
    static let directory: String = {
        let here = "\(#filePath)"
        return String(here[..<here.lastIndex(of: "/")!]) + "/Reference"
    }()

    static let digits: Result<DigitsReference, any Error> = Result {
        try decode(DigitsReference.self, from: "digits_reference.json")
    }

    static func decode<T: Decodable>(_ type: T.Type, from name: String) throws -> T {
        let url = URL(fileURLWithPath: directory + "/" + name)
        return try JSONDecoder().decode(type, from: try Data(contentsOf: url))
    }
}

/// Relative closeness with an absolute floor: |a − e| ≤ tolerance · max(|e|, floor).
func isClose(_ actual: Double, _ expected: Double, relative tolerance: Double, floor: Double = 1e-300) -> Bool {
    abs(actual - expected) <= tolerance * max(abs(expected), floor)
}

/// The largest |a_i − b_i|.
func largestDifference(_ a: [Double], _ b: [Double]) -> Double {
    precondition(a.count == b.count)
    return zip(a, b).reduce(0.0) { max($0, abs($1.0 - $1.1)) }
}
