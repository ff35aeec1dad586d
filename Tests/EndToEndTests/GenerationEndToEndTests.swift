import Foundation
import LabUI
import SoftmaxCore
import Testing

/// The generation lab in the real binary in tmux, as a class would run it: train, draw,
/// fall into a loop at T → 0, then the three temperatures side by side.
@Suite(.serialized) struct GenerationEndToEndTests {
    @Test func drawsLoopsAndComparesInTheRealTerminal() throws {
        let tmux = try TmuxSession(["--chapter", "generation", "--seed", "7"], environment: ["LANG": "C.UTF-8"])
        try tmux.waitFor(text: "The text, seed 7, prompt 1 of 169:")
        try tmux.send("Space")
        try tmux.waitFor(text: "1 word · mean surprise")
        try tmux.send("0", "g")
        let looped = try tmux.waitFor(text: "31 words")
        #expect(looped.contains("T → 0"))
        try tmux.send("g")
        let screen = try tmux.waitFor(text: "a loop of 7 words")
        #expect(screen.contains("⟨loop⟩"))
        try tmux.send("n")
        try tmux.waitFor(text: "hot: T = 3.00")
        try tmux.waitFor(text: "surprise 12.23 bits")
        try tmux.send("q")
        #expect(try tmux.exitStatus() == 0)
    }

    /// In ASCII, without colour, at 120×40, on a corpus of one's own.
    @Test func aCorpusOfOnesOwnInASCII() throws {
        let path = NSTemporaryDirectory() + "generation-e2e-\(UUID().uuidString).txt"
        _ = FileManager.default.createFile(atPath: path, contents: Data("Kettles whistle. Ravens argue loudly; kettles sulk.".utf8))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let tmux = try TmuxSession(["--chapter", "generation", "--seed", "2", "--corpus", path, "--ascii"], width: 120, height: 40,
                                   environment: ["LANG": "C.UTF-8", "NO_COLOR": "1"])
        try tmux.waitFor(text: "A trigram model of \(URL(fileURLWithPath: path).lastPathComponent) (10 tokens)")
        try tmux.send("g")
        let screen = try tmux.waitFor(text: "drawn, newest first")
        #expect(screen.allSatisfy { $0.isASCII })
        try tmux.send("q")
        #expect(try tmux.exitStatus() == 0)
    }
}
