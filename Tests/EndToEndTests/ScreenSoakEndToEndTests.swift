import Foundation
import LabUI
import SoftmaxCore
import Testing

/// The soak on every screen in turn: each chapter of the lesson (the labs among them)
/// and the recorded-generation view, with random keys that stay on that screen, mouse
/// reports in both protocols and resizes. The same checks as the explorer's soak.
///
/// SOFTMAX_LAB_SCREEN_SOAK_KEYS sets the keys per screen (600 by default).
@Suite(.serialized) struct ScreenSoakEndToEndTests {
    /// Keys that leave the screen (the lesson's page turns, Tab, the contents) or quit are
    /// left out, so the soak stays where it started.
    static let leaving: Set<String> = ["Tab", "BTab", "PageUp", "PageDown", "]", "[", "o", "q", "Escape", "e", "g"]

    static func batch(_ generator: inout SeededGenerator) -> [SoakEndToEndTests.Input] {
        SoakEndToEndTests.batch(&generator, size: 30).map { input in
            switch input {
            // By first scalar too: "e" with a combining accent arrives as an e, then the accent.
            case .keys(let keys): return .keys(keys.filter { !leaving.contains($0) && !leaving.contains(String($0.unicodeScalars.first!)) })
            case .literal(let text): return .literal(String(text.filter { !leaving.contains(String($0)) }))
            default: return input
            }
        }
    }

    static let story = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../examples/tokens-story.json").standardized.path

    /// Every chapter by number, then the recording.
    static let screens: [[String]] = Chapters.all.indices.map { ["--chapter", String($0 + 1)] } + [["--tokens", story]]
    static let onlyChapter2: [[String]] = [["--chapter", "2"]]

    /// The tmux names of the keys the screen's own table binds, except those that leave it.
    static func ownKeys(_ arguments: [String]) -> [String] {
        let bindings = arguments[0] == "--tokens" ? RecordingKeys.bindings
            : Chapters.all[Int(arguments[1])! - 1].bindings
        let names: [String] = bindings.flatMap(\.keys).compactMap { key in
            switch key {
            case .character(" "): "Space"
            case .character(let c): String(c)
            case .up: "Up"
            case .down: "Down"
            case .left: "Left"
            case .right: "Right"
            default: nil
            }
        }
        return names.filter { !leaving.contains($0) }
    }

    /// Waits until two captures half a second apart are the same.
    static func waitUntilStill(_ tmux: TmuxSession, timeout: Double) throws {
        let deadline = Date().addingTimeInterval(timeout)
        var last = try tmux.screen()
        while Date() < deadline {
            Thread.sleep(forTimeInterval: 0.5)
            let now = try tmux.screen()
            if now == last { return }
            last = now
        }
        Issue.record("the screen was still changing after \(Int(timeout)) s")
    }

    @Test(arguments: screens)
    func randomKeysOnOneScreen(_ arguments: [String]) throws {
        let keys = ProcessInfo.processInfo.environment["SOFTMAX_LAB_SCREEN_SOAK_KEYS"].flatMap(Int.init) ?? 600
        let tmux = try TmuxSession(arguments + ["--seed", "5"], environment: ["LANG": "C.UTF-8"])
        let opening = arguments[0] == "--tokens" ? "Recorded generation" : "chapter \(arguments[1])/"
        try tmux.waitFor(text: opening, timeout: 20)
        // A lab's long work (training, averaged runs) grows memory on purpose: the warm-up
        // figure is taken once the screen has stopped changing, the work done. Under a
        // sanitizer, which skips the memory bound, there is no need to wait.
        // The screen's own keys first, ten times round, so caches a key fills (a lab's
        // models for each setting) are full before the warm-up figure.
        if ProcessInfo.processInfo.environment["SOFTMAX_LAB_SANITIZER"] == nil {
            // T's rungs too: a lab may keep a result for each T it has shown.
            let own = Self.ownKeys(arguments) + Array(repeating: "Right", count: 20) + Array(repeating: "Left", count: 40)
            for _ in 0..<10 where !own.isEmpty {
                try tmux.send(own)
                try Self.waitUntilStill(tmux, timeout: 90)
            }
            try Self.waitUntilStill(tmux, timeout: 90)
        }
        var generator = SeededGenerator(seed: UInt64(arguments.joined().utf8.reduce(7) { $0 &* 31 &+ UInt64($1) }))
        let report = try SoakEndToEndTests.soak(tmux, keys: keys, warmUpKeys: keys / 3, batch: { Self.batch(&generator) },
                                                screenShows: { $0.contains(opening) || $0.contains("enlarge the terminal")
                                                    || $0.contains("new ") || $0.contains("Keys") })
        guard let report else { return }
        print("screen soak \(arguments.joined(separator: " ")): " + report.summary)
        // Still on the screen it started on.
        try tmux.resize(width: 80, height: 24)
        try tmux.waitFor(text: opening)
        try SoakEndToEndTests.quitAndCheckTheTerminal(tmux)
    }
}
