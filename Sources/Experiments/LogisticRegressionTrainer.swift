/// Where a training run stands.
public struct TrainingProgress: Sendable, Equatable {
    public enum Status: Sendable, Equatable {
        /// More iterations would make progress.
        case running
        /// The gradient's 2-norm is at most the tolerance.
        case converged
        /// No step decreases the objective any more (the reason says why), short of the
        /// tolerance: the model is usable but not the exact optimum.
        case stalled(String)
    }

    public var status: Status
    /// Iterations taken: steps accepted, plus stale-Hessian steps that were refused.
    public var iterations: Int
    /// Evaluations of the objective and its gradient (one or more per iteration).
    public var evaluations: Int
    /// Hessians built and factored (the costly part of an iteration).
    public var factorizations: Int
    public var objective: Double
    /// The 2-norm of the objective's gradient (absolute: not scaled by C or the data size).
    public var gradientNorm: Double

    public var isFinished: Bool { status != .running }
}

/// Fits a `LogisticRegressionModel` by Newton's method with a backtracking line search,
/// a few iterations at a time.
///
/// Newton rather than L-BFGS: for C = 1e4 the Hessian's eigenvalues span 0.2 to 1e4.
/// In numpy experiments on the digits, scipy's L-BFGS-B stopped at a gradient norm of
/// 9e-4 (its line search cannot see decreases below the objective's rounding) and an
/// L-BFGS with 30 pairs and a derivative-based line search needed 1,700 iterations to
/// reach 1e-6, where Newton needs 8 from the neighbouring C of {1e-2, 1, 1e2, 1e4}.
/// Building and factoring the 649×649 Hessian is nearly all of an iteration's cost
/// (about 15 + 15 ms in a release build), so a factor is reused while the steps it
/// gives at least halve the gradient norm, which leaves 2 to 5 factorisations per C.
/// One iteration never factors more than once, so a UI that must answer keys within
/// 100 ms can run `step(maxIterations: 1)` per frame.
///
/// The intercepts' common shift changes no probability and is not penalised, so the
/// Hessian is singular along it: each step leaves the last class's intercept where it
/// is and solves for the other parameters, which reaches the same minimum.
public struct LogisticRegressionTrainer: Sendable {
    public let problem: LogisticRegressionProblem
    /// C: the weight of the data term against the ½‖W‖² penalty (larger C, weaker L2).
    public let inverseRegularization: Double
    /// Training stops when the gradient's 2-norm is at most this (absolute).
    public let gradientTolerance: Double
    public private(set) var progress: TrainingProgress
    private var parameters: [Double]
    private var gradient: [Double]
    /// The Cholesky factor of the Hessian at an earlier point, while it still serves.
    private var hessianFactor: [Double]?
    /// Whether `hessianFactor` was built at the current parameters (by
    /// `prepareNextIteration()`), so the next iteration searches as with a fresh one.
    private var factorIsFresh = false
    /// The Hessian at the current parameters, built by `prepareNextIteration()` and not yet factored.
    private var pendingHessian: [Double]?

    /// A trainer at `start` (the nearest C's model for a warm start), or at zero.
    public init(
        problem: LogisticRegressionProblem, inverseRegularization: Double,
        start: LogisticRegressionModel? = nil, gradientTolerance: Double = 1e-6
    ) {
        precondition(inverseRegularization > 0 && inverseRegularization.isFinite, "C must be positive and finite")
        precondition(gradientTolerance > 0, "the tolerance must be positive")
        let start = start ?? .zero(featureCount: problem.featureCount, classCount: problem.classCount)
        precondition(
            start.featureCount == problem.featureCount && start.classCount == problem.classCount,
            "the starting model must have the problem's features and classes")
        self.problem = problem
        self.inverseRegularization = inverseRegularization
        self.gradientTolerance = gradientTolerance
        parameters = start.parameters
        gradient = Array(repeating: 0, count: problem.parameterCount)
        let objective = Self.evaluate(problem, inverseRegularization, parameters, into: &gradient)
        progress = TrainingProgress(
            status: .running, iterations: 0, evaluations: 1, factorizations: 0,
            objective: objective, gradientNorm: norm(gradient))
        checkFinished()
    }

