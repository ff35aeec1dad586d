import Experiments
import SoftmaxCore

/// The four ways of exploring the chapter compares: Boltzmann exploration at a constant
/// hot T, at a constant cold T, annealed from the hot T to the cold one, and ε-greedy.
public enum ExplorationStrategy: Int, CaseIterable, Hashable, Sendable {
    case hot, cold, annealed, epsilonGreedy

    /// Hot and cold against rewards of spread 1 and arms about 1 apart: at T = 0.5 an arm
    /// 1 below the best is still pulled e^−2 ≈ 14% as often; at T = 0.05, e^−20 as often.
    public static let hotTemperature = 0.5
    public static let coldTemperature = 0.05
    public static let epsilon = 0.1

    var name: String {
        switch self {
        case .hot: "hot"
        case .cold: "cold"
        case .annealed: "annealed"
        case .epsilonGreedy: "ε-greedy"
        }
    }

    /// The letter that draws this strategy's curve, in every glyph set and without colour.
    var marker: Character {
        switch self {
        case .hot: "H"
        case .cold: "C"
        case .annealed: "A"
        case .epsilonGreedy: "E"
        }
    }

    func policy(_ anneal: AnnealSchedule) -> ExplorationPolicy {
        switch self {
        case .hot: .boltzmann(.constant(Self.hotTemperature))
        case .cold: .boltzmann(.constant(Self.coldTemperature))
        case .annealed: .boltzmann(anneal.schedule)
        case .epsilonGreedy: .epsilonGreedy(Self.epsilon)
        }
    }

    /// What the strategy does, in a few words: "T = 0.5" (Boltzmann at that T), "ε = 0.1".
    func summary(_ anneal: AnnealSchedule) -> String {
        switch self {
        case .hot: "T = \(ExplorationText.number(Self.hotTemperature))"
        case .cold: "T = \(ExplorationText.number(Self.coldTemperature))"
        case .annealed: "T " + anneal.summary
        case .epsilonGreedy: "ε = \(ExplorationText.number(Self.epsilon))"
        }
    }
}

/// The annealed schedule as the student sets it: from the hot T to the cold one over a
/// length from a ladder, geometric or linear.
public struct AnnealSchedule: Hashable, Sendable {
    public static let lengths = [50, 100, 200, 300, 500, 1000]
    public static let defaultRung = 3

    public private(set) var rung = defaultRung
    public var shape: TemperatureSchedule.Shape = .geometric

    public init() {}

    public var length: Int { Self.lengths[rung] }

    public var schedule: TemperatureSchedule {
        TemperatureSchedule(start: ExplorationStrategy.hotTemperature, end: ExplorationStrategy.coldTemperature,
                            length: length, shape: shape)
    }

    /// "0.5 → 0.05 in 300 steps, geometric"
    var summary: String {
        "\(ExplorationText.number(schedule.start)) → \(ExplorationText.number(schedule.end)) in \(length) steps, "
            + shape.rawValue
    }

    mutating func step(by steps: Int) {
        rung = min(max(0, rung + steps), Self.lengths.count - 1)
    }

    mutating func toggleShape() {
        shape = shape == .geometric ? .linear : .geometric
    }
}

/// What the exploration chapter remembers between keys: the view, the strategy the
/// animated run follows, the annealed schedule, the seeds, and the work: the run itself
/// (a few steps a frame, so the student watches it) and the regret of every strategy
/// averaged over 200 runs (a slice of steps a frame, so no key waits).
public struct ExplorationSettings: Hashable, Sendable {
    public static let pageCount = 2
    public static let armCount = GaussianBandit.defaultArmCount
    public static let horizon = 1000
    public static let runCount = 200
    public static let defaultBanditSeed: UInt64 = 1
    /// Steps of the animated run per frame: 1,000 steps in about 3 s at 60 frames a second.
    static let runStepsPerFrame = 5
    /// Steps of the averaged runs per frame: about 1.5 µs each in a debug build (0.15 in
    /// release), so a frame's slice takes some 9 ms of CPU there and a key waits for little
    /// more than the frame's drawing; the 800,000 steps of the four averages take 134 frames.
    static let curveStepsPerFrame = 6_000

