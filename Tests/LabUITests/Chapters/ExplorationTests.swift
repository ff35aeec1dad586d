import Experiments
import Foundation
@testable import LabUI
import SoftmaxCore
import Testing

/// The exploration chapter, its work done once per test process (800,000 bandit steps,
/// about 1.5 s in a debug build).
enum ExplorationFixture {
    static let index = Chapters.index(named: "exploration") ?? 0

    static func opened() -> LabState {
        LabState(mode: .lesson, lesson: LessonState(
            chapterIndex: index, instrument: ExplorerState(logits: [2, 1, 0.5, 0.1, -1], temperature: .one, seed: 7,
                                                           animates: false)))
    }

    static let finished: LabState = {
        var state = opened()
        state.lesson.finishWork()
        return state
    }()

    /// The finished chapter after these keys, with the work they start done too.
    static func after(_ keys: [Key]) -> LabState {
        var state = finished
        state.press(keys)
        return state
    }

    static func screen(_ state: LabState, _ w: Int = 80, _ h: Int = 24, ascii: Bool = false, big: Bool = false) -> String {
        LabScreen.render(state, width: w, height: h, options: ScreenOptions(unicode: !ascii, color: false, big: big)).text
    }

    /// What Tests/ExperimentsTests/Reference/make_bandit_reference.py wrote, the parts read here.
    struct Reference: Decodable {
        struct Run: Decodable {
            let name: String
            let cumulativeRegret: [Double]
            let pulls: [Int]
            let estimates: [Double]
        }

        struct Average: Decodable {
            let name: String
            let meanRegretEvery100: [Double]
            let finalMean: Double
            let finalStandardError: Double
            let stuck: Int
        }

        let runs: [Run]
        let labAverages: [Average]
    }

    static func reference() throws -> Reference {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../ExperimentsTests/Reference/bandit_reference.json").standardized
        return try JSONDecoder().decode(Reference.self, from: Data(contentsOf: url))
    }

    static func regret(_ x: Double) -> String { String(format: "%.1f", x) }
}

@Suite struct ExplorationGoldenTests {
    @Test func bothViewsAtBothSizes() {
        for (page, name) in [(0, "run-hot"), (1, "curves")] {
            var state = ExplorationFixture.finished
            state.lesson.exploration.page = page
            for (w, h) in [(80, 24), (120, 40)] {
                GoldenFile.assertMatches(ExplorationFixture.screen(state, w, h), named: "exploration-\(name)-\(w)x\(h)")
            }
            GoldenFile.assertMatches(ExplorationFixture.screen(state, 80, 24, ascii: true),
                                     named: "exploration-\(name)-80x24-ascii")
            GoldenFile.assertMatches(ExplorationFixture.screen(state, 120, 40, big: true),
                                     named: "exploration-\(name)-big-120x40")
        }
    }

    @Test func theOtherSchedulesRuns() {
        GoldenFile.assertMatches(ExplorationFixture.screen(ExplorationFixture.after([.down])), named: "exploration-run-cold-80x24")
        GoldenFile.assertMatches(ExplorationFixture.screen(ExplorationFixture.after([.up])),
                                 named: "exploration-run-epsilon-greedy-80x24")
        // A shorter, linear anneal, averaged once, on both views; the run takes the next seed.
        let linear = ExplorationFixture.after([.character(","), .character(","), .character("g")])
        var rerun = linear
        rerun.press([.character("r")])
        GoldenFile.assertMatches(ExplorationFixture.screen(rerun, 120, 40), named: "exploration-run-annealed-linear-100-120x40")
        var curves = linear
        curves.lesson.exploration.page = 1
        GoldenFile.assertMatches(ExplorationFixture.screen(curves), named: "exploration-curves-annealed-linear-100-80x24")
    }

    /// Before any work, and part way: the run at step 200 and the averages under way, with
    /// the progress line saying which.
    @Test func openingAndPartWay() {
        var state = ExplorationFixture.opened()
        GoldenFile.assertMatches(ExplorationFixture.screen(state), named: "exploration-opening-80x24")
        for _ in 0..<40 { state.lesson.stepWork() }
        #expect(state.lesson.exploration.run.step == 200)
        GoldenFile.assertMatches(ExplorationFixture.screen(state), named: "exploration-part-way-80x24")
        state.lesson.exploration.page = 1
        GoldenFile.assertMatches(ExplorationFixture.screen(state), named: "exploration-curves-part-way-80x24")
    }
}

