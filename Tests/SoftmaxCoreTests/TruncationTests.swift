import Testing
import SoftmaxCore

// Expected sets worked out by hand. The probabilities are dyadic (multiples of 1/16)
// so that every sum and comparison the cuts make is exact in binary and a result
// cannot hinge on rounding.
//
//   class:        0       1      2     3      4
//   p:          1/16    6/16   4/16  2/16   3/16
//   rank order: 1, 2, 4, 3, 0; running mass 6/16, 10/16, 13/16, 15/16, 1
@Suite("Truncation")
struct TruncationTests {
    static let p = [0.0625, 0.375, 0.25, 0.125, 0.1875]

    static func keptIndices(_ d: TruncatedDistribution) -> [Int] {
        d.kept.indices.filter { d.kept[$0] }
    }

    static func cut(_ p: [Double], topK: Int? = nil, topP: Double? = nil, minP: Double? = nil) throws -> TruncatedDistribution {
        truncate(p, try TruncationSettings(topK: topK, topP: topP, minP: minP))
    }

    @Test("ranking: most probable first, ties by index")
    func ranking() {
        #expect(rankByProbability(Self.p) == [1, 2, 4, 3, 0])
        #expect(rankByProbability([0.25, 0.5, 0.25]) == [1, 0, 2])
        #expect(rankByProbability([0.2, 0.2, 0.2, 0.2, 0.2]) == [0, 1, 2, 3, 4])
        #expect(rankByProbability([]) == [])
    }

    @Test("no cut keeps everything unchanged")
    func noCut() throws {
        let d = truncate(Self.p, .none)
        #expect(d.kept == [true, true, true, true, true])
        #expect(d.probabilities == Self.p)
        #expect(TruncationSettings.none.isNone)
        #expect(try !TruncationSettings(topK: 3).isNone)
        // top-p = 1 and min-p = 0 are "off" as well.
        #expect(try Self.cut(Self.p, topP: 1, minP: 0).probabilities == Self.p)
    }

    @Test("top-k keeps the k most probable and renormalises")
    func topK() throws {
        let d = try Self.cut(Self.p, topK: 3)
        #expect(Self.keptIndices(d) == [1, 2, 4])
        // Survivors 6/16, 4/16, 3/16 over their mass 13/16: 6/13, 4/13, 3/13.
        #expect(isClose(d.probabilities, [0, 6.0 / 13, 4.0 / 13, 0, 3.0 / 13], tolerance: 1e-15))
        #expect(Self.keptIndices(try Self.cut(Self.p, topK: 1)) == [1])
        #expect(try Self.cut(Self.p, topK: 1).probabilities == [0, 1, 0, 0, 0])
        // k beyond K keeps all.
        #expect(try Self.cut(Self.p, topK: 99).probabilities == Self.p)
    }

    @Test("top-p keeps the smallest prefix whose mass reaches p (reaching counts)")
    func topP() throws {
        // 6/16 = 0.375 reaches 0.375 exactly: one class is enough.
        #expect(Self.keptIndices(try Self.cut(Self.p, topP: 0.375)) == [1])
        #expect(Self.keptIndices(try Self.cut(Self.p, topP: 0.376)) == [1, 2])
        #expect(Self.keptIndices(try Self.cut(Self.p, topP: 0.5)) == [1, 2])
        #expect(Self.keptIndices(try Self.cut(Self.p, topP: 0.625)) == [1, 2])
        #expect(Self.keptIndices(try Self.cut(Self.p, topP: 0.63)) == [1, 2, 4])
        #expect(Self.keptIndices(try Self.cut(Self.p, topP: 0.95)) == [0, 1, 2, 3, 4])
        let d = try Self.cut(Self.p, topP: 0.5)
        // 6/16 and 4/16 over 10/16.
        #expect(isClose(d.probabilities, [0, 0.6, 0.4, 0, 0], tolerance: 1e-15))
    }

    @Test("min-p keeps classes with p >= min-p * max p (the boundary counts)")
    func minP() throws {
        // Threshold 0.5 * 6/16 = 3/16: class 4 sits exactly on it.
        #expect(Self.keptIndices(try Self.cut(Self.p, minP: 0.5)) == [1, 2, 4])
        #expect(Self.keptIndices(try Self.cut(Self.p, minP: 0.51)) == [1, 2])
        #expect(Self.keptIndices(try Self.cut(Self.p, minP: 1)) == [1])
        #expect(Self.keptIndices(try Self.cut(Self.p, minP: 0.1)) == [0, 1, 2, 3, 4])
        // Tied maxima all pass min-p = 1.
        #expect(Self.keptIndices(try Self.cut([0.375, 0.25, 0.375], minP: 1)) == [0, 2])
    }

