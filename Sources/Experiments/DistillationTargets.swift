#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import SoftmaxCore

/// What a student learns from in knowledge distillation (Hinton, Vinyals and Dean,
/// 2015): per example i, with the student's logits z_i and the teacher's v_i,
///
///     ℓ_i(z) = s_i · T² · KL(q_i ‖ softmax(z / T)) + h_i · CE(y_i, softmax(z)),
///     q_i = softmax(v_i / T),
///
/// where s_i weighs the soft targets and h_i the hard label (α, or 0 where the
/// example's label is not to be used). The T² keeps the soft term's gradient, which
/// shrinks like 1/T², at the weight of the hard one (see `SoftTermGradient`).
///
/// At T → ∞ the soft term tends to matching the logits, (1/2K)·‖(z − z̄) − (v − v̄)‖²
/// with z̄ each row's mean: the limit Hinton et al. derive, used here exactly. T → 0
/// has no such limit (the T²-scaled loss vanishes, leaving only the penalty), so it is
/// refused.
public struct DistillationTargets: Sendable {
    public let temperature: Temperature
    public let classCount: Int
    /// s_i: the weight of each example's soft targets.
    public let softWeights: [Double]
    /// h_i: the weight of each example's hard label.
    public let hardWeights: [Double]
    /// ln q_i, row-major (`count × classCount`); at T → ∞ the teacher's logits minus
    /// their row mean instead.
    let logTargets: [Double]
    /// q_i, row-major (empty at T → ∞).
    let probabilities: [Double]
    /// Σ_k q_ik ln q_ik per example (0 at T → ∞), so KL needs no log of q in the loop.
    let negativeEntropies: [Double]

    public var count: Int { softWeights.count }

    /// - Parameters:
    ///   - teacherLogits: `count × classCount`, row-major, finite.
    ///   - temperature: above 0; `.uniform` for the logit-matching limit.
    ///   - softWeights, hardWeights: one per example, each ≥ 0.
    public init(teacherLogits: [Double], classCount: Int, temperature: Temperature,
                softWeights: [Double], hardWeights: [Double]) {
        precondition(classCount >= 2, "at least 2 classes")
        precondition(!temperature.isGreedy, "distillation at T → 0 has no limit: the T²-scaled loss vanishes")
        precondition(teacherLogits.count == softWeights.count * classCount, "one row of teacher logits per example")
        precondition(hardWeights.count == softWeights.count, "one hard weight per example")
        precondition((softWeights + hardWeights).allSatisfy { $0 >= 0 && $0.isFinite }, "weights must be finite and ≥ 0")
        precondition(teacherLogits.allSatisfy(\.isFinite), "teacher logits must be finite")
        self.temperature = temperature
        self.classCount = classCount
        self.softWeights = softWeights
        self.hardWeights = hardWeights
        var logTargets = teacherLogits
        var probabilities = [Double](repeating: 0, count: temperature.isUniform ? 0 : teacherLogits.count)
        var negativeEntropies = [Double](repeating: 0, count: softWeights.count)
        for row in 0..<softWeights.count {
            let start = row * classCount
            let v = logTargets[start..<(start + classCount)]
            if temperature.isUniform {
                let mean = v.reduce(0, +) / Double(classCount)
                for k in v.indices { logTargets[k] -= mean }
                continue
            }
            // ln q = v/T − logsumexp(v/T), with the maximum taken out so no exp overflows.
            let scaled = v.map { $0 / temperature.value }
            let largest = scaled.max()!
            let logSum = largest + log(scaled.reduce(0.0) { $0 + exp($1 - largest) })
            var entropy = 0.0
            for (offset, s) in scaled.enumerated() {
                let logQ = s - logSum
                logTargets[start + offset] = logQ
                probabilities[start + offset] = exp(logQ)
                entropy += probabilities[start + offset] * logQ
            }
            negativeEntropies[row] = entropy
        }
        self.logTargets = logTargets
        self.probabilities = probabilities
        self.negativeEntropies = negativeEntropies
    }

    /// q_i, the teacher's probabilities at T (at T → ∞, 1/K each).
    public func targets(row: Int) -> [Double] {
        if temperature.isUniform { return Array(repeating: 1 / Double(classCount), count: classCount) }
        return Array(probabilities[(row * classCount)..<((row + 1) * classCount)])
    }
}

/// What each training example's loss is, as a function of its logits: the objective
/// is ½‖W‖² + C · Σ_i ℓ_i(z_i) whatever ℓ is, so the problem and its trainer only need
/// ℓ's value, gradient and curvature in z, one example at a time.
enum ExampleLoss: Sendable {
    /// ℓ_i = ln Σ_k e^(z_k) − z_{y_i}: plain multinomial logistic regression.
    case crossEntropy
    case distillation(DistillationTargets)

    /// Scratch numbers `lossAndGradient` and `curvature` need per example.
    func scratchCount(classCount k: Int) -> Int { 2 * k }

