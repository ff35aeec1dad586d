import Experiments
import Foundation
import SoftmaxCore
import Testing

/// The bandit, the policies and the averages against a Python replay of the same seeded
/// stream (Reference/make_bandit_reference.py), and against closed forms.
@Suite struct BanditReferenceTests {
    @Test func theReferenceLoadsAndHasEveryCase() throws {
        let reference = try References.bandit.get()
        #expect(reference.runs.count == 7 && reference.averages.count == 3 && reference.labAverages.count == 4)
    }

    /// The uniforms and normals every draw is built from, exactly as Python computes them.
    @Test func uniformsAndNormalsReplayTheStream() throws {
        let reference = try References.bandit.get()
        var generator = SeededGenerator(seed: 7)
        #expect((0..<5).map { _ in generator.nextUniform() } == reference.uniformsSeed7)
        generator = SeededGenerator(seed: 7)
        let normals = (0..<5).map { _ in StandardNormal.draw(using: &generator) }
        #expect(largestDifference(normals, reference.normalsSeed7) <= 1e-15)
    }

    @Test func banditMeansAreTheSeededNormals() throws {
        for (seed, means) in try References.bandit.get().banditMeans {
            let bandit = GaussianBandit(seed: try #require(UInt64(seed)))
            #expect(largestDifference(bandit.means, means) <= 1e-15, "bandit \(seed)")
        }
    }

    /// Every arm pulled, and the regret after every step, as the Python replay has them;
    /// the run taken in uneven pieces is the same run.
    @Test(arguments: References.banditRuns)
    func runMatchesThePythonReplay(_ expected: BanditReference.Run) throws {
        let start = BanditRun(bandit: GaussianBandit(seed: expected.bandit), policy: try expected.policy.policy(),
                              horizon: expected.horizon, seed: expected.seed)
        var run = start
        var arms: [Int] = []
        while !run.isFinished {
            run.advance()
            arms.append(run.lastArm ?? -1)
        }
        let expectedArms = expected.arms.map { Int(String($0)) ?? -1 }
        let firstDifference = arms.indices.first { arms[$0] != expectedArms[$0] }
        #expect(arms.count == expectedArms.count && firstDifference == nil, "the arms part at step \(firstDifference ?? -1)")
        var inPieces = start
        var piece = 1
        while !inPieces.isFinished {
            inPieces.advance(steps: piece)
            piece = piece * 3 % 97 + 1
        }
        #expect(inPieces == run)
        #expect(run.step == expected.horizon)
        #expect(run.pulls == expected.pulls)
        #expect(largestDifference(run.cumulativeRegret, expected.cumulativeRegret) <= 1e-11)
        #expect(largestDifference(run.estimates, expected.estimates) <= 1e-13)
    }

    /// Run i of an average is seed i; its mean regret after every step, the final mean and
    /// its standard error (numpy, ddof = 1) and the stuck runs match, taken in budgets that
    /// end in the middle of runs.
    @Test(arguments: References.banditAverages)
    func averageMatchesThePythonReplay(_ expected: BanditReference.Average) throws {
        var average = AveragedRegret(bandit: GaussianBandit(seed: expected.bandit), policy: try expected.policy.policy(),
                                     horizon: expected.horizon, runCount: expected.runCount)
        while !average.isComplete { average.advance(budget: 777) }
        #expect(average.stepsTaken == expected.horizon * expected.runCount)
        #expect(largestDifference(average.meanRegret, try #require(expected.meanRegret)) <= 1e-11)
        let final = try #require(average.finalRegret)
        #expect(isClose(final.mean, expected.finalMean, relative: 1e-13))
        #expect(isClose(try #require(final.standardError), expected.finalStandardError, relative: 1e-9))
        #expect(average.runsMostlyOffBest == expected.stuck)
    }

    @Test func anAverageGrowsARunAtATimeAndStopsAtItsCount() {
        var average = AveragedRegret(bandit: GaussianBandit(seed: 1), policy: .epsilonGreedy(0.1), horizon: 10, runCount: 3)
        #expect(average.meanRegret.isEmpty && average.finalRegret == nil)
        average.advance(budget: 15)
        #expect(average.completedRuns == 1 && average.stepsTaken == 15)
        #expect(average.finalRegret?.standardError == nil)
        average.advance(budget: 1000)
        #expect(average.isComplete && average.stepsTaken == 30)
        #expect(average.finalRegret?.standardError != nil)
    }
}

/// Closed forms: the policies' probabilities, the schedules, the regret.
@Suite struct BanditClosedFormTests {
    static let estimates = [0.3, -1.2, 0.9, 0.9, -0.4]

    /// softmax(Q/T) written out: e^(Q_k/T) / Σ_j e^(Q_j/T), with no shift (the values are small).
    static func boltzmann(_ q: [Double], _ t: Double) -> [Double] {
        let weights = q.map { Foundation.exp($0 / t) }
        let sum = weights.reduce(0, +)
        return weights.map { $0 / sum }
    }

