import Experiments
import SoftmaxCore

/// The values of C the L2 slider steps along: whole decades from strong L2 (C = 0.01)
/// to weak (C = 10⁴), the range over which T* crosses 1 on the digits.
public enum RegularizationLadder {
    public static let values: [Double] = [1e-2, 1e-1, 1, 10, 1e2, 1e3, 1e4]
    /// Weak L2 first: the overconfident model the chapter opens with.
    public static let defaultIndex = values.count - 1

    public static func clamped(_ index: Int) -> Int { min(max(0, index), values.count - 1) }

    /// "0.01", "0.1", "1", "10", "100", "1000", "1e4": %g, without its exponent's sign and zero.
    public static func text(_ c: Double) -> String {
        let text = NumberFormat.significant(c, digits: 3)
        guard let e = text.firstIndex(of: "e") else { return text }
        let exponent = Int(text[text.index(after: e)...]) ?? 0
        return "\(text[..<e])e\(exponent)"
    }
}

/// The digits set as the chapter uses it: the standard split, the training problem,
/// and the validation and test inputs whose logits each trained model gives.
struct DigitsData: Sendable {
    let dataset: DigitsDataset
    let split: DatasetSplit
    let problem: LogisticRegressionProblem
    let validationInputs: FeatureMatrix
    let testInputs: FeatureMatrix

    init(_ dataset: DigitsDataset) {
        self.dataset = dataset
        split = DatasetSplit(count: dataset.count)
        problem = LogisticRegressionProblem(
            inputs: dataset.features(rows: split.train), labels: dataset.labels(rows: split.train),
            classCount: DigitsDataset.classCount)
        validationInputs = dataset.features(rows: split.validation)
        testInputs = dataset.features(rows: split.test)
    }
}

/// NLL and ECE of the test logits at one T, for the curves against T.
struct CalibrationCurvePoint: Sendable, Equatable {
    let temperature: Double
    let meanNLL: Double
    let expectedCalibrationError: Double
}

/// One trained C: the model's validation and test logits, T* fitted on the validation
/// logits, and (for the C on the slider) NLL and ECE against T on the test logits.
struct CalibratedModel: Sendable {
    let inverseRegularization: Double
    let progress: TrainingProgress
    /// How many digits the model was trained on.
    let trainingCount: Int
    let validation: LabeledLogits
    let test: LabeledLogits
    let fit: TemperatureFit
    /// The test example whose wrong prediction has the largest confidence at T = 1.
    let mostConfidentMistake: Int?
    var curve: [CalibrationCurvePoint] = []

    var isCurveComplete: Bool { curve.count == CalibrationWork.curveTemperatures.count }

    init(entry: RegularizationPath.Entry, data: DigitsData) throws(LabeledLogitsError) {
        inverseRegularization = entry.inverseRegularization
        progress = entry.progress
        trainingCount = data.problem.exampleCount
        func labelled(_ inputs: FeatureMatrix, rows: [Int]) throws(LabeledLogitsError) -> LabeledLogits {
            try LabeledLogits(logits: entry.model.logits(for: inputs), classCount: DigitsDataset.classCount,
                              labels: data.dataset.labels(rows: rows))
        }
        validation = try labelled(data.validationInputs, rows: data.split.validation)
        test = try labelled(data.testInputs, rows: data.split.test)
        fit = TemperatureFit.fit(validation)
        let atOne = CalibrationReport(test)
        mostConfidentMistake = atOne.correct.indices.filter { !atOne.correct[$0] }
            .max { atOne.confidences[$0] != atOne.confidences[$1] ? atOne.confidences[$0] < atOne.confidences[$1] : $0 > $1 }
    }
}

/// The chapter's long work, done one short step per frame so that no key waits: loading
/// the digits, each Newton iteration of training at the slider's C (warm-started by the
/// regularization path), T*, the NLL and ECE curves against T, and then, while idle,
/// the other rungs of the ladder so their T* can be shown. Every step is a pure
/// function of this state; `step(target:)` takes the next one.
public struct CalibrationWork: Sendable {
    enum Loading: Sendable {
        case notStarted
        case loaded(DigitsData)
        case failed(String)
    }

    /// A model being trained, a few iterations per frame.
    struct Training: Sendable {
        var trainer: LogisticRegressionTrainer
        let warmStartedFrom: Double?
    }

    /// What the next step will do; the progress line says it.
    enum Step: Equatable {
        case load
        case startTraining(Double)
        /// Building the Hessian, or factoring it: each about a third of a Newton iteration.
        case factor(Double)
        /// The rest of the iteration: the Newton direction and the line search.
        case iterate(Double)
        case finishTraining(Double)
        case computeCurve(Double)
    }

    /// The T at which the curves are sampled: 41 values, log-spaced over the dial's
    /// range, ten to each factor of about 4.3.
    static let curveTemperatures: [Double] = logSpaced(from: TemperatureDial.minimum, to: TemperatureDial.maximum, count: 41)
    /// Curve points per step: a report over 360 examples costs about 0.3 ms in a release build.
    static let curvePointsPerStep = 10

    var loading: Loading = .notStarted
    var path: RegularizationPath?
    var models: [Double: CalibratedModel] = [:]
    var training: Training?
    /// Counts the steps taken; two works are equal when they have taken the same steps
    /// from the same start (comparing models and trainers element by element would cost
    /// more than a frame, and every step changes this).
    private(set) var revision = 0
    let loader: @Sendable () throws(DigitsDatasetError) -> DigitsDataset

