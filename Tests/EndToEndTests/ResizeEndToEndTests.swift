import Foundation
import LabUI
import Testing

/// Resizes as a projector, a tiling window manager or a student dragging a corner
/// produce them, through a real terminal, while the 1000-draw animation runs.
@Suite(.serialized) struct ResizeEndToEndTests {
    static let seed: UInt64 = 5

    /// The screen the explorer should settle on: the same model, driven without a
    /// terminal, with every animation run to its end.
    static func settledScreen(width: Int, height: Int, keys: [Key]) -> [String] {
        var model = LabModel(state: LabState(mode: .explorer, lesson: LessonState(chapterIndex: 0, instrument: ExplorerState(seed: seed))),
                             options: ScreenOptions(unicode: true, color: true, big: false))
        for key in keys {
            model.handle(key)
            while model.isAnimating { model.tick(seconds: 0.25) }
        }
        return comparable(model.render(width: width, height: height).text, width: width, height: height)
    }

    /// Lines as `capture-pane` gives them, without the bottom-right cell, which a
    /// terminal cannot be relied on to draw without scrolling. (The status line there
    /// holds one-column characters only, so characters count columns.)
    static func comparable(_ text: String, width: Int, height: Int) -> [String] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.count >= height {
            let last = lines[height - 1]
            let padded = last + String(repeating: " ", count: max(0, width - last.count))
            lines[height - 1] = String(padded.prefix(width - 1))
        }
        return screenLines(lines.joined(separator: "\n"))
    }

    static func start() throws -> TmuxSession {
        let tmux = try TmuxSession(["--seed", "\(seed)"], environment: ["LANG": "C.UTF-8"])
        try tmux.waitFor(text: "T = 1.00")
        return tmux
    }

    /// Either the whole layout (header to status line) or the enlarge message.
    static func isWholeLayoutOrEnlargeMessage(_ screen: String, width: Int, height: Int) -> Bool {
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
        if width >= 80 && height >= 24 {
            return lines.first?.hasPrefix(" Softmax Lab") == true && lines.count >= height
                && lines[height - 1].contains("seed \(seed)")
        }
        return comparable(screen, width: width, height: height) == settledScreen(width: width, height: height, keys: [])
    }

    @Test func resizesAcrossTheThresholdMidAnimation() throws {
        let tmux = try Self.start()
        try tmux.send("d")
        let sizes = [(79, 24), (80, 24), (80, 23), (120, 40), (60, 20), (1, 1), (2, 1), (1, 2), (400, 120), (81, 25), (79, 23), (200, 60)]
        for (width, height) in sizes {
            try tmux.resize(width: width, height: height)
            try tmux.waitFor("the layout or the enlarge message at \(width)×\(height)") {
                Self.isWholeLayoutOrEnlargeMessage($0, width: width, height: height)
            }
        }
        let expected = Self.settledScreen(width: 200, height: 60, keys: [.down, .up, .character("d")])
        try tmux.send("Down", "Up")
        try tmux.waitFor("the finished histogram at 200×60", timeout: 15) { Self.comparable($0, width: 200, height: 60) == expected }
        try tmux.send("q")
        #expect(try tmux.exitStatus() == 0)
    }

    @Test func aStormOfResizesDuringTheAnimationEndsOnTheRightScreen() throws {
        let tmux = try Self.start()
        let pid = try #require(try tmux.programPID())
        try tmux.send("Down", "Up", "d")
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<30 {
            try tmux.resize(width: Int.random(in: 1...240, using: &generator), height: Int.random(in: 1...70, using: &generator))
            // Between real resizes, a burst of bare SIGWINCHes with nothing changed.
            for _ in 0..<20 { kill(pid, SIGWINCH) }
        }
        try tmux.resize(width: 100, height: 30)
        let expected = Self.settledScreen(width: 100, height: 30, keys: [.down, .up, .character("d")])
        try tmux.waitFor("the finished histogram at 100×30", timeout: 15) { Self.comparable($0, width: 100, height: 30) == expected }
        try tmux.send("q")
        #expect(try tmux.exitStatus() == 0)
    }
}