    @Test(arguments: [0.05, 0.2, 0.5, 1, 3, 40])
    func boltzmannProbabilitiesAreTheSoftmaxOfTheEstimates(_ t: Double) throws {
        let policy = ExplorationPolicy.boltzmann(.constant(t))
        let p = try #require(policy.probabilities(estimates: Self.estimates, step: 5))
        let expected = Self.boltzmann(Self.estimates, t)
        for k in p.indices { #expect(abs(p[k] - expected[k]) <= 1e-15 + 1e-13 * expected[k], "T = \(t), arm \(k)") }
        #expect(policy.temperature(atStep: 5)?.value == t)
    }

    /// The limits, exactly: at a T far below the gaps the tied best two share everything,
    /// and far above them every arm has 1/K. The draws follow.
    @Test func boltzmannTendsToGreedyAndUniform() throws {
        let cold = try #require(ExplorationPolicy.boltzmann(.constant(1e-300)).probabilities(estimates: Self.estimates, step: 5))
        #expect(cold == [0, 0, 0.5, 0.5, 0])
        let hot = try #require(ExplorationPolicy.boltzmann(.constant(1e300)).probabilities(estimates: Self.estimates, step: 5))
        #expect(hot == Array(repeating: 0.2, count: 5))
        #expect(ExplorationPolicy.boltzmannArm(estimates: Self.estimates, temperature: 1e-300, u: 0.49) == 2)
        #expect(ExplorationPolicy.boltzmannArm(estimates: Self.estimates, temperature: 1e-300, u: 0.51) == 3)
        #expect(ExplorationPolicy.boltzmannArm(estimates: Self.estimates, temperature: 1e300, u: 0.999) == 4)
    }

    /// A uniform u picks the arm whose slice of the closed-form cumulative probabilities
    /// holds it, for 2,000 u spread over [0, 1), except within 1e-12 of a boundary.
    @Test(arguments: [0.05, 0.5, 3])
    func boltzmannDrawsInvertTheClosedFormCumulative(_ t: Double) {
        let p = Self.boltzmann(Self.estimates, t)
        var cumulative: [Double] = []
        for x in p { cumulative.append((cumulative.last ?? 0) + x) }
        for i in 0..<2000 {
            let u = (Double(i) + 0.5) / 2000
            guard cumulative.allSatisfy({ abs($0 - u) > 1e-12 }) else { continue }
            let expected = cumulative.firstIndex { $0 > u } ?? 4
            #expect(ExplorationPolicy.boltzmannArm(estimates: Self.estimates, temperature: t, u: u) == expected, "u = \(u)")
        }
    }

    @Test(arguments: [0.0, 0.1, 0.5, 1])
    func epsilonGreedyProbabilities(_ epsilon: Double) throws {
        let p = try #require(ExplorationPolicy.epsilonGreedy(epsilon).probabilities(estimates: Self.estimates, step: 9))
        // The first of the tied best (arm 2) is the greedy one.
        let expected = (0..<5).map { epsilon / 5 + ($0 == 2 ? 1 - epsilon : 0) }
        for k in p.indices { #expect(abs(p[k] - expected[k]) <= 1e-15) }
        #expect(ExplorationPolicy.epsilonGreedy(epsilon).temperature(atStep: 9) == nil)
    }

    /// During the first K steps every policy pulls arm t, whatever its estimates, and draws nothing.
    @Test func everyArmIsPulledOnceFirst() throws {
        for policy in [ExplorationPolicy.epsilonGreedy(1), .boltzmann(.constant(0.01))] {
            var generator = SeededGenerator(seed: 3)
            let untouched = generator
            for t in 0..<5 {
                #expect(policy.chooseArm(estimates: Self.estimates, step: t, using: &generator) == t)
                #expect(policy.probabilities(estimates: Self.estimates, step: t) == nil)
            }
            #expect(generator == untouched)
        }
    }

    @Test func schedulesRunFromStartToEndThenHold() {
        let geometric = TemperatureSchedule(start: 0.5, end: 0.05, length: 300, shape: .geometric)
        #expect(geometric.temperature(atStep: 0) == 0.5)
        #expect(isClose(geometric.temperature(atStep: 150), (0.5 * 0.05).squareRoot(), relative: 1e-15))
        #expect(isClose(geometric.temperature(atStep: 100), 0.5 * Foundation.pow(0.1, 1.0 / 3), relative: 1e-15))
        #expect(geometric.temperature(atStep: 300) == 0.05 && geometric.temperature(atStep: 999) == 0.05)
        let linear = TemperatureSchedule(start: 2, end: 0.1, length: 100, shape: .linear)
        #expect(isClose(linear.temperature(atStep: 50), 1.05, relative: 1e-15))
        #expect(linear.temperature(atStep: 100) == 0.1)
        #expect(TemperatureSchedule.constant(0.5).temperature(atStep: 0) == 0.5)
        #expect(TemperatureSchedule.constant(0.5).temperature(atStep: 700) == 0.5)
        // Each step of a geometric anneal cools by the same factor.
        let ratios = (1..<300).map { geometric.temperature(atStep: $0) / geometric.temperature(atStep: $0 - 1) }
        #expect(ratios.allSatisfy { isClose($0, Foundation.pow(0.1, 1.0 / 300), relative: 1e-12) })
    }

    /// The regret of a run is Σ_k pulls_k (µ* − µ_k), and the shares are pulls over steps.
    @Test func regretIsThePullsTimesTheGaps() {
        let bandit = GaussianBandit(means: [0.2, 1.5, -0.3])
        var run = BanditRun(bandit: bandit, policy: .boltzmann(.constant(0.4)), horizon: 250, seed: 11)
        run.advance(steps: 250)
        let expected = bandit.means.indices.reduce(0.0) { $0 + Double(run.pulls[$1]) * (1.5 - bandit.means[$1]) }
        #expect(isClose(run.totalRegret, expected, relative: 1e-12))
        #expect(run.pulls.reduce(0, +) == 250)
        #expect(run.shares == run.pulls.map { Double($0) / 250 })
        #expect(bandit.bestArm == 1 && bandit.regret(of: 1) == 0)
        // Past the horizon nothing moves.
        let finished = run
        run.advance(steps: 10)
        #expect(run == finished)
    }
}