    /// 0: one run, animated; 1: the regret curves averaged over 200 runs.
    public var page = 0
    public private(set) var strategy: ExplorationStrategy = .hot
    public private(set) var anneal = AnnealSchedule()
    public private(set) var banditSeed = defaultBanditSeed
    /// The animated run's seed: run `runSeed` of the 200 averaged, for seeds up to 200.
    public private(set) var runSeed: UInt64 = 1
    public private(set) var isPaused = false
    public private(set) var run: BanditRun
    /// Averaged regret by policy: the four shown, and annealed schedules tried before
    /// (finished or not), so going back to one costs nothing.
    private(set) var curves: [ExplorationPolicy: AveragedRegret] = [:]

    public init() {
        run = BanditRun(bandit: GaussianBandit(seed: Self.defaultBanditSeed, armCount: Self.armCount),
                        policy: ExplorationStrategy.hot.policy(AnnealSchedule()), horizon: Self.horizon, seed: 1)
    }

    public var bandit: GaussianBandit { run.bandit }

    public func policy(of strategy: ExplorationStrategy) -> ExplorationPolicy { strategy.policy(anneal) }

    /// The averaged regret of a strategy, as far as it has been computed.
    public func curve(of strategy: ExplorationStrategy) -> AveragedRegret? { curves[policy(of: strategy)] }

    // MARK: What the keys do

    /// Shows another strategy's run, from its first step.
    mutating func choose(_ strategy: ExplorationStrategy) {
        self.strategy = strategy
        restartRun()
    }

    mutating func cycleStrategy(by steps: Int) {
        let all = ExplorationStrategy.allCases
        choose(all[((strategy.rawValue + steps) % all.count + all.count) % all.count])
    }

    /// A longer or shorter anneal, shown at once: the run switches to the annealed schedule.
    mutating func stepAnneal(by steps: Int) {
        anneal.step(by: steps)
        choose(.annealed)
    }

    mutating func toggleAnnealShape() {
        anneal.toggleShape()
        choose(.annealed)
    }

    /// The next seed's run of the same strategy.
    mutating func rerun() {
        runSeed &+= 1
        restartRun()
    }

    /// A new bandit (new hidden means): every average starts again.
    mutating func nextBandit() {
        banditSeed &+= 1
        curves = [:]
        restartRun()
    }

    /// Pauses or resumes the run; at its end, plays it again.
    mutating func togglePause() {
        if run.isFinished {
            restartRun()
        } else {
            isPaused.toggle()
        }
    }

    private mutating func restartRun() {
        isPaused = false
        run = BanditRun(bandit: GaussianBandit(seed: banditSeed, armCount: Self.armCount), policy: policy(of: strategy),
                        horizon: Self.horizon, seed: runSeed)
    }

    // MARK: The work between frames

    var isRunPlaying: Bool { !run.isFinished && !isPaused }

    /// The strategies whose averages are not done, the one shown first.
    var strategiesToAverage: [ExplorationStrategy] {
        ([strategy] + ExplorationStrategy.allCases.filter { $0 != strategy })
            .filter { curves[policy(of: $0)]?.isComplete != true }
    }

    var isWorking: Bool { isRunPlaying || !strategiesToAverage.isEmpty }

    /// One frame's work: a few steps of the run, then a slice of the averaged runs.
    mutating func stepWork() {
        if isRunPlaying { run.advance(steps: Self.runStepsPerFrame) }
        var budget = Self.curveStepsPerFrame
        for strategy in strategiesToAverage where budget > 0 {
            let policy = policy(of: strategy)
            var curve = curves[policy] ?? AveragedRegret(bandit: bandit, policy: policy, horizon: Self.horizon,
                                                         runCount: Self.runCount)
            let before = curve.stepsTaken
            curve.advance(budget: budget)
            budget -= curve.stepsTaken - before
            curves[policy] = curve
        }
    }

    /// What the averaging is doing, or nil when every curve is done.
    var progressLine: String? {
        let pending = strategiesToAverage
        guard let first = pending.first else { return nil }
        let done = curves[policy(of: first)]?.completedRuns ?? 0
        return "averaging \(Self.runCount) runs of each: \(first.name) at \(done) of \(Self.runCount)"
            + (pending.count > 1 ? ", \(pending.count - 1) more to go" : "") + "…"
    }
}
