/// The training set of a multinomial logistic regression and scikit-learn's objective
/// on it, for a given C:
///
///     f(W, b) = ½‖W‖² + C · Σ_i [logsumexp(z_i) − z_i,y_i],   z_i = x_i W + b,
///
/// with the intercepts b unpenalised; or, for a student in distillation, the same
/// objective with each example's cross-entropy replaced by the loss of
/// `DistillationTargets`. The inputs are kept as the nonzero entries of each row (half
/// the digits' pixels are 0), which halves the work of every pass.
public struct LogisticRegressionProblem: Sendable {
    public let featureCount: Int
    public let classCount: Int
    public let labels: [Int]
    /// Compressed rows: row i's nonzero features are `columns[rowStarts[i]..<rowStarts[i+1]]`
    /// with values `values[...]`; the intercept is added as a last column of ones.
    let rowStarts: [Int]
    let columns: [Int]
    let values: [Double]
    /// ℓ_i, the loss of each example as a function of its logits.
    let loss: ExampleLoss

    public var exampleCount: Int { labels.count }
    /// Weights and intercepts: `(featureCount + 1) * classCount`.
    public var parameterCount: Int { (featureCount + 1) * classCount }

    public init(inputs: FeatureMatrix, labels: [Int], classCount: Int) {
        self.init(inputs: inputs, labels: labels, classCount: classCount, loss: .crossEntropy)
    }

    /// A student's problem: `labels` are read only where `targets.hardWeights` is not 0.
    public init(inputs: FeatureMatrix, labels: [Int], distillation targets: DistillationTargets) {
        precondition(targets.count == labels.count, "one row of targets per example")
        self.init(inputs: inputs, labels: labels, classCount: targets.classCount, loss: .distillation(targets))
    }

    private init(inputs: FeatureMatrix, labels: [Int], classCount: Int, loss: ExampleLoss) {
        precondition(inputs.rowCount == labels.count, "one label per row of inputs")
        precondition(classCount >= 2, "at least 2 classes")
        precondition(labels.allSatisfy { (0..<classCount).contains($0) }, "labels must be in 0..<classCount")
        precondition(inputs.values.allSatisfy(\.isFinite), "inputs must be finite")
        featureCount = inputs.columnCount
        self.classCount = classCount
        self.labels = labels
        var rowStarts = [0]
        var columns: [Int] = []
        var values: [Double] = []
        for row in 0..<inputs.rowCount {
            for column in 0..<inputs.columnCount where inputs[row, column] != 0 {
                columns.append(column)
                values.append(inputs[row, column])
            }
            columns.append(inputs.columnCount)  // the intercept's column
            values.append(1)
            rowStarts.append(columns.count)
        }
        self.rowStarts = rowStarts
        self.columns = columns
        self.values = values
        self.loss = loss
    }

    /// f at `parameters` (the weights, then the intercepts), and its gradient into `gradient`.
    func evaluate(
        _ parameters: UnsafeBufferPointer<Double>, inverseRegularization c: Double,
        gradient: UnsafeMutableBufferPointer<Double>
    ) -> Double {
        let k = classCount
        let weightCount = featureCount * k
        // The logits, then the scratch the loss needs.
        var z = [Double](repeating: 0, count: k + loss.scratchCount(classCount: k))
        for index in 0..<gradient.count { gradient[index] = 0 }
        var dataLoss = 0.0
        z.withUnsafeMutableBufferPointer { z in
            let z = z.baseAddress!, scratch = z + k
            let theta = parameters.baseAddress!, g = gradient.baseAddress!
            rowStarts.withUnsafeBufferPointer { starts in
                columns.withUnsafeBufferPointer { cols in
                    values.withUnsafeBufferPointer { vals in
                        for row in 0..<labels.count {
                            let range = starts[row]..<starts[row + 1]
                            for c in 0..<k { z[c] = 0 }
                            for entry in range {
                                let v = vals[entry], w = theta + cols[entry] * k
                                for c in 0..<k { z[c] += v * w[c] }
                            }
                            dataLoss += loss.lossAndGradient(row: row, label: labels[row], z: z, count: k,
                                                             scratch: scratch)
                            for entry in range {
                                let v = vals[entry], out = g + cols[entry] * k
                                for c in 0..<k { out[c] += v * z[c] }
                            }
                        }
                    }
                }
            }
        }
        var penalty = 0.0
        for index in 0..<weightCount {
            let w = parameters[index]
            penalty += w * w
            gradient[index] = c * gradient[index] + w
        }
        for index in weightCount..<gradient.count { gradient[index] *= c }
        return 0.5 * penalty + c * dataLoss
    }

