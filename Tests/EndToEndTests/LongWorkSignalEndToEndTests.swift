import Foundation
import LabUI
import Testing

/// Signals and keys while a lab computes (a model training, runs averaging): each acts
/// at once, a step of the work at most, and the terminal comes back whole.
@Suite(.serialized) struct LongWorkSignalEndToEndTests {
    /// The labs whose opening does long work in steps between frames.
    static let labs = ["calibration", "distillation", "exploration"].filter { Chapters.index(named: $0) != nil }

    static let cases: [(String, String)] = labs.flatMap { lab in ["INT", "TERM", "HUP"].map { (lab, $0) } }

    /// How long a signal may take here: a step is ~30 ms in a release build, but this is a
    /// debug build, perhaps under AddressSanitizer, on a shared machine. The figure for
    /// the note comes from the release build (see Benchmarks/calibration_chapter_probe.py).
    static let bound = 3.0

    @Test(arguments: cases)
    func aSignalWhileALabWorksEndsItAtOnce(_ lab: String, _ signal: String) throws {
        let tmux = try TmuxSession(["--chapter", lab, "--seed", "3"], environment: ["LANG": "C.UTF-8"], ignoring: [])
        try tmux.waitFor(text: "chapter ", timeout: 20)
        let pid = try #require(try tmux.programPID())
        // Mid-work: the lab started its steps with the first frame.
        Thread.sleep(forTimeInterval: 0.3)
        let number = ["INT": SIGINT, "TERM": SIGTERM, "HUP": SIGHUP][signal]!
        let sent = Date()
        kill(pid, number)
        while kill(pid, 0) == 0 && Date().timeIntervalSince(sent) < 10 { Thread.sleep(forTimeInterval: 0.002) }
        let took = Date().timeIntervalSince(sent)
        print("\(lab): SIG\(signal) ended the program in \(String(format: "%.3f", took)) s")
        #expect(took < Self.bound, "SIG\(signal) took \(took) s while \(lab) worked")
        #expect(try tmux.exitStatus() == 128 + Int(number))
        let modes = tmux.terminalModesAfterExit()
        #expect(modes.contains(" icanon") && modes.contains(" echo"), "terminal left in raw mode: \(modes)")
    }

    /// q, Tab and Ctrl-Z are answered while the work runs.
    @Test(arguments: labs)
    func keysAreAnsweredWhileALabWorks(_ lab: String) throws {
        let tmux = try TmuxSession(["--chapter", lab, "--seed", "3"], environment: ["LANG": "C.UTF-8"])
        try tmux.waitFor(text: "chapter ", timeout: 20)
        try tmux.send("Tab")
        try tmux.waitFor(text: "the temperature of a softmax", timeout: Self.bound)
        try tmux.send("Tab")
        try tmux.waitFor(text: "chapter ", timeout: Self.bound)
        try tmux.send("C-z")
        try tmux.waitFor(text: "chapter ", timeout: Self.bound)
        try tmux.send("q")
        #expect(try tmux.exitStatus(timeout: Self.bound) == 0)
    }
}
