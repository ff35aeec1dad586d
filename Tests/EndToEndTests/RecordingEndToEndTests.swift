import Foundation
import Testing

/// A recorded generation (`--tokens FILE`) in the real binary in tmux: step through
/// it, turn T, cut, look at a position in the explorer, and leave a sane terminal.
@Suite(.serialized) struct RecordingEndToEndTests {
    static let story = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../examples/tokens-story.json").standardized.path

    @Test func stepsTurnsCutsAndExplores() throws {
        let tmux = try TmuxSession(["--tokens", Self.story, "--seed", "7"], environment: ["LANG": "C.UTF-8"])
        try tmux.waitFor(text: "token 1 of 24")
        try tmux.send("Down", "Down", "Down")
        try tmux.waitFor(text: "token 4 of 24")
        try tmux.waitFor(text: "The robot paused at")
        try tmux.send("Left")
        try tmux.waitFor(text: "T = 0.900")
        // Top-k, raised from its default 10 by one.
        try tmux.send("k", "+")
        try tmux.waitFor(text: "top-k 11 ·")
        try tmux.send("G")
        try tmux.waitFor(text: "token 24 of 24")
        try tmux.send("e")
        try tmux.waitFor(text: "the temperature of a softmax")
        try tmux.send("g")
        try tmux.waitFor(text: "token 24 of 24")
        try tmux.send("Tab")
        try tmux.waitFor(text: "Tab generation")
        try tmux.send("Tab")
        try tmux.waitFor(text: "Recorded generation")
        try tmux.resize(width: 120, height: 40)
        try tmux.waitFor(text: "OpenAI chat completions")
        try tmux.send("q")
        #expect(try tmux.exitStatus() == 0)
        let modes = tmux.terminalModesAfterExit()
        #expect(modes.contains(" icanon") && modes.contains(" echo"), "terminal left in raw mode: \(modes)")
    }
}
