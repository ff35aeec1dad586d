import LogitFiles

// The checks of one call of a logits or labels reader: a result that is well formed
// and no larger than its input, or a `LogitFileError` of one line naming the file.
// `what` names the call in a failure; it is only built then.

/// A logits reader's result: rows × columns values, each finite (or -inf where masked
/// classes are allowed), no more values than input bytes, one label per row.
func checkLogits(
    _ input: UnsafeRawBufferPointer, _ what: @autoclosure () -> String, _ read: () throws(LogitFileError) -> LogitFile
) {
    do {
        let file = try read()
        let m = file.logits
        FuzzChecks.require(m.rows > 0 && m.columns > 0 && m.values.count == m.rows * m.columns,
                           "\(what()): a \(m.rows) x \(m.columns) matrix of \(m.values.count) values")
        FuzzChecks.require(m.values.count <= input.count, "\(what()): \(m.values.count) values from \(input.count) bytes")
        FuzzChecks.require(m.values.allSatisfy { $0.isFinite || $0 == -.infinity }, "\(what()): a NaN or +inf logit")
        if let labels = file.labels {
            FuzzChecks.require(labels.count == m.rows, "\(what()): \(labels.count) labels for \(m.rows) rows")
        }
        _ = m.looksLikeProbabilities()
    } catch {
        FuzzChecks.checkMessage(error.description, what())
    }
}

/// The logits lent in place: every value is read, as calibration reads them, and the
/// conversion of probabilities to their logs either succeeds or refuses in one line.
func checkView(
    _ input: UnsafeRawBufferPointer, _ what: String,
    _ lend: ((LogitSource) -> Void) throws(LogitFileError) -> Void
) {
    do throws(LogitFileError) {
        try lend { source in
            let view = source.logits
            FuzzChecks.require(view.rows > 0 && view.columns > 0, "\(what): a \(view.rows) x \(view.columns) view")
            FuzzChecks.require(view.rows * view.columns <= input.count,
                               "\(what): \(view.rows) x \(view.columns) values from \(input.count) bytes")
            var sum = 0.0
            for row in 0..<view.rows {
                for column in 0..<view.columns { sum += view.value(row: row, column: column) }
            }
            FuzzChecks.require(!sum.isNaN && sum != .infinity, "\(what): a NaN or +inf logit was lent")
            FuzzChecks.require(view.firstNonFinite(allowingMaskedClasses: true) == nil, "\(what): a refused value was lent")
            _ = view.looksLikeProbabilities()
            do throws(LogitFileError) {
                let logs = try view.logProbabilities(file: source.file)
                FuzzChecks.require(logs.count == view.rows * view.columns, "\(what): \(logs.count) logs")
            } catch {
                FuzzChecks.checkMessage(error.description, what + " as probabilities")
            }
        }
    } catch {
        FuzzChecks.checkMessage(error.description, what)
    }
}

/// A labels reader's result: at least one label, no more than input bytes; then the
/// checks calibration makes of them, which refuse in one line too.
func checkLabels(
    _ input: UnsafeRawBufferPointer, _ what: @autoclosure () -> String, _ read: () throws(LogitFileError) -> LabelList
) {
    do {
        let labels = try read()
        FuzzChecks.require(labels.count > 0 && labels.count <= input.count, "\(what()): \(labels.count) labels")
        do {
            try LogitFiles.validate(labels, classCount: 10)
        } catch {
            FuzzChecks.checkMessage(error.description, what() + " out of range")
        }
    } catch {
        FuzzChecks.checkMessage(error.description, what())
    }
}
