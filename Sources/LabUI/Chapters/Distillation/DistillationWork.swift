#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Experiments
import SoftmaxCore

/// The temperatures the accuracy curves are measured at: the dial's range from 0.5
/// up (below it the soft targets are all but the teacher's argmax), and T → ∞, where
/// distillation becomes matching the logits.
public enum DistillationTemperatures {
    public static let curve: [Temperature] = [0.5, 1, 2, 3, 4, 6, 8, 12, 20].map { try! Temperature($0) } + [.uniform]
    /// The range a student is trained in at the dial's T.
    public static let trainable: ClosedRange<Double> = 0.5...20

    /// Whether a student can be trained at `t`: in `trainable`, or T → ∞.
    public static func canTrain(at t: Temperature) -> Bool { t.isUniform || trainable.contains(t.value) }

    static let twenty = try! Temperature(20)
    /// The T of the T² view's table (the dial's T is added where it is another).
    public static let table: [Temperature] = [1, 2, 4, 8, 20].map { try! Temperature($0) } + [.uniform]

    /// The values of α, the weight of the hard labels beside the soft targets, that , and . step along.
    public static let hardWeights: [Double] = [0, 0.5, 1]
}

/// One trained student: its model and what it scores on the test digits.
struct TrainedStudent: Sendable {
    let model: LogisticRegressionModel
    let progress: TrainingProgress
    let testAccuracy: Double
}

/// The chapter's long work, one short step per frame: the teacher (the calibration
/// chapter's model, trained by that chapter's own work, see `DistillationChapter.step`),
/// then each student the open view wants, one Newton iteration a step (170 parameters:
/// a few milliseconds in a release build), each started from the trained student of
/// the same kind at the nearest T. Students are kept by recipe, so a view, an α or a T
/// seen before shows at once.
public struct DistillationWork: Sendable {
    private(set) var experiment: DistillationExperiment?
    private(set) var students: [StudentRecipe: TrainedStudent] = [:]
    /// The soft and hard pulls at the untrained student for each T of the T² view's table.
    private(set) var gradientSizes: [Temperature: LossGradientSizes] = [:]
    /// The student being trained, a Newton iteration per step.
    private(set) var training: (recipe: StudentRecipe, trainer: LogisticRegressionTrainer)?
    /// Counts the steps taken: two works are equal when they have taken the same steps
    /// from the same start (comparing trainers element by element would cost more than a frame).
    private(set) var revision = 0

    public init() {}

    /// Starts the experiment on the calibration chapter's trained teacher.
    mutating func start(dataset: DigitsDataset, split: DatasetSplit, teacher: LogisticRegressionModel) {
        revision += 1
        let experiment = DistillationExperiment(dataset: dataset, split: split, teacher: teacher)
        self.experiment = experiment
        for t in DistillationTemperatures.table { gradientSizes[t] = experiment.gradientSizes(at: t) }
    }

    /// The student being trained if `plan` still wants it (so turning a view or back
    /// wastes no iterations), else the first recipe of `plan` not trained yet; nil when all are.
    func nextRecipe(_ plan: [StudentRecipe]) -> StudentRecipe? {
        if let training, plan.contains(training.recipe) { return training.recipe }
        return plan.first { students[$0] == nil }
    }

    /// How many trained students are kept before those off the plan are let go.
    static let studentsKept = 48

    func isPending(_ plan: [StudentRecipe]) -> Bool { experiment == nil || nextRecipe(plan) != nil }

    /// One Newton iteration of the next student of `plan`; a student being trained that
    /// the plan no longer wants (the dial or α moved) is dropped.
    mutating func step(_ plan: [StudentRecipe]) {
        guard let experiment, let recipe = nextRecipe(plan) else { return }
        revision += 1
        guard var current = training, current.recipe == recipe else {
            training = (recipe, experiment.trainer(recipe, start: warmStart(for: recipe)))
            return
        }
        if current.trainer.progress.isFinished {
            students[recipe] = TrainedStudent(model: current.trainer.model, progress: current.trainer.progress,
                                              testAccuracy: experiment.testAccuracy(current.trainer.model))
            // Each T typed on the dial trains a student of its own: past a bound, those the
            // plan no longer shows are let go, so memory stays bounded however many are typed.
            if students.count > Self.studentsKept { students = students.filter { plan.contains($0.key) } }
            training = nil
            return
        }
        current.trainer.step(maxIterations: 1)
        training = current
    }

    /// The trained student of the same kind (soft targets with the same α, or thirty
    /// labels) at the T nearest in log T, T → ∞ counting as 100: its optimum is near,
    /// so Newton needs fewer iterations from it than from zero, and reaches the same one.
    func warmStart(for recipe: StudentRecipe) -> LogisticRegressionModel? {
        guard let target = recipe.temperature else { return nil }
        return students.filter { $0.key.isSameKind(as: recipe) && $0.key.temperature != nil }
            .min { a, b in
                let da = abs(Self.logScale(a.key.temperature!) - Self.logScale(target))
                let db = abs(Self.logScale(b.key.temperature!) - Self.logScale(target))
                return da != db ? da < db : a.key.temperature!.value < b.key.temperature!.value
            }?.value.model
    }

    private static func logScale(_ t: Temperature) -> Double { t.isUniform ? log(100) : log(t.value) }

    /// One line on what is being trained, or nil when `plan` is done: short enough for 80 columns.
    func progressLine(_ plan: [StudentRecipe]) -> String? {
        guard experiment != nil, let recipe = nextRecipe(plan) else { return nil }
        let trained = plan.filter { students[$0] != nil }.count
        var line = "training student \(trained + 1)/\(plan.count), \(Self.describe(recipe))"
        if let training, training.recipe == recipe {
            line += ": Newton step \(training.trainer.progress.iterations)"
        }
        return line
    }

    /// A recipe in a few words: "soft targets at T = 4.00, α = 0.5".
    static func describe(_ recipe: StudentRecipe) -> String {
        switch recipe {
        case .hardLabels(let count):
            return count.map { "\($0) labels" } ?? "all labels"
        case .softTargets(let t, let alpha):
            return "soft targets at \(TemperatureText.equation(t)), α = \(NumberFormat.significant(alpha, digits: 3))"
        case .fewLabels(let t, let count):
            return "\(count) labels + soft at \(TemperatureText.equation(t))"
        }
    }
}

extension StudentRecipe {
    /// The T of the soft targets, or nil for a student of hard labels only.
    var temperature: Temperature? {
        switch self {
        case .hardLabels: nil
        case .softTargets(let t, _), .fewLabels(let t, _): t
        }
    }

    /// Whether the two differ at most in T.
    func isSameKind(as other: StudentRecipe) -> Bool {
        switch (self, other) {
        case (.softTargets(_, let a), .softTargets(_, let b)): a == b
        case (.fewLabels(_, let a), .fewLabels(_, let b)): a == b
        case (.hardLabels(let a), .hardLabels(let b)): a == b
        default: false
        }
    }
}

extension DistillationWork: Hashable {
    public static func == (a: DistillationWork, b: DistillationWork) -> Bool { a.revision == b.revision }
    public func hash(into hasher: inout Hasher) { hasher.combine(revision) }
}
