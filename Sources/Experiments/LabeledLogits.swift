import LogitFiles

/// What was wrong with a set of logits and labels handed to the calibration code.
public enum LabeledLogitsError: Error, CustomStringConvertible, Equatable, Sendable {
    case tooFewClasses(Int)
    case noExamples
    case shapeMismatch(logitCount: Int, classCount: Int, labelCount: Int)
    case nonFiniteLogit(row: Int, column: Int)
    case labelOutOfRange(row: Int, label: Int, classCount: Int)

    public var description: String {
        switch self {
        case .tooFewClasses(let count):
            return "calibration needs at least 2 classes, not \(count)"
        case .noExamples:
            return "calibration needs at least 1 example"
        case .shapeMismatch(let logitCount, let classCount, let labelCount):
            return "\(logitCount) logits are not \(labelCount) rows of \(classCount) classes"
        case .nonFiniteLogit(let row, let column):
            return "the logit in row \(row + 1), class \(column + 1) is not a finite number"
        case .labelOutOfRange(let row, let label, let classCount):
            return "the label in row \(row + 1) is \(label), outside 0..\(classCount - 1)"
        }
    }
}

/// Logits of `count` examples over `classCount` classes, with each example's true class:
/// the input of every calibration metric and of the temperature fit.
public struct LabeledLogits: Sendable, Equatable {
    public let classCount: Int
    /// `count × classCount`, row-major, all finite.
    public let logits: [Double]
    /// In 0..<classCount.
    public let labels: [Int]

    public var count: Int { labels.count }

    public init(logits: [Double], classCount: Int, labels: [Int]) throws(LabeledLogitsError) {
        guard classCount >= 2 else { throw .tooFewClasses(classCount) }
        guard !labels.isEmpty else { throw .noExamples }
        guard logits.count == labels.count * classCount else {
            throw .shapeMismatch(logitCount: logits.count, classCount: classCount, labelCount: labels.count)
        }
        if let bad = logits.firstIndex(where: { !$0.isFinite }) {
            throw .nonFiniteLogit(row: bad / classCount, column: bad % classCount)
        }
        if let row = labels.firstIndex(where: { !(0..<classCount).contains($0) }) {
            throw .labelOutOfRange(row: row, label: labels[row], classCount: classCount)
        }
        self.classCount = classCount
        self.logits = logits
        self.labels = labels
    }

    /// The logits of example `row`.
    public func row(_ row: Int) -> ArraySlice<Double> {
        logits[(row * classCount)..<((row + 1) * classCount)]
    }

    /// The class with the largest logit in `row`; the first of tied maxima, as numpy's
    /// argmax, so a tie counts as right only when the label is the first of them.
    /// Dividing by any T > 0 keeps it, which is why accuracy does not depend on T.
    public func predictedClass(_ row: Int) -> Int {
        let values = self.row(row)
        var best = values.startIndex
        for index in values.indices where values[index] > values[best] { best = index }
        return best - values.startIndex
    }

    /// Lends the logits as a `TemperatureScalingSet`.
    func withScalingSet<R>(_ body: (TemperatureScalingSet) -> R) -> R {
        logits.withUnsafeBufferPointer { values in
            let view = LogitView(doubles: values, rows: count, columns: classCount)
            do {
                return body(try TemperatureScalingSet(logits: view, labels: labels))
            } catch {
                // The initialiser has refused at least 2 classes, 1 example and no
                // non-finite logit, the only things the set refuses.
                preconditionFailure("validated logits were refused: \(error)")
            }
        }
    }
}
