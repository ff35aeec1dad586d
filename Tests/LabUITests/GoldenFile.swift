import Foundation
import Testing

/// Whole screens kept as text files beside the tests, one per state and size.
///
/// Run with RECORD_SNAPSHOTS=1 to write missing or changed files; otherwise a
/// screen that differs from its file fails with both versions in the message.
enum GoldenFile {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")

    static var recording: Bool { ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" }

    static func assertMatches(_ text: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let url = directory.appendingPathComponent(name + ".txt")
        let actual = text + "\n"
        let expected = try? String(contentsOf: url, encoding: .utf8)
        if recording, expected != actual {
            try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try? actual.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        guard let expected else {
            Issue.record("no golden file \(name).txt; run with RECORD_SNAPSHOTS=1 to write it", sourceLocation: sourceLocation)
            return
        }
        #expect(actual == expected, "screen differs from \(name).txt:\n\(actual)", sourceLocation: sourceLocation)
    }
}
