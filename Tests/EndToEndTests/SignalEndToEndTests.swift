import Foundation
import Testing

/// Signals that end the explorer must leave the terminal as they found it.
@Suite(.serialized) struct SignalEndToEndTests {
    @Test(arguments: [("TERM", SIGTERM), ("INT", SIGINT), ("HUP", SIGHUP)])
    func terminatingSignalRestoresTheTerminal(_ signal: (name: String, number: Int32)) throws {
        let tmux = try TmuxSession(["--seed", "3"], environment: ["LANG": "C.UTF-8"])
        try tmux.waitFor(text: "T = 1.00")
        // Mid-animation, the hardest moment to be interrupted.
        try tmux.send("d")
        let pid = try #require(try tmux.programPID())
        kill(pid, signal.number)
        let status = try #require(try tmux.exitStatus(), "the explorer did not exit on SIG\(signal.name)")
        #expect(status == 128 + Int(signal.number), "exit status after SIG\(signal.name)")
        let after = try tmux.waitFor(text: "AFTER-EXIT")
        #expect(!after.contains("Softmax Lab"), "the explorer's screen should be gone")
        let modes = tmux.terminalModesAfterExit()
        #expect(modes.contains(" icanon") && modes.contains(" echo"), "terminal left in raw mode: \(modes)")
    }
}
