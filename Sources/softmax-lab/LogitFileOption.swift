import ArgumentParser
import LogitFiles
import SoftmaxCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `--logits-file`: one row of logits from a file, or from standard input for "-".
///
/// Read: a .npy of one row (1-D, or 2-D with one row), a JSON array of numbers, or
/// text with one number per line or one comma-separated row. The readers are
/// LogitFiles' (memory-mapped .npy, the CSV reader) plus a JSON array reader here, so
/// every refusal names the file and the place in it.
enum LogitFileOption {
    static func read(_ path: String) throws -> [Double] {
        let input = StandardInputBytes()
        let bytes: [UInt8]? = path == LogitFiles.standardInputPath ? input.read() : nil
        let file = bytes == nil ? path : LogitFiles.standardInputName
        if let bytes, JSONNumberArray.looksLikeJSON(bytes) {
            return try JSONNumberArray.parse(bytes, file: file)
        }
        if bytes == nil && path.lowercased().hasSuffix(".json") {
            return try JSONNumberArray.parse(try readWholeFile(path), file: file)
        }
        do {
            let read = try LogitFiles.readLogits(path: path, allowingMaskedClasses: true, standardInput: { bytes ?? [] })
            let matrix = read.logits
            if matrix.rows == 1 || matrix.columns == 1 { return matrix.values }
            throw ValidationError("\(visibleText(file)): \(matrix.rows) rows of \(matrix.columns) numbers; "
                + "give one row, or one number per line")
        } catch let error as LogitFileError {
            throw ValidationError(error.description)
        }
    }

    /// The whole of a file, or of standard input for "-".
    static func readWholeInput(_ path: String) throws -> [UInt8] {
        path == LogitFiles.standardInputPath ? StandardInputBytes().read() : try readWholeFile(path)
    }

    static func readWholeFile(_ path: String) throws -> [UInt8] {
        guard let handle = fopen(path, "rb") else {
            throw ValidationError("\(visibleText(path)): cannot read: " + String(cString: strerror(errno)))
        }
        defer { fclose(handle) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let got = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, handle) }
            if got == 0 { break }
            bytes.append(contentsOf: chunk[0..<got])
        }
        return bytes
    }
}

/// A JSON array of numbers, such as `[2, 1, 0.5]`: all this option needs of JSON.
enum JSONNumberArray {
    /// Whether the first non-blank byte opens an array.
    static func looksLikeJSON(_ bytes: [UInt8]) -> Bool {
        bytes.first { !isBlank($0) } == UInt8(ascii: "[")
    }

    static func parse(_ bytes: [UInt8], file: String) throws -> [Double] {
        func fail(_ problem: String) -> ValidationError { ValidationError("\(visibleText(file)): \(problem)") }
        var i = 0
        func skipBlanks() { while i < bytes.count && isBlank(bytes[i]) { i += 1 } }
        skipBlanks()
        guard i < bytes.count, bytes[i] == UInt8(ascii: "[") else { throw fail("not a JSON array of numbers") }
        i += 1
        var values: [Double] = []
        skipBlanks()
        if i < bytes.count && bytes[i] == UInt8(ascii: "]") {
            throw fail("the array is empty; at least one logit is needed")
        }
        while true {
            skipBlanks()
            let start = i
            while i < bytes.count && !isBlank(bytes[i]) && bytes[i] != UInt8(ascii: ",") && bytes[i] != UInt8(ascii: "]") {
                i += 1
            }
            let text = String(decoding: bytes[start..<i], as: UTF8.self)
            // -Infinity, as Python's json module writes it, is a masked class.
            if text == "-Infinity" {
                values.append(-.infinity)
            } else {
                guard isJSONNumber(text), let value = Double(text) else {
                throw fail("item \(values.count + 1): '\(visibleText(String(text.prefix(40))))' is not a number")
            }
                guard value.isFinite else {
                    throw fail("item \(values.count + 1): \(text) is not a finite number; only -Infinity masks a class")
                }
                values.append(value)
            }
            skipBlanks()
            guard i < bytes.count else { throw fail("the array is not closed with ]") }
            if bytes[i] == UInt8(ascii: "]") { break }
            i += 1  // the comma
        }
        i += 1
        skipBlanks()
        guard i == bytes.count else { throw fail("text after the array") }
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
}

private func isBlank(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
}
