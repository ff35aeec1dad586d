#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Logits read where they lie: the floats or doubles of a memory-mapped .npy, or the
/// doubles a text file was parsed into. Valid only inside the call that lends it.
///
/// A 50,000 × 1,000 float32 .npy is 200 MB; converting it to doubles would take 400 MB
/// more, so calibration reads the mapped file itself, in its own precision and order.
public struct LogitView: @unchecked Sendable {
    public enum Element: Sendable, Equatable {
        case float32, float64
    }

    public let rows: Int
    public let columns: Int
    public let element: Element
    /// The first element; aligned for `element`.
    public let base: UnsafeRawPointer
    /// Elements from one row to the next, and from one column to the next.
    public let rowStride: Int
    public let columnStride: Int

    /// A view of row-major doubles, which must outlive its use.
    public init(doubles: UnsafeBufferPointer<Double>, rows: Int, columns: Int) {
        precondition(rows >= 0 && columns >= 0 && doubles.count == rows * columns, "one double per logit")
        // An empty buffer may have no address; nothing is ever read from it then.
        self.init(base: UnsafeRawPointer(doubles.baseAddress ?? UnsafePointer(bitPattern: 8)!),
                  element: .float64, rows: rows, columns: columns, rowStride: columns, columnStride: 1)
    }

    init(base: UnsafeRawPointer, element: Element, rows: Int, columns: Int, rowStride: Int, columnStride: Int) {
        self.base = base
        self.element = element
        self.rows = rows
        self.columns = columns
        self.rowStride = rowStride
        self.columnStride = columnStride
    }

    /// The logit of example `row`, class `column`.
    @inline(__always)
    public func value(row: Int, column: Int) -> Double {
        let index = row * rowStride + column * columnStride
        switch element {
        case .float32: return Double(base.assumingMemoryBound(to: Float.self)[index])
        case .float64: return base.assumingMemoryBound(to: Double.self)[index]
        }
    }

    /// The address of example `row`'s first logit.
    @inline(__always)
    public func rowStart(_ row: Int) -> UnsafeRawPointer {
        base + row * rowStride * (element == .float32 ? 4 : 8)
    }

    /// The first value that is NaN or infinite (or only NaN or +inf, when -inf is a
    /// masked class), in the order the file stores them.
    public func firstNonFinite(allowingMaskedClasses: Bool = false) -> (row: Int, column: Int, value: Double)? {
        // Scanned in storage order, the quick way over a large mapped file; only a hit
        // is then placed by row and column.
        func scan<F: BinaryFloatingPoint>(_: F.Type) -> Int? {
            let all = UnsafeBufferPointer(start: base.assumingMemoryBound(to: F.self), count: rows * columns)
            var allFinite = true
            for value in all { allFinite = allFinite && value.isFinite }
            if allFinite { return nil }
            return all.firstIndex { !$0.isFinite && !(allowingMaskedClasses && $0 == -.infinity) }
        }
        guard rows > 0, columns > 0, let index = element == .float32 ? scan(Float.self) : scan(Double.self) else {
            return nil
        }
        let (row, column) = rowStride == 1 ? (index % rows, index / rows) : (index / columns, index % columns)
        return (row, column, value(row: row, column: column))
    }
}

extension LogitView {
    /// Whether every row looks like probabilities rather than logits: every value in
    /// [0, 1] and each row summing to 1 within `tolerance` (by default 1e-6 for doubles,
    /// and for floats 1e-6 plus the float rounding of a sum of `columns` values).
    public func looksLikeProbabilities(tolerance: Double? = nil) -> Bool {
        guard rows > 0, columns > 0 else { return false }
        let tolerance = tolerance ?? (element == .float64 ? 1e-6 : 1e-6 + Double(columns) * 0x1p-23)
        for row in 0..<rows {
            var sum = 0.0
            for column in 0..<columns {
                let value = value(row: row, column: column)
                // Also false for NaN.
                guard value >= 0 && value <= 1 else { return false }
                sum += value
            }
            guard abs(sum - 1) <= tolerance else { return false }
        }
        return true
    }

