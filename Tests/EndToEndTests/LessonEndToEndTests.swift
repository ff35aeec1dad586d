import Foundation
import LabUI
import SoftmaxCore
import Testing

/// The lesson as a class would walk it, in the real binary in tmux.
@Suite(.serialized) struct LessonEndToEndTests {
    static func header(_ index: Int) -> String {
        "chapter \(index + 1)/\(Chapters.all.count) · \(Chapters.all[index].title)"
    }

    @Test func walksThroughEveryChapterToTheEndAndBack() throws {
        let tmux = try TmuxSession(["--chapter", "1", "--seed", "7"], environment: ["LANG": "C.UTF-8"])
        try tmux.waitFor(text: Self.header(0))
        for index in 1..<Chapters.all.count {
            try tmux.send("]")
            let screen = try tmux.waitFor(text: Self.header(index))
            #expect(!screen.contains("enlarge the terminal"))
        }
        // Past the last chapter is the end page; [ comes back.
        try tmux.send("]")
        try tmux.waitFor(text: "That is the whole lesson")
        try tmux.send("[")
        try tmux.waitFor(text: Self.header(Chapters.all.count - 1))
        for index in stride(from: Chapters.all.count - 2, through: 0, by: -1) {
            try tmux.send("PPage")
            try tmux.waitFor(text: Self.header(index))
        }
        // The contents: o, a number, Enter.
        try tmux.send("o")
        try tmux.waitFor(text: "Contents")
        try tmux.send("1", "0", "Enter")
        try tmux.waitFor(text: Self.header(9))
        // Tab to the explorer and back keeps the place; Esc also backs out to the explorer.
        try tmux.send("Tab")
        try tmux.waitFor(text: "the temperature of a softmax")
        try tmux.send("Tab")
        try tmux.waitFor(text: Self.header(9))
        try tmux.send("Escape")
        try tmux.waitFor(text: "the temperature of a softmax")
        try tmux.send("q")
        #expect(try tmux.exitStatus() == 0)
        let modes = tmux.terminalModesAfterExit()
        #expect(modes.contains(" icanon") && modes.contains(" echo"), "terminal left in raw mode: \(modes)")
    }

    /// Enter in a chapter opens an editor that shows; 3 and Enter set the logit; ] moves on.
    @Test func enterInAChapterShowsAnEditor() throws {
        let tmux = try TmuxSession(["--chapter", "2", "--seed", "7"], environment: ["LANG": "C.UTF-8"])
        try tmux.waitFor(text: Self.header(1))
        try tmux.send("Enter")
        try tmux.waitFor(text: "new logit for A:")
        try tmux.send("3")
        try tmux.waitFor(text: "new logit for A: 3")
        try tmux.send("Enter")
        let screen = try tmux.waitFor(text: "p(A) = e^3.00")
        #expect(!screen.contains("new logit for"))
        try tmux.send("]")
        try tmux.waitFor(text: Self.header(2))
        try tmux.send("q")
        #expect(try tmux.exitStatus() == 0)
    }

    /// A digit after a pause sets T (as in the explorer), never a chapter.
    @Test func aDigitAfterAPauseDoesNotJump() throws {
        let tmux = try TmuxSession(["--chapter", "3", "--seed", "7", "-t", "2"], environment: ["LANG": "C.UTF-8"])
        try tmux.waitFor(text: Self.header(2))
        try tmux.send("1")
        try tmux.waitFor(text: "T = 1.00")
        Thread.sleep(forTimeInterval: 2)
        try tmux.send("0")
        let screen = try tmux.waitFor(text: "T → 0")
        #expect(screen.contains(Self.header(2)))
        try tmux.send("q")
        #expect(try tmux.exitStatus() == 0)
    }

    /// Six → from T = 1 in the explorer: the T shown is the T whose softmax the bars show.
    @Test func theTemperatureShownIsTheOneUsed() throws {
        let tmux = try TmuxSession(["--seed", "7", "--logits", "2,1,0.5,0.1,-1"], environment: ["LANG": "C.UTF-8"])
        try tmux.waitFor(text: "T = 1.00")
        try tmux.send("Right", "Right", "Right", "Right", "Right", "Right")
        let screen = try tmux.waitFor(text: "T = 5.00")
        let shown = try #require(number(after: "T = ", in: screen))
        let expected = try SoftmaxReadout(logits: [2, 1, 0.5, 0.1, -1], temperature: Temperature(shown))
        let percents = PercentText.column(expected.probabilities)
        for (label, percent) in zip(["A", "B", "C", "D", "E"], percents) {
            #expect(screen.split(separator: "\n").contains { $0.contains("\(label)  ") && $0.contains(percent) },
                    "\(label) \(percent)")
        }
        // Closed form, independent of the app: p_A at T = 5 is e^(2/5) / Σ e^(z/4).
        let z = [2.0, 1, 0.5, 0.1, -1].map { exp($0 / 5) }
        #expect(abs(expected.probabilities[0] - z[0] / z.reduce(0, +)) < 1e-15)
        try tmux.send("q")
        #expect(try tmux.exitStatus() == 0)
    }
}
