import Foundation
import SoftmaxCore
import Testing
@testable import LogitFiles

/// The corpus reader: how text splits into tokens, each refusal in one line naming the
/// file, and seeded mutations of a valid text that give a corpus or one line, never a trap.
@Suite struct CorpusReaderTests {
    static func read(_ text: String) throws -> Corpus {
        try CorpusReader.read(bytes: Array(text.utf8), file: "notes.txt")
    }

    static func problem(_ bytes: [UInt8]) -> CorpusError.Problem? {
        do {
            _ = try CorpusReader.read(bytes: bytes, file: "notes.txt")
            return nil
        } catch {
            return error.problem
        }
    }

    /// Words lowercased, with an apostrophe or hyphen kept only between letters; runs of
    /// punctuation as one token of at most three characters; everything else separates.
    @Test func splitsWordsAndPunctuation() throws {
        let corpus = try Self.read("Don’t stop—well-known, 'quoted' CAFÉ! Wait...?! e\u{301}t\u{e9} 3.14 -x x- (y) a--b")
        let tokens = corpus.tokens.map { corpus.vocabulary[$0] }
        #expect(tokens == ["don't", "stop", "well-known", ",", "quoted", "café", "!", "wait", "...", "e\u{301}té", "3", ".",
                           "14", "x", "x", "y", "a", "b"])
        #expect(corpus.vocabulary.count == tokens.count - 1)
        #expect(corpus.wordCount == 14)
        #expect(Corpus.text(of: tokens.prefix(9)) == "don't stop well-known, quoted café! wait...")
    }

    @Test func longWordsAreCut() throws {
        let corpus = try Self.read(String(repeating: "a", count: 100) + " b")
        #expect(corpus.vocabulary == [String(repeating: "a", count: 64), "b"])
    }

    /// Sentences start at the first token and after a sentence's end, where two words follow.
    @Test func sentenceStarts() throws {
        let corpus = try Self.read("One two. Three four, five! Six. Seven eight")
        #expect(corpus.sentenceStarts.map { corpus.vocabulary[corpus.tokens[$0]] } == ["one", "three", "seven"])
    }

    @Test(arguments: [
        ([UInt8](), CorpusError.Problem.empty),
        (Array(" \n\t\r\n".utf8), .noWords),
        (Array("... ,,, !?".utf8), .noWords),
        ([0x61, 0x0A, 0x62, 0xFF], .notUTF8(line: 2, byte: 0xFF)),
        // UTF-16 with its byte-order mark; without one, its NULs give it away.
        ([0xFF, 0xFE, 0x61, 0x00], .notUTF8(line: 1, byte: 0xFF)),
        ([0x61, 0x00, 0x62, 0x00], .nulByte(line: 1)),
        // An overlong "/", a UTF-16 surrogate, a sequence cut short at the end, Latin-1 "é".
        ([0x61, 0x20, 0xC0, 0xAF], .notUTF8(line: 1, byte: 0xC0)),
        ([0xED, 0xA0, 0x80], .notUTF8(line: 1, byte: 0xED)),
        ([0x0A, 0x0A, 0x61, 0xE2, 0x82], .notUTF8(line: 3, byte: 0xE2)),
        (Array("caf".utf8) + [0xE9], .notUTF8(line: 1, byte: 0xE9)),
    ])
    func refusals(_ bytes: [UInt8], _ expected: CorpusError.Problem) {
        #expect(Self.problem(bytes) == expected)
    }

    @Test func refusalsAreOneLineNamingTheFile() throws {
        let messages = [
            CorpusError(file: "notes.txt", problem: .empty).description,
            CorpusError(file: "notes.txt", problem: .noWords).description,
            CorpusError(file: "notes.txt", problem: .notUTF8(line: 2, byte: 0xFF)).description,
            CorpusError(file: "notes.txt", problem: .nulByte(line: 1)).description,
            CorpusError(file: "notes.txt", problem: .tooLarge(bytes: 5_000_000)).description,
        ]
        #expect(messages == [
            "notes.txt: the file is empty; a corpus needs words",
            "notes.txt: no words: the file holds no letters or digits",
            "notes.txt: line 2: byte 0xFF is not UTF-8; save the corpus as UTF-8 text",
            "notes.txt: line 1: a NUL byte, so binary or UTF-16, not UTF-8 text",
            "notes.txt: 5000000 bytes; a corpus may have at most 4194304 (4 MiB)",
        ])
        // A file name cannot break the line or move the cursor.
        #expect(CorpusError(file: "a\nb\u{1B}[2J", problem: .empty).description
            == "a\\u{a}b\\u{1b}[2J: the file is empty; a corpus needs words")
    }

    @Test func aFileTooLargeIsRefusedBeforeItIsRead() {
        #expect(Self.problem([UInt8](repeating: 0x61, count: CorpusReader.maximumByteCount + 1))
            == .tooLarge(bytes: CorpusReader.maximumByteCount + 1))
    }

    /// A regular file is mapped and read as its bytes are; a missing file and a folder are
    /// refused with the system's words.
    @Test func readsFilesFromAPath() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("corpus-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("text.txt")
        let text = "Café au lait. The river runs.\n"
        try Data(text.utf8).write(to: file)
        let fromPath = try CorpusReader.read(path: file.path)
        let fromBytes = try CorpusReader.read(bytes: Array(text.utf8), file: file.path)
        #expect(fromPath == fromBytes)
        #expect(fromPath.fileName == "text.txt")
        #expect(throws: CorpusError(file: folder.path + "/missing.txt",
                                    problem: .cannotRead(reason: "No such file or directory"))) {
            try CorpusReader.read(path: folder.path + "/missing.txt")
        }
        #expect(throws: CorpusError(file: folder.path, problem: .cannotRead(reason: "it is a directory"))) {
            try CorpusReader.read(path: folder.path)
        }
    }

    /// 4,000 seeded mutations of a text with multibyte characters: each gives a corpus of
    /// well-formed tokens, or one line of refusal.
    @Test(arguments: [UInt64(1), 2])
    func mutationsGiveACorpusOrOneLineNeverATrap(seed: UInt64) {
        let valid = Array("The river’s café—naïve, well-known! 猫 e\u{301}… Don't stop.\nSecond line: 3.14?".utf8)
        var random = SeededGenerator(seed: seed)
        var outcomes = (corpora: 0, refusals: 0)
        for _ in 0..<2_000 {
            let bytes = randomlyMutated(valid, using: &random)
            do {
                let corpus = try CorpusReader.read(bytes: bytes, file: "fuzz")
                outcomes.corpora += 1
                #expect(corpus.wordCount > 0 && corpus.tokens.allSatisfy { corpus.vocabulary.indices.contains($0) })
                #expect(corpus.vocabulary.allSatisfy { !$0.isEmpty && $0.unicodeScalars.count <= 64 })
                #expect(Set(corpus.vocabulary).count == corpus.vocabulary.count)
            } catch {
                outcomes.refusals += 1
                #expect(error.description.hasPrefix("fuzz: ") && !error.description.contains("\n"))
            }
        }
        #expect(outcomes.corpora > 200 && outcomes.refusals > 200, "\(outcomes)")
    }
}
