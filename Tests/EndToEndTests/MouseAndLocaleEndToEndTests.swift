import Foundation
import Testing

/// The mouse as the program reads it itself (SGR reports it asks for), a report cut
/// short, and keys in a locale that is not UTF-8, in the real binary in tmux.
@Suite(.serialized) struct MouseAndLocaleEndToEndTests {
    static func hex(_ bytes: [UInt8]) -> [String] { bytes.map { String(format: "%02x", $0) } }

    func mouseTracking(_ tmux: TmuxSession) throws -> String {
        try tmux.tmux(["display-message", "-p", "#{mouse_any_flag}#{mouse_sgr_flag}"]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The case: Esc [ M & & (Alt+[ then M, then two keys), then a resize. The
    /// frame must follow the new size, and the keys after it must work.
    @Test func aCutShortReportDoesNotHoldUpAResize() throws {
        let tmux = try TmuxSession(["--seed", "7"], environment: ["LANG": "C.UTF-8"])
        try tmux.waitFor(text: "T = 1.00")
        try tmux.tmux(["send-keys", "-H"] + Self.hex([0x1B, 0x5B, 0x4D, 0x26, 0x26]), readOutput: false)
        try tmux.resize(width: 100, height: 30)
        let screen = try tmux.waitFor("a 100-column frame", timeout: 5) { screen in
            screen.split(separator: "\n").first.map { $0.hasSuffix("K = 5 classes") && $0.count > 90 } ?? false
        }
        #expect(!screen.contains("enlarge"))
        try tmux.send("Right")
        try tmux.waitFor(text: "T = 1.20")
        try tmux.send("q")
        #expect(try tmux.exitStatus() == 0)
    }

    /// An SGR click on the slider and a turn of the wheel; the tracking the program
    /// asked for is on while it runs and off once it has quit.
    @Test func sgrClicksAndTheWheelWorkAndTrackingEndsWithTheProgram() throws {
        let tmux = try TmuxSession(["--seed", "7"], environment: ["LANG": "C.UTF-8"])
        try tmux.waitFor(text: "T = 1.00")
        #expect(try mouseTracking(tmux) == "11")
        // Column 21, row 3 (1-based): the slider, between its 0.1 and 1 ticks. (tmux drops
        // a press sent together with its release, so the press goes alone.)
        try tmux.tmux(["send-keys", "-H"] + Self.hex(Array("\u{1B}[<0;21;3M".utf8)), readOutput: false)
        let clicked = try tmux.waitFor(text: "colder than T = 1")
        let before = clicked.split(separator: "\n")[1]
        try tmux.tmux(["send-keys", "-H"] + Self.hex(Array("\u{1B}[<64;40;10M".utf8)), readOutput: false)
        try tmux.waitFor("the wheel to raise T a rung") { $0.split(separator: "\n")[1] != before }
        try tmux.send("q")
        #expect(try tmux.exitStatus() == 0)
        try tmux.waitFor(text: "AFTER-EXIT")
        #expect(try mouseTracking(tmux) == "00")
    }

    /// Ctrl-C and a terminating signal leave the mouse tracking off too.
    @Test(arguments: ["C-c", "TERM"])
    func trackingEndsOnEveryWayOut(_ how: String) throws {
        let tmux = try TmuxSession(["--seed", "7"], environment: ["LANG": "C.UTF-8"])
        try tmux.waitFor(text: "T = 1.00")
        if how == "TERM" {
            let pid = try #require(try tmux.programPID())
            kill(pid, SIGTERM)
        } else {
            try tmux.send(how)
        }
        try tmux.waitFor(text: "AFTER-EXIT")
        #expect(try mouseTracking(tmux) == "00")
    }

    /// In the C locale, é typed as UTF-8 (or a Latin-1 byte) used to swallow the keys
    /// after it; each key after it must still act.
    @Test(arguments: [[0xC3, 0xA9], [0xE9], [0xE2, 0x96, 0x88]] as [[UInt8]])
    func aNonASCIIKeyInTheCLocaleLeavesTheNextKeysAlone(_ bytes: [UInt8]) throws {
        let tmux = try TmuxSession(["--seed", "7"], environment: ["LANG": "C", "LC_ALL": "C"])
        try tmux.waitFor(text: "T = 1.00")
        try tmux.tmux(["send-keys", "-H"] + Self.hex(bytes), readOutput: false)
        try tmux.send("l", "l")
        try tmux.waitFor(text: "T = 1.50")
        try tmux.send("q")
        #expect(try tmux.exitStatus() == 0)
        let modes = tmux.terminalModesAfterExit()
        #expect(modes.contains(" icanon") && modes.contains(" echo"), "terminal left in raw mode: \(modes)")
    }
}
