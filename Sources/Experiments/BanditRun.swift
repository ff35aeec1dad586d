import SoftmaxCore

/// One agent on one bandit: a policy, its estimates (the mean reward seen from each arm)
/// and the regret so far, advanced a step at a time so the lab can animate it.
///
/// Each step draws from the run's own `SeededGenerator(seed:)`: first whatever the
/// policy draws to choose (see `ExplorationPolicy`), then the reward's normal (two
/// uniforms). So a run is fixed by the bandit, the policy and the seed.
public struct BanditRun: Hashable, Sendable {
    public let bandit: GaussianBandit
    public let policy: ExplorationPolicy
    public let horizon: Int
    public let seed: UInt64
    private var generator: SeededGenerator
    /// Steps taken, 0 through `horizon`.
    public private(set) var step = 0
    public private(set) var pulls: [Int]
    public private(set) var rewardSums: [Double]
    /// Each arm's mean reward so far, Σ rewards / pulls: 0 for an arm not yet pulled.
    public private(set) var estimates: [Double]
    /// The regret after each step so far: `cumulativeRegret[t]` sums µ* − µ over steps 0...t.
    public private(set) var cumulativeRegret: [Double] = []
    public private(set) var lastArm: Int?
    public private(set) var lastReward: Double?

    public init(bandit: GaussianBandit, policy: ExplorationPolicy, horizon: Int, seed: UInt64) {
        precondition(horizon >= 0, "a run cannot have a negative length")
        self.bandit = bandit
        self.policy = policy
        self.horizon = horizon
        self.seed = seed
        generator = SeededGenerator(seed: seed)
        pulls = Array(repeating: 0, count: bandit.armCount)
        rewardSums = Array(repeating: 0, count: bandit.armCount)
        estimates = rewardSums
        cumulativeRegret.reserveCapacity(horizon)
    }

    public var isFinished: Bool { step >= horizon }
    public var totalRegret: Double { cumulativeRegret.last ?? 0 }

    /// The share of the steps so far that pulled each arm; all 0 before the first.
    public var shares: [Double] {
        pulls.map { step > 0 ? Double($0) / Double(step) : 0 }
    }

    /// The policy's probabilities for the step after the last one taken (after the end,
    /// for a step the run would take next); nil during the first pulls.
    public var nextProbabilities: [Double]? {
        policy.probabilities(estimates: estimates, step: step)
    }

    /// Takes up to `count` steps, stopping at the horizon.
    public mutating func advance(steps count: Int = 1) {
        for _ in 0..<max(0, min(count, horizon - step)) {
            let arm = policy.chooseArm(estimates: estimates, step: step, using: &generator)
            let reward = bandit.reward(of: arm, using: &generator)
            pulls[arm] += 1
            rewardSums[arm] += reward
            estimates[arm] = rewardSums[arm] / Double(pulls[arm])
            cumulativeRegret.append(totalRegret + bandit.regret(of: arm))
            lastArm = arm
            lastReward = reward
            step += 1
        }
    }
}
