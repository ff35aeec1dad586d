import Foundation
import SoftmaxCore
import Testing

/// Random keys, pastes, mouse reports, broken escape sequences and resizes, thousands
/// of them, through a real terminal: the explorer must answer every one, keep its
/// memory flat and give the terminal back at the end.
///
/// SOFTMAX_LAB_SOAK_KEYS sets the number of keys (20 000 by default);
/// SOFTMAX_LAB_SOAK_SECONDS, when set, runs for that long instead (the long soak).
/// SOFTMAX_LAB_SANITIZER, set by .ci/run for its sanitizer pass, skips the memory bound.
@Suite(.serialized) struct SoakEndToEndTests {
    /// What a person (or a cat on the keyboard) can send, except the three ways to quit:
    /// q and Ctrl-C always quit, and Esc quits wherever it has nothing to close.
    static let namedKeys = [
        "Up", "Down", "Left", "Right", "S-Left", "S-Right", "S-Up", "S-Down", "PageUp", "PageDown",
        "Home", "End", "Tab", "BTab", "Enter", "BSpace", "DC", "IC", "Space", "F1", "F5", "F12",
        "C-l", "C-a", "M-a", "M-[",
        // In tmux's pane no shell does job control, so the stop is discarded: this
        // runs the suspend handler's restore-and-redraw at random moments.
        "C-z",
    ]
    static let characters = Array("abcdefghijklmnoprstuvwxyzABCDEFGHIJKLMNOPRSTUVWXYZ0123456789"
        + "[]<>+-=_?!.,;:/\\|'\"`~@#$%^&*(){} ").map(String.init) + ["é", "█", "Σ", "😀", "🇫🇷", "e\u{301}", "中"]
    /// Raw bytes, sent as they are: mouse reports and escape sequences cut short (an Esc
    /// always followed by something, since a lone Esc quits).
    static let rawSequences: [[UInt8]] = [
        [0x1B, 0x5B], [0x1B, 0x5B, 0x31, 0x3B], [0x1B, 0x4F], [0x1B, 0x5B, 0x3C, 0x30, 0x3B],
        [0x1B, 0x5D, 0x35, 0x32, 0x3B, 0x63, 0x3B], [0x1B, 0x5B, 0x32, 0x4A], [0x9B, 0x41], [0xFF, 0xFE, 0x80],
        [0x1B, 0x5B, 0x4D, 0x20, 0x2A, 0x26], [0x1B, 0x5B, 0x4D, 0x60, 0x40, 0x30], [0x1B, 0x5B, 0x4D, 0x61, 0x40, 0x30],
        [0x1B, 0x5B, 0x4D, 0x20, 0x70, 0x21], [0x00], [0x07], [0x1F],
        // SGR reports, which the program asks for: a press, the wheel, a release, a
        // motion, and reports cut short or malformed.
        Array("\u{1B}[<0;30;3M".utf8), Array("\u{1B}[<64;10;10M".utf8), Array("\u{1B}[<65;10;10M".utf8),
        Array("\u{1B}[<0;30;3m".utf8), Array("\u{1B}[<32;5;5M".utf8), Array("\u{1B}[<0;9999;9999M".utf8),
        Array("\u{1B}[<0;12".utf8), Array("\u{1B}[<;;M".utf8), [0x1B, 0x5B, 0x4D, 0x26, 0x26],
    ]

    enum Input {
        case keys([String])
        case literal(String)
        case raw([UInt8])
        case resize(width: Int, height: Int)
    }

    /// One batch: mostly single keys, sometimes a paste, an edit, raw bytes or a resize.
    static func batch(_ generator: inout SeededGenerator, size: Int) -> [Input] {
        var inputs: [Input] = []
        var keys: [String] = []
        for _ in 0..<size {
            switch Int.random(in: 0..<100, using: &generator) {
            case 0..<45: keys.append(namedKeys.randomElement(using: &generator)!)
            case 45..<90: keys.append(characters.randomElement(using: &generator)!)
            case 90..<94:
                inputs.append(.keys(keys)); keys = []
                let length = Int.random(in: 1...500, using: &generator)
                inputs.append(.literal(String((0..<length).map { _ in "0123456789.e-+,x ".randomElement(using: &generator)! })))
            case 94..<98:
                inputs.append(.keys(keys)); keys = []
                inputs.append(.raw(rawSequences.randomElement(using: &generator)!))
            default:
                inputs.append(.keys(keys)); keys = []
                inputs.append(.resize(width: Int.random(in: 40...220, using: &generator), height: Int.random(in: 12...70, using: &generator)))
            }
        }
        inputs.append(.keys(keys))
        return inputs
    }

