import Foundation
import Testing

/// The terminals a classroom has, and the locales and settings they come with. Each
/// screen is compared with `softmax-lab show`, the same render with no terminal in between.
@Suite(.serialized) struct TerminalTypeEndToEndTests {
    static let seed = ["--seed", "5"]

    /// Starts the explorer and clears its welcome line (any key does), which `show` omits.
    static func explorer(_ environment: [String: String], arguments: [String] = []) throws -> TmuxSession {
        let tmux = try TmuxSession(seed + arguments, environment: environment)
        try tmux.waitFor(text: "T = 1.00")
        try tmux.send("Down", "Up")
        try tmux.waitFor("the welcome line to go") { !$0.contains("Turn the temperature") }
        return tmux
    }

    /// The SGR parameters of colour (foreground, background, 256-colour) in an escaped capture.
    static func colourCodes(in escaped: String) -> [String] {
        let pattern = #"\x1b\[([0-9;]*)m"#
        let regex = try! NSRegularExpression(pattern: pattern)
        let range = NSRange(escaped.startIndex..., in: escaped)
        return regex.matches(in: escaped, range: range).flatMap { match -> [String] in
            let parameters = escaped[Range(match.range(at: 1), in: escaped)!].split(separator: ";").map(String.init)
            return parameters.filter { code in
                guard let n = Int(code) else { return false }
                return (30...37).contains(n) || (40...47).contains(n) || n == 38 || n == 48 || (90...107).contains(n)
            }
        }
    }

    @Test(arguments: ["xterm", "xterm-256color", "screen-256color", "linux"])
    func rendersInColourOn(_ term: String) throws {
        let tmux = try Self.explorer(["LANG": "C.UTF-8", "TERM": term])
        let screen = screenLines(try tmux.screen())
        let expected = screenLines(try shownScreen(Self.seed, width: 80, height: 24))
        #expect(screen.count == expected.count)
        for (line, wanted) in zip(screen, expected) {
            if wanted.hasPrefix(" cumulative") {
                // In colour the cumulative bar's segments are backgrounds, not shades.
                let labels = line.filter { "ABCDE".contains($0) }
                #expect(labels == "ABCDE", "cumulative bar on \(term): \(line)")
            } else {
                #expect(line == wanted, "on TERM=\(term)")
            }
        }
        let escaped = try tmux.tmux(["capture-pane", "-p", "-e"])
        #expect(!Self.colourCodes(in: escaped).isEmpty, "TERM=\(term) should be drawn in colour")
        try tmux.send("q")
        #expect(try tmux.exitStatus() == 0)
    }

    @Test func noColorRemovesColourButNoInformation() throws {
        let tmux = try Self.explorer(["LANG": "C.UTF-8", "TERM": "xterm-256color", "NO_COLOR": "1"])
        let escaped = try tmux.tmux(["capture-pane", "-p", "-e"])
        #expect(Self.colourCodes(in: escaped).isEmpty, "NO_COLOR still drew colour")
        // Everything colour carried is in the text: the screen is the monochrome render.
        let expected = screenLines(try shownScreen(Self.seed, width: 80, height: 24))
        #expect(screenLines(try tmux.screen()) == expected)
        try tmux.send("q")
        #expect(try tmux.exitStatus() == 0)
    }

    @Test(arguments: ["C", "POSIX"])
    func aNonUTF8LocaleFallsBackToASCII(_ locale: String) throws {
        let tmux = try Self.explorer(["LANG": locale, "LC_ALL": locale, "TERM": "xterm-256color", "NO_COLOR": "1"])
        let screen = try tmux.screen()
        #expect(screen.unicodeScalars.allSatisfy { $0.isASCII }, "non-ASCII glyphs under LANG=\(locale):\n\(screen)")
        let expected = screenLines(try shownScreen(Self.seed + ["--ascii"], width: 80, height: 24))
        #expect(screenLines(screen) == expected)
        try tmux.send("q")
        #expect(try tmux.exitStatus() == 0)
    }
}

/// Terminals without an alternate screen keep whatever was drawn last, so the
/// program clears the screen when it quits.
@Suite(.serialized) struct NoAlternateScreenEndToEndTests {
    @Test(arguments: ["linux", "vt100"])
    func theLastFrameIsClearedOnExit(_ term: String) throws {
        let tmux = try TmuxSession(["--seed", "5"], environment: ["LANG": "C.UTF-8", "TERM": term])
        try tmux.waitFor(text: "Softmax Lab")
        try tmux.send("q")
        let after = try tmux.waitFor(text: "AFTER-EXIT")
        #expect(!after.contains("Softmax Lab"), "TERM=\(term) left the last frame:\n\(after)")
        #expect(try tmux.exitStatus() == 0)
    }
}
