import ArgumentParser
import Foundation
import SoftmaxCore
import Testing
@testable import softmax_lab

/// Random and malformed command lines for every subcommand. In process, through the
/// same parse and error report `main` uses, and then a sample through the real binary.
@Suite struct CommandLineFuzzTests {
    static let subcommands = ["", "explore", "show", "probs", "sample", "sweep", "help", "prob", "-", "--", "sample sweep"]

    static let options = [
        "--logits", "--labels", "-t", "--temperature", "--seed", "--chapter", "--no-animation", "--big", "--no-color",
        "--ascii", "--width", "--height", "--top-k", "--top-p", "--min-p", "--format", "-n", "--count", "--from", "--to",
        "--steps", "--help", "-h", "--version", "--no-such-option", "-x", "--logits=", "-t=",
    ]

    /// Values a person might type, values that are almost right, and values that are not values at all.
    static let values = [
        "2,1,0.5", "1,1", "0", "1", "0.7", "inf", "-inf", "nan", "NaN", "1e999", "-1e999", "1e-320", "0x1p-1074", "1e300,-1e300",
        "-", "--", "", " ", ",", ",,", "1,", ",1", "1,,2", "abc", "1e", "e5", "+", "0.5.5", "١٢", "１", "∞", "−1",
        "3", "10", "25", "50", "100", "1000", "-3", "4294967296", "18446744073709551616", "99999999999999999999",
        "table", "json", "csv", "xml", "napkin", "temperature", "12", "0.99", "1.5", "-0.1",
        "A,B,C", "a\u{1B}[2J", "\u{1B}]52;c;aGk=\u{07}", "😀,中,e\u{301}", "\u{0}", "\n", "a\tb",
        String(repeating: "9", count: 500), String(repeating: "1,", count: 300) + "1",
    ]

    static func randomArguments(_ generator: inout SeededGenerator) -> [String] {
        var arguments = subcommands.randomElement(using: &generator)!.split(separator: " ").map(String.init)
        for _ in 0..<Int.random(in: 0...6, using: &generator) {
            switch Int.random(in: 0..<10, using: &generator) {
            case 0..<6:
                arguments.append(options.randomElement(using: &generator)!)
                if Bool.random(using: &generator) { arguments.append(values.randomElement(using: &generator)!) }
            case 6..<8:
                arguments.append(values.randomElement(using: &generator)!)
            case 8:
                // A value glued on with '='.
                arguments.append(options.randomElement(using: &generator)! + "=" + values.randomElement(using: &generator)!)
            default:
                // Random bytes of text, control characters included.
                let length = Int.random(in: 0...12, using: &generator)
                arguments.append(String((0..<length).map { _ in Character(Unicode.Scalar(UInt8.random(in: 0...127, using: &generator))) }))
            }
        }
        return arguments
    }