    @Test("combined cuts apply in the documented order: top-k, top-p, min-p")
    func combined() throws {
        // top-k 4 leaves {1, 2, 4, 3}, mass 15/16; top-p 0.7 of that is 0.65625, reached at
        // 13/16 by {1, 2, 4}; min-p 0.6 sets the bar at 0.225 and drops class 4 (0.1875).
        let d = try Self.cut(Self.p, topK: 4, topP: 0.7, minP: 0.6)
        #expect(Self.keptIndices(d) == [1, 2])
        #expect(isClose(d.probabilities, [0, 0.6, 0.4, 0, 0], tolerance: 1e-15))

        // top-p measures against what top-k left: {1, 2} has mass 10/16 and 0.6 of it
        // (0.375) is reached by class 1 alone. Against the full mass it would keep two.
        #expect(Self.keptIndices(try Self.cut(Self.p, topK: 2, topP: 0.6)) == [1])

        // min-p after top-p: top-p 0.5 keeps {1, 2}, and class 2 (0.25) clears 0.6 * 0.375.
        // Taken the other way round, top-p would see only 10/16 and keep class 1 alone.
        #expect(Self.keptIndices(try Self.cut(Self.p, topP: 0.5, minP: 0.6)) == [1, 2])
    }

    @Test("a cut through a tie keeps the earlier index")
    func tiesAtTheCut() throws {
        let quarters = [0.25, 0.25, 0.25, 0.25]
        #expect(Self.keptIndices(try Self.cut(quarters, topK: 2)) == [0, 1])
        #expect(Self.keptIndices(try Self.cut(quarters, topP: 0.5)) == [0, 1])
        #expect(Self.keptIndices(try Self.cut(quarters, topP: 0.3)) == [0, 1])
        let pairs = [0.125, 0.375, 0.125, 0.375]
        #expect(Self.keptIndices(try Self.cut(pairs, topK: 1)) == [1])
        #expect(Self.keptIndices(try Self.cut(pairs, topK: 3)) == [0, 1, 3])
        // Survivors 1/8, 3/8, 3/8 over 7/8.
        #expect(isClose(try Self.cut(pairs, topK: 3).probabilities, [1.0 / 7, 3.0 / 7, 0, 3.0 / 7], tolerance: 1e-15))
    }

    @Test("at least the top class survives the harshest settings")
    func atLeastOne() throws {
        for d in [
            try Self.cut(Self.p, topP: 1e-12),
            try Self.cut(Self.p, topK: 1, topP: 1e-12, minP: 1),
            try Self.cut([1e-300, 0, 2e-300], topP: 1e-9, minP: 1),
        ] {
            #expect(d.kept.filter { $0 }.count == 1)
            #expect(d.probabilities.reduce(0, +) == 1)
        }
        #expect(Self.keptIndices(try Self.cut([1e-300, 0, 2e-300], topP: 1e-9)) == [2])
    }

    @Test("every result is renormalised to sum 1")
    func renormalised() throws {
        let logits = [0.3, -2.1, 4.7, 1.0, -0.6, 2.2, 0.0, -3.3, 1.9, 0.85]
        for t in [0.1, 0.7, 1, 3, 20] {
            for settings in [
                try TruncationSettings(topK: 3),
                try TruncationSettings(topP: 0.8),
                try TruncationSettings(minP: 0.05),
                try TruncationSettings(topK: 6, topP: 0.9, minP: 0.1),
            ] {
                let d = truncatedSoftmax(logits, temperature: try Temperature(t), settings)
                // Up to ten rounded quotients and a running sum: a few 1e-16 at worst.
                #expect(abs(d.probabilities.reduce(0, +) - 1) <= 1e-14)
                #expect(zip(d.kept, d.probabilities).allSatisfy { $0.0 || $0.1 == 0 })
            }
        }
    }

    @Test("truncatedSoftmax at T = 0 with tied maxima keeps the ties unless top-k splits them")
    func greedyTies() throws {
        let logits = [1.0, 4, 4, 2]
        #expect(truncatedSoftmax(logits, temperature: .greedy, .none).probabilities == [0, 0.5, 0.5, 0])
        #expect(truncatedSoftmax(logits, temperature: .greedy, try TruncationSettings(topK: 1)).probabilities == [0, 1, 0, 0])
        #expect(truncatedSoftmax(logits, temperature: .greedy, try TruncationSettings(minP: 1)).probabilities == [0, 0.5, 0.5, 0])
    }

    @Test("settings out of range are refused with the offending value")
    func invalidSettings() throws {
        #expect(throws: SoftmaxInputError.invalidTopK(0)) { try TruncationSettings(topK: 0) }
        #expect(throws: SoftmaxInputError.invalidTopK(-3)) { try TruncationSettings(topK: -3) }
        #expect(throws: SoftmaxInputError.invalidTopP(0)) { try TruncationSettings(topP: 0) }
        #expect(throws: SoftmaxInputError.invalidTopP(1.5)) { try TruncationSettings(topP: 1.5) }
        #expect(throws: SoftmaxInputError.invalidTopP(-0.1)) { try TruncationSettings(topP: -0.1) }
        #expect(throws: SoftmaxInputError.self) { try TruncationSettings(topP: .nan) }
        #expect(throws: SoftmaxInputError.invalidMinP(-0.1)) { try TruncationSettings(minP: -0.1) }
        #expect(throws: SoftmaxInputError.invalidMinP(1.01)) { try TruncationSettings(minP: 1.01) }
        #expect(throws: SoftmaxInputError.self) { try TruncationSettings(minP: .nan) }
        let edge = try TruncationSettings(topK: 1, topP: 1, minP: 0)
        #expect(edge.topK == 1 && edge.topP == 1 && edge.minP == 0)
        #expect(try TruncationSettings(minP: 1).minP == 1)
    }
}
