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
    /// The logits are first divided by s = max |z| and each row is written as gaps
    /// g_ik = max_k' u_ik' − u_ik ∈ [0, 2] (u = z / s), so the work is in γ = β·s on numbers
    /// of order one whatever the logits' scale, and every exp is of a number ≤ 0.
    /// It starts at γ = 1 / (mean gap). Each Newton step must land inside the bracket of
    /// the root of NLL' kept so far (NLL' < 0 at the lower end, > 0 at the upper);
    /// otherwise γ grows 16-fold while there is no upper end, shrinks 16-fold while
    /// there is no lower end, and else goes to the geometric mean of the ends. It stops
    /// when the step or the bracket is within 1e-13 of γ.
    public static func fit(_ data: LabeledLogits, maxIterations: Int = 200) -> TemperatureFit {
        let gaps = TemperatureGaps(data)
        guard let scale = gaps.scale else { return .flattensWithoutLimit(slopeAtZero: 0) }
        let slopeAtZero = gaps.slopeAtZero
        if slopeAtZero >= 0 { return .flattensWithoutLimit(slopeAtZero: slopeAtZero * scale) }
        if gaps.everyLabelOnTop { return .sharpensWithoutLimit(meanNLLLimit: gaps.meanLogTieCount) }

        var lower = 0.0, upper = Double.infinity
        // Start where γ·g is of order one: γ = 1 / (mean gap), whatever the logits' scale.
        var gamma = 1 / gaps.meanGap
        for iteration in 1...maxIterations {
            let (_, slope, curvature) = gaps.derivatives(gamma)
            var next = slope == 0 ? gamma : gamma - slope / curvature
            // Newton converges quadratically, so a step below 1e-13 of γ leaves an error far
            // smaller still; such a step may also round to no move at all, so it is taken
            // before the bracket is consulted.
            if abs(next - gamma) <= 1e-13 * gamma {
                return .converged(temperature: scale / next, meanNLL: gaps.derivatives(next).value, iterations: iteration)
            }
            if slope < 0 { lower = gamma } else { upper = gamma }
            if !(next > lower && next < upper) || !next.isFinite {
                next = upper.isInfinite ? gamma * 16 : lower == 0 ? upper / 16 : (lower * upper).squareRoot()
            }
            if upper.isFinite && upper - lower <= 1e-13 * upper {
                return .converged(temperature: scale / next, meanNLL: gaps.derivatives(next).value, iterations: iteration)
            }
            gamma = next
        }
        return .notConverged(lastTemperature: scale / gamma, slope: gaps.derivatives(gamma).slope * scale,
                             iterations: maxIterations)
    }
}

/// The logits rewritten for the temperature fit: g_ik = (max_k' z_ik' − z_ik) / s.
struct TemperatureGaps {
    let classCount: Int
    let gaps: [Double]
    let labels: [Int]
    /// s = max |z|, or nil when every logit is 0.
    let scale: Double?

    init(_ data: LabeledLogits) {
        classCount = data.classCount
        labels = data.labels
        let largest = data.logits.reduce(0.0) { max($0, abs($1)) }
        scale = largest > 0 ? largest : nil
        let s = largest > 0 ? largest : 1
        var gaps = [Double](repeating: 0, count: data.logits.count)
        for row in 0..<data.count {
            let base = row * data.classCount
            var top = -Double.infinity
            for k in 0..<data.classCount { top = max(top, data.logits[base + k] / s) }
            for k in 0..<data.classCount { gaps[base + k] = top - data.logits[base + k] / s }
        }
        self.gaps = gaps
    }

    var count: Int { labels.count }

    /// NLL'(γ = 0) = mean_i (g_i,y − mean_k g_ik), in units of γ.
    var slopeAtZero: Double {
        var sum = 0.0
        for row in 0..<count {
            let base = row * classCount
            var mean = 0.0
            for k in 0..<classCount { mean += gaps[base + k] }
            sum += gaps[base + labels[row]] - mean / Double(classCount)
        }
        return sum / Double(count)
    }

    /// The mean of all gaps: positive whenever some row is not constant.
    var meanGap: Double { gaps.reduce(0, +) / Double(gaps.count) }

    var everyLabelOnTop: Bool { (0..<count).allSatisfy { gaps[$0 * classCount + labels[$0]] == 0 } }

    /// The NLL's limit as γ → ∞ when every label is on top: mean ln(#maxima).
    var meanLogTieCount: Double {
        var sum = 0.0
        for row in 0..<count {
            let ties = (0..<classCount).filter { gaps[row * classCount + $0] == 0 }.count
            sum += log(Double(ties))
        }
        return sum / Double(count)
    }

    /// The mean NLL at γ and its first two derivatives in γ:
    /// value = mean[ln Σ_k e^(−γ g_ik) + γ g_iy], slope = mean(g_iy − E_q g), curvature = mean Var_q g.
    func derivatives(_ gamma: Double) -> (value: Double, slope: Double, curvature: Double) {
        var value = 0.0, slope = 0.0, curvature = 0.0
        var weights = [Double](repeating: 0, count: classCount)
        gaps.withUnsafeBufferPointer { g in
            weights.withUnsafeMutableBufferPointer { w in
                for row in 0..<count {
                    let base = row * classCount
                    // The largest weight is e^0 = 1, so the sum is in [1, K] and never overflows.
                    var sum = 0.0, first = 0.0
                    for k in 0..<classCount {
                        w[k] = exp(-gamma * g[base + k])
                        sum += w[k]
                        first += w[k] * g[base + k]
                    }
                    let mean = first / sum
                    let labelGap = g[base + labels[row]]
                    value += log(sum) + gamma * labelGap
                    slope += labelGap - mean
                    // Var = E[(g − mean)²] summed as such: E[g²] − mean² cancels when q is peaked.
                    var variance = 0.0
                    for k in 0..<classCount {
                        let deviation = g[base + k] - mean
                        variance += w[k] * deviation * deviation
                    }
                    curvature += variance / sum
                }
            }
        }
        let n = Double(count)
        return (value / n, slope / n, curvature / n)
    }
}
