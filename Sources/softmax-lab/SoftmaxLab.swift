import ArgumentParser
import CNCursesW
import LabUI
import SoftmaxCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The program's version; `--version` adds the ncurses library it is linked to.
let softmaxLabVersion = "0.1.0"

@main
struct SoftmaxLab: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "softmax-lab",
        abstract: "An explorable explanation of softmax temperature.",
        discussion: """
            With no subcommand, softmax-lab opens the interactive explorer in the
            terminal; Tab there opens a \(Chapters.all.count)-chapter lesson, and --chapter N opens it at
            chapter N. --big is the projector layout and --no-animation shows every
            animation's end at once (see 'softmax-lab help explore'). 'show' prints any
            screen as text. The other subcommands answer one question and print a
            table, JSON or CSV.

            A temperature of 0 means the greedy limit: all mass on the largest logit,
            shared equally by tied maxima (decoders such as llama.cpp and Hugging Face's
            greedy search take the first of them instead); inf means the uniform limit.
            """,
        version: "softmax-lab \(softmaxLabVersion) (\(String(cString: curses_version())))",
        subcommands: [
            ExploreCommand.self, ShowCommand.self, ProbsCommand.self, SampleCommand.self, SweepCommand.self,
            CalibrateCommand.self, TokensCommand.self, GenerateCommand.self,
        ],
        defaultSubcommand: ExploreCommand.self
    )

    /// Parses and runs, turning every error into one line on stderr and the
    /// usage exit code, instead of ArgumentParser's multi-line report.
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        do {
            try refuseHelpForAnUnknownSubcommand(arguments)
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch {
            let report = Self.report(for: error, arguments: arguments)
            if report.exitCode == 0 {
                if !report.message.isEmpty { print(report.message) }
            } else if !report.message.isEmpty {
                printError(report.message)
            }
            Self.exit(withError: report.exitCode == 0 ? nil : ExitCode(report.exitCode))
        }
    }

    /// `help foo` would print the general help and succeed; a subcommand that does not
    /// exist is an error like any other unknown word.
    static func refuseHelpForAnUnknownSubcommand(_ arguments: [String]) throws {
        guard arguments.first == "help", arguments.count > 1 else { return }
        let names = configuration.subcommands.compactMap { $0.configuration.commandName }
        let asked = arguments[1]
        guard !names.contains(asked), !asked.hasPrefix("-") else { return }
        throw ValidationError("help: no subcommand '\(asked)'; the subcommands are \(names.joined(separator: ", "))")
    }

    /// What the program prints for an error, and the exit code it ends with.
    struct ErrorReport {
        /// For an error, one line on stderr; for --help and --version (which arrive
        /// as errors with a success code), the full text on stdout.
        let message: String
        let exitCode: Int32
    }

    static func report(for error: Error, arguments: [String]) -> ErrorReport {
        if let data = error as? DataError {
            // Bad data, not bad usage: EX_DATAERR.
            return ErrorReport(message: "softmax-lab: " + oneLine(data.description), exitCode: DataError.exitCode)
        }
        if let code = error as? ExitCode {
            // Already explained by whoever threw it.
            return ErrorReport(message: "", exitCode: code.rawValue)
        }
        let code = exitCode(for: error)
        if code == .success { return ErrorReport(message: fullMessage(for: error), exitCode: 0) }
        // An ExitCode thrown by a validate method arrives wrapped, with no message: it
        // was already explained.
        if message(for: error).isEmpty { return ErrorReport(message: "", exitCode: code.rawValue) }
        // ArgumentParser quotes the offending argument as it was typed: spell its control
        // characters out first, or a newline inside it would cut the one line short.
        var text = message(for: error)
        for argument in arguments.flatMap({ [$0] + $0.split(separator: "=", maxSplits: 1).map(String.init) })
        where visibleText(argument) != argument {
            text = text.replacing(argument, with: visibleText(argument))
        }
        return ErrorReport(message: "softmax-lab: " + oneLine(text), exitCode: code.rawValue)
    }
}

/// A subcommand that answers with text: `run` prints it, and tests can ask for it directly.
protocol AnsweringCommand: ParsableCommand {
    func answer() throws -> String
}

extension AnsweringCommand {
    func run() throws { print(try answer()) }
}

/// The first line of a message, with control characters made visible so that no
/// argument can smuggle an escape sequence into the terminal.
func oneLine(_ message: String) -> String {
    let first = message.split(separator: "\n", omittingEmptySubsequences: true).first.map(String.init) ?? message
    return visibleText(first)
}

/// Replaces C0/C1 control characters and DEL with their escaped spelling.
func visibleText(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
        switch scalar.value {
        case 0x00..<0x20, 0x7F..<0xA0:
            out += "\\u{" + String(scalar.value, radix: 16) + "}"
        default:
            out.unicodeScalars.append(scalar)
        }
    }
    return out
}

func printError(_ line: String) {
    var stderr = StandardError()
    print(line, to: &stderr)
}

struct StandardError: TextOutputStream {
    mutating func write(_ string: String) {
        let bytes = Array(string.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.write(2, $0.baseAddress, $0.count) }
            if written <= 0 { return }
            offset += written
        }
    }
}
