import Foundation
import Testing

/// `show` prints the very screen the tests keep as golden files for the same state.
@Suite struct ShowCommandTests {
    static func golden(_ name: String) throws -> String {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../LabUITests/Snapshots/\(name).txt").standardized
        return try String(contentsOf: url, encoding: .utf8)
    }

    @Test func theExplorerScreenEqualsItsSnapshot() throws {
        let run = try ProgramRunner.run(["show", "--seed", "7"])
        #expect(run.status == 0)
        #expect(run.stdout == (try Self.golden("explorer-T1-80x24")))
    }

    @Test func aChapterEqualsItsSnapshotAtBothSizes() throws {
        let small = try ProgramRunner.run(["show", "--chapter", "3", "--seed", "7"])
        #expect(small.stdout == (try Self.golden("chapter-03-T1-80x24")))
        let large = try ProgramRunner.run(["show", "--chapter", "dial", "--seed", "7", "--width", "120", "--height", "40"])
        #expect(large.stdout == (try Self.golden("chapter-03-T1-120x40")))
    }

    @Test func theOutputHasNoEscapeCodes() throws {
        let run = try ProgramRunner.run(["show", "--chapter", "1", "--labels", "a\u{1b}[2J,b,c,d,e"])
        #expect(!run.stdout.contains("\u{1b}"))
    }

    /// `--keys` presses keys as a person would: two batches of draws in chapter 6 are 2000 draws.
    @Test func keysArePressedBeforeTheScreenIsPrinted() throws {
        let run = try ProgramRunner.run(["show", "--chapter", "6", "--seed", "7", "--keys", "d d"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("n = 2000"))
        let typed = try ProgramRunner.run(["show", "--seed", "7", "--keys", "t 0 . 7 Enter"])
        #expect(typed.stdout.contains("T = 0.700"))
        let help = try ProgramRunner.run(["show", "--seed", "7", "--keys", "?"])
        #expect(help.stdout.contains("Keys"))
    }

    @Test func badChapterAndSizeAreRefused() throws {
        for args in [["show", "--chapter", "99"], ["show", "--chapter", "0"], ["show", "--chapter", "nope"], ["show", "--width", "20"],
                     ["show", "--keys", "Right Sideways"]] {
            let run = try ProgramRunner.run(args)
            #expect(run.status == usageExitCode)
            #expect(run.stderrLines.count == 1)
        }
    }
}
