#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The temperature T* that minimises the mean NLL of softmax(z / T) on labelled logits
/// (temperature scaling, Guo et al. 2017), or why there is none.
public enum TemperatureFit: Sendable, Equatable {
    /// The unique minimiser T* > 0, with the mean NLL there.
    case converged(temperature: Double, meanNLL: Double, iterations: Int)
    /// Every label is a largest logit of its row, so the NLL falls all the way as T → 0
    /// (β = 1/T → ∞): no finite T* (T* → 0). The NLL tends to `meanNLLLimit`, the mean
    /// of ln(number of tied maxima), 0 without ties.
    case sharpensWithoutLimit(meanNLLLimit: Double)
    /// dNLL/dβ ≥ 0 at β = 0 (`slopeAtZero`): over β > 0 the NLL is least as β → 0
    /// (T → ∞, the uniform distribution). A positive slope means the optimum β is
    /// negative: the logits rank labels below the average class. Zero means they carry
    /// no first-order information (for example, every row constant).
    case flattensWithoutLimit(slopeAtZero: Double)
    /// The iteration limit was reached; should not happen (Newton inside a bracket).
    case notConverged(lastTemperature: Double, slope: Double, iterations: Int)

    /// T* if it converged.
    public var temperature: Double? {
        if case .converged(let temperature, _, _) = self { return temperature }
        return nil
    }

    /// Fits T* by Newton's method on β = 1/T, in which the mean NLL is convex:
    /// NLL(β) = mean_i [logsumexp(β z_i) − β z_i,y],
    /// NLL'(β) = mean_i (E_p[z_i] − z_i,y), NLL''(β) = mean_i Var_p[z_i], p = softmax(β z_i).
    ///
    /// The logits are read as in `TemperatureScalingSet`: divided by s, a power of two
    /// near max |z|, and written as gaps g_ik = max_k' u_ik' − u_ik ∈ [0, 4) (u = z / s),
    /// so the work is in γ = β·s on numbers of order one whatever the logits' scale, and
    /// every exp is of a number ≤ 0.
    /// It starts at γ = 1 / (mean gap). Each Newton step must land inside the bracket of
    /// the root of NLL' kept so far (NLL' < 0 at the lower end, > 0 at the upper);
    /// otherwise γ grows 16-fold while there is no upper end, shrinks 16-fold while
    /// there is no lower end, and else goes to the geometric mean of the ends. It stops
    /// after taking a step shorter than 1e-7 of γ (quadratic convergence leaves an error of
    /// order 1e-14), or when the bracket is within 1e-13 of γ.
    public static func fit(_ data: LabeledLogits, maxIterations: Int = 200) -> TemperatureFit {
        data.withScalingSet { fit($0, maxIterations: maxIterations) }
    }

    /// Fits T* on a prepared set; see `fit(_:maxIterations:)` for the method.
    ///
    /// On a large set Newton's method first runs on every 16th example, which costs a
    /// sixteenth of a pass per step; the full set then needs only the last few steps
    /// (quadratic convergence from about 1% away), each one pass over the logits.
    public static func fit(_ set: TemperatureScalingSet, maxIterations: Int = 200) -> TemperatureFit {
        guard let scale = set.scale else { return .flattensWithoutLimit(slopeAtZero: 0) }
        let slopeAtZero = set.slopeAtZero
        if slopeAtZero >= 0 { return .flattensWithoutLimit(slopeAtZero: slopeAtZero * scale) }
        if set.everyLabelOnTop { return .sharpensWithoutLimit(meanNLLLimit: set.meanLogTieCount) }
        // Start where γ·g is of order one: γ = 1 / (mean gap), whatever the logits' scale.
        var start = 1 / set.meanGap
        if set.count >= subsampleThreshold, let sample = set.everyNth(subsampleStride),
           case .converged(let temperature, _, _) = fit(sample, maxIterations: maxIterations) {
            // The sample shares the set's scale, so its γ* = s / T* carries over.
            start = scale / temperature
        }
        return newton(set, scale: scale, start: start, maxIterations: maxIterations)
    }

    static let subsampleThreshold = 16_384
    static let subsampleStride = 16

    /// Each Newton step must land inside the bracket of the root of NLL' kept so far
    /// (NLL' < 0 at the lower end, > 0 at the upper); otherwise γ grows 16-fold while
    /// there is no upper end, shrinks 16-fold while there is no lower end, and else goes
    /// to the geometric mean of the ends.
    private static func newton(_ set: TemperatureScalingSet, scale: Double, start: Double, maxIterations: Int) -> TemperatureFit {
        var lower = 0.0, upper = Double.infinity
        var gamma = start
        for iteration in 1...maxIterations {
            let (value, slope, curvature) = set.derivatives(gamma)
            var next = slope == 0 ? gamma : gamma - slope / curvature
            // Newton converges quadratically: after a step of δ the error is of order δ²,
            // so a step below 1e-7 of γ, once taken, leaves about 1e-14 of γ. It is taken
            // before the bracket is consulted, since so short a step is already inside it.
            // The NLL there differs from the NLL at γ by about NLL'·δ ≈ NLL''·δ², so it is
            // not computed again.
            if abs(next - gamma) <= 1e-7 * gamma && next > lower && next < upper {
                return .converged(temperature: scale / next, meanNLL: value, iterations: iteration)
            }
            if slope < 0 { lower = gamma } else { upper = gamma }
            if !(next > lower && next < upper) || !next.isFinite {
                next = upper.isInfinite ? gamma * 16 : lower == 0 ? upper / 16 : (lower * upper).squareRoot()
            }
            if upper.isFinite && upper - lower <= 1e-13 * upper {
                return .converged(temperature: scale / next, meanNLL: value, iterations: iteration)
            }
            gamma = next
        }
        return .notConverged(lastTemperature: scale / gamma, slope: set.derivatives(gamma).slope * scale,
                             iterations: maxIterations)
    }
}
