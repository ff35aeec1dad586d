/// The header of a .npy file (numpy's format, versions 1.0, 2.0 and 3.0): the magic
/// "\x93NUMPY", a version, a little-endian header length (2 bytes in 1.0, 4 after), then
/// a Python dict literal such as `{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }`.
///
/// Parsed strictly, as numpy does: exactly the three keys, each once; a shape of
/// non-negative integers in a tuple. Nothing is allocated in proportion to what the
/// header claims; only the header's own bytes are read.
struct NpyHeader: Equatable {
    var descr: String
    var fortranOrder: Bool
    var shape: [Int]
    /// Where the data starts, from the start of the file.
    var dataOffset: Int

    static let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]  // \x93NUMPY

    /// Whether `bytes` starts like a .npy file, to choose a reader for standard input.
    static func hasMagic(_ bytes: UnsafeRawBufferPointer) -> Bool {
        bytes.count >= magic.count && zip(bytes, magic).allSatisfy { $0 == $1 }
    }

    /// Reads the header of `bytes`, naming `file` in errors.
    static func parse(_ bytes: UnsafeRawBufferPointer, file: String) throws(LogitFileError) -> NpyHeader {
        func malformed(_ reason: String) -> LogitFileError {
            LogitFileError(file: file, problem: .malformedHeader(reason: reason))
        }
        guard !bytes.isEmpty else { throw LogitFileError(file: file, problem: .empty) }
        let prefix = min(bytes.count, magic.count)
        guard zip(bytes[0..<prefix], magic).allSatisfy({ $0 == $1 }) else {
            throw malformed("not a .npy file (it does not start with \\x93NUMPY)")
        }
        guard bytes.count >= 10 else { throw malformed("the file ends inside the header") }
        let major = bytes[6], minor = bytes[7]
        let lengthStart: Int, headerLength: Int
        switch (major, minor) {
        case (1, 0):
            lengthStart = 10
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
        case (2, 0), (3, 0):
            guard bytes.count >= 12 else { throw malformed("the file ends inside the header") }
            lengthStart = 12
            headerLength = (8..<12).reduce(0) { $0 | Int(bytes[$1]) << (8 * ($1 - 8)) }
        default:
            throw malformed("version \(major).\(minor) is not 1.0, 2.0 or 3.0")
        }
        guard headerLength <= bytes.count - lengthStart else {
            throw malformed("it declares \(headerLength) bytes, but only \(bytes.count - lengthStart) follow")
        }
        var parser = DictParser(bytes: bytes, position: lengthStart, end: lengthStart + headerLength)
        var header: NpyHeader
        do throws(DictParser.Failure) {
            header = try parser.dict()
        } catch {
            throw malformed(error.reason)
        }
        header.dataOffset = lengthStart + headerLength
        return header
    }
}

/// A parser for the one dict literal a .npy header holds. Its errors are the reasons
/// given after "malformed .npy header: ".
private struct DictParser {
    let bytes: UnsafeRawBufferPointer
    var position: Int
    let end: Int

    struct Failure: Error { var reason: String }

    mutating func dict() throws(Failure) -> NpyHeader {
        var descr: String?, fortranOrder: Bool?, shape: [Int]?
        skipSpace()
        try expect(UInt8(ascii: "{"))
        skipSpace()
        while peek() != UInt8(ascii: "}") {
            let key = try string()
            skipSpace()
            try expect(UInt8(ascii: ":"))
            skipSpace()
            switch key {
            case "descr" where descr == nil:
                guard peek() == UInt8(ascii: "'") || peek() == UInt8(ascii: "\"") else {
                    throw Failure(reason: "'descr' is not a string (structured dtypes are not supported)")
                }
                descr = try string()
            case "fortran_order" where fortranOrder == nil:
                fortranOrder = try boolean()
            case "shape" where shape == nil:
                shape = try tuple()
            case "descr", "fortran_order", "shape":
                throw Failure(reason: "the key '\(key)' appears twice")
            default:
                throw Failure(reason: "unexpected key '\(LogitFileError.printable(key))'")
            }
            skipSpace()
            // Pairs are separated by commas; one may trail.
            if peek() == UInt8(ascii: ",") {
                position += 1
                skipSpace()
            } else if peek() != UInt8(ascii: "}") {
                throw unexpected("',' or '}'")
            }
        }
        position += 1
        skipSpace()
        guard position == end else { throw Failure(reason: "text after the closing '}'") }
        guard let descr, let fortranOrder, let shape else {
            let missing = [("descr", descr == nil), ("fortran_order", fortranOrder == nil), ("shape", shape == nil)]
                .filter { $0.1 }.map { "'\($0.0)'" }.joined(separator: ", ")
            throw Failure(reason: "missing \(missing)")
        }
        return NpyHeader(descr: descr, fortranOrder: fortranOrder, shape: shape, dataOffset: 0)
    }