/// The numbers on screen against the Python replay of the same seeded runs.
@Suite struct ExplorationFigureTests {
    /// The table of the curves view is the reference's 200-run averages on bandit 1: mean
    /// regret ± standard error and the stuck runs, and the curves every 100 steps.
    @Test func theAveragesAreThePythonReplays() throws {
        let reference = try ExplorationFixture.reference()
        let settings = ExplorationFixture.finished.lesson.exploration
        var state = ExplorationFixture.finished
        state.lesson.exploration.page = 1
        let text = ExplorationFixture.screen(state)
        let names: [ExplorationStrategy: String] = [.hot: "hot", .cold: "cold", .annealed: "annealed",
                                                    .epsilonGreedy: "epsilonGreedy"]
        for strategy in ExplorationStrategy.allCases {
            let expected = try #require(reference.labAverages.first { $0.name == names[strategy] })
            let curve = try #require(settings.curve(of: strategy))
            #expect(curve.isComplete && curve.runCount == 200 && curve.horizon == 1000)
            let every100 = stride(from: 99, to: 1000, by: 100).map { curve.meanRegret[$0] }
            #expect(zip(every100, expected.meanRegretEvery100).allSatisfy { abs($0 - $1) <= 1e-9 }, "\(strategy)")
            let label = "\(strategy.marker) \(strategy.name), "
            let row = try #require(text.split(separator: "\n").first { $0.contains(label) }, "\(label)\n\(text)")
            #expect(row.contains("\(ExplorationFixture.regret(expected.finalMean)) ± "
                + "\(ExplorationFixture.regret(expected.finalStandardError))"), "\(row)")
            #expect(row.hasSuffix(" \(expected.stuck) of 200"), "\(row)")
        }
    }

    /// The hot run of seed 1 on bandit 1 is the reference's "Boltzmann T = 0.5" run: its
    /// pulls, its estimates and its regret, on screen; its p next is softmax(Q/0.5) written out.
    @Test func theHotRunIsThePythonReplay() throws {
        let expected = try #require(try ExplorationFixture.reference().runs.first { $0.name == "Boltzmann T = 0.5, bandit 1, seed 1" })
        let state = ExplorationFixture.finished
        let run = state.lesson.exploration.run
        #expect(run.pulls == expected.pulls)
        #expect(zip(run.cumulativeRegret, expected.cumulativeRegret).allSatisfy { abs($0 - $1) <= 1e-11 })
        let text = ExplorationFixture.screen(state)
        #expect(text.contains("step 1000 of 1000: regret \(ExplorationFixture.regret(expected.cumulativeRegret[999]))"))
        for (arm, estimate) in expected.estimates.enumerated() {
            #expect(text.contains(String(format: "%.2f", estimate)), "arm \(arm + 1)")
        }
        let weights = expected.estimates.map { Foundation.exp($0 / 0.5) }
        let total = weights.reduce(0, +)
        let next = try #require(run.nextProbabilities)
        #expect(zip(next, weights).allSatisfy { abs($0 - $1 / total) <= 1e-14 })
    }

    /// ε-greedy's run of seed 1 is the reference's, and so is the regret the screen shows.
    @Test func theEpsilonGreedyRunIsThePythonReplay() throws {
        let expected = try #require(try ExplorationFixture.reference().runs.first { $0.name == "epsilon-greedy 0.1, bandit 1, seed 1" })
        let state = ExplorationFixture.after([.up])
        #expect(state.lesson.exploration.run.pulls == expected.pulls)
        #expect(ExplorationFixture.screen(state).contains("regret \(ExplorationFixture.regret(expected.cumulativeRegret[999]))"))
    }
}

/// What the keys do, and how the work is cut into frames.
@Suite struct ExplorationKeyTests {
    static func pressing(_ keys: [Key], from state: LabState = ExplorationFixture.finished) -> LabState {
        var s = state
        for k in keys { s.handle(k) }
        return s
    }

    @Test func arrowsCycleTheSchedulesAndRestartTheRun() {
        var s = ExplorationFixture.finished
        #expect(s.lesson.exploration.strategy == .hot && s.lesson.exploration.run.isFinished)
        for expected in [ExplorationStrategy.cold, .annealed, .epsilonGreedy, .hot] {
            s = Self.pressing([.down], from: s)
            #expect(s.lesson.exploration.strategy == expected)
            #expect(s.lesson.exploration.run.step == 0 && s.lesson.exploration.run.policy == s.lesson.exploration.policy(of: expected))
        }
        #expect(Self.pressing([.up]).lesson.exploration.strategy == .epsilonGreedy)
        // The averages stay: only the run has work to do.
        s = Self.pressing([.down])
        #expect(ExplorationStrategy.allCases.allSatisfy { s.lesson.exploration.curve(of: $0)?.isComplete == true })
    }

