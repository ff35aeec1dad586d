import SoftmaxKernels

/// Softmax and Shannon entropy of every row of a row-major matrix of logits, for
/// bulk work (a batch of rows, or one very long row) where the per-row scalar
/// `softmax(_:temperature:)` would spend most of its time in `exp`.
///
/// Each row gives the same probabilities as `softmax(row, temperature:)` and the
/// same entropy as `SoftmaxReadout(logits: row, temperature:).entropy`, to within a
/// few ulp (the vectorised exp and a different order of summation). T = 0, T =
/// infinity and any T whose 1/T is not a normal double are handed to the scalar
/// code row by row, so the limits stay exact and nothing is NaN.
///
/// - Parameters:
///   - logits: `rows * columns` finite logits, one row after another.
///   - columns: the number of classes per row, at least 1.
/// - Returns: the probabilities, laid out like `logits`, and one entropy in nats per row.
public func softmaxRows(
    _ logits: [Double], columns: Int, temperature: Temperature = .one
) -> (probabilities: [Double], entropies: [Double]) {
    let rows = rowCount(elements: logits.count, columns: columns)
    var entropies: [Double] = []
    let probabilities = [Double](unsafeUninitializedCapacity: logits.count) { probabilities, initialized in
        entropies = [Double](unsafeUninitializedCapacity: rows) { entropies, entropiesInitialized in
            logits.withUnsafeBufferPointer { logits in
                batchSoftmax(
                    logits, into: probabilities, entropies: entropies,
                    columns: columns, temperature: temperature)
            }
            entropiesInitialized = rows
        }
        initialized = logits.count
    }
    return (probabilities, entropies)
}

/// `softmaxRows` over a buffer that is overwritten with its probabilities, for when
/// the logits are not needed afterwards: no memory beyond the buffer itself.
///
/// - Parameters:
///   - rows: `rowCount * columns` finite logits, replaced by the probabilities.
///   - entropies: if given, receives each row's entropy in nats; it must hold
///     exactly `rows.count / columns` elements.
public func softmaxRowsInPlace(
    _ rows: UnsafeMutableBufferPointer<Double>, columns: Int, temperature: Temperature = .one,
    entropies: UnsafeMutableBufferPointer<Double>? = nil
) {
    let rowCount = rowCount(elements: rows.count, columns: columns)
    if let entropies {
        precondition(entropies.count == rowCount, "entropies must hold one element per row")
    }
    batchSoftmax(
        UnsafeBufferPointer(rows), into: rows, entropies: entropies,
        columns: columns, temperature: temperature)
}

/// Whether the vectorised kernel reproduces the scalar softmax at this temperature.
/// Outside, 1/T overflows or loses precision in the subnormals, and the scalar
/// code's limits (greedy, uniform) are the right answer.
func batchKernelHandles(_ temperature: Temperature) -> Bool {
    let t = temperature.value
    return t.isFinite && t > 0 && (1 / t).isNormal
}

private func rowCount(elements: Int, columns: Int) -> Int {
    precondition(columns > 0, "a row needs at least one column")
    precondition(elements % columns == 0, "the logits must fill whole rows")
    return elements / columns
}

/// `probabilities` is either `logits` itself or a buffer that does not overlap it.
private func batchSoftmax(
    _ logits: UnsafeBufferPointer<Double>, into probabilities: UnsafeMutableBufferPointer<Double>,
    entropies: UnsafeMutableBufferPointer<Double>?, columns: Int, temperature: Temperature
) {
    let rows = logits.count / columns
    guard rows > 0 else { return }
    guard batchKernelHandles(temperature) else {
        for r in 0..<rows {
            let row = Array(logits[r * columns..<(r + 1) * columns])
            let scaled = ScaledLogits(row, temperature: temperature)
            let p = scaled.probabilities
            for (i, value) in p.enumerated() { probabilities[r * columns + i] = value }
            entropies?[r] = shannonEntropy(probabilities: p, logProbabilities: scaled.logProbabilities)
        }
        return
    }
    sk_softmax_rows(
        logits.baseAddress, probabilities.baseAddress, entropies?.baseAddress,
        rows, columns, temperature.value)
}
