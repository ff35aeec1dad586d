import SoftmaxCore

/// The cumulative regret of one policy averaged over many seeded runs, so a comparison of
/// policies does not rest on one lucky run. Run i (0-based) uses seed `firstSeed + i`,
/// the same seeds for every policy. The work goes in budgets of steps, so a frame can
/// take a slice of it and show how far it has come.
public struct AveragedRegret: Hashable, Sendable {
    public let bandit: GaussianBandit
    public let policy: ExplorationPolicy
    public let horizon: Int
    public let runCount: Int
    public let firstSeed: UInt64
    /// Runs finished so far.
    public private(set) var completedRuns = 0
    /// Σ over the finished runs of each run's cumulative regret after step t.
    public private(set) var regretSums: [Double]
    /// The running mean of the finished runs' final regrets and Σ of their squared
    /// deviations from it (Welford's update, which keeps the spread exact to rounding).
    private var finalRegretMean = 0.0
    private var finalRegretDeviations = 0.0
    /// Finished runs that gave the best arm less than half of their pulls.
    public private(set) var runsMostlyOffBest = 0
    /// The run under way, carried from one budget to the next.
    private var current: BanditRun?

    public init(bandit: GaussianBandit, policy: ExplorationPolicy, horizon: Int, runCount: Int, firstSeed: UInt64 = 1) {
        precondition(horizon > 0 && runCount > 0, "an average needs runs of at least one step")
        self.bandit = bandit
        self.policy = policy
        self.horizon = horizon
        self.runCount = runCount
        self.firstSeed = firstSeed
        regretSums = Array(repeating: 0, count: horizon)
    }

    public var isComplete: Bool { completedRuns >= runCount }
    /// Steps taken of the `runCount · horizon` in all.
    public var stepsTaken: Int { completedRuns * horizon + (current?.step ?? 0) }

    /// Takes up to `budget` steps of runs, finishing each run in turn.
    public mutating func advance(budget: Int) {
        var left = budget
        while left > 0 && !isComplete {
            var run = current ?? BanditRun(bandit: bandit, policy: policy, horizon: horizon,
                                           seed: firstSeed + UInt64(completedRuns))
            let taken = min(left, horizon - run.step)
            run.advance(steps: taken)
            left -= taken
            if run.isFinished {
                record(run)
                current = nil
            } else {
                current = run
            }
        }
    }

    private mutating func record(_ run: BanditRun) {
        for t in 0..<horizon { regretSums[t] += run.cumulativeRegret[t] }
        if 2 * run.pulls[bandit.bestArm] < horizon { runsMostlyOffBest += 1 }
        completedRuns += 1
        let delta = run.totalRegret - finalRegretMean
        finalRegretMean += delta / Double(completedRuns)
        finalRegretDeviations += delta * (run.totalRegret - finalRegretMean)
    }

    /// The mean cumulative regret after each step over the runs finished so far; empty before the first.
    public var meanRegret: [Double] {
        guard completedRuns > 0 else { return [] }
        return regretSums.map { $0 / Double(completedRuns) }
    }

    /// The mean final regret and its standard error (the sample standard deviation over
    /// √n); the error is nil with fewer than two runs.
    public var finalRegret: (mean: Double, standardError: Double?)? {
        guard completedRuns > 0 else { return nil }
        guard completedRuns > 1 else { return (finalRegretMean, nil) }
        let n = Double(completedRuns)
        return (finalRegretMean, (finalRegretDeviations / (n - 1) / n).squareRoot())
    }
}
