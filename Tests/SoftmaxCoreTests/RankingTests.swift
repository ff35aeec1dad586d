import SoftmaxCore
import Testing

/// Where every probability rounds to the same double, the classes are ranked by z/T
/// (what the decoders do), not by rounding noise.
@Suite struct RankingTests {
    @Test func topKAtAHugeTemperatureKeepsTheLargestLogit() throws {
        // At T = 1e17 both probabilities are 0.5 in doubles; B's logit is the larger.
        let t = try Temperature(1e17)
        let p = softmax([1, 2], temperature: t)
        #expect(p[0] == p[1])
        let cut = truncatedSoftmax([1, 2], temperature: t, try TruncationSettings(topK: 1))
        #expect(cut.kept == [false, true])
        #expect(SoftmaxReadout(logits: [1, 2], temperature: t).topIndex == 1)
    }

    @Test func logitsAFemtoApartAreRankedByTheirLogits() throws {
        let z = [1.0, 1.0 + 4e-15, 1.0 + 2e-15]
        let cut = truncatedSoftmax(z, temperature: .one, try TruncationSettings(topK: 2))
        #expect(cut.kept == [false, true, true])
        #expect(rankByScaledLogits(z, temperature: .one) == [1, 2, 0])
    }

    @Test func theLimitsRankAsZOverTDoes() {
        // T = 0: the logits' order; T = ∞: every z/T is 0, so index order.
        #expect(rankByScaledLogits([0, 3, 1], temperature: .greedy) == [1, 2, 0])
        #expect(rankByScaledLogits([0, 3, 1], temperature: .uniform) == [0, 1, 2])
    }

    /// Where the probabilities differ, ranking by z/T agrees with ranking by p.
    @Test func agreesWithTheProbabilitiesWhereTheyDiffer() throws {
        var g = SeededGenerator(seed: 5)
        for _ in 0..<500 {
            let z = (0..<6).map { _ in (g.nextUniform() - 0.5) * 10 }
            let t = try Temperature(0.1 + g.nextUniform() * 5)
            let p = softmax(z, temperature: t)
            guard Set(p).count == p.count else { continue }
            #expect(rankByScaledLogits(z, temperature: t) == rankByProbability(p))
        }
    }
}
