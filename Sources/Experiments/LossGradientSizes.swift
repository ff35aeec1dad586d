#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import SoftmaxCore

/// How hard each term of the student's loss pulls on its logits z, averaged over the
/// transfer set: why the soft term is multiplied by T².
///
/// ∂/∂z KL(q_T ‖ softmax(z/T)) = (p_T − q_T) / T, and as T grows both p_T and q_T
/// approach uniform, p_T − q_T ≈ ((z − z̄) − (v − v̄)) / (K T), so the soft term's
/// gradient shrinks like 1/T². Times T² it tends to ((z − z̄) − (v − v̄)) / K, the
/// logit-matching gradient, and keeps its weight against the hard term's p − onehot(y).
public struct LossGradientSizes: Sendable, Equatable {
    public let temperature: Temperature
    /// mean_i ‖(p_T,i − q_T,i) / T‖: the soft term without T² (0 at T → ∞).
    public let soft: Double
    /// T² times it, the soft term as the loss weighs it; at T → ∞ its limit,
    /// mean_i ‖(z_i − z̄_i) − (v_i − v̄_i)‖ / K.
    public let scaledSoft: Double
    /// mean_i ‖p_i − onehot(y_i)‖ at T = 1: the hard term, the same at every T.
    public let hard: Double
}

extension DistillationExperiment {
    /// The gradient sizes at `temperature` (above 0) for `student`, by default the
    /// untrained one (every weight 0, so p_T is uniform at every T: where training starts).
    /// One pass over the transfer set, with no allocation per example (a screen asks
    /// for several T a frame).
    public func gradientSizes(at temperature: Temperature, student: LogisticRegressionModel? = nil) -> LossGradientSizes {
        precondition(!temperature.isGreedy, "the soft term has no gradient at T → 0")
        let k = classCount
        let student = student ?? .zero(featureCount: transferInputs.columnCount, classCount: k)
        let studentLogits = student.logits(for: transferInputs)
        let n = transferLabels.count
        var soft = 0.0, scaledSoft = 0.0, hard = 0.0
        var p = [Double](repeating: 0, count: k), q = [Double](repeating: 0, count: k)
        for row in 0..<n {
            let z = studentLogits[(row * k)..<((row + 1) * k)], v = teacherLogits[(row * k)..<((row + 1) * k)]
            if temperature.isUniform {
                let zMean = z.reduce(0, +) / Double(k), vMean = v.reduce(0, +) / Double(k)
                var squares = 0.0
                for (a, b) in zip(z, v) { squares += ((a - zMean) - (b - vMean)) * ((a - zMean) - (b - vMean)) }
                scaledSoft += squares.squareRoot() / Double(k)
            } else {
                let t = temperature.value
                softmax(z, t, into: &p)
                softmax(v, t, into: &q)
                var squares = 0.0
                for c in 0..<k { squares += (p[c] - q[c]) * (p[c] - q[c]) }
                soft += squares.squareRoot() / t
                scaledSoft += squares.squareRoot() * t
            }
            softmax(z, 1, into: &p)
            p[transferLabels[row]] -= 1
            hard += p.reduce(0) { $0 + $1 * $1 }.squareRoot()
        }
        let count = Double(n)
        return LossGradientSizes(temperature: temperature, soft: soft / count, scaledSoft: scaledSoft / count,
                                 hard: hard / count)
    }
}

/// softmax(x / t) into `out`, the maximum taken out first so no exp overflows.
private func softmax(_ x: ArraySlice<Double>, _ t: Double, into out: inout [Double]) {
    let largest = x.max()!
    var sum = 0.0
    for (c, value) in x.enumerated() {
        out[c] = exp((value - largest) / t)
        sum += out[c]
    }
    for c in out.indices { out[c] /= sum }
}
