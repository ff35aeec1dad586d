import Foundation
import Testing

/// The command line agrees with itself: one default, no option silently ignored,
/// help that names what exists.
@Suite struct ConsistencyTests {
    /// probs, sample, sweep and the explorer start from the same logits.
    @Test func everySubcommandHasTheExplorersDefaultLogits() throws {
        let explorer = try ProgramRunner.run(["show", "--seed", "1"]).stdout
        #expect(explorer.contains("K = 5 classes"))
        let probs = try ProgramRunner.run(["probs", "--format", "csv"]).stdout
        #expect(probs.split(separator: "\n").count == 1 + 5)
        let sweep = try ProgramRunner.run(["sweep"]).stdout
        #expect(sweep.contains("of 5 logits"))
        let sample = try ProgramRunner.run(["sample", "--seed", "1", "--format", "csv"]).stdout
        #expect(sample.split(separator: "\n").count == 1 + 5)
        for command in ["probs", "sample", "sweep"] {
            #expect(try ProgramRunner.run([command, "--help"]).stdout.contains("default 2,1,0.5,0.1,-1"), "\(command)")
        }
    }

    /// sweep sets T itself: -t there is refused, not ignored.
    @Test func sweepRefusesATemperature() throws {
        let run = try ProgramRunner.run(["sweep", "-t", "0.5"])
        #expect(run.status == usageExitCode)
        #expect(run.stderrLines.count == 1)
    }

    @Test func helpForAnUnknownSubcommandIsAnError() throws {
        let run = try ProgramRunner.run(["help", "foo"])
        #expect(run.status == usageExitCode)
        #expect(run.stderrLines == ["softmax-lab: help: no subcommand 'foo'; the subcommands are explore, show, probs, sample, sweep, calibrate, tokens, generate"])
        #expect(try ProgramRunner.run(["help", "sweep"]).status == 0)
    }

    @Test func theGeneralHelpNamesTheLessonAndItsOptions() throws {
        let help = try ProgramRunner.run(["--help"]).stdout
        for word in ["lesson", "--chapter", "--big", "--no-animation", "show"] {
            #expect(help.contains(word), "\(word)")
        }
    }

    @Test func withoutATerminalTheMessageNamesShow() throws {
        let run = try ProgramRunner.run([])
        #expect(run.status == 1)
        #expect(run.stderrLines.first?.contains("softmax-lab show") == true)
    }
}

/// Text and CSV say exactly what was computed, in a form a person or a program reads right.
@Suite struct OutputFormattingTests {
    /// Every CSV cell outside the name columns reads as a number (or is empty), and
    /// each row says its T and limit.
    @Test(arguments: [["probs", "--top-k", "2"], ["probs", "-t", "0"], ["probs", "-t", "inf", "--min-p", "0.5"],
                      ["sample", "--seed", "3", "-t", "0.5", "--top-p", "0.9"], ["sweep"]])
    func csvColumnsAreNumbers(_ arguments: [String]) throws {
        let lines = try ProgramRunner.run(arguments + ["--format", "csv"]).stdout.split(separator: "\n")
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let words: Set<String> = ["class", "kept", "masked", "limit", "top"]
        for line in lines.dropFirst() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            #expect(cells.count == header.count)
            for (name, cell) in zip(header, cells) where !words.contains(name) {
                #expect(cell.isEmpty || Double(cell) != nil, "\(arguments): \(name) = '\(cell)'")
            }
        }
        if arguments[0] != "sweep" {
            #expect(header.suffix(2) == ["T", "limit"])
            let t = arguments.firstIndex(of: "-t").map { arguments[$0 + 1] } ?? "1"
            let last = lines[1].split(separator: ",", omittingEmptySubsequences: false).suffix(2).map(String.init)
            switch t {
            case "0": #expect(last == ["0", "greedy"])
            case "inf": #expect(last == ["", "uniform"])
            default: #expect(last == [t, ""])
            }
        }
    }

    @Test func oneDrawIsSingular() throws {
        let text = try ProgramRunner.run(["sample", "--count", "1", "--seed", "1"]).stdout
        #expect(text.hasPrefix("1 draw at T = 1"))
    }

    /// With 10^9 draws the distance is about 1e-5: shown in significant digits, not 0.0000.
    @Test func aTinyDistanceIsNotPrintedAsZero() throws {
        let text = try ProgramRunner.run(["sample", "--count", "1000000000", "--seed", "1"]).stdout
        let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("total-variation distance") })
        #expect(!line.contains("0.0000"))
        #expect(line.contains("e-05") || line.contains("e-06"))
    }

    @Test func wideLabelsKeepTheColumnsAligned() throws {
        let text = try ProgramRunner.run(["probs", "--labels", "猫,犬,bird,魚,x"]).stdout
        let rows = text.split(separator: "\n").filter { $0.hasSuffix("0.558545") || $0.hasSuffix("1.000000") }
        // The cumulative column ends in the same terminal column on every row: count
        // a CJK character as two columns, as the terminal does.
        let ends = rows.map { $0.reduce(0) { $0 + ($1.unicodeScalars.first!.value >= 0x1100 ? 2 : 1) } }
        #expect(Set(ends).count == 1, "\(rows)")
    }
}