    /// Returns ℓ_i at the logits `z` and replaces them by ∂ℓ_i/∂z.
    @inline(__always)
    func lossAndGradient(row: Int, label: Int, z: UnsafeMutablePointer<Double>, count k: Int,
                         scratch: UnsafeMutablePointer<Double>) -> Double {
        switch self {
        case .crossEntropy:
            let loss = softmaxCrossEntropyInPlace(z, count: k, label: label)
            // The gradient of the cross-entropy in z is p − onehot(y).
            z[label] -= 1
            return loss
        case .distillation(let targets):
            return targets.lossAndGradient(row: row, label: label, z: z, count: k, scratch: scratch)
        }
    }

    /// Writes ∂²ℓ_i/∂z², the upper triangle packed row by row (K(K+1)/2 numbers), into
    /// `a`; `z` is used as scratch.
    @inline(__always)
    func curvature(row: Int, z: UnsafeMutablePointer<Double>, count k: Int, scratch: UnsafeMutablePointer<Double>,
                   into a: UnsafeMutablePointer<Double>) {
        switch self {
        case .crossEntropy:
            softmaxInPlace(z, count: k)
            packCovariance(of: z, count: k, weight: 1, into: a, adding: false)
        case .distillation(let targets):
            targets.curvature(row: row, z: z, count: k, scratch: scratch, into: a)
        }
    }
}

extension DistillationTargets {
    @inline(__always)
    func lossAndGradient(row: Int, label: Int, z: UnsafeMutablePointer<Double>, count k: Int,
                         scratch: UnsafeMutablePointer<Double>) -> Double {
        let s = softWeights[row], h = hardWeights[row]
        let gradient = scratch, work = scratch + k
        for c in 0..<k { gradient[c] = 0 }
        var loss = 0.0
        logTargets.withUnsafeBufferPointer { logTargets in
            let target = logTargets.baseAddress! + row * k
            if s > 0 && temperature.isUniform {
                // (1/2K)‖D‖² with D = (z − z̄) − (v − v̄); its gradient is D/K.
                var mean = 0.0
                for c in 0..<k { mean += z[c] }
                mean /= Double(k)
                for c in 0..<k {
                    let d = z[c] - mean - target[c]
                    loss += s * d * d / Double(2 * k)
                    gradient[c] += s * d / Double(k)
                }
            } else if s > 0 {
                // T² Σ_k q_k (ln q_k − ln p_k), p = softmax(z/T); its gradient is T (p − q).
                let t = temperature.value
                for c in 0..<k { work[c] = z[c] / t }
                let logSum = softmaxInPlace(work, count: k)
                var crossTerm = 0.0
                probabilities.withUnsafeBufferPointer { q in
                    let q = q.baseAddress! + row * k
                    for c in 0..<k { crossTerm += q[c] * (z[c] / t - logSum) }
                    for c in 0..<k { gradient[c] += s * t * (work[c] - q[c]) }
                }
                loss += s * t * t * (negativeEntropies[row] - crossTerm)
            }
        }
        if h > 0 {
            for c in 0..<k { work[c] = z[c] }
            loss += h * softmaxCrossEntropyInPlace(work, count: k, label: label)
            work[label] -= 1
            for c in 0..<k { gradient[c] += h * work[c] }
        }
        for c in 0..<k { z[c] = gradient[c] }
        return loss
    }

    /// s·Cov(softmax(z/T)) + h·Cov(softmax(z)): the T² of the soft term cancels the 1/T²
    /// of its second derivative. At T → ∞ the soft part is s·(I − 11ᵀ/K)/K.
    @inline(__always)
    func curvature(row: Int, z: UnsafeMutablePointer<Double>, count k: Int, scratch: UnsafeMutablePointer<Double>,
                   into a: UnsafeMutablePointer<Double>) {
        let s = softWeights[row], h = hardWeights[row]
        for t in 0..<(k * (k + 1) / 2) { a[t] = 0 }
        if s > 0 && temperature.isUniform {
            var t = 0
            for r in 0..<k {
                for c in r..<k {
                    a[t] += s * ((r == c ? 1 : 0) - 1 / Double(k)) / Double(k)
                    t += 1
                }
            }
        } else if s > 0 {
            for c in 0..<k { scratch[c] = z[c] / temperature.value }
            softmaxInPlace(scratch, count: k)
            packCovariance(of: scratch, count: k, weight: s, into: a, adding: true)
        }
        if h > 0 {
            softmaxInPlace(z, count: k)
            packCovariance(of: z, count: k, weight: h, into: a, adding: true)
        }
    }
}

/// w·(diag(p) − ppᵀ), the upper triangle packed row by row, written or added into `a`.
@inline(__always)
func packCovariance(of p: UnsafeMutablePointer<Double>, count k: Int, weight: Double,
                    into a: UnsafeMutablePointer<Double>, adding: Bool) {
    var t = 0
    for r in 0..<k {
        for c in r..<k {
            let value = weight * ((r == c ? p[r] : 0) - p[r] * p[c])
            a[t] = adding ? a[t] + value : value
            t += 1
        }
    }
}