    /// The Hessian of f at `parameters`, upper triangle, for the first `size` parameters
    /// (row-major `size × size`; the lower triangle is left as it was).
    ///
    /// H = I_W + C Σ_i (x̃_i x̃_iᵀ) ⊗ A_i, x̃_i = (x_i, 1), with A_i = ∂²ℓ_i/∂z² (for the
    /// cross-entropy diag(p_i) − p_i p_iᵀ). Each row adds
    /// the same symmetric K×K matrix, scaled by x_a x_b, to the block of every pair of its
    /// nonzero features, so the pairs' K(K+1)/2 sums are gathered first and spread once.
    func hessian(
        _ parameters: UnsafeBufferPointer<Double>, inverseRegularization c: Double,
        size: Int, into hessian: UnsafeMutableBufferPointer<Double>
    ) {
        let k = classCount
        let columnsWithIntercept = featureCount + 1
        let packed = k * (k + 1) / 2
        var sums = [Double](repeating: 0, count: columnsWithIntercept * columnsWithIntercept * packed)
        var p = [Double](repeating: 0, count: k + loss.scratchCount(classCount: k))
        var curvature = [Double](repeating: 0, count: packed)
        sums.withUnsafeMutableBufferPointer { sums in
            p.withUnsafeMutableBufferPointer { p in
                curvature.withUnsafeMutableBufferPointer { a in
                    let p = p.baseAddress!, a = a.baseAddress!, sums = sums.baseAddress!
                    let theta = parameters.baseAddress!
                    rowStarts.withUnsafeBufferPointer { starts in
                        columns.withUnsafeBufferPointer { cols in
                            values.withUnsafeBufferPointer { vals in
                                for row in 0..<labels.count {
                                    let range = starts[row]..<starts[row + 1]
                                    for cl in 0..<k { p[cl] = 0 }
                                    for entry in range {
                                        let v = vals[entry], w = theta + cols[entry] * k
                                        for cl in 0..<k { p[cl] += v * w[cl] }
                                    }
                                    loss.curvature(row: row, z: p, count: k, scratch: p + k, into: a)
                                    for first in range {
                                        let va = vals[first], rowBase = cols[first] * columnsWithIntercept
                                        for second in first..<range.upperBound {
                                            let q = va * vals[second]
                                            let out = sums + (rowBase + cols[second]) * packed
                                            for t in 0..<packed { out[t] += q * a[t] }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        // Spread the pair sums into the blocks; columns are sorted within a row, so
        // only pairs (a ≤ b) were filled.
        sums.withUnsafeBufferPointer { sums in
            for a in 0..<columnsWithIntercept {
                for b in a..<columnsWithIntercept {
                    let sum = sums.baseAddress! + (a * columnsWithIntercept + b) * packed
                    for r in 0..<k {
                        let rowIndex = a * k + r
                        guard rowIndex < size else { continue }
                        for s in (a == b ? r : 0)..<k {
                            let columnIndex = b * k + s
                            guard columnIndex < size else { continue }
                            let t = min(r, s) * k - min(r, s) * (min(r, s) - 1) / 2 + (max(r, s) - min(r, s))
                            hessian[rowIndex * size + columnIndex] = c * sum[t]
                        }
                    }
                }
            }
        }
        for index in 0..<min(featureCount * k, size) { hessian[index * size + index] += 1 }
    }
}
