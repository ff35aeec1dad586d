import Foundation
import Testing

/// Every file of the committed fuzz corpora (Fuzz/Corpus/<reader>/: the valid seeds and
/// the inputs the fuzzers found) through the real binary, by each subcommand that reads
/// that kind of file: calibrate, probs --logits-file, tokens and generate --corpus. Each
/// run gives a result (exit 0) or one line on stderr and the data-error code 65; never a
/// usage code for a file's contents, never a trap.
@Suite struct FuzzCorpusCommandTests {
    static let corpora: String = {
        let here = "\(#filePath)"
        let tests = here[..<here.range(of: "/Tests/")!.lowerBound]
        return tests + "/Fuzz/Corpus"
    }()

    /// The command lines that read each corpus's files; FILE is the input, LABELS and
    /// LOGITS stand for valid companions of three rows.
    static let commands: [String: [[String]]] = [
        "npy": [["calibrate", "FILE", "--label-column", "-1"], ["calibrate", "FILE", "--labels", "LABELS"],
                ["probs", "--logits-file", "FILE"]],
        "text": [["calibrate", "FILE", "--label-column", "-1"], ["calibrate", "FILE", "--labels", "LABELS"],
                 ["probs", "--logits-file", "FILE"]],
        "labels": [["calibrate", "LOGITS", "--labels", "FILE"]],
        "logits-json": [["probs", "--logits-file", "FILE"]],
        "token-logprobs": [["tokens", "FILE"]],
        "corpus": [["generate", "--corpus", "FILE", "--words", "5"]],
    ]

    /// The name a file is given when it has none of its own (the fuzzer names what it
    /// finds by a hash): the format its reader is fuzzed in.
    static let defaultExtensions = ["npy": "npy", "text": "txt", "labels": "txt", "logits-json": "json",
                                    "token-logprobs": "json", "corpus": "txt"]

    struct Input: CustomTestStringConvertible, Sendable {
        let reader: String
        let name: String
        var testDescription: String { reader + "/" + name }
    }

    static let inputs: [Input] = {
        let folders = (try? FileManager.default.contentsOfDirectory(atPath: corpora)) ?? []
        return folders.sorted().flatMap { reader in
            ((try? FileManager.default.contentsOfDirectory(atPath: corpora + "/" + reader)) ?? [])
                .sorted().map { Input(reader: reader, name: $0) }
        }
    }()

    /// Every corpus has a command line here, and holds its seeds.
    @Test func everyCorpusIsRunByASubcommand() {
        let readers = Set(Self.inputs.map(\.reader))
        #expect(readers.count >= 6)
        #expect(readers.subtracting(Self.commands.keys).isEmpty, "no command for \(readers.subtracting(Self.commands.keys))")
        for reader in readers {
            #expect(Self.inputs.filter { $0.reader == reader && $0.name.hasPrefix("seed-") }.count >= 3, "\(reader)")
        }
    }

    @Test(arguments: inputs)
    func aResultOrOneLineAndTheDataErrorCode(_ input: Input) throws {
        let scratch = NSTemporaryDirectory() + "fuzz-corpus-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let source = Self.corpora + "/" + input.reader + "/" + input.name
        var file = source
        if !input.name.contains(".") {
            file = scratch + "/" + input.name + "." + (Self.defaultExtensions[input.reader] ?? "txt")
            try FileManager.default.copyItem(atPath: source, toPath: file)
        }
        let labels = scratch + "/labels.txt", logits = scratch + "/logits.csv"
        try Data("2\n0\n3\n".utf8).write(to: URL(fileURLWithPath: labels))
        try Data("1,2,3,4\n4,3,2,1\n0,0,1,2\n".utf8).write(to: URL(fileURLWithPath: logits))
        let substitutes = ["FILE": file, "LABELS": labels, "LOGITS": logits]
        for command in Self.commands[input.reader] ?? [] {
            let arguments = command.map { substitutes[$0] ?? $0 }
            let run = try ProgramRunner.run(arguments)
            let shown = arguments.joined(separator: " ")
            #expect(!run.uncaughtSignal && (run.status == 0 || run.status == 65),
                    "\(shown): exit \(run.status)\(run.uncaughtSignal ? " (signal)" : ""); stderr: \(run.stderr)")
            if run.status != 0 {
                #expect(run.stderrLines.count == 1 && run.stderr.hasPrefix("softmax-lab: "), "\(shown): \(run.stderr)")
                #expect(run.stdout.isEmpty, "\(shown): \(run.stdout)")
            }
        }
    }
}
