import Foundation
import Testing

/// The exploration chapter in the real binary in tmux: the run animates, keys act while
/// the 200-run averages fill in between frames, and the finished curves are the screen
/// `show` prints.
@Suite(.serialized) struct ExplorationEndToEndTests {
    /// Polls until `condition` holds, without waiting for the screen to hold still (as
    /// `waitFor` does): it does not while the run and the averages move.
    @discardableResult
    static func poll(_ tmux: TmuxSession, _ what: String, timeout: Double = 30, _ condition: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = try tmux.screen()
            if condition(last) { return last }
            Thread.sleep(forTimeInterval: 0.02)
        }
        Issue.record("timed out waiting for \(what); the screen was:\n\(last)")
        return last
    }

    @Test func animatesTakesKeysWhileItAveragesAndEndsOnTheScreenShowPrints() throws {
        let tmux = try TmuxSession(["--chapter", "exploration", "--seed", "7"], environment: ["LANG": "C.UTF-8"])
        // The run moves: a step between the first and the last shows, while the averaging does.
        let early = try Self.poll(tmux, "a step of the run before its end") { screen in
            guard let step = number(after: "step ", in: screen) else { return false }
            return step > 0 && step < 1000
        }
        #expect(early.contains("One run · hot, T = 0.5"))
        #expect(early.contains("averaging 200 runs"))
        try tmux.send("Down", "Down")
        try Self.poll(tmux, "the annealed run") { $0.contains("One run · annealed, T 0.5 → 0.05 in 300 steps, geometric") }
        try tmux.send("n")
        try Self.poll(tmux, "the curves view") { $0.contains("2/2 · Regret averaged over 200 runs of each") }
        // The curves view does not change with the run, so once the averages are done it is show's.
        let screen = try tmux.waitFor("every average", timeout: 120) { !$0.contains("averaging") && $0.contains("E ε-greedy") }
        let expected = screenLines(try shownScreen(["--chapter", "exploration", "--seed", "7", "--keys", "Down Down n"],
                                                   width: 80, height: 24))
        let live = screenLines(screen)
        #expect(live.count == expected.count)
        // Row 21 is the live screen's own notice of how to turn pages.
        for (row, (line, wanted)) in zip(live, expected).enumerated() where row != 21 {
            #expect(line == wanted, "row \(row)")
        }
        try tmux.send("q")
        #expect(try tmux.exitStatus() == 0)
    }
}
