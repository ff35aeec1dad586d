#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import SoftmaxCore

/// A multi-armed bandit whose arm k pays a reward drawn from N(µ_k, 1): the agent sees
/// only the rewards, never the means. The exploration lab runs its policies on one.
///
/// The means themselves are seeded draws from N(0, 1) (the testbed of Sutton and Barto,
/// chapter 2), so a bandit is named by its seed and is the same on every machine.
public struct GaussianBandit: Hashable, Sendable {
    /// The spread of every arm's rewards around its mean.
    public static let rewardStandardDeviation = 1.0
    public static let defaultArmCount = 5

    /// µ_k, hidden from the policies.
    public let means: [Double]

    public init(means: [Double]) {
        precondition(!means.isEmpty && means.allSatisfy(\.isFinite), "a bandit needs finite means")
        self.means = means
    }

    /// The means drawn one after the other from `SeededGenerator(seed:)` by `StandardNormal`.
    public init(seed: UInt64, armCount: Int = defaultArmCount) {
        var generator = SeededGenerator(seed: seed)
        self.init(means: (0..<armCount).map { _ in StandardNormal.draw(using: &generator) })
    }

    public var armCount: Int { means.count }
    /// The arm with the largest mean (the lowest index on a tie).
    public var bestArm: Int { argmax(means) }
    public var bestMean: Double { means[bestArm] }

    /// What pulling `arm` costs against always pulling the best: µ* − µ_arm. Summed over
    /// the pulls this is the (pseudo-)regret, which leaves out the rewards' own noise.
    public func regret(of arm: Int) -> Double { bestMean - means[arm] }

    /// One reward from `arm`: its mean plus a standard normal draw.
    public func reward(of arm: Int, using generator: inout SeededGenerator) -> Double {
        means[arm] + Self.rewardStandardDeviation * StandardNormal.draw(using: &generator)
    }
}

/// Standard normal draws by Box–Muller, one per two uniforms (the cosine branch only, so a
/// draw depends on no earlier one and a Python reference replays the stream exactly):
/// z = √(−2 ln(1 − u₁)) · cos(2π u₂), where 1 − u₁ lies in (0, 1] and so has a finite log.
public enum StandardNormal {
    public static func draw(using generator: inout SeededGenerator) -> Double {
        let u1 = generator.nextUniform()
        let u2 = generator.nextUniform()
        return (-2 * log(1 - u1)).squareRoot() * cos(2 * Double.pi * u2)
    }
}