    public init(loader: @escaping @Sendable () throws(DigitsDatasetError) -> DigitsDataset = { () throws(DigitsDatasetError) in
        try DigitsDataset.load()
    }) {
        self.loader = loader
    }

    var data: DigitsData? {
        if case .loaded(let data) = loading { return data }
        return nil
    }

    var failure: String? {
        if case .failed(let reason) = loading { return reason }
        return nil
    }

    /// The next step toward showing `target` (a C), then toward the rest of the ladder;
    /// nil when everything is done or the data could not be loaded.
    func nextStep(target: Double) -> Step? {
        switch loading {
        case .failed: return nil
        case .notStarted: return .load
        case .loaded: break
        }
        if let model = models[target] {
            if !model.isCurveComplete { return .computeCurve(target) }
            return nextLadderRung(after: target).map(trainingStep)
        }
        return trainingStep(target)
    }

    /// The next step of training at C = `c`: a trainer at another C is dropped.
    private func trainingStep(_ c: Double) -> Step {
        guard let training, training.trainer.inverseRegularization == c else { return .startTraining(c) }
        if training.trainer.progress.isFinished { return .finishTraining(c) }
        return training.trainer.needsFactorization ? .factor(c) : .iterate(c)
    }

    /// The untrained rung nearest the slider's (the smaller C on a tie), so each warm
    /// start comes from a neighbour; a model the user may turn to next is ready first.
    func nextLadderRung(after target: Double) -> Double? {
        let index = RegularizationLadder.values.firstIndex(of: target) ?? 0
        return RegularizationLadder.values.indices.filter { models[RegularizationLadder.values[$0]] == nil }
            .min { abs($0 - index) != abs($1 - index) ? abs($0 - index) < abs($1 - index) : $0 < $1 }
            .map { RegularizationLadder.values[$0] }
    }

    public func isPending(target: Double) -> Bool { nextStep(target: target) != nil }

    /// Takes the next step toward `target`: at most a third of a Newton iteration, the
    /// longest step (10 to 30 ms in a release build; the loading, about 8 ms, is next).
    public mutating func step(target: Double) {
        guard let step = nextStep(target: target) else { return }
        revision += 1
        switch step {
        case .load:
            do {
                let data = DigitsData(try loader())
                loading = .loaded(data)
                path = RegularizationPath(problem: data.problem)
            } catch {
                loading = .failed(error.description)
            }
        case .startTraining(let c):
            // Moving C while another is training retargets: the half-trained model is dropped.
            guard let path else { return }
            training = Training(trainer: path.trainer(for: c), warmStartedFrom: path.nearest(to: c)?.inverseRegularization)
        case .factor:
            training?.trainer.prepareNextIteration()
        case .iterate:
            training?.trainer.step(maxIterations: 1)
        case .finishTraining(let c):
            guard let done = training, let data else { return }
            path?.record(done.trainer, warmStartedFrom: done.warmStartedFrom)
            training = nil
            guard let entry = path?.entries.last else { return }
            do {
                models[c] = try CalibratedModel(entry: entry, data: data)
            } catch {
                loading = .failed("the model at C = \(RegularizationLadder.text(c)) gave unusable logits: \(error.description)")
            }
        case .computeCurve(let c):
            guard var model = models[c] else { return }
            let start = model.curve.count
            for t in Self.curveTemperatures.dropFirst(start).prefix(Self.curvePointsPerStep) {
                let report = CalibrationReport(model.test, temperature: (try? Temperature(t)) ?? .one)
                model.curve.append(CalibrationCurvePoint(
                    temperature: t, meanNLL: report.meanNLL, expectedCalibrationError: report.expectedCalibrationError))
            }
            models[c] = model
        }
    }

    /// Runs every step to the end: for `show`, which prints the finished screen, and tests.
    public mutating func finish(target: Double, maxSteps: Int = 10_000) {
        var taken = 0
        while isPending(target: target) && taken < maxSteps {
            step(target: target)
            taken += 1
        }
    }

    /// One line on what is being done, or nil when nothing is.
    func progressLine(target: Double) -> String? {
        guard let step = nextStep(target: target) else { return nil }
        let purpose = { (c: Double) in c == target ? "" : " for the ladder" }
        switch step {
        case .load:
            return "loading the digits…"
        case .startTraining(let c):
            return "training C = \(RegularizationLadder.text(c))\(purpose(c)): starting"
                + (path?.nearest(to: c).map { " from C = \(RegularizationLadder.text($0.inverseRegularization))" } ?? "")
        case .factor(let c), .iterate(let c), .finishTraining(let c):
            let progress = training?.trainer.progress
            return "training C = \(RegularizationLadder.text(c))\(purpose(c)): Newton step \(progress?.iterations ?? 0), "
                + "gradient \(NumberFormat.exponential(progress?.gradientNorm ?? 0, digits: 2))"
        case .computeCurve(let c):
            return "C = \(RegularizationLadder.text(c)): NLL and ECE at \(models[c]?.curve.count ?? 0) of "
                + "\(Self.curveTemperatures.count) temperatures"
        }
    }
}

extension CalibrationWork: Hashable {
    public static func == (a: CalibrationWork, b: CalibrationWork) -> Bool { a.revision == b.revision }
    public func hash(into hasher: inout Hasher) { hasher.combine(revision) }
}
