import Foundation
import LabUI
import Testing

/// The lesson as a class would walk it: every chapter forward, all the way back, then quit.
@Suite(.serialized) struct LessonEndToEndTests {
    static func header(_ index: Int) -> String {
        "chapter \(index + 1)/\(Chapters.all.count) · \(Chapters.all[index].title)"
    }

    @Test func walksThroughEveryChapterAndBack() throws {
        let tmux = try TmuxSession(["--chapter", "1", "--seed", "7"], environment: ["LANG": "C.UTF-8"])
        try tmux.waitFor(text: Self.header(0))
        for index in 1..<Chapters.all.count {
            try tmux.send("]")
            let screen = try tmux.waitFor(text: Self.header(index))
            #expect(!screen.contains("enlarge the terminal"))
        }
        // Past the last chapter stays on it.
        try tmux.send("]")
        try tmux.waitFor(text: Self.header(Chapters.all.count - 1))
        for index in stride(from: Chapters.all.count - 2, through: 0, by: -1) {
            try tmux.send("PPage")
            try tmux.waitFor(text: Self.header(index))
        }
        // Digits jump; 1 then 1 reaches chapter 11.
        try tmux.send("7")
        try tmux.waitFor(text: Self.header(6))
        try tmux.send("1")
        try tmux.send("1")
        try tmux.waitFor(text: Self.header(10))
        // Tab to the explorer and back keeps the place.
        try tmux.send("Tab")
        try tmux.waitFor(text: "the temperature of a softmax")
        try tmux.send("Tab")
        try tmux.waitFor(text: Self.header(10))
        try tmux.send("q")
        #expect(try tmux.exitStatus() == 0)
        let modes = tmux.terminalModesAfterExit()
        #expect(modes.contains(" icanon") && modes.contains(" echo"), "terminal left in raw mode: \(modes)")
    }
}
