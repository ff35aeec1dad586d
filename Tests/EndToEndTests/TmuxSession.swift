import Foundation
import Testing

/// The real binary in a real terminal: a private tmux server, keys sent with
/// `send-keys`, the screen read with `capture-pane`, as a person would see it.
final class TmuxSession {
    let server: String
    let statusFile: URL
    let sttyFile: URL

    static var binary: String {
        URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
            .deletingLastPathComponent().appendingPathComponent("softmax-lab").path
    }

    /// Starts `softmax-lab arguments` in an 80×24 (or given) pane. When it exits, the
    /// pane's shell records its exit status and the terminal modes it left behind.
    convenience init(_ arguments: [String], width: Int = 80, height: Int = 24, environment: [String: String] = [:],
                     ignoring ignoredSignals: [String] = []) throws {
        // trap: Ctrl-C goes to the whole foreground group, and a shell that sees its child
        // die of SIGINT would quit too, before recording the status.
        let ignore = ignoredSignals.map { "trap '' \($0); " }.joined()
        try self.init(width: width, height: height) { session in
            "trap : INT; " + ignore + session.commandLine(arguments, environment: environment)
                + "; echo $? > \(session.statusFile.path); stty -a > \(session.sttyFile.path); echo AFTER-EXIT; sleep 60"
        }
    }

    /// An interactive bash with job control, into which commands are typed, as in a
    /// person's terminal (Ctrl-Z and `fg` need a shell that does job control).
    static func interactiveShell(width: Int = 80, height: Int = 24) throws -> TmuxSession {
        try TmuxSession(width: width, height: height) { _ in "env PS1='$ ' bash --norc --noprofile -i" }
    }

    private init(width: Int, height: Int, command: (TmuxSession) -> String) throws {
        server = "softmax-lab-test-\(UUID().uuidString.prefix(8))"
        let dir = FileManager.default.temporaryDirectory
        statusFile = dir.appendingPathComponent("\(server).status")
        sttyFile = dir.appendingPathComponent("\(server).stty")
        try tmux(["new-session", "-d", "-x", "\(width)", "-y", "\(height)", command(self)], readOutput: false)
    }

    /// The shell words that run the program with extra environment variables.
    func commandLine(_ arguments: [String], environment: [String: String] = [:]) -> String {
        let env = environment.sorted { $0.key < $1.key }.map { "\($0.key)=\(Self.quote($0.value))" }.joined(separator: " ")
        return "env \(env) \(Self.quote(Self.binary)) \(arguments.map(Self.quote).joined(separator: " "))"
    }

    /// Types a line into the pane, as if at a shell prompt.
    func type(_ line: String) throws {
        try tmux(["send-keys", "-l", line], readOutput: false)
        try send("Enter")
    }

    func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-x", "\(width)", "-y", "\(height)"], readOutput: false)
    }

    /// The pane's terminal device, which the program reads its keys from.
    func paneTTY() throws -> String {
        try tmux(["list-panes", "-F", "#{pane_tty}"]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    deinit {
        _ = try? tmux(["kill-server"], readOutput: false)
        try? FileManager.default.removeItem(at: statusFile)
        try? FileManager.default.removeItem(at: sttyFile)
    }

    /// Runs a tmux command on this session's private server. `readOutput` must be
    /// false for commands that may start the server, which would inherit the pipe.
    @discardableResult
    func tmux(_ arguments: [String], readOutput: Bool = true) throws -> String {
        var environment = ProcessInfo.processInfo.environment
        environment["LANG"] = "C.UTF-8"
        environment.removeValue(forKey: "TMUX")
        // `swift test` sets NO_COLOR for its children; a person's terminal does not.
        environment.removeValue(forKey: "NO_COLOR")
        return try Subprocess.run(["tmux", "-u", "-L", server] + arguments, environment: environment,
                                  captureOutput: readOutput).output
    }

    func screen() throws -> String { try tmux(["capture-pane", "-p"]) }

    func send(_ keys: String...) throws { try send(keys) }

    func send(_ keys: [String]) throws { try tmux(["send-keys"] + keys, readOutput: false) }

    /// Polls the screen until `condition` holds, instead of sleeping a fixed time.
    @discardableResult
    func waitFor(_ what: String, timeout: Double = 10, _ condition: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = try screen()
            if condition(last) {
                // A frame reaches the terminal in several writes: take it once it holds
                // still, not halfway (seen under load: the header drawn, the bars not yet).
                Thread.sleep(forTimeInterval: 0.05)
                let again = try screen()
                if again == last { return last }
                last = again
                continue
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        Issue.record("timed out waiting for \(what); the screen was:\n\(last)")
        return last
    }

    @discardableResult
    func waitFor(text: String, timeout: Double = 10) throws -> String {
        try waitFor("'\(text)'", timeout: timeout) { $0.contains(text) }
    }

    /// The program's exit status, once it has exited.
    func exitStatus(timeout: Double = 10) throws -> Int? {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let text = try? String(contentsOf: statusFile, encoding: .utf8), let status = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
                return status
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return nil
    }

    /// The explorer's process id: the child of the pane's shell.
    func programPID() throws -> Int32? {
        let shell = try tmux(["list-panes", "-F", "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let children = (try? String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)) ?? ""
        return children.split(separator: " ").first.flatMap { Int32($0) }
    }

    /// `stty -a` as the shell saw the terminal after the program exited. The shell
    /// creates the file before stty writes it, so an empty file means "not yet".
    func terminalModesAfterExit(timeout: Double = 5) -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var modes = ""
        while Date() < deadline {
            modes = (try? String(contentsOf: sttyFile, encoding: .utf8)) ?? ""
            if modes.hasSuffix("\n") { return modes }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return modes
    }

    static func quote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }
}

/// A number that follows `prefix` on the screen, such as the 55.9 of "top: A 55.9%".
func number(after prefix: String, in screen: String) -> Double? {
    guard let range = screen.range(of: prefix) else { return nil }
    let digits = screen[range.upperBound...].prefix { $0.isNumber || $0 == "." || $0 == "-" }
    return Double(digits)
}

/// What `softmax-lab show` prints for these options at this size: the screen the
/// explorer should be showing, from the same render without a terminal in between.
func shownScreen(_ arguments: [String], width: Int, height: Int) throws -> String {
    let result = try Subprocess.run([TmuxSession.binary, "show"] + arguments + ["--width", "\(width)", "--height", "\(height)"],
                                    environment: ["LANG": "C.UTF-8"], captureOutput: true)
    return result.output
}

/// A screen's lines without trailing blanks, which `capture-pane` drops.
func screenLines(_ text: String) -> [String] {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
        String($0.reversed().drop { $0 == " " }.reversed())
    }
    while lines.last == "" { lines.removeLast() }
    return lines
}