    static func residentKilobytes(_ pid: Int32) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") }
        return line.flatMap { Int($0.split(separator: " ").dropFirst().first ?? "") }
    }

    /// Bytes typed into the terminal that the program has not read yet.
    static func unreadBytes(_ tty: Int32) -> Int32 {
        var count: Int32 = 0
        _ = ioctl(tty, UInt(FIONREAD), &count)
        return count
    }

    @Test func randomKeysResizesAndPastesThroughTheTerminal() throws {
        let environment = ProcessInfo.processInfo.environment
        let seconds = environment["SOFTMAX_LAB_SOAK_SECONDS"].flatMap(Double.init)
        let keyBudget = environment["SOFTMAX_LAB_SOAK_KEYS"].flatMap(Int.init) ?? 20_000
        let tmux = try TmuxSession(["--seed", "11"], environment: ["LANG": "C.UTF-8"])
        try tmux.waitFor(text: "T = 1.00")
        var generator = SeededGenerator(seed: 2026)
        let report = try Self.soak(tmux, keys: keyBudget, seconds: seconds, warmUpKeys: 2_000,
                                   batch: { Self.batch(&generator, size: 40) }, screenShows: {
            // A whole screen (explorer, lesson or help) or the enlarge message.
            $0.contains("Softmax Lab") || $0.contains("chapter ") || $0.contains("enlarge the terminal")
        })
        guard let report else { return }
        print("soak: " + report.summary)
        try Self.quitAndCheckTheTerminal(tmux)
    }

    /// What one soak measured.
    struct Report {
        var sent = 0, resizes = 0, rawSequences = 0, pastedCharacters = 0
        var warmResident = 0, finalResident = 0
        var slowestDrain = 0.0, elapsed = 0.0

        var summary: String {
            "\(sent) inputs (\(pastedCharacters) pasted characters, \(rawSequences) raw sequences), "
                + "\(resizes) resizes in \(String(format: "%.1f", elapsed)) s; resident \(warmResident) kB after warm-up, "
                + "\(finalResident) kB at the end; slowest drain \(String(format: "%.3f", slowestDrain)) s"
        }
    }

    /// Sends batches until `keys` inputs (or `seconds`) have gone, checking after each
    /// batch that every key was read within 3 s and that the program is alive, and now
    /// and then that it still draws a whole screen; at the end, that resident memory
    /// stayed within 1.2× of its size after `warmUpKeys` (not under a sanitizer, which
    /// holds freed memory back). Nil, with the issue recorded, if the program exited.
    static func soak(_ tmux: TmuxSession, keys keyBudget: Int, seconds: Double? = nil, warmUpKeys: Int,
                     batch: () -> [Input], screenShows: (String) -> Bool) throws -> Report? {
        let pid = try #require(try tmux.programPID())
        let tty = open(try tmux.paneTTY(), O_RDONLY | O_NOCTTY | O_NONBLOCK)
        try #require(tty >= 0)
        defer { close(tty) }
        let started = Date()
        var report = Report()
        var warmResident: Int?
        var lastBatch: [Input] = []
        var batches = 0
        func keepGoing() -> Bool {
            if let seconds { return Date().timeIntervalSince(started) < seconds }
            return report.sent < keyBudget
        }
        while keepGoing() {
            let inputs = batch()
            lastBatch = inputs
            for input in inputs {
                switch input {
                case .keys(let keys) where !keys.isEmpty:
                    try tmux.send(keys)
                    report.sent += keys.count
                case .keys: break
                case .literal(let text):
                    try tmux.tmux(["send-keys", "-l", text], readOutput: false)
                    report.sent += 1
                    report.pastedCharacters += text.count
                case .raw(let bytes):
                    try tmux.tmux(["send-keys", "-H"] + bytes.map { String(format: "%02x", $0) }, readOutput: false)
                    report.sent += 1
                    report.rawSequences += 1
                case .resize(let width, let height):
                    try tmux.resize(width: width, height: height)
                    report.resizes += 1
                }
            }
            // Every key answered: the program has read all that was typed within 3 s, even
            // after a 500-character paste (a person notices a lag long before that).
            let drainStart = Date()
            while Self.unreadBytes(tty) > 0 && kill(pid, 0) == 0 {
                try #require(Date().timeIntervalSince(drainStart) < 3, "keys left unread for 3 s after \(report.sent) keys")
                Thread.sleep(forTimeInterval: 0.002)
            }
            report.slowestDrain = max(report.slowestDrain, Date().timeIntervalSince(drainStart))
            if kill(pid, 0) != 0 {
                let status = try tmux.exitStatus(timeout: 10).map(String.init) ?? "unknown"
                let screen = try tmux.screen()
                Issue.record("the program exited (status \(status)) after \(report.sent) keys; last batch \(lastBatch):\n\(screen)")
                return nil
            }
            if warmResident == nil && report.sent >= warmUpKeys { warmResident = Self.residentKilobytes(pid) }
            batches += 1
            if batches % 25 == 0 {
                try tmux.waitFor("a whole screen after \(report.sent) keys", screenShows)
            }
        }
        report.finalResident = try #require(Self.residentKilobytes(pid))
        report.warmResident = try #require(warmResident ?? Self.residentKilobytes(pid))
        report.elapsed = Date().timeIntervalSince(started)
        if ProcessInfo.processInfo.environment["SOFTMAX_LAB_SANITIZER"] == nil {
            #expect(Double(report.finalResident) <= 1.2 * Double(report.warmResident),
                    "resident memory grew from \(report.warmResident) kB to \(report.finalResident) kB")
        }
        return report
    }

    /// Still answering: back to a known size, then out with Ctrl-C and the terminal restored.
    static func quitAndCheckTheTerminal(_ tmux: TmuxSession) throws {
        try tmux.resize(width: 80, height: 24)
        try tmux.send("C-c")
        let status = try #require(try tmux.exitStatus(), "the program did not quit on Ctrl-C after the soak")
        #expect(status == 0 || status == 128 + Int(SIGINT))
        // The shell writes the modes after the status: wait for the line that follows both.
        try tmux.waitFor(text: "AFTER-EXIT")
        let modes = tmux.terminalModesAfterExit()
        #expect(modes.contains(" icanon") && modes.contains(" echo"), "terminal left in raw mode (exit status \(status)): \(modes)")
        #expect(try tmux.tmux(["display-message", "-p", "#{mouse_any_flag}"]).trimmingCharacters(in: .whitespacesAndNewlines) == "0",
                "mouse tracking left on")
    }
}
