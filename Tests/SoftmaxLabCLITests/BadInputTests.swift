import Testing

/// ArgumentParser's usage error code (EX_USAGE).
let usageExitCode: Int32 = 64

/// Each bad input: one line on stderr that names the option and the bad value,
/// the usage exit code, nothing on stdout, and no trace of a crash.
@Suite struct BadInputTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let arguments: [String]
        /// Fragments the one line must contain: the option and the value it refused.
        let mentions: [String]
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let cases: [Case] = [
        Case(arguments: ["probs", "--logits", "2,abc"], mentions: ["--logits", "abc"]),
        Case(arguments: ["probs", "--logits", ""], mentions: ["--logits", "no logits"]),
        Case(arguments: ["probs", "--logits", "1,,2"], mentions: ["--logits", "logit 2"]),
        Case(arguments: ["probs", "--logits", "nan"], mentions: ["--logits", "nan"]),
        Case(arguments: ["probs", "--logits", "1,inf"], mentions: ["--logits", "inf"]),
        Case(arguments: ["probs", "--logits", "1e999"], mentions: ["--logits", "inf"]),
        Case(arguments: ["probs", "--logits", "-inf,-inf"], mentions: ["--logits", "every class is masked (-inf)"]),
        Case(arguments: ["sample", "--logits", "-inf"], mentions: ["--logits", "every class is masked (-inf)"]),
        Case(arguments: ["sweep", "--logits", "-Infinity,-inf"], mentions: ["--logits", "every class is masked (-inf)"]),
        Case(arguments: ["probs", "--temperature", "-1"], mentions: ["--temperature", "-1"]),
        Case(arguments: ["probs", "--temperature", "abc"], mentions: ["--temperature", "abc"]),
        Case(arguments: ["probs", "--temperature", "nan"], mentions: ["--temperature", "nan"]),
        Case(arguments: ["probs", "--top-p", "0"], mentions: ["--top-p", "0"]),
        Case(arguments: ["probs", "--top-p", "1.5"], mentions: ["--top-p", "1.5"]),
        Case(arguments: ["probs", "--top-k", "0"], mentions: ["--top-k", "0"]),
        Case(arguments: ["probs", "--min-p", "2"], mentions: ["--min-p", "2"]),
        Case(arguments: ["sample", "--count", "0"], mentions: ["--count", "0"]),
        Case(arguments: ["sample", "--count", "-5"], mentions: ["--count", "-5"]),
        Case(arguments: ["sample", "--count", "1000000001"], mentions: ["--count", "1000000001"]),
        Case(arguments: ["sample", "--seed", "x"], mentions: ["--seed", "x"]),
        Case(arguments: ["sweep", "--from", "0"], mentions: ["--from", "0"]),
        Case(arguments: ["sweep", "--from", "2", "--to", "1"], mentions: ["--to", "1"]),
        Case(arguments: ["sweep", "--steps", "1"], mentions: ["--steps", "1"]),
        Case(arguments: ["probs", "--labels", "a,b", "--logits", "1,2,3"], mentions: ["--labels", "2 labels"]),
        Case(arguments: ["probs", "--format", "xml"], mentions: ["--format", "xml"]),
        Case(arguments: ["probs", "--samplers", "top-k,top-p,min-p"], mentions: ["--samplers", "missing temperature"]),
        Case(arguments: ["probs", "--samplers", "top-k,top-k,top-p,min-p,temperature"], mentions: ["--samplers", "twice"]),
        Case(arguments: ["probs", "--samplers", "typical,top-k,top-p,min-p,temperature"], mentions: ["--samplers", "typical"]),
        Case(arguments: ["sample", "--min-keep", "0"], mentions: ["min-keep", "0"]),
    ]

    @Test(arguments: cases)
    func refusedWithOneLine(_ c: Case) throws {
        let run = try ProgramRunner.run(c.arguments)
        #expect(run.status == usageExitCode)
        #expect(run.stdout.isEmpty)
        #expect(run.stderrLines.count == 1, "stderr was: \(run.stderr)")
        for fragment in c.mentions {
            #expect(run.stderr.contains(fragment), "stderr was: \(run.stderr)")
        }
        #expect(!run.stderr.contains("Fatal error"))
    }

    @Test func escapeSequencesInArgumentsAreShownNotSent() throws {
        let run = try ProgramRunner.run(["probs", "--logits", "1,\u{1b}[2J"])
        #expect(run.status == usageExitCode)
        #expect(!run.stderr.contains("\u{1b}"))
        #expect(run.stderr.contains("\\u{1b}[2J"))
    }
}
