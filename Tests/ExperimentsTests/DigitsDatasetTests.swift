import Experiments
import Foundation
import Testing

/// The shipped dataset against what Python's gzip and hashlib saw, and the loader's
/// one-line errors for a missing, damaged or malformed file.
@Suite struct DigitsDatasetTests {
    @Test func theShippedFileHasTheRecordedSizeAndChecksum() throws {
        let reference = try References.digits.get().file
        let path = try DigitsDataset.locate()
        let bytes = [UInt8](try #require(FileManager.default.contents(atPath: path)))
        #expect(bytes.count == 57_523)
        #expect(bytes.count == reference.bytes)
        #expect(SHA256.hexDigest(bytes) == reference.sha256)
        #expect(DigitsDataset.expectedSHA256 == reference.sha256)
        #expect(try Gzip.decompress(bytes).count == reference.unpackedBytes)
    }

    @Test func itParsesTo1797RowsOf64PixelsAndALabel() throws {
        let reference = try References.digits.get().file
        let data = try DigitsDataset.load()
        #expect(data.count == 1_797 && data.count == reference.rows)
        #expect(data.pixels.count == 1_797 * 64 && reference.columns == 65)
        #expect(data.pixels.allSatisfy { $0 <= 16 })
        #expect(Int(data.pixels.max() ?? 0) == reference.pixelMax)
        #expect(data.pixels.reduce(0) { $0 + Int($1) } == reference.pixelSum)
        #expect(data.labels.allSatisfy { (0...9).contains($0) })
        #expect((0...9).map { digit in data.labels.filter { $0 == digit }.count } == reference.labelCounts)
        #expect(data.pixels[..<64].map(Int.init) + [data.labels[0]] == reference.firstRow)
        #expect(data.pixels[(1_796 * 64)...].map(Int.init) + [data.labels[1_796]] == reference.lastRow)
    }

    @Test func featuresArePixelsOverSixteenInTheRowsAsked() throws {
        let data = try DigitsDataset.load()
        let features = data.features(rows: [1_796, 0])
        #expect(features.rowCount == 2 && features.columnCount == 64)
        #expect(features[0, 2] == Double(data.pixels[1_796 * 64 + 2]) / 16)
        #expect(features[1, 3] == 13.0 / 16)
        #expect(data.labels(rows: [1_796, 0]) == [data.labels[1_796], data.labels[0]])
    }

    // MARK: Finding the file

    @Test func anAssetsFolderInTheEnvironmentIsUsedAndOnlyIt() throws {
        let real = try DigitsDataset.locate()
        let assets = String(real[..<real.lastIndex(of: "/")!])
        #expect(try DigitsDataset.locate(assetsDirectory: assets, executablePath: nil, sourceFilePath: "/x") == real)
        let error = #expect(throws: DigitsDatasetError.self) {
            try DigitsDataset.locate(assetsDirectory: "/no/such/folder", executablePath: real, sourceFilePath: real)
        }
        #expect(error?.description.contains("/no/such/folder/digits.csv.gz (from SOFTMAX_LAB_ASSETS)") == true)
    }

    @Test func theSearchWalksUpFromTheExecutableThenTriesTheSourceTree() throws {
        let real = try DigitsDataset.locate()
        let root = String(real[..<real.range(of: "/assets/")!.lowerBound])
        let executable = root + "/.build/x86_64-unknown-linux-gnu/debug/softmax-lab"
        #expect(try DigitsDataset.locate(assetsDirectory: nil, executablePath: executable, sourceFilePath: "/x") == real)
        let source = root + "/Sources/Experiments/DigitsDataset.swift"
        #expect(try DigitsDataset.locate(assetsDirectory: nil, executablePath: "/tmp/x", sourceFilePath: source) == real)
    }

