#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import SoftmaxCore

/// How the temperature of Boltzmann exploration moves over a run: constant, or annealed
/// from `start` to `end` over the first `length` steps and held at `end` after that.
public struct TemperatureSchedule: Hashable, Sendable {
    public enum Shape: String, Hashable, Sendable, CaseIterable {
        /// T(t) = start · (end / start)^(t / length): the same factor every step.
        case geometric
        /// T(t) = start + (end − start) · t / length.
        case linear
    }

    public let start: Double
    public let end: Double
    /// Steps over which T moves; 0 for a constant schedule.
    public let length: Int
    public let shape: Shape

    /// T held at `value` for the whole run.
    public static func constant(_ value: Double) -> TemperatureSchedule {
        TemperatureSchedule(start: value, end: value, length: 0, shape: .geometric)
    }

    /// Temperatures are finite and above zero here: a geometric path has no 0 or ∞ to pass through.
    public init(start: Double, end: Double, length: Int, shape: Shape) {
        precondition(start > 0 && end > 0 && start.isFinite && end.isFinite && length >= 0,
                     "a schedule runs between finite temperatures above zero")
        self.start = start
        self.end = end
        self.length = length
        self.shape = shape
    }

    public var isConstant: Bool { length == 0 || start == end }

    /// T at step `t` (0-based): `end` from step `length` on.
    public func temperature(atStep t: Int) -> Double {
        if isConstant || t >= length { return end }
        let fraction = Double(max(0, t)) / Double(length)
        switch shape {
        case .geometric: return start * pow(end / start, fraction)
        case .linear: return start + (end - start) * fraction
        }
    }
}

/// How an agent picks an arm from its estimates of the arms' values.
///
/// Every policy first pulls each arm once, in order, so that every estimate rests on a
/// reward; after that:
/// - Boltzmann exploration pulls arm k with probability softmax(Q / T)_k at the
///   schedule's T for this step. It draws one uniform u and takes the first arm whose
///   running sum of weights w_j = e^((Q_j − max Q)/T) exceeds u · Σ w (see `boltzmannArm`);
/// - ε-greedy draws a uniform u; if u < ε it explores, pulling arm ⌊u′·K⌋ by a second
///   uniform u′, and otherwise exploits the largest estimate (the lowest index on a tie).
public enum ExplorationPolicy: Hashable, Sendable {
    case boltzmann(TemperatureSchedule)
    case epsilonGreedy(Double)

    /// T at step `t`, for Boltzmann; nil for ε-greedy, which has none.
    public func temperature(atStep t: Int) -> Temperature? {
        guard case .boltzmann(let schedule) = self else { return nil }
        return try? Temperature(schedule.temperature(atStep: t))
    }

    /// The probability of each arm at step `t`, given the estimates; nil during the
    /// first pulls, which take each arm in turn whatever the estimates.
    public func probabilities(estimates: [Double], step t: Int) -> [Double]? {
        guard t >= estimates.count else { return nil }
        switch self {
        case .boltzmann:
            return softmax(estimates, temperature: temperature(atStep: t) ?? .one)
        case .epsilonGreedy(let epsilon):
            let k = Double(estimates.count)
            let greedy = argmax(estimates)
            return estimates.indices.map { epsilon / k + ($0 == greedy ? 1 - epsilon : 0) }
        }
    }

    /// The arm pulled at step `t`, drawing from `generator` as the type's comment says.
    public func chooseArm(estimates: [Double], step t: Int, using generator: inout SeededGenerator) -> Int {
        let k = estimates.count
        guard t >= k else { return t }
        switch self {
        case .boltzmann(let schedule):
            return Self.boltzmannArm(estimates: estimates, temperature: schedule.temperature(atStep: t),
                                     u: generator.nextUniform())
        case .epsilonGreedy(let epsilon):
            guard generator.nextUniform() < epsilon else { return argmax(estimates) }
            return min(k - 1, Int(generator.nextUniform() * Double(k)))
        }
    }

    /// The arm a uniform u in [0, 1) picks from softmax(Q / T) at a finite T > 0, by inverse
    /// transform on the unnormalised weights: the first arm whose running sum exceeds u · Σ w,
    /// else the last arm with weight (a u that rounding left past the sum). It is
    /// `InverseCDFSampler` on `softmax(Q, T)` up to rounding at the boundaries, without the
    /// arrays: an average over 200 runs takes this 800,000 times.
    public static func boltzmannArm(estimates q: [Double], temperature t: Double, u: Double) -> Int {
        q.withUnsafeBufferPointer { q in
            withUnsafeTemporaryAllocation(of: Double.self, capacity: q.count) { w in
                var m = q[0]
                for i in 1..<q.count where q[i] > m { m = q[i] }
                // Subtract the max so exp never overflows; the top weight is exactly 1.
                var sum = 0.0
                for i in 0..<q.count {
                    w[i] = exp((q[i] - m) / t)
                    sum += w[i]
                }
                let target = u * sum
                var running = 0.0
                var lastWithWeight = 0
                for i in 0..<q.count {
                    running += w[i]
                    if running > target { return i }
                    if w[i] > 0 { lastWithWeight = i }
                }
                return lastWithWeight
            }
        }
    }
}