    /// The model at the current parameters.
    public var model: LogisticRegressionModel {
        LogisticRegressionModel(
            featureCount: problem.featureCount, classCount: problem.classCount, parameters: parameters)
    }

    /// Takes up to `maxIterations` iterations, fewer if training finishes. Each builds
    /// and factors the Hessian at most once.
    @discardableResult
    public mutating func step(maxIterations: Int = 1) -> TrainingProgress {
        var taken = 0
        while taken < maxIterations && !progress.isFinished {
            iterate()
            taken += 1
            checkFinished()
        }
        return progress
    }

    /// Whether the next iteration must build and factor the Hessian, the costlier part of it.
    public var needsFactorization: Bool { hessianFactor == nil && !factorIsFresh && !progress.isFinished }

    /// Does the next part of the work the next iteration needs before it can step, if
    /// it needs any: first builds the Hessian, on the next call factors it, without
    /// moving. A UI can spend a frame on each and a third on the step (in a release
    /// build, each 10 to 30 ms where a whole iteration is 36 to 60 ms). The iterates
    /// are the same as `step`'s without it.
    public mutating func prepareNextIteration() {
        guard needsFactorization else { return }
        let size = problem.parameterCount - 1
        guard let hessian = pendingHessian else {
            pendingHessian = hessian(size: size)
            return
        }
        hessianFactor = Self.factored(hessian, size: size)
        pendingHessian = nil
        progress.factorizations += 1
        factorIsFresh = true
    }

    /// Iterates until converged or stalled, or `maxIterations` more iterations (then
    /// the status is still `.running`): for the CLI and tests, not for a UI frame.
    @discardableResult
    public mutating func train(maxIterations: Int = 200) -> TrainingProgress {
        step(maxIterations: maxIterations)
    }

    private mutating func checkFinished() {
        guard progress.status == .running else { return }
        if !progress.gradientNorm.isFinite || !progress.objective.isFinite {
            progress.status = .stalled("the objective or its gradient is not finite")
        } else if progress.gradientNorm <= gradientTolerance {
            progress.status = .converged
        }
    }

    private mutating func iterate() {
        progress.iterations += 1
        let size = problem.parameterCount - 1  // the last intercept stays put: see above
        let fresh = hessianFactor == nil || factorIsFresh
        if hessianFactor == nil && !factorIsFresh {
            // A Hessian built ahead is still at these parameters: nothing moves in between.
            hessianFactor = pendingHessian.map { Self.factored($0, size: size) } ?? factoredHessian(size: size)
            pendingHessian = nil
            progress.factorizations += 1
        }
        factorIsFresh = false
        guard let factor = hessianFactor else {
            progress.status = .stalled("the Hessian could not be factored even with damping")
            return
        }
        var direction = gradient[..<size].map { -$0 }
        factor.withUnsafeBufferPointer { r in
            direction.withUnsafeMutableBufferPointer { Cholesky.solve(factor: r, size: size, $0) }
        }
        direction.append(0)
        let previousNorm = progress.gradientNorm
        // An old factor gets one try at the full step; a fresh one a backtracking search.
        guard let alpha = lineSearch(direction, maxTrials: fresh ? 60 : 1) else {
            hessianFactor = nil
            if fresh {
                progress.status = .stalled(
                    "no step along the Newton direction decreases the objective (gradient norm \(progress.gradientNorm))")
            }
            return
        }
        // Keep the factor only while full steps with it at least halve the gradient.
        if alpha < 1 || progress.gradientNorm > 0.5 * previousNorm { hessianFactor = nil }
    }

