#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How the cells of a text line are separated.
enum TextDelimiter: Equatable {
    case comma, tab
    /// Runs of spaces and tabs, with leading and trailing ones ignored.
    case whitespace
    /// The whole line is one cell (a file of labels, one per line).
    case wholeLine

    /// The delimiter for a file of unknown kind, from its first non-blank line: commas if
    /// it has one, else tabs if it has one, else whitespace.
    static func guess(_ bytes: UnsafeRawBufferPointer) -> TextDelimiter {
        var sawTab = false, sawText = false
        for byte in bytes {
            switch byte {
            case UInt8(ascii: ","): return .comma
            case 0x09: sawTab = true
            case 0x0A:
                if sawText { return sawTab ? .tab : .whitespace }
                sawTab = false
            case 0x20, 0x0D: break
            default: sawText = true
            }
        }
        return sawTab ? .tab : .whitespace
    }
}

/// What a text file holds: its rows of numbers, the labels taken out of one column, and
/// the header's names.
struct TextTable {
    var values: [Double] = []
    var rows = 0
    /// Columns of logits, the label column not counted.
    var columns = 0
    var labels: [Int] = []
    /// The label column, 0-based, once known.
    var labelIndex: Int?
    /// Every header cell, the label column's included.
    var header: [String]?
    /// The line of the first row.
    var firstRowLine = 0
}

/// One pass over the bytes of a text file: lines split at LF (a CR before it dropped), a
/// UTF-8 byte-order mark skipped, cells parsed from the bytes in place.
///
/// A first line none of whose cells is a number (and with no control bytes) is a header.
/// Blank lines may only trail. Every row must have as many cells as the first (and as
/// the header).
struct TextReader {
    let bytes: UnsafeRawBufferPointer
    let file: String
    let delimiter: TextDelimiter
    /// As the caller gave it: 0-based, negative from the end, nil for none.
    let labelColumn: Int?
    /// Whether -inf is a logit (a masked class, of probability 0); +inf and NaN never are.
    var allowingMaskedClasses = false

    private func fail(_ line: Int, _ column: Int?, _ problem: LogitFileError.Problem) -> LogitFileError {
        LogitFileError(file: file, location: .line(line, column: column), problem: problem)
    }

    func read() throws(LogitFileError) -> TextTable {
        var table = TextTable()
        let end = bytes.count
        var position = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var line = 0
        var blankLine: Int?
        // Cells per row, the label column's included; known after the first row or header.
        var expected: Int?
        var expectedLine = 0
        while position < end {
            line += 1
            let start = position
            var stop = end
            if let newline = memchr(bytes.baseAddress! + start, 0x0A, end - start) {
                stop = bytes.baseAddress!.distance(to: UnsafeRawPointer(newline))
            }
            position = stop + 1
            if stop > start, bytes[stop - 1] == 0x0D { stop -= 1 }
            if isBlank(start, stop) {
                blankLine = blankLine ?? line
                continue
            }
            if let blankLine { throw fail(blankLine, nil, .blankLine) }
            if let expected {
                if table.rows == 0 { table.firstRowLine = line }
                try readRow(start, stop, line: line, expected: expected, expectedLine: expectedLine, into: &table)
                continue
            }
            // The first non-blank line: a header, or the first row.
            let cells = TextCells(bytes: bytes, start: start, stop: stop, delimiter: delimiter)
            if line == 1, isHeader(cells) {
                let names = cells.map { headerName($0) }
                table.header = names
                expected = names.count
                expectedLine = line
                try resolveLabelColumn(names.count, line: line, into: &table)
                continue
            }
            let count = cells.count
            if let header = table.header, header.count != count {
                throw fail(line, min(header.count, count) + 1,
                           .raggedRow(columns: count, expected: header.count, firstRowLine: 1))
            }
            if table.header == nil { try resolveLabelColumn(count, line: line, into: &table) }
            expected = count
            expectedLine = line
            table.firstRowLine = line
            try readRow(start, stop, line: line, expected: count, expectedLine: line, into: &table)
            reserveRoom(rowBytes: position - start, remaining: end - position, into: &table)
        }
        if expected == nil { throw LogitFileError(file: file, problem: .empty) }
        if table.rows == 0 { throw fail(1, nil, .headerWithoutRows) }
        return table
    }

    /// Room for the rows still to come, guessed from the first row's length, so the arrays
    /// grow once rather than by doubling. Never more than one value per two bytes left
    /// (a digit and a separator), so a short first row cannot reserve much.
    private func reserveRoom(rowBytes: Int, remaining: Int, into table: inout TextTable) {
        let rows = remaining / max(rowBytes, 1) + remaining / max(rowBytes, 1) / 8 + 1
        let cells = table.columns + (table.labelIndex == nil || delimiter == .wholeLine ? 0 : 1)
        let (guess, overflow) = rows.multipliedReportingOverflow(by: max(cells, 1))
        let values = min(overflow ? .max : guess, remaining / 2 + 1)
        table.values.reserveCapacity(table.values.count + (table.columns == 0 ? 0 : values))
        if table.labelIndex != nil { table.labels.reserveCapacity(table.labels.count + min(rows, remaining / 2 + 1)) }
    }

