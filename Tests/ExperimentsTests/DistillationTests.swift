import Experiments
import SoftmaxCore
import Testing

/// What Reference/make_distillation_reference.py wrote (numpy and scipy).
struct DistillationReference: Decodable, Sendable {
    struct Teacher: Decodable, Sendable {
        let C: Double
        /// 64 × 10 weights, then 10 intercepts, to 17 significant digits.
        let parameters: [Double]
        let testAccuracy: Double
        let confusableTestRows: [Int]
        let confusableGaps: [Double]
    }

    struct Student: Decodable, Sendable {
        let name: String
        let kind: String
        /// A number, "inf", or null for the hard-label students.
        let T: TemperatureValue?
        /// α for "soft", the labelled count for "hard" (null: all) and "few".
        let parameter: Double?
        let objective: Double
        let gradientNorm: Double
        /// 16 × 10 weights, then 10 intercepts.
        let parameters: [Double]
        let testAccuracy: Double
        /// The first 40 test digits × 10, rounded to 1e-12.
        let testProbabilities: [Double]
    }

    struct GradientSize: Decodable, Sendable {
        let T: TemperatureValue
        let soft: Double
        let scaledSoft: Double
        let hard: Double
    }

    struct GradientSizes: Decodable, Sendable {
        let untrained: [GradientSize]
        let hardStudentAtT4: GradientSize
    }

    /// A temperature as JSON spells it: a number, or "inf".
    struct TemperatureValue: Decodable, Sendable {
        let temperature: Temperature

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let text = try? container.decode(String.self), text == "inf" {
                temperature = .uniform
            } else {
                temperature = try Temperature(try container.decode(Double.self))
            }
        }
    }

    let teacher: Teacher
    let studentC: Double
    let pooledFirstRows: [Double]
    let students: [Student]
    let gradientSizes: GradientSizes

    var teacherModel: LogisticRegressionModel {
        LogisticRegressionModel(featureCount: 64, classCount: 10, weights: Array(teacher.parameters.prefix(640)),
                                intercepts: Array(teacher.parameters.suffix(10)))
    }

    func recipe(_ student: Student) -> StudentRecipe {
        switch student.kind {
        case "hard": return .hardLabels(labelledCount: student.parameter.map { Int($0) })
        case "soft": return .softTargets(temperature: student.T!.temperature, hardWeight: student.parameter!)
        default: return .fewLabels(temperature: student.T!.temperature, labelledCount: Int(student.parameter!))
        }
    }

    static let shared: Result<DistillationReference, any Error> = Result {
        try References.decode(DistillationReference.self, from: "distillation_reference.json")
    }
}

/// The experiment built on scipy's teacher, so the students learn from the same targets as the reference's.
enum DistillationFixture {
    static let experiment: Result<DistillationExperiment, any Error> = Result {
        let dataset = try DigitsDataset.load()
        return DistillationExperiment(dataset: dataset, split: DatasetSplit(count: dataset.count),
                                      teacher: try DistillationReference.shared.get().teacherModel)
    }
}

@Suite struct DistillationTests {
    /// Each recipe's student, trained by Newton in Swift, gives the test probabilities of
    /// scipy's student on the same targets to 1e-5: on the reference's first 40 test
    /// digits as numpy computed them, and on all 360 from scipy's parameters.
    @Test(arguments: ["hard", "hard30", "soft_T1", "soft_T4", "soft_T4_alpha0.5", "soft_T20", "soft_Tinf", "few30_T4"])
    func studentMatchesScipyTo1e5(_ name: String) throws {
        let reference = try DistillationReference.shared.get()
        let experiment = try DistillationFixture.experiment.get()
        let expected = try #require(reference.students.first { $0.name == name })
        #expect(reference.studentC == DistillationExperiment.studentInverseRegularization)
        var trainer = experiment.trainer(reference.recipe(expected))
        trainer.train()
        #expect(trainer.progress.status == .converged)
        let student = trainer.model
        let probabilities = student.probabilities(for: experiment.testInputs)
        let firstForty = largestDifference(Array(probabilities.prefix(400)), expected.testProbabilities)
        let scipy = LogisticRegressionModel(featureCount: 16, classCount: 10, weights: Array(expected.parameters.prefix(160)),
                                            intercepts: Array(expected.parameters.suffix(10)))
        let all = largestDifference(probabilities, scipy.probabilities(for: experiment.testInputs))
        print("\(name): \(trainer.progress.iterations) Newton iterations; probabilities differ from scipy's by "
            + "\(firstForty) (first 40), \(all) (all 360)")
        #expect(firstForty < 1e-5)
        #expect(all < 1e-5)
        // The weights are penalised, so unique; the intercepts only up to a common shift.
        #expect(largestDifference(student.weights, Array(expected.parameters.prefix(160))) < 1e-4)
        #expect(isClose(trainer.progress.objective, expected.objective, relative: 1e-9))
        #expect(experiment.testAccuracy(student) == expected.testAccuracy)
    }

