import Experiments
import Foundation
import SoftmaxCore
import Testing

/// What Reference/make_attention_reference.py wrote (numpy, scipy).
struct AttentionReference: Decodable, Sendable {
    struct Sensor: Decodable, Sendable {
        let name: String
        let key: [Double]
        let value: [Double]
    }

    struct Task: Decodable, Sendable {
        let name: String
        let query: [Double]
    }

    struct Robot: Decodable, Sendable {
        let keyFeatures: [String]
        let valueFeatures: [String]
        let sensors: [Sensor]
        let tasks: [Task]
    }

    /// One attention: its inputs (for the random cases; the robot's come from `robot`)
    /// and what numpy made of them.
    struct Case: Decodable, Sendable, CustomTestStringConvertible {
        let temperature: String
        let scores: [Double]
        let weights: [Double]
        let output: [Double]
        let entropy: Double
        let task: Int?
        let name: String?
        let query: [Double]?
        let keys: [[Double]]?
        let values: [[Double]]?

        /// "0.0" is the limit τ → 0 and "inf" the limit τ → ∞, which `Temperature` holds exactly.
        func tau() throws -> Temperature { try Temperature(try #require(Double(temperature))) }

        var testDescription: String { "\(name ?? "robot task \(task ?? -1)") at τ = \(temperature)" }
    }

    let robot: Robot
    let robotCases: [Case]
    let random: [Case]
}

extension References {
    static let attention: Result<AttentionReference, any Error> = Result {
        try decode(AttentionReference.self, from: "attention_reference.json")
    }

    static var attentionRandomCases: [AttentionReference.Case] { (try? attention.get().random) ?? [] }
    static var attentionRobotCases: [AttentionReference.Case] { (try? attention.get().robotCases) ?? [] }
}

/// Scores, weights, the weighted sum and the entropy of attention against numpy and
/// scipy, at finite τ and at both limits, on the lesson's robot and on random vectors.
@Suite struct AttentionTests {
    static func expectMatches(_ a: Attention, _ reference: AttentionReference.Case) {
        #expect(largestDifference(a.scores, reference.scores) <= 1e-12 * max(1, reference.scores.map(abs).max() ?? 0))
        #expect(largestDifference(a.weights, reference.weights) <= 1e-12, "\(a.weights) vs \(reference.weights)")
        #expect(largestDifference(a.output, reference.output) <= 1e-12, "\(a.output) vs \(reference.output)")
        #expect(abs(a.entropy - reference.entropy) <= 1e-12, "\(a.entropy) vs \(reference.entropy)")
        #expect(abs(a.effectiveKeyCount - exp(reference.entropy)) <= 1e-11)
    }

    @Test(arguments: References.attentionRandomCases)
    func randomVectorsMatchNumpy(_ reference: AttentionReference.Case) throws {
        let a = Attention(query: try #require(reference.query), keys: try #require(reference.keys),
                          values: try #require(reference.values), temperature: try reference.tau())
        Self.expectMatches(a, reference)
    }

    @Test(arguments: References.attentionRobotCases)
    func theRobotMatchesNumpy(_ reference: AttentionReference.Case) throws {
        let a = RobotAttention.example.attention(task: try #require(reference.task), temperature: try reference.tau())
        Self.expectMatches(a, reference)
    }

    /// The reference writes the robot out by hand from the same description: the two
    /// copies must agree, or the comparisons above compare different robots.
    @Test func theReferenceHoldsTheSameRobot() throws {
        let reference = try References.attention.get().robot
        let robot = RobotAttention.example
        #expect(robot.keyFeatures == reference.keyFeatures)
        #expect(robot.valueFeatures == reference.valueFeatures)
        #expect(robot.sensors.map(\.name) == reference.sensors.map(\.name))
        #expect(robot.keys == reference.sensors.map(\.key))
        #expect(robot.values == reference.sensors.map(\.value))
        #expect(robot.tasks.map(\.name) == reference.tasks.map(\.name))
        #expect(robot.tasks.map(\.query) == reference.tasks.map(\.query))
        #expect(References.attentionRobotCases.count == robot.tasks.count * 9)
        #expect(References.attentionRandomCases.count == 25)
    }

    /// The limits by hand: at τ → 0 the best key's value alone (a tie shares it), at
    /// τ → ∞ the mean of the values with entropy ln n.
    @Test func theLimitsAreHardAndUniformAttention() throws {
        let keys: [[Double]] = [[1, 0], [0, 1], [1, 0], [-1, 0]]
        let values: [[Double]] = [[4, 0], [0, 8], [2, 0], [100, 100]]
        let hard = Attention(query: [2, 0], keys: keys, values: values, temperature: .greedy)
        #expect(hard.scores == [2 / 2.0.squareRoot(), 0, 2 / 2.0.squareRoot(), -2 / 2.0.squareRoot()])
        #expect(hard.weights == [0.5, 0, 0.5, 0])
        #expect(hard.output == [3, 0])
        #expect(abs(hard.entropy - log(2)) < 1e-15)
        let uniform = Attention(query: [2, 0], keys: keys, values: values, temperature: .uniform)
        #expect(uniform.weights == [0.25, 0.25, 0.25, 0.25])
        #expect(uniform.output == [26.5, 27])
        #expect(abs(uniform.entropy - log(4)) < 1e-15)
        // One key alone takes the weight at every τ.
        let single = Attention(query: [1, 2, 3], keys: [[3, 2, 1]], values: [[7]], temperature: try Temperature(0.3))
        #expect(single.weights == [1] && single.output == [7] && single.entropy == 0)
    }

    /// Entropy falls as τ falls, between its limits, for each of the robot's tasks.
    @Test func entropyGrowsWithTau() throws {
        let robot = RobotAttention.example
        let taus = try [0.05, 0.2, 0.5, 1, 2, 5, 20].map { try Temperature($0) }
        for task in robot.tasks.indices {
            let entropies = taus.map { robot.attention(task: task, temperature: $0).entropy }
            #expect(zip(entropies, entropies.dropFirst()).allSatisfy { $0 < $1 }, "\(entropies)")
            #expect(robot.attention(task: task, temperature: .greedy).entropy == 0)
            #expect(entropies.last! < log(Double(robot.sensors.count)))
        }
    }
}
