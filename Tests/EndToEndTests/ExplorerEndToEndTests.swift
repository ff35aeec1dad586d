import Foundation
import Testing

/// The explorer as a person uses it, in tmux. Serialized: each test has its own
/// tmux server, but two at once would compete for two cores.
@Suite(.serialized) struct ExplorerEndToEndTests {
    static let utf8 = ["LANG": "C.UTF-8"]

    @Test func aSessionFromStartToQuit() throws {
        let tmux = try TmuxSession(["--seed", "7"], environment: Self.utf8)
        let first = try tmux.waitFor(text: "T = 1.00")
        let topBefore = try #require(number(after: "top: A ", in: first))
        let entropyBefore = try #require(number(after: "H = ", in: first))

        // → raises T: the top bar falls and the entropy rises.
        try tmux.send("Right")
        let warmer = try tmux.waitFor(text: "T = 1.20")
        let topAfter = try #require(number(after: "top: A ", in: warmer))
        let entropyAfter = try #require(number(after: "H = ", in: warmer))
        #expect(topAfter < topBefore)
        #expect(entropyAfter > entropyBefore)

        // One draw: u and the class it picked.
        try tmux.send("Space")
        let drawn = try tmux.waitFor("a landed draw") { $0.range(of: #"u = 0\.\d{4} → [A-E]"#, options: .regularExpression) != nil }
        #expect(drawn.contains("u = 0.7006"))

        // d: 1000 more; with the single draw, the histogram holds 1001.
        try tmux.send("d")
        try tmux.waitFor(text: "1001 draws: total-variation distance", timeout: 15)

        try tmux.send("q")
        #expect(try tmux.exitStatus() == 0)
        let after = try tmux.waitFor(text: "AFTER-EXIT")
        #expect(!after.contains("Softmax Lab"), "the explorer's screen should be gone (alternate screen left)")
        let modes = tmux.terminalModesAfterExit()
        #expect(modes.contains(" icanon") && modes.contains(" echo"), "terminal left in raw mode: \(modes)")
    }

    @Test func aTypedLogitIsRefusedInline() throws {
        let tmux = try TmuxSession(["--seed", "1"], environment: Self.utf8)
        try tmux.waitFor(text: "T = 1.00")
        try tmux.send("e", "a", "b", "c", "Enter")
        try tmux.waitFor(text: "'abc' is not a number; A stays 2.00")
        // Esc on its own: an Esc with more bytes right behind it reads as Alt+key.
        try tmux.send("Escape")
        try tmux.waitFor("the editor to close") { !$0.contains("new logit for") }
        // Half an escape sequence (Esc [ 1 ;) types nothing into the editor.
        try tmux.send("e")
        try tmux.tmux(["send-keys", "-H", "1b", "5b", "31", "3b"], readOutput: false)
        // A person's Enter comes later than the 60 ms that bytes after an Esc count as
        // one burst; sent at once, it would be dropped with them.
        Thread.sleep(forTimeInterval: 0.2)
        try tmux.send("Enter")
        try tmux.waitFor(text: "type a number first; A stays 2.00")
        try tmux.send("Escape")
        try tmux.waitFor("the editor to close") { !$0.contains("new logit for") }
        try tmux.send("e", "3", "Enter")
        try tmux.waitFor(text: "top: A")
        let screen = try tmux.waitFor(text: "3.00")
        #expect(screen.contains("A          3.00"))
        try tmux.send("C-c")
        #expect(try tmux.exitStatus() != nil)
    }

    @Test func notATerminalSaysSoInOneLine() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: TmuxSession.binary)
        let err = Pipe()
        process.standardError = err
        process.standardOutput = Pipe()
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus != 0)
        #expect(message.split(separator: "\n").count == 1)
        #expect(message.contains("needs a terminal"))
        #expect(message.contains("softmax-lab probs"))
    }

    @Test(arguments: ["dumb", "no-such-terminal"])
    func anUnusableTerminalIsRefusedInOneLine(_ term: String) throws {
        let tmux = try TmuxSession(["--seed", "1"], environment: ["LANG": "C.UTF-8", "TERM": term])
        let status = try #require(try tmux.exitStatus())
        #expect(status != 0)
        let screen = try tmux.waitFor(text: "AFTER-EXIT")
        #expect(screen.contains("softmax-lab: the terminal type '\(term)'"))
        #expect(!screen.contains("Softmax Lab"))
        let modes = tmux.terminalModesAfterExit()
        #expect(modes.contains(" icanon") && modes.contains(" echo"))
    }

    @Test func aSmallTerminalAsksToBeEnlarged() throws {
        let tmux = try TmuxSession(["--seed", "1"], width: 60, height: 20, environment: Self.utf8)
        try tmux.waitFor(text: "enlarge the terminal to 80×24 (now 60×20)")
        try tmux.tmux(["resize-window", "-x", "100", "-y", "30"], readOutput: false)
        try tmux.waitFor(text: "T = 1.00")
        try tmux.send("q")
        #expect(try tmux.exitStatus() == 0)
    }
}
