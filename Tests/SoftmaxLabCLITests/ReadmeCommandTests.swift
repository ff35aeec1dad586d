import Foundation
import Testing

/// Every one-shot command the README shows runs exactly as written (from the package
/// folder, as a newcomer would), and prints the output the README shows after it:
/// each line of that block, except a "..." line and any line naming a path, is a line
/// of what the program printed.
@Suite struct ReadmeCommandTests {
    static let packageFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    struct Example: CustomTestStringConvertible, Sendable {
        let arguments: [String]
        /// The block shown right after the command, if any.
        let shown: [String]?
        var testDescription: String { arguments.joined(separator: " ") }
    }

    /// The subcommands that print and end (the explorer needs a terminal).
    static let oneShot: Set<String> = ["probs", "sample", "sweep", "calibrate", "show", "tokens", "generate"]

    static func examples() throws -> [Example] {
        let lines = try String(contentsOf: packageFolder.appendingPathComponent("README.md"), encoding: .utf8)
            .components(separatedBy: "\n")
        var examples: [Example] = []
        var i = 0
        while i < lines.count {
            guard lines[i] == "```sh" else { i += 1; continue }
            var commands: [String] = []
            i += 1
            while i < lines.count && lines[i] != "```" {
                var command = lines[i]
                while command.hasSuffix("\\") && i + 1 < lines.count {
                    i += 1
                    command = String(command.dropLast()) + " " + lines[i].trimmingCharacters(in: .whitespaces)
                }
                commands.append(command)
                i += 1
            }
            i += 1
            // An output block right after (perhaps after one blank line).
            var shown: [String]?
            var j = i
            while j < lines.count && lines[j].isEmpty { j += 1 }
            if j < lines.count && lines[j] == "```" {
                var block: [String] = []
                j += 1
                while j < lines.count && lines[j] != "```" { block.append(lines[j]); j += 1 }
                shown = block
            }
            for command in commands where command.hasPrefix("swift run softmax-lab ") {
                let arguments = shellWords(String(command.dropFirst("swift run softmax-lab ".count)))
                guard let first = arguments.first, oneShot.contains(first) else { continue }
                examples.append(Example(arguments: arguments, shown: commands.count == 1 ? shown : nil))
            }
        }
        return examples
    }

    /// Words split at spaces, with double quotes grouping.
    static func shellWords(_ text: String) -> [String] {
        var words: [String] = [], word = "", quoted = false, started = false
        for c in text {
            if c == "\"" { quoted.toggle(); started = true } else if c == " " && !quoted {
                if started { words.append(word) }
                word = ""
                started = false
            } else {
                word.append(c)
                started = true
            }
        }
        if started { words.append(word) }
        return words
    }

    @Test func theReadmeShowsCalibrateAndProbs() throws {
        let subcommands = Set(try Self.examples().compactMap(\.arguments.first))
        #expect(subcommands.isSuperset(of: ["probs", "sample", "sweep", "calibrate", "show"]))
    }

    @Test(arguments: try examples())
    func runsAsWrittenAndPrintsWhatIsShown(_ example: Example) throws {
        let run = try ProgramRunner.run(example.arguments, directory: Self.packageFolder)
        let refusal = example.shown?.first?.hasPrefix("softmax-lab: ") == true
        #expect(run.status == (refusal ? 64 : 0), "stderr: \(run.stderr)")
        guard let shown = example.shown else { return }
        let printed = Set((refusal ? run.stderr : run.stdout).components(separatedBy: "\n").map(trimmedAtEnd))
        for line in shown where line.trimmingCharacters(in: .whitespaces) != "..." && !line.contains("/") {
            #expect(printed.contains(trimmedAtEnd(line)), "README line not printed: \(line)")
        }
    }
}

private func trimmedAtEnd(_ line: String) -> String {
    var text = line
    while text.last == " " { text.removeLast() }
    return text
}