    @Test func pooledFeaturesAreTheMeansOfTwoByTwoBlocks() throws {
        let reference = try DistillationReference.shared.get()
        let experiment = try DistillationFixture.experiment.get()
        #expect(experiment.transferInputs.columnCount == 16)
        #expect(largestDifference(Array(experiment.transferInputs.values.prefix(48)), reference.pooledFirstRows) < 1e-15)
        // By hand: a 2×2 block of 16, 8, 0, 4 is 28/64 = 0.4375.
        var pixels = [UInt8](repeating: 0, count: 64)
        pixels[0] = 16; pixels[1] = 8; pixels[8] = 0; pixels[9] = 4
        pixels[63] = 16
        let one = try DigitsDataset.parse(csv: Array((pixels.map { "\($0)" } + ["3"]).joined(separator: ",").utf8))
        let pooled = one.pooledFeatures(rows: [0])
        #expect(pooled.values[0] == 0.4375)
        #expect(pooled.values[15] == 0.25)
        #expect(pooled.values[1..<15].allSatisfy { $0 == 0 })
    }

    @Test func teacherAccuracyAndConfusableDigitsAgree() throws {
        let reference = try DistillationReference.shared.get()
        let experiment = try DistillationFixture.experiment.get()
        #expect(experiment.teacherTestAccuracy == reference.teacher.testAccuracy)
        #expect(Array(experiment.confusableTestDigits.prefix(10)) == reference.teacher.confusableTestRows)
        #expect(experiment.confusableTestDigits.count == 360)
        for row in experiment.confusableTestDigits.prefix(10) {
            let ranking = experiment.teacherRanking(testRow: row)
            let z = experiment.teacherTestLogits(row: row)
            #expect(Set(ranking) == Set(0..<10))
            #expect(zip(ranking, ranking.dropFirst()).allSatisfy { z[$0] >= z[$1] })
        }
    }

    /// The T² explanation's numbers: the soft term's gradient without T² shrinks like
    /// 1/T², with it tends to the logit-matching gradient; the hard term's stays put.
    @Test func gradientSizesAgreeWithNumpy() throws {
        let reference = try DistillationReference.shared.get()
        let experiment = try DistillationFixture.experiment.get()
        for expected in reference.gradientSizes.untrained {
            let sizes = experiment.gradientSizes(at: expected.T.temperature)
            #expect(isClose(sizes.soft, expected.soft, relative: 1e-9, floor: 1e-300), "T = \(expected.T.temperature)")
            #expect(isClose(sizes.scaledSoft, expected.scaledSoft, relative: 1e-9), "T = \(expected.T.temperature)")
            #expect(isClose(sizes.hard, expected.hard, relative: 1e-12))
        }
        // At every weight 0, p is uniform: ‖p − onehot‖ = √(0.9) for every example.
        #expect(isClose(experiment.gradientSizes(at: .one).hard, 0.9.squareRoot(), relative: 1e-13))
        // Far out, T² times the soft pull is its limit, and the pull itself is that over T².
        let atTwenty = experiment.gradientSizes(at: try Temperature(20))
        let farOut = experiment.gradientSizes(at: try Temperature(1e5))
        let limit = experiment.gradientSizes(at: .uniform)
        #expect(limit.soft == 0)
        #expect(isClose(farOut.scaledSoft, limit.scaledSoft, relative: 1e-4))
        #expect(isClose(farOut.soft * 1e10, limit.scaledSoft, relative: 1e-4))
        #expect(atTwenty.soft < experiment.gradientSizes(at: try Temperature(4)).soft / 10)
        let hardStudent = LogisticRegressionModel(
            featureCount: 16, classCount: 10, weights: Array(reference.students[0].parameters.prefix(160)),
            intercepts: Array(reference.students[0].parameters.suffix(10)))
        let trained = experiment.gradientSizes(at: try Temperature(4), student: hardStudent)
        let expected = reference.gradientSizes.hardStudentAtT4
        #expect(isClose(trained.soft, expected.soft, relative: 1e-9))
        #expect(isClose(trained.scaledSoft, expected.scaledSoft, relative: 1e-9))
        #expect(isClose(trained.hard, expected.hard, relative: 1e-9))
    }

    /// An unlabelled example's label is never read: changing it changes nothing.
    @Test func unlabelledExamplesIgnoreTheirLabels() throws {
        let experiment = try DistillationFixture.experiment.get()
        let targets = DistillationTargets(
            teacherLogits: Array(experiment.teacherLogits.prefix(40)), classCount: 10, temperature: try Temperature(4),
            softWeights: [1, 1, 0, 0], hardWeights: [0, 0.5, 1, 0])
        let inputs = FeatureMatrix(rowCount: 4, columnCount: 16, values: Array(experiment.transferInputs.values.prefix(64)))
        let labels = Array(experiment.transferLabels.prefix(4))
        var relabelled = labels
        relabelled[0] = (labels[0] + 1) % 10
        relabelled[3] = (labels[3] + 3) % 10
        var a = LogisticRegressionTrainer(
            problem: LogisticRegressionProblem(inputs: inputs, labels: labels, distillation: targets), inverseRegularization: 10)
        var b = LogisticRegressionTrainer(
            problem: LogisticRegressionProblem(inputs: inputs, labels: relabelled, distillation: targets),
            inverseRegularization: 10)
        a.train()
        b.train()
        #expect(a.model == b.model)
        var changed = relabelled
        changed[2] = (labels[2] + 1) % 10
        var c = LogisticRegressionTrainer(
            problem: LogisticRegressionProblem(inputs: inputs, labels: changed, distillation: targets), inverseRegularization: 10)
        c.train()
        #expect(c.model != a.model)
        #expect(targets.targets(row: 0).reduce(0, +).isApproximatelyOne)
    }
}

extension Double {
    fileprivate var isApproximatelyOne: Bool { abs(self - 1) < 1e-14 }
}
