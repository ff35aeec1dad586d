/// The last step of reading logits from a .npy: a label column taken out, if one was
/// asked for, and every logit checked to be finite.
enum NpyLabelColumn {
    static func split(_ matrix: LogitMatrix, labelColumn: Int?, file: String,
                      allowingMaskedClasses: Bool = false) throws(LogitFileError) -> LogitFile {
        guard let labelColumn else {
            try checkFinite(matrix, file: file, allowingMaskedClasses: allowingMaskedClasses) { $0 }
            return LogitFile(logits: matrix, file: file)
        }
        let index = labelColumn < 0 ? matrix.columns + labelColumn : labelColumn
        guard index >= 0, index < matrix.columns else {
            throw LogitFileError(file: file, problem: .labelColumnOutOfRange(labelColumn: labelColumn, columns: matrix.columns))
        }
        guard matrix.columns > 1 else { throw LogitFileError(file: file, problem: .noLogitColumns) }
        var labels: [Int] = []
        labels.reserveCapacity(matrix.rows)
        var values: [Double] = []
        values.reserveCapacity(matrix.rows * (matrix.columns - 1))
        for i in 0..<matrix.rows {
            let value = matrix[i, index]
            guard let label = ByteNumbers.label(value) else {
                throw LogitFileError(file: file, location: .row(i + 1, column: index + 1),
                                     problem: .notAnInteger(text: String(describing: value)))
            }
            labels.append(label)
            values.append(contentsOf: matrix.row(i)[..<(i * matrix.columns + index)])
            values.append(contentsOf: matrix.row(i)[(i * matrix.columns + index + 1)...])
        }
        let logits = LogitMatrix(rows: matrix.rows, columns: matrix.columns - 1, values: values)
        // Columns after the label column sit one further right in the file.
        try checkFinite(logits, file: file, allowingMaskedClasses: allowingMaskedClasses) { $0 < index ? $0 : $0 + 1 }
        return LogitFile(logits: logits, labels: LabelList(values: labels, file: file, column: index + 1), file: file)
    }

    /// Refuses the first NaN or infinity, at its row and its column in the file.
    private static func checkFinite(
        _ matrix: LogitMatrix, file: String, allowingMaskedClasses: Bool, fileColumn: (Int) -> Int
    ) throws(LogitFileError) {
        let refused = { (value: Double) in !value.isFinite && !(allowingMaskedClasses && value == -.infinity) }
        guard let k = matrix.values.firstIndex(where: refused) else { return }
        let value = matrix.values[k]
        throw LogitFileError(
            file: file,
            location: .row(k / matrix.columns + 1, column: fileColumn(k % matrix.columns) + 1),
            problem: .notFinite(text: value.isNaN ? "nan" : value < 0 ? "-inf" : "inf"))
    }
}