    /// Works out the 0-based label column once the number of cells is known.
    private func resolveLabelColumn(_ cells: Int, line: Int, into table: inout TextTable) throws(LogitFileError) {
        table.columns = cells
        guard let labelColumn else { return }
        let index = labelColumn < 0 ? cells + labelColumn : labelColumn
        guard index >= 0, index < cells else {
            throw fail(line, nil, .labelColumnOutOfRange(labelColumn: labelColumn, columns: cells))
        }
        guard cells > 1 || delimiter == .wholeLine else { throw fail(line, nil, .noLogitColumns) }
        table.labelIndex = index
        table.columns = cells - 1
    }

    /// Parses one row's cells into the table, in place; the hot loop of the reader.
    private func readRow(
        _ start: Int, _ stop: Int, line: Int, expected: Int, expectedLine: Int, into table: inout TextTable
    ) throws(LogitFileError) {
        var column = 0
        var cellStart = start
        while true {
            // Find the cell's end, and where the next cell starts.
            var cellEnd = cellStart
            var next: Int
            switch delimiter {
            case .comma, .tab:
                cellEnd = TextCells.separator(delimiter == .comma ? 0x2C : 0x09, in: bytes, from: cellStart, to: stop)
                next = cellEnd + 1
            case .whitespace:
                while cellStart < stop, ByteNumbers.isBlank(bytes[cellStart]) { cellStart += 1 }
                if cellStart == stop { next = stop + 1; break }
                cellEnd = cellStart
                while cellEnd < stop, !ByteNumbers.isBlank(bytes[cellEnd]) { cellEnd += 1 }
                next = cellEnd
            case .wholeLine:
                cellEnd = stop
                next = stop + 1
            }
            if delimiter == .whitespace, cellStart == stop { break }
            if column == expected {
                let count = column + TextCells(bytes: bytes, start: cellStart, stop: stop, delimiter: delimiter).count
                throw fail(line, column + 1, .raggedRow(columns: count, expected: expected, firstRowLine: expectedLine))
            }
            if column == table.labelIndex {
                guard let label = ByteNumbers.parseLabel(bytes, cellStart, cellEnd) else {
                    throw fail(line, delimiter == .wholeLine ? nil : column + 1, .notAnInteger(text: cellText(cellStart, cellEnd)))
                }
                table.labels.append(label)
            } else {
                guard let value = ByteNumbers.parseDouble(bytes, cellStart, cellEnd) else {
                    throw fail(line, column + 1, .notANumber(text: cellText(cellStart, cellEnd)))
                }
                guard value.isFinite || (allowingMaskedClasses && value == -.infinity) else {
                    throw fail(line, column + 1, .notFinite(text: cellText(cellStart, cellEnd)))
                }
                table.values.append(value)
            }
            column += 1
            if next > stop { break }
            cellStart = next
        }
        if column < expected {
            throw fail(line, column + 1, .raggedRow(columns: column, expected: expected, firstRowLine: expectedLine))
        }
        table.rows += 1
    }

    /// A first line is a header when none of its cells is a number and it holds no
    /// control bytes: a file of zeros, or other binary, is data to refuse, not names.
    private func isHeader(_ cells: TextCells) -> Bool {
        var i = cells.start
        while i < cells.stop {
            let byte = bytes[i]
            if (byte < 0x20 && byte != 0x09) || byte == 0x7F { return false }
            i += 1
        }
        return !cells.contains { ByteNumbers.parseDouble(bytes, $0.lowerBound, $0.upperBound) != nil }
    }

    // The loops over a line's bytes are plain `while` loops: a line may be ten megabytes,
    // and a generic walk over a range costs many times more per byte in a debug build.
    private func isBlank(_ start: Int, _ stop: Int) -> Bool {
        var i = start
        while i < stop {
            if !ByteNumbers.isBlank(bytes[i]) { return false }
            i += 1
        }
        return true
    }

    /// A cell's text for a message, trimmed; `printable` escapes and shortens it later.
    private func cellText(_ start: Int, _ end: Int) -> String {
        var start = start, end = end
        while start < end, ByteNumbers.isBlank(bytes[start]) { start += 1 }
        while end > start, ByteNumbers.isBlank(bytes[end - 1]) { end -= 1 }
        // Enough to show; a cell of a megabyte is not copied whole.
        return ByteNumbers.text(bytes, start, min(end, start + 200))
    }

    /// A header cell, trimmed and unquoted ("logit 1" → logit 1).
    private func headerName(_ range: Range<Int>) -> String {
        var name = cellText(range.lowerBound, range.upperBound)
        if name.count >= 2, name.hasPrefix("\""), name.hasSuffix("\"") { name = String(name.dropFirst().dropLast()) }
        return name
    }
}