    /// ln p of each value, row-major, for a file of probabilities: ln 0 is −∞, a class
    /// with probability 0 at every temperature. Refuses the first value outside [0, 1].
    public func logProbabilities(file: String) throws(LogitFileError) -> [Double] {
        var logs = [Double](repeating: 0, count: rows * columns)
        for row in 0..<rows {
            for column in 0..<columns {
                let p = value(row: row, column: column)
                guard p >= 0 && p <= 1 else {
                    throw LogitFileError(file: file, location: .row(row + 1, column: column + 1),
                                         problem: .notAProbability(text: String(describing: p)))
                }
                logs[row * columns + column] = log(p)
            }
        }
        return logs
    }
}

/// What `LogitFiles.withLogitView` lends: the logits in place, and what else was read.
public struct LogitSource {
    public var logits: LogitView
    /// The labels taken out of `labelColumn`, when one was asked for.
    public var labels: LabelList?
    /// The file, as named in messages.
    public var file: String
}

extension LogitFiles {
    /// Lends the logits of the file at `path` (or of `standardInput()` for "-") without
    /// copying them where that can be done: a little-endian float32 or float64 .npy with
    /// no label column is read through its memory map in C or Fortran order. Anything
    /// else is read by `readLogits` and lent from the doubles it returns. Every logit is
    /// checked to be finite before `body` sees it.
    public static func withLogitView<R>(
        path: String,
        labelColumn: Int? = nil,
        allowingMaskedClasses: Bool = false,
        standardInput: () -> [UInt8] = { [] },
        _ body: (LogitSource) -> R
    ) throws(LogitFileError) -> R {
        if path == standardInputPath {
            let file = try readLogits(path: path, labelColumn: labelColumn, allowingMaskedClasses: allowingMaskedClasses,
                                      standardInput: standardInput)
            return lent(file, body)
        }
        return try FileBytes.withContents(ofPath: path) { bytes throws(LogitFileError) -> R in
            try withLogitView(buffer: bytes, file: path, format: LogitFileFormat(path: path), labelColumn: labelColumn,
                              allowingMaskedClasses: allowingMaskedClasses, body)
        }
    }

    /// `withLogitView` over bytes that the caller keeps alive for the call; `file` names
    /// them in messages.
    public static func withLogitView<R>(
        buffer: UnsafeRawBufferPointer,
        file: String,
        format: LogitFileFormat = .automatic,
        labelColumn: Int? = nil,
        allowingMaskedClasses: Bool = false,
        _ body: (LogitSource) -> R
    ) throws(LogitFileError) -> R {
        let isNpy = format == .npy || (format == .automatic && NpyHeader.hasMagic(buffer))
        if isNpy, labelColumn == nil, let view = try mappedView(buffer, file: file) {
            if let bad = view.firstNonFinite(allowingMaskedClasses: allowingMaskedClasses) {
                throw LogitFileError(
                    file: file, location: .row(bad.row + 1, column: bad.column + 1),
                    problem: .notFinite(text: bad.value.isNaN ? "nan" : bad.value < 0 ? "-inf" : "inf"))
            }
            return body(LogitSource(logits: view, labels: nil, file: file))
        }
        return lent(try readLogits(buffer: buffer, file: file, format: format, labelColumn: labelColumn,
                                   allowingMaskedClasses: allowingMaskedClasses), body)
    }

    /// Lends the doubles a reader returned.
    private static func lent<R>(_ file: LogitFile, _ body: (LogitSource) -> R) -> R {
        file.logits.values.withUnsafeBufferPointer { values in
            body(LogitSource(
                logits: LogitView(doubles: values, rows: file.logits.rows, columns: file.logits.columns),
                labels: file.labels, file: file.file))
        }
    }

    /// A view straight onto a .npy's data, or nil when its elements need converting
    /// first (big-endian, or not aligned for their type).
    private static func mappedView(_ bytes: UnsafeRawBufferPointer, file: String) throws(LogitFileError) -> LogitView? {
        let layout = try NpyReader.logitLayout(bytes, file: file)
        guard layout.dtype.bigEndian == (1.bigEndian == 1), let base = layout.data.baseAddress,
              Int(bitPattern: base) % layout.dtype.size == 0 else { return nil }
        let (rows, columns) = (layout.rows, layout.columns)
        let element: LogitView.Element = layout.dtype.size == 4 ? .float32 : .float64
        // A Fortran-order array is stored column by column.
        return layout.fortranOrder
            ? LogitView(base: base, element: element, rows: rows, columns: columns, rowStride: 1, columnStride: rows)
            : LogitView(base: base, element: element, rows: rows, columns: columns, rowStride: columns, columnStride: 1)
    }
}
