import Foundation
import Testing

/// Chapter 13 in the real binary: while the teacher trains, a step between frames,
/// the keys answer, and q leaves at once.
@Suite(.serialized) struct DistillationEndToEndTests {
    @Test func keysAnswerWhileTheTeacherTrains() throws {
        let tmux = try TmuxSession(["--chapter", "distillation", "--seed", "7"], environment: ["LANG": "C.UTF-8"])
        try tmux.waitFor(text: "the teacher: training C = 1e4")
        try tmux.send("n")
        var screen = try tmux.waitFor(text: "2/4 · The student against T · α = 0")
        try tmux.send("Right")
        screen = try tmux.waitFor(text: "T = 1.20")
        try tmux.send(".")
        screen = try tmux.waitFor(text: "α = 0.5")
        // A debug build trains the teacher for seconds: the keys above came in between its steps.
        #expect(screen.contains("the teacher: training") || screen.contains("training student"), "\(screen)")
        try tmux.send("q")
        #expect(try tmux.exitStatus() == 0)
    }

    @Test func asciiWithoutColourAt120x40() throws {
        let tmux = try TmuxSession(["--chapter", "13", "--seed", "7", "--ascii"], width: 120, height: 40,
                                   environment: ["LANG": "C.UTF-8", "NO_COLOR": "1"])
        let screen = try tmux.waitFor(text: "1/4 . The teacher's dark knowledge")
        #expect(!screen.unicodeScalars.contains { !$0.isASCII }, "\(screen)")
        try tmux.send("q")
        #expect(try tmux.exitStatus() == 0)
    }
}
