#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import SoftmaxCore

extension DigitsDataset {
    /// The side of a pooled image: the 8×8 pixels averaged over 2×2 blocks.
    public static let pooledSide = 4

    /// The images at `rows` as 16 features: each the mean of a 2×2 block of pixels / 16,
    /// the blocks row-major, so in [0, 1] like `features(rows:)`. A model on these sees
    /// a quarter of the detail: the small student of the distillation experiment.
    public func pooledFeatures(rows: [Int]) -> FeatureMatrix {
        let side = Self.pooledSide, block = 8 / side
        var values: [Double] = []
        values.reserveCapacity(rows.count * side * side)
        for row in rows {
            let start = row * Self.pixelCount
            for blockY in 0..<side {
                for blockX in 0..<side {
                    var sum = 0
                    for dy in 0..<block {
                        for dx in 0..<block { sum += Int(pixels[start + (blockY * block + dy) * 8 + blockX * block + dx]) }
                    }
                    values.append(Double(sum) / Double(block * block * Self.maximumPixelValue))
                }
            }
        }
        return FeatureMatrix(rowCount: rows.count, columnCount: side * side, values: values)
    }
}

/// One way to train the student; each is a convex problem with one optimum.
public enum StudentRecipe: Hashable, Sendable {
    /// Cross-entropy on the labels of the first `labelledCount` transfer examples, or of
    /// all of them for nil.
    case hardLabels(labelledCount: Int?)
    /// T²·KL to the teacher's soft targets at T on every transfer example, plus
    /// `hardWeight` (α) times the cross-entropy of its label.
    case softTargets(temperature: Temperature, hardWeight: Double)
    /// The first `labelledCount` examples keep their labels (cross-entropy, weight 1);
    /// the rest, unlabelled, learn the teacher's soft targets at T.
    case fewLabels(temperature: Temperature, labelledCount: Int)
}

/// Knowledge distillation on the digits: the teacher is the 64-pixel logistic
/// regression of the calibration experiment; the student a logistic regression on
/// 16 pooled pixels, trained on the training split (the transfer set) and judged on
/// the test split.
public struct DistillationExperiment: Sendable {
    /// The student's C: weak L2, so that what the targets teach is not drowned by the
    /// penalty (at C = 1 every student lands near the same 83%).
    public static let studentInverseRegularization = 100.0
    /// The labelled examples of the few-labels experiment.
    public static let fewLabelCount = 30

    public let teacher: LogisticRegressionModel
    /// The transfer set as the student sees it: 16 pooled features an example.
    public let transferInputs: FeatureMatrix
    public let transferLabels: [Int]
    /// The teacher's logits of the transfer set, from all 64 pixels; row-major.
    public let teacherLogits: [Double]
    public let testInputs: FeatureMatrix
    public let testLabels: [Int]
    /// The teacher's logits of the test set; row-major.
    public let teacherTestLogits: [Double]
    /// The test digits from the most confusable to the least: by the gap between the
    /// teacher's two largest logits, smallest first (ties by row). The gap decides how
    /// close the top two come at every T, so the order is the same at every T.
    public let confusableTestDigits: [Int]

    /// The test images' pixels (0–16), 64 a digit, to draw them.
    let testPixels: [UInt8]

    public var classCount: Int { teacher.classCount }

    /// The 8×8 pixels (0–16) of test digit `row`, row-major.
    public func testPixels(row: Int) -> ArraySlice<UInt8> {
        testPixels[(row * DigitsDataset.pixelCount)..<((row + 1) * DigitsDataset.pixelCount)]
    }

    public init(dataset: DigitsDataset, split: DatasetSplit, teacher: LogisticRegressionModel) {
        precondition(teacher.featureCount == DigitsDataset.pixelCount, "the teacher reads the 64 pixels")
        self.teacher = teacher
        transferInputs = dataset.pooledFeatures(rows: split.train)
        transferLabels = dataset.labels(rows: split.train)
        teacherLogits = teacher.logits(for: dataset.features(rows: split.train))
        testInputs = dataset.pooledFeatures(rows: split.test)
        testLabels = dataset.labels(rows: split.test)
        teacherTestLogits = teacher.logits(for: dataset.features(rows: split.test))
        testPixels = split.test.flatMap { dataset.pixels[($0 * DigitsDataset.pixelCount)..<(($0 + 1) * DigitsDataset.pixelCount)] }
        confusableTestDigits = Self.byTopTwoGap(teacherTestLogits, classCount: teacher.classCount)
    }