    @Test func theAnnealKeysChangeTheScheduleAndShowIt() {
        let shorter = Self.pressing([.character(",")])
        #expect(shorter.lesson.exploration.strategy == .annealed)
        #expect(shorter.lesson.exploration.anneal.length == 200)
        #expect(shorter.lesson.exploration.run.policy == .boltzmann(TemperatureSchedule(start: 0.5, end: 0.05, length: 200,
                                                                                         shape: .geometric)))
        #expect(shorter.lesson.exploration.curve(of: .annealed) == nil)
        let longest = Self.pressing(Array(repeating: .character("."), count: 9))
        #expect(longest.lesson.exploration.anneal.length == 1000)
        let shortest = Self.pressing(Array(repeating: .character(","), count: 9))
        #expect(shortest.lesson.exploration.anneal.length == 50)
        let linear = Self.pressing([.character("g")])
        #expect(linear.lesson.exploration.anneal.shape == .linear)
        #expect(Self.pressing([.character("g")], from: linear).lesson.exploration.anneal.shape == .geometric)
        // Back to a schedule averaged before: its curve is kept, so only the run moves.
        var back = Self.pressing([.character(","), .character(".")])
        #expect(back.lesson.exploration.curve(of: .annealed)?.isComplete == true)
        back.lesson.finishWork()
        #expect(back.lesson.exploration.run.isFinished)
    }

    @Test func rerunTakesTheNextSeedAndSpacePausesAndReplays() {
        let rerun = Self.pressing([.character("r")])
        #expect(rerun.lesson.exploration.runSeed == 2 && rerun.lesson.exploration.run.seed == 2)
        #expect(rerun.lesson.exploration.run.step == 0)
        var s = rerun
        s.lesson.stepWork()
        #expect(s.lesson.exploration.run.step == 5)
        s.handle(.character(" "))
        #expect(s.lesson.exploration.isPaused && !s.lesson.isWorking)
        s.lesson.stepWork()
        #expect(s.lesson.exploration.run.step == 5)
        #expect(ExplorationFixture.screen(s).contains("· paused"))
        s.handle(.character(" "))
        s.lesson.finishWork()
        #expect(s.lesson.exploration.run.isFinished)
        // At the end, Space plays the same run again from its start.
        s.handle(.character(" "))
        #expect(s.lesson.exploration.run.step == 0 && s.lesson.exploration.run.seed == 2)
    }

    @Test func aNewBanditStartsEveryAverageAgain() {
        var s = Self.pressing([.character("b")])
        #expect(s.lesson.exploration.banditSeed == 2)
        #expect(s.lesson.exploration.bandit == GaussianBandit(seed: 2))
        #expect(ExplorationStrategy.allCases.allSatisfy { s.lesson.exploration.curve(of: $0) == nil })
        #expect(ExplorationFixture.screen(s).contains("averaging 200 runs of each: hot at 0 of 200, 3 more to go…"))
        s.lesson.stepWork()
        #expect(s.lesson.exploration.curve(of: .hot)?.stepsTaken == 6_000)
    }

    /// A frame's step takes 5 steps of the run and 6,000 of the averages (about 1.5 µs each
    /// in a debug build): the work is cut by count, so every machine cuts it the same.
    @Test func eachFrameTakesABoundedSlice() {
        var s = ExplorationFixture.opened()
        var previous = 0
        for frame in 1...5 {
            s.lesson.stepWork()
            #expect(s.lesson.exploration.run.step == 5 * frame)
            let taken = ExplorationStrategy.allCases.reduce(0) { $0 + (s.lesson.exploration.curve(of: $1)?.stepsTaken ?? 0) }
            #expect(taken - previous == 6_000)
            previous = taken
        }
        // The shown schedule's average first, the others in order.
        #expect(s.lesson.exploration.curve(of: .hot)?.stepsTaken == 30_000 && s.lesson.exploration.curve(of: .cold) == nil)
    }
}

/// The chart widget on its own, in the ratatui style: a grid pre-filled with "x", so a
/// cell the chart should have left alone shows up.
@Suite struct RegretChartTests {
    @Test func aFilledRunAndALetteredAverage() {
        var grid = Grid(lines: Array(repeating: String(repeating: "x", count: 16), count: 6))
        grid.glyphs = .ascii
        let chart = RegretChart(series: [
            RegretChart.Series(values: [1, 2, 3, 4, 5, 6, 7, 8], marker: nil, style: .plain),
            RegretChart.Series(values: [0, 0, 0, 0, 8, 8, 8, 8, 8, 8], marker: "A", style: .plain),
        ], horizon: 10)
        chart.render(in: Rect(x: 1, y: 1, width: 14, height: 4), into: &grid, options: ScreenOptions(unicode: false))
        // Top 8 (the largest last value), two plot rows of 8 eighths each. 12 columns over 10
        // steps: column c shows step ⌊(c+1)·10/12⌋ − 1, none for c = 0. The run (8 steps so
        // far) fills 2v eighths at v = 5, 5, 6, 7, 8 in columns 5–9; the average's A lies on
        // row 0 for its zeros and on the top row for its 8s, over the fill. The chart writes
        // only what it draws.
        #expect(grid.lines == [
            "xxxxxxxxxxxxxxxx",
            "x8xxxxxxAAAAAAAx",
            "x0xxAAAA#####xxx",
            "xxx------------x",
            "xxx0xxxstepxx10x",
            "xxxxxxxxxxxxxxxx",
        ])
    }

    @Test func theTopIsARoundNumberAtOrAboveTheLargest() {
        #expect(RegretChart.roundedUp(0) == 1 && RegretChart.roundedUp(1) == 1)
        #expect(RegretChart.roundedUp(19.3) == 20 && RegretChart.roundedUp(29) == 30 && RegretChart.roundedUp(155.1) == 200)
        #expect(RegretChart.roundedUp(187.2) == 200 && RegretChart.roundedUp(201) == 250 && RegretChart.roundedUp(801) == 1000)
        #expect(RegretChart.label(2.5) == "2.5" && RegretChart.label(1000) == "1000")
    }
}
