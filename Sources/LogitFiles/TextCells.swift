#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The cells of one line of text, as byte ranges, found one at a time: a header line or
/// a first row of a million cells is looked at without an array of a million ranges.
///
/// Commas and tabs split a line into cells that may be empty (so "1,,2" has three);
/// whitespace splits it at runs of spaces and tabs, ignoring those at either end; a
/// whole line is one cell.
struct TextCells: Sequence {
    let bytes: UnsafeRawBufferPointer
    let start: Int
    let stop: Int
    let delimiter: TextDelimiter

    struct Iterator: IteratorProtocol {
        let cells: TextCells
        var position: Int
        var finished = false

        mutating func next() -> Range<Int>? {
            guard !finished else { return nil }
            let (bytes, stop) = (cells.bytes, cells.stop)
            switch cells.delimiter {
            case .wholeLine:
                finished = true
                return cells.start..<stop
            case .comma, .tab:
                let cellStart = position
                position = TextCells.separator(cells.delimiter == .comma ? 0x2C : 0x09, in: bytes, from: position, to: stop)
                // The last cell ends the line; a separator always has a cell after it.
                if position == stop { finished = true }
                let cell = cellStart..<position
                position += 1
                return cell
            case .whitespace:
                while position < stop, ByteNumbers.isBlank(bytes[position]) { position += 1 }
                guard position < stop else {
                    finished = true
                    return nil
                }
                let cellStart = position
                while position < stop, !ByteNumbers.isBlank(bytes[position]) { position += 1 }
                return cellStart..<position
            }
        }
    }

    func makeIterator() -> Iterator { Iterator(cells: self, position: start) }

    /// Where the first `separator` in `bytes[start..<stop]` is, or `stop`: memchr, fast
    /// over a cell of megabytes in any build.
    static func separator(_ separator: UInt8, in bytes: UnsafeRawBufferPointer, from start: Int, to stop: Int) -> Int {
        guard start < stop, let base = bytes.baseAddress,
              let found = memchr(base + start, Int32(separator), stop - start) else { return stop }
        return base.distance(to: UnsafeRawPointer(found))
    }

    /// How many cells the line has.
    var count: Int {
        var n = 0
        for _ in self { n += 1 }
        return n
    }
}
