import Foundation
import Testing

/// `generate` and `--corpus`, as a script sees them: the same seed prints the same text,
/// every word comes from the corpus, and a corpus that cannot be used is refused in one
/// line with the data exit code.
@Suite struct GenerateCommandTests {
    static let dataExitCode: Int32 = 65

    static var shippedCorpus: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../assets/harbour-town.txt")
            .standardized.path
    }

    /// The words of a text, split apart from the program's reader: lowercase runs of
    /// letters and digits, with an inner apostrophe or hyphen.
    static func words(_ text: String) -> Set<String> {
        let normalised = text.lowercased().replacingOccurrences(of: "’", with: "'")
        let pieces = normalised.split { !($0.isLetter || $0.isNumber || $0 == "'" || $0 == "-") }
        return Set(pieces.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "'-")) }.filter { !$0.isEmpty })
    }

    /// The scratch folder the calibrate tests use.
    typealias Files = CalibrateCommandTests.Files

    @Test func theSameSeedPrintsTheSameText() throws {
        let a = try ProgramRunner.run(["generate", "--seed", "7", "--words", "80"])
        let b = try ProgramRunner.run(["generate", "--seed", "7", "--words", "80"])
        let c = try ProgramRunner.run(["generate", "--seed", "8", "--words", "80"])
        #expect(a.status == 0 && a.stderr.isEmpty)
        #expect(a.stdout == b.stdout)
        #expect(a.stdout != c.stdout)
        #expect(a.stdout.hasPrefix("the river "))
        #expect(a.stdout.split(separator: "\n").count == 1)
    }

    /// At every T, with and without cuts, each word printed is a word of the corpus.
    @Test(arguments: [["-t", "0"], ["-t", "1"], ["-t", "5"], ["-t", "inf"], ["-t", "2", "--top-k", "3"],
                      ["-t", "1.5", "--min-p", "0.1", "--samplers", "top-k,top-p,min-p,temperature"]])
    func usesOnlyWordsFromTheCorpus(_ options: [String]) throws {
        let corpusWords = Self.words(try String(contentsOfFile: Self.shippedCorpus, encoding: .utf8))
        #expect(corpusWords.count > 800)
        let run = try ProgramRunner.run(["generate", "--seed", "3", "--words", "300"] + options)
        #expect(run.status == 0, "\(run.stderr)")
        let printed = Self.words(run.stdout)
        #expect(printed.count > (options[1] == "0" ? 5 : 40))
        #expect(printed.subtracting(corpusWords).isEmpty, "\(printed.subtracting(corpusWords))")
    }

    /// A corpus of one's own, with a prompt from it; a prompt word it lacks is refused.
    @Test func aCorpusOfOnesOwn() throws {
        let files = try Files()
        let path = files.write("own.txt", Array("Kettles whistle. Ravens argue loudly; kettles sulk. Ravens whistle back!".utf8))
        let run = try ProgramRunner.run(["generate", "--corpus", path, "--prompt", "Ravens argue", "-n", "40", "-t", "2"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("ravens argue "))
        #expect(Self.words(run.stdout).isSubset(of: ["kettles", "whistle", "ravens", "argue", "loudly", "sulk", "back"]))
        let unknown = try ProgramRunner.run(["generate", "--corpus", path, "--prompt", "ravens fly"])
        #expect(unknown.status == usageExitCode)
        #expect(unknown.stderrLines == ["softmax-lab: --prompt: 'fly' is not in the corpus \(path)"])
    }

    /// Not UTF-8, empty, wordless, missing: one line naming the file, exit 65, for
    /// generate and for the lab (explore and show read the corpus before anything else).
    @Test func anUnusableCorpusIsRefusedInOneLine() throws {
        let files = try Files()
        let cases: [(path: String, message: String)] = [
            (files.write("latin1.txt", Array("Caf".utf8) + [0xE9, 0x0A]), "line 1: byte 0xE9 is not UTF-8"),
            (files.write("empty.txt", []), "the file is empty"),
            (files.write("blank.txt", Array("  \n\n".utf8)), "no words"),
            (files.directory + "/missing.txt", "cannot read: No such file or directory"),
        ]
        for (path, message) in cases {
            for command in [["generate"], ["show", "--chapter", "generation"], ["explore"]] {
                let run = try ProgramRunner.run(command + ["--corpus", path])
                #expect(run.status == Self.dataExitCode, "\(command) \(path)")
                #expect(run.stderrLines == ["softmax-lab: \(path): \(message)" + (message.hasPrefix("line") ?
                    "; save the corpus as UTF-8 text" : message == "the file is empty" ? "; a corpus needs words" :
                    message == "no words" ? ": the file holds no letters or digits" : "")], "\(command)")
                #expect(run.stdout.isEmpty)
            }
        }
    }

    /// The lab trains on the corpus given: its heading names the file, and the text it
    /// draws is made of that corpus's words.
    @Test func theLabTrainsOnTheCorpusGiven() throws {
        let files = try Files()
        let path = files.write("own.txt", Array("Kettles whistle. Ravens argue loudly; kettles sulk. Ravens whistle back!".utf8))
        let run = try ProgramRunner.run(["show", "--chapter", "generation", "--corpus", path, "--keys", "g", "--seed", "2"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("A trigram model of own.txt (14 tokens)"))
        #expect(run.stdout.contains("30 words"))
        #expect(run.stdout.contains("kettles whistle"))
    }

    @Test func badCountsAreRefused() throws {
        for words in ["0", "10001", "x"] {
            let run = try ProgramRunner.run(["generate", "--words", words])
            #expect(run.status == usageExitCode && run.stderrLines.count == 1, "\(words)")
        }
    }
}
