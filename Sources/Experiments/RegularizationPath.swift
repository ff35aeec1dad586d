#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Models trained at several values of C on one problem, each warm-started from the
/// model already trained at the nearest C (nearest in log C), which cuts Newton's
/// iterations from up to 15 to 6–8 on the digits.
public struct RegularizationPath: Sendable {
    /// One trained C.
    public struct Entry: Sendable {
        public let inverseRegularization: Double
        public let model: LogisticRegressionModel
        public let progress: TrainingProgress
        /// The C whose model it started from, or nil for a cold start.
        public let warmStartedFrom: Double?
    }

    public let problem: LogisticRegressionProblem
    public let gradientTolerance: Double
    /// In the order they were added.
    public private(set) var entries: [Entry] = []

    public init(problem: LogisticRegressionProblem, gradientTolerance: Double = 1e-6) {
        self.problem = problem
        self.gradientTolerance = gradientTolerance
    }

    /// The entry trained at the C nearest to `inverseRegularization` in log C (the
    /// smaller C on a tie), or nil if none is.
    public func nearest(to inverseRegularization: Double) -> Entry? {
        let target = inverseRegularization.naturalLog
        return entries.min { a, b in
            let da = abs(a.inverseRegularization.naturalLog - target)
            let db = abs(b.inverseRegularization.naturalLog - target)
            return da != db ? da < db : a.inverseRegularization < b.inverseRegularization
        }
    }

    /// A trainer for `inverseRegularization`, started at the nearest trained model; run
    /// it a few steps at a time, then hand it to `record(_:)`.
    public func trainer(for inverseRegularization: Double) -> LogisticRegressionTrainer {
        LogisticRegressionTrainer(
            problem: problem, inverseRegularization: inverseRegularization,
            start: nearest(to: inverseRegularization)?.model, gradientTolerance: gradientTolerance)
    }

    /// Keeps the trainer's model as this C's entry (replacing an earlier one for the same C).
    public mutating func record(_ trainer: LogisticRegressionTrainer, warmStartedFrom: Double?) {
        entries.removeAll { $0.inverseRegularization == trainer.inverseRegularization }
        entries.append(Entry(
            inverseRegularization: trainer.inverseRegularization, model: trainer.model,
            progress: trainer.progress, warmStartedFrom: warmStartedFrom))
    }

    /// Trains `inverseRegularization` to the end in one call (for the CLI and tests)
    /// and records it.
    @discardableResult
    public mutating func train(_ inverseRegularization: Double, maxIterations: Int = 200) -> Entry {
        let start = nearest(to: inverseRegularization)?.inverseRegularization
        var trainer = trainer(for: inverseRegularization)
        trainer.train(maxIterations: maxIterations)
        record(trainer, warmStartedFrom: start)
        return entries[entries.count - 1]
    }
}

extension Double {
    fileprivate var naturalLog: Double { log(self) }
}
