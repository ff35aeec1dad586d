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
/// text with one number per line or one comma-separated row, by LogitFiles' readers
/// (memory-mapped .npy, the text reader, the JSON array reader), so every refusal names
/// the file and the place in it.
enum LogitFileOption {
    /// What the option read: the logits, or why the file's contents were refused.
    ///
    /// A refusal is kept until `LogitOptions.validate` so that it can end the program with
    /// the data-error code (65): ArgumentParser makes any error thrown while it parses an
    /// option a usage error (64). A file that cannot be opened is a usage error, and is
    /// thrown at once.
    enum Outcome {
        case logits([Double])
        case refused(DataError)
    }

    static func read(_ path: String) throws -> Outcome {
        do {
            return .logits(try logits(path))
        } catch let refusal as DataError {
            return .refused(refusal)
        }
    }

    /// The logits of the file; a `DataError` for its contents, a `ValidationError` when
    /// it cannot be read.
    private static func logits(_ path: String) throws -> [Double] {
        let input = StandardInputBytes()
        let bytes: [UInt8]? = path == LogitFiles.standardInputPath ? input.read() : nil
        let file = bytes == nil ? path : LogitFiles.standardInputName
        let values: [Double]
        do {
            if let bytes, JSONLogitArray.looksLikeJSON(bytes) {
                values = try JSONLogitArray.parse(bytes, file: file)
            } else if bytes == nil && path.lowercased().hasSuffix(".json") {
                values = try JSONLogitArray.parse(try readWholeFile(path), file: file)
            } else {
                values = try oneRow(LogitFiles.readLogits(path: path, allowingMaskedClasses: true,
                                                          standardInput: { bytes ?? [] }))
            }
        } catch let error as LogitFileError {
            if case .cannotRead = error.problem { throw ValidationError(error.description) }
            throw DataError(error.description)
        }
        guard values.contains(where: { $0 != -.infinity }) else {
            throw DataError("\(visibleText(file)): every class is masked (-inf); at least one logit must be finite")
        }
        return values
    }

    /// The one row of logits a file may hold: a row, or a column of one number a line.
    private static func oneRow(_ read: LogitFile) throws -> [Double] {
        let matrix = read.logits
        if matrix.rows == 1 || matrix.columns == 1 { return matrix.values }
        throw DataError("\(visibleText(read.file)): \(matrix.rows) rows of \(matrix.columns) numbers; "
            + "give one row, or one number per line")
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
        // A directory opens, then fails to read (EISDIR): it is not an empty file.
        if ferror(handle) != 0 {
            throw ValidationError("\(visibleText(path)): cannot read: " + String(cString: strerror(errno)))
        }
        return bytes
    }
}
