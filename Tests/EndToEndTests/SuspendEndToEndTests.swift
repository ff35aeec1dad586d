import Foundation
import Testing

/// Ctrl-Z and `fg` in a shell with job control, as a student would use them.
@Suite(.serialized) struct SuspendEndToEndTests {
    @Test func ctrlZRestoresTheTerminalAndFgRedrawsAtTheNewSize() throws {
        let tmux = try TmuxSession.interactiveShell()
        try tmux.waitFor(text: "$")
        try tmux.type(tmux.commandLine(["--seed", "3", "--no-color"], environment: ["LANG": "C.UTF-8"]))
        try tmux.waitFor(text: "T = 1.00")
        // Any key clears the welcome line, which `show` does not print.
        try tmux.send("Down", "Up")
        try tmux.waitFor("the welcome line to go") { !$0.contains("Turn the temperature") }

        try tmux.send("C-z")
        let suspended = try tmux.waitFor(text: "Stopped")
        #expect(!suspended.contains("Softmax Lab"), "the shell's screen should be back while the explorer is stopped")
        try tmux.type("stty -a > \(tmux.sttyFile.path)")
        try tmux.waitFor("stty to finish") { _ in FileManager.default.fileExists(atPath: tmux.sttyFile.path) }
        Thread.sleep(forTimeInterval: 0.2)
        let modes = tmux.terminalModesAfterExit()
        #expect(modes.contains(" icanon") && modes.contains(" echo"), "terminal left in raw mode while stopped: \(modes)")

        // Resized while stopped: only the shell, then in the foreground, hears of it.
        try tmux.resize(width: 100, height: 30)
        try tmux.type("clear; fg")
        let expected = screenLines(try shownScreen(["--seed", "3"], width: 100, height: 30))
        let resumed = try tmux.waitFor("a full redraw at 100×30") { screenLines($0) == expected }
        #expect(screenLines(resumed) == expected)

        // A second round trip, this time without a resize.
        try tmux.send("C-z")
        try tmux.waitFor("the second stop") { !$0.contains("Softmax Lab") }
        try tmux.type("clear; echo garbage on the screen; fg")
        try tmux.waitFor("a full redraw over the shell's text") { screenLines($0) == expected }

        try tmux.send("q")
        try tmux.waitFor("the prompt after quitting") { $0.contains("$") && !$0.contains("Softmax Lab") }
    }
}
