import Foundation
import Testing

/// `--tokens FILE` for the explorer and `show`, and standard input for `tokens -`.
@Suite struct RecordingCommandTests {
    static let story = "examples/tokens-story.json"

    @Test func showOpensTheRecordingAtItsFirstToken() throws {
        let run = try ProgramRunner.run(["show", "--tokens", Self.story])
        #expect(run.status == 0)
        #expect(run.stdout.contains("Recorded generation · tokens-story.json · OpenAI chat"))
        #expect(run.stdout.contains("token 1 of 24"))
    }

    @Test func theCommandLineCutsAreTheViewsCuts() throws {
        let run = try ProgramRunner.run(["show", "--tokens", Self.story, "--top-k", "3", "--min-p", "0.05",
                                         "--samplers", "top-k,top-p,min-p,temperature", "--keys", "G"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("top-k 3 · top-p off · min-p 0.05 · order top-k,top-p,min-p,T"), "\(run.stdout)")
        #expect(run.stdout.contains("token 24 of 24"))
    }

    @Test func standardInputReadsAsTheFileDoes() throws {
        let bytes = try Data(contentsOf: URL(fileURLWithPath: Self.story))
        let fromFile = try ProgramRunner.run(["tokens", Self.story, "--temperature", "0.7", "--format", "csv"])
        let fromInput = try ProgramRunner.run(["tokens", "-", "--temperature", "0.7", "--format", "csv"], standardInput: bytes)
        #expect(fromFile.status == 0 && fromInput.status == 0)
        #expect(fromFile.stdout == fromInput.stdout)
        let shown = try ProgramRunner.run(["show", "--tokens", "-", "--keys", "Down"], standardInput: bytes)
        #expect(shown.stdout.contains("Recorded generation · standard input"))
        #expect(shown.stdout.contains("token 2 of 24"))
    }

    @Test func aBadRecordingIsOneLineWithExit65() throws {
        let run = try ProgramRunner.run(["show", "--tokens", "-"], standardInput: Data("{\"foo\": 1}".utf8))
        #expect(run.status == 65)
        #expect(run.stderrLines.count == 1)
        #expect(run.stderr.hasPrefix("softmax-lab: standard input: not a logprobs response"), "\(run.stderr)")
    }

    @Test(arguments: [
        (["show", "--tokens", "/nonexistent/generation.json"], "cannot read"),
        (["show", "--tokens", "examples/tokens-story.json", "--top-p", "0.925"], "in hundredths"),
        (["--tokens", "-"], "reads its keys from standard input"),
    ])
    func usageErrorsAreOneLine(_ arguments: [String], _ says: String) throws {
        let run = try ProgramRunner.run(arguments)
        #expect(run.status == usageExitCode)
        #expect(run.stderrLines.count == 1)
        #expect(run.stderr.contains(says), "\(run.stderr)")
    }
}