/// Values beyond the doubles: the table and CSV write them from their logarithm,
/// JSON writes null and says why.
@Suite struct BeyondTheDoublesTests {
    @Test func anUnderflowedProbabilityIsWrittenFromItsLog() throws {
        let table = try ProgramRunner.run(["probs", "--logits", "800,0"]).stdout
        // e^-800 / (1 + e^-800) = 3.6678745841...e-348 (mpmath).
        #expect(table.contains("3.67e-348"))
        let csv = try ProgramRunner.run(["probs", "--logits", "800,0", "--format", "csv"]).stdout
        let cell = try #require(csv.split(separator: "\n").last?.split(separator: ",")[3])
        #expect(cell.hasPrefix("3.6678745841") && cell.hasSuffix("e-348"), "\(cell)")
        let json = try ProgramRunner.run(["probs", "--logits", "800,0", "--format", "json"]).stdout
        #expect(json.contains("\"probability\": null"))
        #expect(json.contains("\"log_probability\": -800"))
        #expect(json.contains("below the smallest double"))
    }
}

/// Each column of a table keeps one number style: plain while every value reads
/// well that way, otherwise scientific throughout.
@Suite struct ColumnStyleTests {
    static func column(_ index: Int, of text: String, rows: Int) -> [String] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropFirst(3).prefix(rows)
        return lines.map { String($0.split(separator: " ", omittingEmptySubsequences: true)[index]) }
    }

    static func isScientific(_ cell: String) -> Bool { cell.contains("e") }

    @Test(arguments: [["probs", "-t", "0.3"], ["probs", "--logits", "1e300,-1e300,1e-06,12345.678"],
                      ["sample", "--seed", "2", "-t", "0.2"], ["probs"], ["sample", "--seed", "1"]])
    func everyColumnHasOneStyle(_ arguments: [String]) throws {
        let text = try ProgramRunner.run(arguments).stdout
        let rows = arguments.contains("--logits") ? 4 : 5
        for index in 1...4 {
            let cells = Self.column(index, of: text, rows: rows).filter { $0 != "0" && $0 != "cut" }
            let styles = Set(cells.map(Self.isScientific))
            #expect(styles.count <= 1, "\(arguments) column \(index): \(cells)")
        }
    }
}

/// The shipped man page (docs/softmax-lab.1, from ArgumentParser's generate-manual)
/// names every subcommand and every long option the binary's help names.
@Suite struct ManPageTests {
    @Test func theManPageIsCurrent() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../docs/softmax-lab.1").standardized
        let page = try String(contentsOf: url, encoding: .utf8)
        for command in ["explore", "show", "probs", "sample", "sweep"] {
            let help = try ProgramRunner.run(["help", command]).stdout
            #expect(page.contains(command), "\(command)")
            let options = help.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "," || $0 == "[" || $0 == "]" })
                .filter { $0.hasPrefix("--") && $0.count > 2 }
                .map { String($0.dropFirst(2).prefix { $0.isLetter || $0.isNumber || $0 == "-" }) }
            for option in Set(options) where option != "help" && option != "version" && !option.isEmpty {
                // mdoc writes --name as "Fl -name", or "Fl t , -name" beside a short form.
                #expect(page.contains(" -\(option)"), "\(command) --\(option) is not in the man page")
            }
        }
    }
}

@Suite struct PluralTests {
    @Test func oneLabelIsSingular() throws {
        let run = try ProgramRunner.run(["probs", "--labels", "a"])
        #expect(run.stderrLines == ["softmax-lab: --labels: 1 label for 5 logits; give one per logit"])
    }

    @Test func probsHelpStatesTheGreedyTies() throws {
        let help = try ProgramRunner.run(["probs", "--help"]).stdout
        #expect(help.contains("splits the mass equally over tied maxima"))
        #expect(help.contains("pick the first"))
    }
}

@Suite struct IgnoredOptionTests {
    /// show prints plain text with animations at their end: colour and motion options
    /// would do nothing there, so they are refused.
    @Test(arguments: ["--no-color", "--projector", "--no-animation"])
    func showRefusesOptionsItWouldIgnore(_ option: String) throws {
        let run = try ProgramRunner.run(["show", option])
        #expect(run.status == usageExitCode)
        #expect(run.stderrLines.count == 1 && run.stderrLines[0].contains(option))
    }
}
