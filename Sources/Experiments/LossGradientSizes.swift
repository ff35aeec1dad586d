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
    public func gradientSizes(at temperature: Temperature, student: LogisticRegressionModel? = nil) -> LossGradientSizes {
        precondition(!temperature.isGreedy, "the soft term has no gradient at T → 0")
        let k = classCount
        let student = student ?? .zero(featureCount: transferInputs.columnCount, classCount: k)
        let studentLogits = student.logits(for: transferInputs)
        let n = transferLabels.count
        var soft = 0.0, scaledSoft = 0.0, hard = 0.0
        for row in 0..<n {
            let z = Array(studentLogits[(row * k)..<((row + 1) * k)])
            let v = Array(teacherLogits[(row * k)..<((row + 1) * k)])
            if temperature.isUniform {
                let zMean = z.reduce(0, +) / Double(k), vMean = v.reduce(0, +) / Double(k)
                scaledSoft += norm(z.indices.map { (z[$0] - zMean) - (v[$0] - vMean) }) / Double(k)
            } else {
                let t = temperature.value
                let difference = zip(softmax(z, t), softmax(v, t)).map { $0 - $1 }
                soft += norm(difference) / t
                scaledSoft += norm(difference) * t
            }
            var p = softmax(z, 1)
            p[transferLabels[row]] -= 1
            hard += norm(p)
        }
        let count = Double(n)
        return LossGradientSizes(temperature: temperature, soft: soft / count, scaledSoft: scaledSoft / count,
                                 hard: hard / count)
    }
}

/// softmax(x / t), the maximum taken out first so no exp overflows.
private func softmax(_ x: [Double], _ t: Double) -> [Double] {
    let largest = x.max()!
    let weights = x.map { exp(($0 - largest) / t) }
    let sum = weights.reduce(0, +)
    return weights.map { $0 / sum }
}

private func norm(_ x: [Double]) -> Double { x.reduce(0) { $0 + $1 * $1 }.squareRoot() }