    /// Moves to θ + α·d for the first α in 1, then shrinking, that decreases the
    /// objective; returns that α, or nil if none of `maxTrials` did.
    private mutating func lineSearch(_ direction: [Double], maxTrials: Int) -> Double? {
        let count = direction.count
        let slope = dot(gradient, direction)
        guard slope < 0 else { return nil }
        // Near the optimum the objective's change is below its rounding (a sum over the
        // examples, about 1e-13 of its size). There a step is accepted if the objective
        // did not rise beyond that noise and the slope at the step is at most 0.8 of the
        // start's magnitude: for a convex objective that bounds the trapezoid estimate of
        // the change, ½α(φ'(0) + φ'(α)), below 0.1·α·φ'(0) (Hager and Zhang's
        // approximate Wolfe condition).
        let noise = 1e-10 * max(1, abs(progress.objective))
        var alpha = 1.0
        var trial = parameters
        var trialGradient = gradient
        for _ in 0..<maxTrials {
            for index in 0..<count { trial[index] = parameters[index] + alpha * direction[index] }
            let value = Self.evaluate(problem, inverseRegularization, trial, into: &trialGradient)
            progress.evaluations += 1
            let trialSlope = dot(trialGradient, direction)
            let armijo = value <= progress.objective + 1e-4 * alpha * slope
            let approximateWolfe = value <= progress.objective + noise && trialSlope <= -0.8 * slope
            if value.isFinite && (armijo || approximateWolfe) {
                parameters = trial
                gradient = trialGradient
                progress.objective = value
                progress.gradientNorm = norm(gradient)
                return alpha
            }
            // The minimiser of the quadratic through φ(0), φ'(0) and φ(α), kept within
            // [α/10, α/2]; a non-finite value just halves.
            let curvature = value - progress.objective - slope * alpha
            var next = alpha / 2
            if value.isFinite && curvature > 0 { next = -slope * alpha * alpha / (2 * curvature) }
            alpha = min(max(next, alpha / 10), alpha / 2)
        }
        return nil
    }

    /// The Cholesky factor of the Hessian over the first `size` parameters, adding λI if
    /// it is not numerically positive definite (λ from 1e-10 of its largest diagonal
    /// entry, up 100-fold a try); nil if even that fails.
    private func factoredHessian(size: Int) -> [Double]? {
        Self.factored(hessian(size: size), size: size)
    }

    /// The Hessian over the first `size` parameters at the current point.
    private func hessian(size: Int) -> [Double] {
        var hessian = [Double](repeating: 0, count: size * size)
        hessian.withUnsafeMutableBufferPointer { h in
            parameters.withUnsafeBufferPointer { theta in
                problem.hessian(theta, inverseRegularization: inverseRegularization, size: size, into: h)
            }
        }
        return hessian
    }

    private static func factored(_ hessian: [Double], size: Int) -> [Double]? {
        var damping = 0.0
        for _ in 0..<6 {
            var factor = hessian
            if damping > 0 { for i in 0..<size { factor[i * size + i] += damping } }
            if factor.withUnsafeMutableBufferPointer({ Cholesky.factor($0, size: size) }) { return factor }
            let largest = (0..<size).map { hessian[$0 * size + $0] }.max() ?? 1
            damping = damping == 0 ? 1e-10 * largest : damping * 100
        }
        return nil
    }

    private static func evaluate(
        _ problem: LogisticRegressionProblem, _ c: Double, _ parameters: [Double], into gradient: inout [Double]
    ) -> Double {
        parameters.withUnsafeBufferPointer { theta in
            gradient.withUnsafeMutableBufferPointer { g in
                problem.evaluate(theta, inverseRegularization: c, gradient: g)
            }
        }
    }
}

private func dot(_ a: [Double], _ b: [Double]) -> Double {
    var sum = 0.0
    for index in a.indices { sum += a[index] * b[index] }
    return sum
}

private func norm(_ a: [Double]) -> Double { dot(a, a).squareRoot() }
