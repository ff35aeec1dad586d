import Experiments
import Testing

/// What Reference/make_bandit_reference.py wrote: runs and averages replayed in Python
/// from the same seeded stream.
struct BanditReference: Decodable, Sendable {
    struct Schedule: Decodable, Sendable {
        let start: Double
        let end: Double
        let length: Int
        let shape: String
    }

    struct Policy: Decodable, Sendable {
        let kind: String
        let epsilon: Double?
        let schedule: Schedule?

        /// The policy the Swift code runs for this description.
        func policy() throws -> ExplorationPolicy {
            if kind == "epsilonGreedy" { return .epsilonGreedy(try #require(epsilon)) }
            let s = try #require(schedule)
            return .boltzmann(TemperatureSchedule(start: s.start, end: s.end, length: s.length,
                                                  shape: try #require(TemperatureSchedule.Shape(rawValue: s.shape))))
        }
    }

    struct Run: Decodable, Sendable, CustomTestStringConvertible {
        let name: String
        let bandit: UInt64
        let policy: Policy
        let horizon: Int
        let seed: UInt64
        /// The arm of each step, one digit per step (0-based arms).
        let arms: String
        let cumulativeRegret: [Double]
        let pulls: [Int]
        let estimates: [Double]

        var testDescription: String { name }
    }

    struct Average: Decodable, Sendable, CustomTestStringConvertible {
        let name: String
        let bandit: UInt64
        let policy: Policy
        let horizon: Int
        let runCount: Int
        let meanRegret: [Double]?
        let meanRegretEvery100: [Double]?
        let finalMean: Double
        let finalStandardError: Double
        let stuck: Int

        var testDescription: String { name }
    }

    let banditMeans: [String: [Double]]
    let uniformsSeed7: [Double]
    let normalsSeed7: [Double]
    let runs: [Run]
    let averages: [Average]
    let labAverages: [Average]
}

extension References {
    static let bandit: Result<BanditReference, any Error> = Result {
        try decode(BanditReference.self, from: "bandit_reference.json")
    }

    /// The cases as test arguments; empty (so the test that loads the file fails) when it cannot be read.
    static var banditRuns: [BanditReference.Run] { (try? bandit.get().runs) ?? [] }
    static var banditAverages: [BanditReference.Average] { (try? bandit.get().averages) ?? [] }
}
