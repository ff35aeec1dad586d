import Foundation
import LabUI
import Testing

/// The README's key tables are written by hand; this keeps them true to the tables that drive input.
@Suite struct ReadmeKeyTableTests {
    static func readme() throws -> String {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../../README.md").standardized
        return try String(contentsOf: url, encoding: .utf8)
    }

    @Test func everyExplorerAndLessonBindingIsInTheReadme() throws {
        let text = try Self.readme()
        for binding in ExplorerKeys.bindings + ModeKeys.lesson.bindings {
            #expect(text.contains("| \(binding.keyNames) | \(binding.summary) |"), "README lacks: \(binding.keyNames)")
        }
    }

    @Test func everyChapterIsInTheReadme() throws {
        let text = try Self.readme()
        for (i, chapter) in Chapters.all.enumerated() {
            #expect(text.contains("| \(i + 1) | `\(chapter.name)` | **\(chapter.title)**"), "README lacks chapter \(i + 1)")
        }
    }
}