    @Test func aMissingFileIsOneLineNamingWhereItLookedAndTheVariable() {
        let error = #expect(throws: DigitsDatasetError.self) {
            try DigitsDataset.locate(assetsDirectory: nil, executablePath: "/proc/x/y", sourceFilePath: "/a/b/c/d.swift")
        }
        let text = error?.description ?? ""
        #expect(text.contains("assets/ above /proc/x/y") && text.contains("/a/assets/digits.csv.gz"))
        #expect(text.contains("SOFTMAX_LAB_ASSETS") && !text.contains("\n"))
    }

    // MARK: Damaged files

    private func withCopy(_ edit: (inout [UInt8]) -> Void, _ body: (String) throws -> Void) throws {
        var bytes = [UInt8](try #require(FileManager.default.contents(atPath: try DigitsDataset.locate())))
        edit(&bytes)
        let path = NSTemporaryDirectory() + "digits-\(UUID().uuidString).csv.gz"
        #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
        defer { try? FileManager.default.removeItem(atPath: path) }
        try body(path)
    }

    @Test func aFlippedByteIsACorruptFileByItsChecksum() throws {
        try withCopy({ $0[30_000] ^= 0x01 }) { path in
            let error = #expect(throws: DigitsDatasetError.self) { try DigitsDataset.load(from: path) }
            guard case .corrupt(let reported, let reason)? = error else { return }
            #expect(reported == path && reason.hasPrefix("SHA-256 "))
            #expect(error?.description.contains("restore it from the repository") == true)
        }
    }

    @Test func aTruncatedFileIsCorruptByItsSize() throws {
        try withCopy({ $0.removeLast(100) }) { path in
            let error = #expect(throws: DigitsDatasetError.self) { try DigitsDataset.load(from: path) }
            #expect(error == .corrupt(path: path, reason: "57423 bytes, expected 57523"))
        }
    }

    @Test func anUnreadablePathSaysWhy() {
        let error = #expect(throws: DigitsDatasetError.self) { try DigitsDataset.load(from: "/no/such/file.gz") }
        #expect(error == .unreadable(path: "/no/such/file.gz", reason: "No such file or directory"))
    }

    // MARK: Parsing

    private func row(_ pixel: Int = 0, label: Int = 3, fields: Int = 64) -> String {
        (Array(repeating: "\(pixel)", count: fields) + ["\(label)"]).joined(separator: ",")
    }

    @Test func parsingAcceptsCRLFAndAMissingFinalNewline() throws {
        let parsed = try DigitsDataset.parse(csv: Array((row(16) + "\r\n" + row(label: 9)).utf8))
        #expect(parsed.labels == [3, 9])
        #expect(parsed.pixels.count == 128 && parsed.pixels[0] == 16 && parsed.pixels[64] == 0)
    }

    /// A broken CSV text (ROW stands for a valid row, PIXELS for 64 zero pixels), the line
    /// the error must name and words its reason must contain.
    struct BrokenText: Sendable, CustomTestStringConvertible {
        let name: String, text: String, line: Int, words: String
        var testDescription: String { name }
    }

    @Test(arguments: [
        ("pixel 17", "ROW\n" + "17" + String(repeating: ",0", count: 63) + ",1\n", 2, "pixel 1 is 17, above 16"),
        ("label 10", "PIXELS,10\n", 1, "label 10 is not a digit"),
        ("63 pixels", String(repeating: "0,", count: 63) + "5\n", 1, "64 fields, expected 65"),
        ("empty field", "ROW\n0,," + String(repeating: "0,", count: 62) + "1\n", 2, "an empty field"),
        ("a minus sign", "-1" + String(repeating: ",0", count: 64) + "\n", 1, "unexpected byte 45"),
        ("blank line", "ROW\n\nROW\n", 2, "an empty line"),
        ("nothing", "", 1, "an empty line"),
    ].map(BrokenText.init))
    func malformedRowsNameTheirLine(_ broken: BrokenText) {
        let (name, text, line, words) = (broken.name, broken.text, broken.line, broken.words)
        let pixels = Array(repeating: "0", count: 64).joined(separator: ",")
        let csv = text.replacingOccurrences(of: "ROW", with: row(label: 0)).replacingOccurrences(of: "PIXELS", with: pixels)
        let error = #expect(throws: DigitsDatasetError.self, "\(name)") { try DigitsDataset.parse(csv: Array(csv.utf8)) }
        guard case .malformed(let reportedLine, let reason)? = error else { return }
        #expect(reportedLine == line, "\(name)")
        #expect(reason.contains(words), "\(name): \(reason)")
        #expect(error?.description.hasPrefix("the digits dataset is malformed at line \(line): ") == true)
    }
}