    /// The convex problem the recipe trains the student on.
    public func problem(_ recipe: StudentRecipe) -> LogisticRegressionProblem {
        let n = transferLabels.count
        switch recipe {
        case .hardLabels(let labelledCount):
            let rows = Array(0..<min(labelledCount ?? n, n))
            let inputs = FeatureMatrix(
                rowCount: rows.count, columnCount: transferInputs.columnCount,
                values: Array(transferInputs.values.prefix(rows.count * transferInputs.columnCount)))
            return LogisticRegressionProblem(inputs: inputs, labels: rows.map { transferLabels[$0] }, classCount: classCount)
        case .softTargets(let temperature, let hardWeight):
            return studentProblem(temperature, soft: Array(repeating: 1, count: n),
                                  hard: Array(repeating: hardWeight, count: n))
        case .fewLabels(let temperature, let labelledCount):
            let labelled = (0..<n).map { $0 < labelledCount }
            return studentProblem(temperature, soft: labelled.map { $0 ? 0 : 1 }, hard: labelled.map { $0 ? 1 : 0 })
        }
    }

    private func studentProblem(_ temperature: Temperature, soft: [Double], hard: [Double]) -> LogisticRegressionProblem {
        LogisticRegressionProblem(
            inputs: transferInputs, labels: transferLabels,
            distillation: DistillationTargets(teacherLogits: teacherLogits, classCount: classCount,
                                              temperature: temperature, softWeights: soft, hardWeights: hard))
    }

    /// A trainer for the recipe's student, from `start` (a neighbouring student, for a
    /// warm start) or from zero.
    public func trainer(_ recipe: StudentRecipe, start: LogisticRegressionModel? = nil) -> LogisticRegressionTrainer {
        LogisticRegressionTrainer(problem: problem(recipe), inverseRegularization: Self.studentInverseRegularization,
                                  start: start)
    }

    /// The share of test digits the student classifies right (the first largest logit, as numpy's argmax).
    public func testAccuracy(_ student: LogisticRegressionModel) -> Double {
        let logits = student.logits(for: testInputs)
        let right = testLabels.indices.filter { Self.firstLargest(logits, row: $0, count: classCount) == testLabels[$0] }
        return Double(right.count) / Double(testLabels.count)
    }

    /// The share of test digits the teacher classifies right.
    public var teacherTestAccuracy: Double {
        let right = testLabels.indices.filter {
            Self.firstLargest(teacherTestLogits, row: $0, count: classCount) == testLabels[$0]
        }
        return Double(right.count) / Double(testLabels.count)
    }

    /// The teacher's logits of test digit `row`.
    public func teacherTestLogits(row: Int) -> [Double] {
        Array(teacherTestLogits[(row * classCount)..<((row + 1) * classCount)])
    }

    /// The classes of test digit `row` from the teacher's most to its least likely: the
    /// order of the logits, which is the order of the probabilities at every T > 0
    /// (ties keep the smaller class first).
    public func teacherRanking(testRow row: Int) -> [Int] {
        let z = teacherTestLogits(row: row)
        return z.indices.sorted { z[$0] != z[$1] ? z[$0] > z[$1] : $0 < $1 }
    }

    /// The rows by the gap between their two largest logits, smallest first (ties by row).
    static func byTopTwoGap(_ logits: [Double], classCount k: Int) -> [Int] {
        let gaps = (0..<(logits.count / k)).map { row -> Double in
            let z = logits[(row * k)..<((row + 1) * k)].sorted(by: >)
            return z[0] - z[1]
        }
        return gaps.indices.sorted { gaps[$0] != gaps[$1] ? gaps[$0] < gaps[$1] : $0 < $1 }
    }

    static func firstLargest(_ logits: [Double], row: Int, count: Int) -> Int {
        var best = 0
        for c in 1..<count where logits[row * count + c] > logits[row * count + best] { best = c }
        return best
    }
}
