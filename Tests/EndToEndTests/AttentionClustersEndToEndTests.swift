import Foundation
import LabUI
import SoftmaxCore
import Testing

/// The attention and clusters labs in the real binary in tmux, as a student would use them.
@Suite(.serialized) struct AttentionClustersEndToEndTests {
    /// The attention lab by name: the tasks with ↑↓, hard and uniform attention with 0 and
    /// u, T with →; in ASCII without colour too, and at 120×40 the three regimes side by side.
    @Test func attentionByItsKeys() throws {
        let tmux = try TmuxSession(["--chapter", "attention", "--seed", "7"], environment: ["LANG": "C.UTF-8"])
        try tmux.waitFor(text: "Hand-made vectors, for illustration")
        try tmux.waitFor(text: "49.5%")
        try tmux.send("Down")
        try tmux.waitFor(text: "▶ identify a person")
        try tmux.send("Down")
        try tmux.waitFor(text: "▶ respond to a command")
        try tmux.send("0")
        let hard = try tmux.waitFor(text: "dial, hard")
        #expect(hard.split(separator: "\n").contains { $0.hasPrefix("    microphone") && $0.hasSuffix(" 100%") }, "\(hard)")
        try tmux.send("u")
        let uniform = try tmux.waitFor(text: "dial, uniform")
        #expect(uniform.components(separatedBy: "14.3%").count - 1 == 7, "\(uniform)")
        try tmux.send("1", "Right")
        try tmux.waitFor(text: "soft, T = 1.")
        try tmux.send("q")
        #expect(try tmux.exitStatus() == 0)

        let wide = try Self.asciiScreen("attention", showing: "uniform, T -> inf")
        #expect(wide.contains("hard, T -> 0"), "\(wide)")
    }

    /// The clusters lab: the arrows move the probe, n and m change σ (and the T it
    /// implies), f sets the dial to 2σ², a and x change the number of classes.
    @Test func clustersByItsKeys() throws {
        let tmux = try TmuxSession(["--chapter", "clusters", "--seed", "7"], environment: ["LANG": "C.UTF-8"])
        try tmux.waitFor(text: "x = (-0.50, 0.00)")
        try tmux.send("Right", "Right", "Up")
        try tmux.waitFor(text: "x = (0.00, 0.25)")
        try tmux.send("m")
        try tmux.waitFor(text: "share one σ = 1.41")
        try tmux.send("f")
        let matched = try tmux.waitFor(text: "The dial's T is 2σ²")
        #expect(matched.contains("T = 4.00"), "\(matched)")
        try tmux.send("a", "a")
        let five = try tmux.waitFor(text: "Five Gaussian classes")
        #expect(five.contains("largest gap, softmax − Bayes: "), "\(five)")
        try tmux.send("x", "x", "x")
        try tmux.waitFor(text: "Two Gaussian classes")
        try tmux.send("q")
        #expect(try tmux.exitStatus() == 0)

        let mono = try Self.asciiScreen("clusters", showing: "a-c seeded points")
        #expect(mono.contains("@ x"), "\(mono)")
    }

    /// The chapter at 120×40 with --ascii and NO_COLOR, once `text` shows: every cell ASCII,
    /// and q quits cleanly.
    static func asciiScreen(_ chapter: String, showing text: String) throws -> String {
        let tmux = try TmuxSession(["--chapter", chapter, "--seed", "7", "--ascii"], width: 120, height: 40,
                                   environment: ["LANG": "C.UTF-8", "NO_COLOR": "1"])
        let screen = try tmux.waitFor(text: text)
        let isASCII = screen.allSatisfy(\.isASCII)
        #expect(isASCII, "\(screen)")
        try tmux.send("q")
        let status = try tmux.exitStatus()
        #expect(status == 0)
        return screen
    }
}
