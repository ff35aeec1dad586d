/// Logits as a JSON array of numbers, such as `[2, 1, 0.5]` (what `json.dumps` of a list
/// writes, with Python's `-Infinity` for a masked class): one row for `--logits-file`.
public enum JSONLogitArray {
    /// Whether the first byte that is not blank opens an array.
    public static func looksLikeJSON(_ bytes: [UInt8]) -> Bool {
        bytes.first { !isBlank($0) } == UInt8(ascii: "[")
    }

    /// The numbers of the array, in order; -Infinity is a masked class, every other item
    /// a finite JSON number. `file` names the bytes in errors, which name the item.
    public static func parse(_ bytes: [UInt8], file: String) throws(LogitFileError) -> [Double] {
        func malformed(_ reason: String) -> LogitFileError {
            LogitFileError(file: file, problem: .malformedJSONArray(reason: reason))
        }
        var i = 0
        func skipBlanks() { while i < bytes.count && isBlank(bytes[i]) { i += 1 } }
        skipBlanks()
        guard i < bytes.count, bytes[i] == UInt8(ascii: "[") else { throw malformed("it does not start with '['") }
        i += 1
        var values: [Double] = []
        skipBlanks()
        if i < bytes.count && bytes[i] == UInt8(ascii: "]") {
            throw malformed("the array is empty; at least one logit is needed")
        }
        while true {
            skipBlanks()
            let start = i
            while i < bytes.count && !isBlank(bytes[i]) && bytes[i] != UInt8(ascii: ",") && bytes[i] != UInt8(ascii: "]") {
                i += 1
            }
            let item = LogitFileError.Location.item(values.count + 1)
            let text = String(decoding: bytes[start..<i], as: UTF8.self)
            // -Infinity, as Python's json module writes it, is a masked class.
            if text == "-Infinity" {
                values.append(-.infinity)
            } else {
                guard isJSONNumber(text), let value = Double(text) else {
                    throw LogitFileError(file: file, location: item, problem: .notANumber(text: text))
                }
                guard value.isFinite else {
                    throw LogitFileError(file: file, location: item, problem: .notFinite(text: text))
                }
                values.append(value)
            }
            skipBlanks()
            guard i < bytes.count else { throw malformed("the array is not closed with ']'") }
            if bytes[i] == UInt8(ascii: "]") { break }
            i += 1  // the comma
        }
        i += 1
        skipBlanks()
        guard i == bytes.count else { throw malformed("text after the array") }
        return values
    }

    /// JSON's number grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
    static func isJSONNumber(_ text: String) -> Bool {
        var s = Substring(text)
        if s.first == "-" { s = s.dropFirst() }
        let integer = s.prefix { $0.isASCII && $0.isNumber }
        guard !integer.isEmpty, integer == "0" || integer.first != "0" else { return false }
        s = s.dropFirst(integer.count)
        if s.first == "." {
            let fraction = s.dropFirst().prefix { $0.isASCII && $0.isNumber }
            guard !fraction.isEmpty else { return false }
            s = s.dropFirst(1 + fraction.count)
        }
        if s.first == "e" || s.first == "E" {
            s = s.dropFirst()
            if s.first == "+" || s.first == "-" { s = s.dropFirst() }
            let exponent = s.prefix { $0.isASCII && $0.isNumber }
            guard !exponent.isEmpty else { return false }
            s = s.dropFirst(exponent.count)
        }
        return s.isEmpty
    }

    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}
