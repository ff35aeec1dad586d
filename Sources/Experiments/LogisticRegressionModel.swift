#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A multinomial logistic regression: logit_k(x) = Σ_j x_j · W[j, k] + b_k.
public struct LogisticRegressionModel: Sendable, Equatable {
    public let featureCount: Int
    public let classCount: Int
    /// `featureCount × classCount`, row-major: the weight of feature j for class k is
    /// `weights[j * classCount + k]`.
    public let weights: [Double]
    /// One per class; not penalised in training.
    public let intercepts: [Double]

    public init(featureCount: Int, classCount: Int, weights: [Double], intercepts: [Double]) {
        precondition(featureCount > 0 && classCount >= 2, "a model needs features and at least 2 classes")
        precondition(weights.count == featureCount * classCount, "weights must hold featureCount * classCount numbers")
        precondition(intercepts.count == classCount, "intercepts must hold one number per class")
        self.featureCount = featureCount
        self.classCount = classCount
        self.weights = weights
        self.intercepts = intercepts
    }

    /// All weights and intercepts zero: every class equally likely, the usual cold start.
    public static func zero(featureCount: Int, classCount: Int) -> LogisticRegressionModel {
        LogisticRegressionModel(
            featureCount: featureCount, classCount: classCount,
            weights: Array(repeating: 0, count: featureCount * classCount),
            intercepts: Array(repeating: 0, count: classCount))
    }

    /// The parameters as the trainer lays them out: the weights, then the intercepts.
    var parameters: [Double] { weights + intercepts }

    init(featureCount: Int, classCount: Int, parameters: [Double]) {
        let split = featureCount * classCount
        self.init(
            featureCount: featureCount, classCount: classCount,
            weights: Array(parameters[..<split]), intercepts: Array(parameters[split...]))
    }

    /// `inputs.rowCount × classCount` logits, row-major.
    public func logits(for inputs: FeatureMatrix) -> [Double] {
        precondition(inputs.columnCount == featureCount, "inputs must have one column per feature")
        let k = classCount
        var logits = [Double](repeating: 0, count: inputs.rowCount * k)
        logits.withUnsafeMutableBufferPointer { z in
            inputs.values.withUnsafeBufferPointer { x in
                weights.withUnsafeBufferPointer { w in
                    for row in 0..<inputs.rowCount {
                        let out = z.baseAddress! + row * k
                        for c in 0..<k { out[c] = intercepts[c] }
                        for j in 0..<featureCount {
                            let value = x[row * featureCount + j]
                            if value == 0 { continue }
                            let wj = w.baseAddress! + j * k
                            for c in 0..<k { out[c] += value * wj[c] }
                        }
                    }
                }
            }
        }
        return logits
    }

    /// The logits of one example.
    public func logits(for features: [Double]) -> [Double] {
        logits(for: FeatureMatrix(rowCount: 1, columnCount: featureCount, values: features))
    }

    /// `inputs.rowCount × classCount` class probabilities (softmax of the logits), row-major.
    public func probabilities(for inputs: FeatureMatrix) -> [Double] {
        var values = logits(for: inputs)
        let k = classCount
        values.withUnsafeMutableBufferPointer { z in
            for row in 0..<inputs.rowCount {
                softmaxInPlace(z.baseAddress! + row * k, count: k)
            }
        }
        return values
    }
}

/// Replaces `count` logits by their softmax and returns their log-sum-exp, subtracting
/// the maximum first so that no exp overflows.
@inline(__always) @discardableResult
func softmaxInPlace(_ z: UnsafeMutablePointer<Double>, count: Int) -> Double {
    var largest = z[0]
    for c in 1..<count where z[c] > largest { largest = z[c] }
    var sum = 0.0
    for c in 0..<count {
        let e = exp(z[c] - largest)
        z[c] = e
        sum += e
    }
    let scale = 1 / sum
    for c in 0..<count { z[c] *= scale }
    return largest + log(sum)
}

/// Replaces `count` logits by their softmax and returns the cross-entropy of `label`,
/// ln Σ_k e^(z_k) − z_label, as (max − z_label) + log1p(Σ_{k ≠ top} e^(z_k − max)): for a
/// confident right prediction the loss is tiny, and this keeps its relative precision
/// (ln of a sum just above 1 would round it away), so the training objective's
/// rounding stays far below the decreases Newton's last steps make.
@inline(__always)
func softmaxCrossEntropyInPlace(_ z: UnsafeMutablePointer<Double>, count: Int, label: Int) -> Double {
    var top = 0
    for c in 1..<count where z[c] > z[top] { top = c }
    let largest = z[top]
    let labelGap = largest - z[label]
    var others = 0.0
    for c in 0..<count {
        let e = c == top ? 1 : exp(z[c] - largest)
        z[c] = e
        if c != top { others += e }
    }
    let scale = 1 / (1 + others)
    for c in 0..<count { z[c] *= scale }
    return labelGap + log1p(others)
}

