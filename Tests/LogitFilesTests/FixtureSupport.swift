import Foundation
import Testing
@testable import LogitFiles

/// The fixtures that Reference/make_fixtures.py wrote. The folder is excluded from the
/// test target, so they are found beside this source file rather than as resources.
enum Fixtures {
    static let directory: String = {
        let here = "\(#filePath)"
        return String(here[..<here.lastIndex(of: "/")!]) + "/Reference/fixtures"
    }()

    static func path(_ name: String) -> String { directory + "/" + name }

    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try #require(FileManager.default.contents(atPath: path(name)), "missing fixture \(name)"))
    }

    /// Every fixture the readers take (the .expected files are not inputs).
    static func inputNames() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory)
            .filter { !$0.hasSuffix(".expected") }
            .sorted()
    }

    /// The values numpy held, row-major, from an .expected file of float.hex() words.
    /// Swift's hex float reading is independent of the decimal parser under test.
    static func expectedMatrix(_ name: String) throws -> (rows: Int, columns: Int, values: [Double]) {
        let text = String(decoding: try bytes(name), as: UTF8.self)
        let lines = text.split(separator: "\n")
        let values = try lines.flatMap { line in
            try line.split(separator: " ").map { word in try #require(Double(String(word)), "bad hex \(word)") }
        }
        return (lines.count, values.count / max(lines.count, 1), values)
    }

    static func expectedLabels() throws -> [Int] {
        let text = String(decoding: try bytes("labels.expected"), as: UTF8.self)
        return text.split(whereSeparator: { $0 == " " || $0 == "\n" }).compactMap { Int($0) }
    }
}

/// The error a reader threw, or nil if it returned: tests then check the error's parts
/// and its one-line message. Any other error is recorded as a failure.
func refusal<T>(_ body: () throws -> T) -> LogitFileError? {
    do {
        _ = try body()
        return nil
    } catch let error as LogitFileError {
        return error
    } catch {
        Issue.record("threw \(error), not a LogitFileError")
        return nil
    }
}

/// Bit-for-bit equality, so -0.0 differs from 0.0 and a wrong last bit is caught.
func sameBits(_ a: [Double], _ b: [Double]) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { $0.bitPattern == $1.bitPattern }
}

/// A .npy file built by hand: the magic, a version, a header length, `header` padded with
/// spaces and a newline to a multiple of 64 bytes as numpy pads it, then `data`.
/// `declaredLength` overrides the length field, to make it lie.
func npyBytes(
    _ header: String, version: UInt8 = 1, data: [UInt8] = [], declaredLength: Int? = nil
) -> [UInt8] {
    let lengthBytes = version == 1 ? 2 : 4
    var text = Array(header.utf8)
    let preamble = 6 + 2 + lengthBytes
    while (preamble + text.count + 1) % 64 != 0 { text.append(0x20) }
    text.append(0x0A)
    let length = declaredLength ?? text.count
    var bytes: [UInt8] = NpyHeader.magic + [version, 0]
    for i in 0..<lengthBytes { bytes.append(UInt8(truncatingIfNeeded: length >> (8 * i))) }
    return bytes + text + data
}

/// Little-endian bytes of doubles, as numpy writes '<f8'.
func littleEndianBytes(_ values: [Double]) -> [UInt8] {
    values.flatMap { value in (0..<8).map { UInt8(truncatingIfNeeded: value.bitPattern >> (8 * $0)) } }
}

/// A scratch file holding `bytes`, removed by the caller's `defer`.
func temporaryFile(named name: String, _ bytes: [UInt8]) throws -> String {
    let directory = NSTemporaryDirectory() + "LogitFilesTests-\(getpid())-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let path = directory + "/" + name
    #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
    return path
}

func removeTemporaryFile(_ path: String) {
    try? FileManager.default.removeItem(atPath: String(path[..<path.lastIndex(of: "/")!]))
}