    /// C0 and C1 controls and DEL: what must never reach the terminal as is.
    static func hasControlCharacter(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0.value < 0x20 || (0x7F..<0xA0).contains($0.value) }
    }

    /// What a failure must look like: one line, named, no control characters, exit 64.
    static func problems(with report: SoftmaxLab.ErrorReport, for arguments: [String]) -> [String] {
        if report.exitCode == 0 { return [] }  // --help, --version
        var found: [String] = []
        if report.exitCode != ExitCode.validationFailure.rawValue { found.append("exit \(report.exitCode)") }
        if !report.message.hasPrefix("softmax-lab: ") { found.append("unnamed message") }
        if report.message.contains("\n") { found.append("more than one line") }
        if hasControlCharacter(report.message) { found.append("control character in the message") }
        return found.map { "\(arguments.debugDescription): \($0): \(report.message.debugDescription)" }
    }

    /// 1 000 command lines in four seeded runs. (ArgumentParser checks its own
    /// definitions on every parse in a debug build, about 30 ms a time, so thousands
    /// more go to the value parsers below, where our own code is.)
    @Test(arguments: [1, 2, 3, 4] as [UInt64])
    func randomCommandLinesFailInOneLineOrAnswer(seed: UInt64) throws {
        var generator = SeededGenerator(seed: seed)
        var findings: [String] = []
        var refused = 0, answered = 0
        for _ in 0..<250 {
            let arguments = Self.randomArguments(&generator)
            do {
                let command = try SoftmaxLab.parseAsRoot(arguments)
                // The explorer would take over the terminal; its parse is what is fuzzed.
                guard let answering = command as? any AnsweringCommand else { continue }
                let output = try answering.answer()
                answered += 1
                if output.isEmpty { findings.append("\(arguments.debugDescription): empty answer") }
                if Self.hasControlCharacter(output.replacing("\n", with: "")) {
                    findings.append("\(arguments.debugDescription): control character in the answer")
                }
            } catch {
                refused += 1
                findings += Self.problems(with: SoftmaxLab.report(for: error, arguments: arguments), for: arguments)
            }
            if findings.count > 20 { break }
        }
        #expect(findings.isEmpty, "\(findings.count) findings:\n\(findings.joined(separator: "\n"))")
        #expect(refused > 100 && answered > 5, "the fuzz should exercise both paths: \(refused) refused, \(answered) answered")
    }

    /// Every option's value parser on 20 000 random values each: a value is either taken
    /// or refused with a ValidationError, which the program reports in one clean line.
    @Test func everyValueParserTakesOrRefusesInOneLine() {
        let parsers: [(String, (String) throws -> Any)] = [
            ("--logits", parseLogitsArgument), ("-t", parseTemperatureArgument), ("--seed", parseSeedArgument),
            ("-n", parseCountArgument), ("--steps", parseStepsArgument), ("--from", parseNumberArgument),
            ("--chapter", parseChapterArgument), ("--width", { try parseDimension($0, "--width", 80...400) }),
        ]
        var generator = SeededGenerator(seed: 99)
        var findings: [String] = []
        for (option, parse) in parsers {
            for _ in 0..<20_000 {
                let value = Self.randomValue(&generator)
                do {
                    _ = try parse(value)
                } catch let error as ValidationError {
                    // The line main prints for it (the full report, which costs a parse's
                    // worth of ArgumentParser's checks, is fuzzed above).
                    let line = "softmax-lab: " + oneLine(error.message)
                    findings += Self.problems(with: .init(message: line, exitCode: 64), for: [option, value])
                    if error.message.contains("\n") { findings.append("\(option) \(value.debugDescription): several lines") }
                } catch {
                    findings.append("\(option) \(value.debugDescription): unexpected \(error)")
                }
            }
        }
        #expect(findings.isEmpty, "\(findings.count) findings:\n\(findings.prefix(20).joined(separator: "\n"))")
    }

    /// A listed value, a mutation of one, or random characters (controls included).
    static func randomValue(_ generator: inout SeededGenerator) -> String {
        switch Int.random(in: 0..<3, using: &generator) {
        case 0: return values.randomElement(using: &generator)!
        case 1:
            var characters = Array(values.randomElement(using: &generator)!)
            for _ in 0..<Int.random(in: 1...3, using: &generator) {
                let inserted = Character(Unicode.Scalar(UInt8.random(in: 0...127, using: &generator)))
                characters.insert(inserted, at: Int.random(in: 0...characters.count, using: &generator))
            }
            return String(characters)
        default:
            let alphabet = Array("0123456789.,-+eEinfaxp \u{1B}\t\u{0}∞−")
            return String((0..<Int.random(in: 0...20, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
        }
    }

    /// Found by the value-parser fuzz: a value holding a newline cut the one-line error
    /// short at the newline ("The value '1"). The whole value is now spelled out.
    @Test(arguments: [["probs", "--logits", "1\n2"], ["probs", "-t", "x\ny"], ["probs", "--format=x\ny"],
                      ["pro\nbs"], ["probs", "--lo\ngits", "1"], ["probs", "--logits", "1,a\nb\u{1B}[2J"]])
    func aNewlineInsideAnArgumentIsSpelledOutNotCutAt(_ arguments: [String]) {
        do {
            _ = try SoftmaxLab.parseAsRoot(arguments)
            Issue.record("\(arguments) should be refused")
        } catch {
            let report = SoftmaxLab.report(for: error, arguments: arguments)
            #expect(report.exitCode == 64)
            #expect(Self.problems(with: report, for: arguments).isEmpty, "\(report.message)")
            let offending = arguments.first { $0.contains("\n") }!.split(separator: "=").last.map(String.init)!
            #expect(report.message.contains(visibleText(offending)), "\(report.message)")
        }
    }

    /// The same, through the real binary: no trap, no stack trace, at most one line on stderr.
    @Test func randomCommandLinesThroughTheBinary() throws {
        var generator = SeededGenerator(seed: 640)
        var findings: [String] = []
        for _ in 0..<150 {
            // NUL cannot be passed in argv.
            let arguments = Self.randomArguments(&generator).map { $0.replacingOccurrences(of: "\u{0}", with: "0") }
            let run = try ProgramRunner.run(arguments)
            // 0: an answer or help; 64: refused; 1: the explorer without a terminal.
            if ![0, 1, 64].contains(run.status) { findings.append("\(arguments.debugDescription): exit \(run.status)") }
            if run.status != 0 && run.stderrLines.count != 1 {
                findings.append("\(arguments.debugDescription): \(run.stderrLines.count) lines on stderr: \(run.stderr)")
            }
            for sign in ["Fatal error", "Stack dump", "Current stack trace", "Backtrace"] where run.stderr.contains(sign) {
                findings.append("\(arguments.debugDescription): \(sign)")
            }
        }
        #expect(findings.isEmpty, "\(findings.count) findings:\n\(findings.joined(separator: "\n"))")
    }
}
