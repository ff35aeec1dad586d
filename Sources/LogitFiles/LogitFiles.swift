/// How to read a file of logits or labels.
public enum LogitFileFormat: Equatable, Sendable {
    /// numpy's .npy.
    case npy
    /// Text with cells split at commas, at tabs, or at runs of spaces and tabs.
    case csv, tsv, whitespace
    /// .npy if the bytes start with numpy's magic; else text split at commas if the first
    /// non-blank line has one, at tabs if it has one, else at whitespace.
    case automatic

    /// The format a file's name implies: .npy, .csv and .tsv by their extensions (in any
    /// case), anything else (.txt, standard input) by its contents.
    public init(path: String) {
        let name = path.split(separator: "/").last ?? Substring(path)
        let dot = name.lastIndex(of: ".")
        let suffix = dot.map { name[name.index(after: $0)...].lowercased() }
        switch dot == name.startIndex ? nil : suffix {
        case "npy": self = .npy
        case "csv": self = .csv
        case "tsv": self = .tsv
        default: self = .automatic
        }
    }
}

/// Pure readers of untrusted files of logits and labels, for calibration.
///
/// Every reader returns a value or throws a `LogitFileError` whose description is one
/// line naming the file and, where one applies, the line (text) or row (.npy) and column.
/// No input makes them trap, read past the end of the bytes, or allocate more than a
/// small multiple of the input's size.
public enum LogitFiles {
    /// The path that means standard input.
    public static let standardInputPath = "-"
    /// What messages call standard input.
    public static let standardInputName = "standard input"

    /// Reads logits from the file at `path`, or from `standardInput()` when `path` is "-".
    /// A regular file is memory-mapped, not copied.
    ///
    /// - Parameters:
    ///   - labelColumn: a column to take out as integer labels: 0-based, negative
    ///     counting from the end (-1 is the last); nil for none.
    ///   - allowingMaskedClasses: whether -inf is taken as a logit (a masked class, of
    ///     probability 0 at every temperature); +inf and NaN are refused either way.
    public static func readLogits(
        path: String,
        labelColumn: Int? = nil,
        allowingMaskedClasses: Bool = false,
        standardInput: () -> [UInt8] = { [] }
    ) throws(LogitFileError) -> LogitFile {
        if path == standardInputPath {
            return try readLogits(bytes: standardInput(), file: standardInputName, labelColumn: labelColumn,
                                  allowingMaskedClasses: allowingMaskedClasses)
        }
        let format = LogitFileFormat(path: path)
        return try FileBytes.withContents(ofPath: path) { bytes throws(LogitFileError) in
            try readLogits(buffer: bytes, file: path, format: format, labelColumn: labelColumn,
                           allowingMaskedClasses: allowingMaskedClasses)
        }
    }

    /// Reads logits from bytes already in memory; `file` names them in messages.
    public static func readLogits(
        bytes: [UInt8],
        file: String,
        format: LogitFileFormat = .automatic,
        labelColumn: Int? = nil,
        allowingMaskedClasses: Bool = false
    ) throws(LogitFileError) -> LogitFile {
        try FileBytes.withBytes(bytes) { buffer throws(LogitFileError) in
            try readLogits(buffer: buffer, file: file, format: format, labelColumn: labelColumn,
                           allowingMaskedClasses: allowingMaskedClasses)
        }
    }

    /// Reads logits from bytes that the caller keeps alive for the call.
    public static func readLogits(
        buffer: UnsafeRawBufferPointer,
        file: String,
        format: LogitFileFormat = .automatic,
        labelColumn: Int? = nil,
        allowingMaskedClasses: Bool = false
    ) throws(LogitFileError) -> LogitFile {
        if format == .npy || (format == .automatic && NpyHeader.hasMagic(buffer)) {
            let matrix = try NpyReader.readLogits(buffer, file: file)
            return try NpyLabelColumn.split(matrix, labelColumn: labelColumn, file: file,
                                            allowingMaskedClasses: allowingMaskedClasses)
        }
        var reader = TextReader(bytes: buffer, file: file, delimiter: delimiter(format, buffer), labelColumn: labelColumn)
        reader.allowingMaskedClasses = allowingMaskedClasses
        let table = try reader.read()
        var names = table.header
        var labelName: String?
        if let index = table.labelIndex, names != nil { labelName = names?.remove(at: index) }
        return LogitFile(
            logits: LogitMatrix(rows: table.rows, columns: table.columns, values: table.values),
            labels: table.labelIndex.map {
                LabelList(values: table.labels, file: file, firstLine: table.firstRowLine, column: $0 + 1)
            },
            columnNames: names,
            labelColumnName: labelName,
            file: file
        )
    }

    /// Reads integer labels from the file at `path` (a 1-D .npy of integers, or text with
    /// one per line and perhaps a header line), or from `standardInput()` when `path` is "-".
    public static func readLabels(
        path: String,
        standardInput: () -> [UInt8] = { [] }
    ) throws(LogitFileError) -> LabelList {
        if path == standardInputPath {
            return try readLabels(bytes: standardInput(), file: standardInputName)
        }
        let format = LogitFileFormat(path: path)
        return try FileBytes.withContents(ofPath: path) { bytes throws(LogitFileError) in
            try readLabels(buffer: bytes, file: path, format: format)
        }
    }

    /// Reads integer labels from bytes already in memory; `file` names them in messages.
    public static func readLabels(
        bytes: [UInt8],
        file: String,
        format: LogitFileFormat = .automatic
    ) throws(LogitFileError) -> LabelList {
        try FileBytes.withBytes(bytes) { buffer throws(LogitFileError) in
            try readLabels(buffer: buffer, file: file, format: format)
        }
    }

    /// Reads integer labels from bytes that the caller keeps alive for the call. Any text
    /// format means one label per line.
    public static func readLabels(
        buffer: UnsafeRawBufferPointer,
        file: String,
        format: LogitFileFormat = .automatic
    ) throws(LogitFileError) -> LabelList {
        if format == .npy || (format == .automatic && NpyHeader.hasMagic(buffer)) {
            return try NpyReader.readLabels(buffer, file: file)
        }
        let table = try TextReader(bytes: buffer, file: file, delimiter: .wholeLine, labelColumn: 0).read()
        return LabelList(values: table.labels, file: file, firstLine: table.firstRowLine)
    }

    /// Refuses the first label outside [0, classCount), naming where it is in its file.
    public static func validate(_ labels: LabelList, classCount: Int) throws(LogitFileError) {
        guard let index = labels.values.firstIndex(where: { $0 < 0 || $0 >= classCount }) else { return }
        throw LogitFileError(file: labels.file, location: labels.location(of: index),
                             problem: .labelOutOfRange(label: labels.values[index], classCount: classCount))
    }

    /// Refuses labels whose count differs from the logits' rows.
    public static func checkCount(of labels: LabelList, matches logits: LogitFile) throws(LogitFileError) {
        guard labels.count != logits.logits.rows else { return }
        throw LogitFileError(file: labels.file, problem: .labelCountMismatch(
            labels: labels.count, rows: logits.logits.rows, logitsFile: logits.file))
    }

    private static func delimiter(_ format: LogitFileFormat, _ bytes: UnsafeRawBufferPointer) -> TextDelimiter {
        switch format {
        case .csv: return .comma
        case .tsv: return .tab
        case .whitespace: return .whitespace
        case .npy, .automatic: return TextDelimiter.guess(bytes)
        }
    }
}
