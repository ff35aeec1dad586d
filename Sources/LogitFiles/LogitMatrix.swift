/// Logits for `rows` examples of `columns` classes, row-major: example i's logits are
/// `values[i * columns ..< (i + 1) * columns]`.
public struct LogitMatrix: Equatable, Sendable {
    public let rows: Int
    public let columns: Int
    public let values: [Double]

    /// `values.count` must be `rows * columns`; the readers guarantee it.
    public init(rows: Int, columns: Int, values: [Double]) {
        precondition(rows >= 0 && columns >= 0 && values.count == rows * columns,
                     "LogitMatrix: \(values.count) values for \(rows) x \(columns)")
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    /// Example i's logits, without a copy.
    public func row(_ i: Int) -> ArraySlice<Double> {
        values[i * columns ..< (i + 1) * columns]
    }

    public subscript(row: Int, column: Int) -> Double {
        values[row * columns + column]
    }

    /// Whether every row looks like probabilities rather than logits: every value in
    /// [0, 1] and each row summing to 1 within `tolerance`. A CLI can warn when a user
    /// seems to have passed softmax outputs where logits belong.
    public func looksLikeProbabilities(tolerance: Double = 1e-6) -> Bool {
        values.withUnsafeBufferPointer {
            LogitView(doubles: $0, rows: rows, columns: columns).looksLikeProbabilities(tolerance: tolerance)
        }
    }
}

/// Integer labels, one per example, with where they came from so that a label refused
/// later (out of range for the class count) can be placed in its file.
public struct LabelList: Equatable, Sendable {
    public var values: [Int]
    /// The file, as named in messages.
    public var file: String
    /// For labels read from text: the line that holds the first label (the others follow
    /// on consecutive lines). Nil for .npy, where messages give the row.
    public var firstLine: Int?
    /// For labels taken out of a column of a logits file: that column, 1-based.
    public var column: Int?

    public init(values: [Int], file: String, firstLine: Int? = nil, column: Int? = nil) {
        self.values = values
        self.file = file
        self.firstLine = firstLine
        self.column = column
    }

    public var count: Int { values.count }

    /// Where label `index` (0-based) is, for a message.
    func location(of index: Int) -> LogitFileError.Location {
        if let firstLine { return .line(firstLine + index, column: column) }
        return .row(index + 1, column: column)
    }
}

/// What a logits reader returns.
public struct LogitFile: Equatable, Sendable {
    public var logits: LogitMatrix
    /// The labels from `labelColumn`, when one was asked for.
    public var labels: LabelList?
    /// The header's names of the logit columns, when a text file had a header line.
    public var columnNames: [String]?
    /// The header's name of the label column, when there was a header and a label column.
    public var labelColumnName: String?
    /// The file, as named in messages.
    public var file: String
}