    private func peek() -> UInt8? { position < end ? bytes[position] : nil }

    private mutating func skipSpace() {
        while let b = peek(), b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D { position += 1 }
    }

    private mutating func expect(_ byte: UInt8) throws(Failure) {
        guard peek() == byte else { throw unexpected("'\(Character(Unicode.Scalar(byte)))'") }
        position += 1
    }

    private func unexpected(_ wanted: String) -> Failure {
        guard let b = peek() else { return Failure(reason: "it ends where \(wanted) was expected") }
        let found = (0x21...0x7E).contains(b) ? "'\(Character(Unicode.Scalar(b)))'" : "byte \(b)"
        return Failure(reason: "\(found) at byte \(position) where \(wanted) was expected")
    }

    /// A quoted string without escapes, as numpy writes keys and dtypes.
    private mutating func string() throws(Failure) -> String {
        guard let quote = peek(), quote == UInt8(ascii: "'") || quote == UInt8(ascii: "\"") else {
            throw unexpected("a quoted string")
        }
        position += 1
        let start = position
        while let b = peek(), b != quote {
            guard b != UInt8(ascii: "\\"), b != 0x0A else { throw Failure(reason: "an escape or line break in a string") }
            position += 1
        }
        guard peek() == quote else { throw unexpected("a closing quote") }
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
        position += 1
        return text
    }

    private mutating func boolean() throws(Failure) -> Bool {
        for (word, value) in [("True", true), ("False", false)] where hasWord(word) {
            position += word.utf8.count
            return value
        }
        throw unexpected("True or False")
    }

    private func hasWord(_ word: String) -> Bool {
        let count = word.utf8.count
        guard end - position >= count else { return false }
        return zip(bytes[position..<position + count], word.utf8).allSatisfy { $0 == $1 }
    }

    /// A tuple of non-negative integers: `()`, `(5,)` or `(3, 4)`; a lone element needs
    /// its comma, since `(5)` is a number in Python, not a tuple.
    private mutating func tuple() throws(Failure) -> [Int] {
        try expect(UInt8(ascii: "("))
        var items: [Int] = []
        var trailingComma = false
        skipSpace()
        while peek() != UInt8(ascii: ")") {
            guard items.count < 32 else { throw Failure(reason: "more than 32 dimensions") }
            items.append(try integer())
            skipSpace()
            trailingComma = false
            if peek() == UInt8(ascii: ",") {
                position += 1
                trailingComma = true
                skipSpace()
            } else if peek() != UInt8(ascii: ")") {
                throw unexpected("',' or ')'")
            }
        }
        position += 1
        guard items.count != 1 || trailingComma else {
            throw Failure(reason: "'shape' is (\(items[0])), a number rather than the tuple (\(items[0]),)")
        }
        return items
    }

    /// A non-negative integer, with the 'L' suffix of Python 2's longs allowed.
    private mutating func integer() throws(Failure) -> Int {
        var value = 0
        let start = position
        while let b = peek(), (0x30...0x39).contains(b) {
            let (times10, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(Int(b - 0x30))
            guard !o1, !o2 else { throw Failure(reason: "a dimension of the shape is too large to count") }
            value = sum
            position += 1
        }
        guard position > start else { throw unexpected("a non-negative integer") }
        if peek() == UInt8(ascii: "L") { position += 1 }
        return value
    }
}
