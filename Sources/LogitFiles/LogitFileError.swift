/// Why a file of logits or labels was refused: which file, where in it, and what is wrong.
///
/// `description` is always one line, so that a command-line tool can print it after
/// "error: " as it is. Text taken from the file (a cell, a dtype) is shortened and its
/// control characters escaped, so a hostile file cannot break the line or the terminal.
public struct LogitFileError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file as the caller named it ("standard input" for `-`).
    public var file: String
    public var location: Location
    public var problem: Problem

    public init(file: String, location: Location = .wholeFile, problem: Problem) {
        self.file = file
        self.location = location
        self.problem = problem
    }

    /// Where the problem is. Numbers are 1-based, as people count.
    public enum Location: Equatable, Sendable {
        case wholeFile
        /// A line of a text file (counting a header line and blank lines), and a column
        /// where one applies.
        case line(Int, column: Int?)
        /// An element of a .npy array (or a label by its position): row, and column where
        /// one applies.
        case row(Int, column: Int?)
        /// An item of a JSON array.
        case item(Int)
    }

    public enum Problem: Equatable, Sendable {
        /// The file could not be opened or read; `reason` is the system's word for it.
        case cannotRead(reason: String)
        /// No bytes, or nothing but a byte-order mark and blank lines.
        case empty
        /// A header line and nothing after it.
        case headerWithoutRows
        /// A blank line with rows after it (only trailing lines may be blank).
        case blankLine
        case notANumber(text: String)
        /// A cell or element that is NaN or infinite (`text` as written, or as numpy names it).
        case notFinite(text: String)
        /// A value outside [0, 1] in a file said to hold probabilities.
        case notAProbability(text: String)
        /// A row with `columns` cells where the first row (at `firstRowLine`) has `expected`.
        case raggedRow(columns: Int, expected: Int, firstRowLine: Int)
        case notAnInteger(text: String)
        /// A .npy label too large for `Int` (only an unsigned 64-bit one can be).
        case labelTooLarge(text: String)
        case labelOutOfRange(label: Int, classCount: Int)
        case labelCountMismatch(labels: Int, rows: Int, logitsFile: String)
        /// `labelColumn` as the caller gave it (0-based, negative from the end).
        case labelColumnOutOfRange(labelColumn: Int, columns: Int)
        /// The label column was the only column, so no logits are left.
        case noLogitColumns
        case malformedHeader(reason: String)
        case unsupportedDtype(descr: String, supported: [String])
        case unsupportedShape(shape: [Int], reason: String)
        /// The header's shape needs `needed` bytes of data (nil: more than an Int can count)
        /// but only `available` follow the header.
        case truncatedData(shape: [Int], descr: String, needed: Int?, available: Int)
        /// More bytes follow the header than its shape accounts for.
        case extraData(shape: [Int], descr: String, needed: Int, available: Int)
        /// A file of logits as JSON that is not an array of numbers.
        case malformedJSONArray(reason: String)
    }

    public var description: String {
        var text = Self.printable(file, limit: 200) + ": "
        switch location {
        case .wholeFile: break
        case .line(let line, let column):
            text += "line \(line)" + (column.map { ", column \($0)" } ?? "") + ": "
        case .row(let row, let column):
            text += "row \(row)" + (column.map { ", column \($0)" } ?? "") + ": "
        case .item(let item):
            text += "item \(item): "
        }
        return text + problem.description
    }

    /// `text` with control characters (and the other line breakers) escaped, cut to `limit`
    /// characters, so that it prints on one line and cannot move the cursor.
    static func printable(_ text: String, limit: Int = 40) -> String {
        var out = ""
        var count = 0
        for scalar in text.unicodeScalars {
            if count == limit {
                out += "…"
                break
            }
            count += 1
            switch scalar.value {
            case 0x00..<0x20, 0x7F...0x9F, 0x2028, 0x2029:
                out += "\\u{" + String(scalar.value, radix: 16) + "}"
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

extension LogitFileError.Problem: CustomStringConvertible {
    public var description: String {
        let quote = { (text: String) in "'" + LogitFileError.printable(text) + "'" }
        switch self {
        case .cannotRead(let reason):
            return "cannot read: " + LogitFileError.printable(reason, limit: 200)
        case .empty:
            return "the file is empty"
        case .headerWithoutRows:
            return "a header line but no rows"
        case .blankLine:
            return "blank line between rows; only trailing lines may be blank"
        case .notANumber(let text):
            return text.isEmpty ? "empty cell; expected a number" : "\(quote(text)) is not a number"
        case .notFinite(let text):
            return "\(quote(text)) is not a finite number; logits must be finite"
        case .notAProbability(let text):
            return "\(quote(text)) is not a probability (outside [0, 1])"
        case .raggedRow(let columns, let expected, let firstRowLine):
            return "ragged row: \(columns) column\(columns == 1 ? "" : "s") where line \(firstRowLine) has \(expected)"
        case .notAnInteger(let text):
            return "\(quote(text)) is not an integer label"
        case .labelTooLarge(let text):
            return "label \(text) is too large"
        case .labelOutOfRange(let label, let classCount):
            let range = classCount > 0 ? "0 to \(classCount - 1)" : "none"
            return "label \(label) is out of range for \(classCount) class\(classCount == 1 ? "" : "es") (\(range))"
        case .labelCountMismatch(let labels, let rows, let logitsFile):
            return "\(labels) label\(labels == 1 ? "" : "s"), but "
                + "\(LogitFileError.printable(logitsFile, limit: 200)) has \(rows) row\(rows == 1 ? "" : "s")"
        case .labelColumnOutOfRange(let labelColumn, let columns):
            return "label column \(labelColumn) does not exist in \(columns) column\(columns == 1 ? "" : "s")"
                + " (0 is the first, -1 the last)"
        case .noLogitColumns:
            return "the label column is the only column; no logits are left"
        case .malformedHeader(let reason):
            return "malformed .npy header: " + reason
        case .unsupportedDtype(let descr, let supported):
            return "unsupported dtype \(quote(descr)); supported: " + supported.joined(separator: ", ")
        case .unsupportedShape(let shape, let reason):
            return "shape \(Self.shapeText(shape)) is not supported; \(reason)"
        case .truncatedData(let shape, let descr, let needed, let available):
            let need = needed.map { "\($0) bytes" } ?? "more bytes than can be counted"
            return "truncated: shape \(Self.shapeText(shape)) of \(descr) needs \(need) of data,"
                + " but only \(available) follow the header"
        case .extraData(let shape, let descr, let needed, let available):
            return "shape \(Self.shapeText(shape)) of \(descr) needs \(needed) bytes of data,"
                + " but \(available) follow the header"
        case .malformedJSONArray(let reason):
            return "not a JSON array of numbers: " + reason
        }
    }

    /// A shape as Python prints a tuple: (3,) or (3, 4).
    static func shapeText(_ shape: [Int]) -> String {
        shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
    }
}
