import SoftmaxCore
import Testing

// Closed forms worked by hand from the definitions z_i / sum z and
// (z_i - min) / sum (z - min), on vectors whose sums are exact in binary.
@Suite("Naive normalisations")
struct NaiveNormalizationTests {
    @Test("dividing by the sum: 2, 1, 1 gives 1/2, 1/4, 1/4; a negative logit gives a negative share")
    func dividedBySum() throws {
        let plain = NaiveNormalization.dividedBySum([2, 1, 1])
        #expect(plain.denominator == 4)
        #expect(plain.values == [0.5, 0.25, 0.25])
        // 3, 2, -1 sum to 4: shares 3/4, 1/2, -1/4.
        let negative = NaiveNormalization.dividedBySum([3, 2, -1])
        #expect(negative.values == [0.75, 0.5, -0.25])
    }

    @Test("a negative sum reverses the order, and a zero sum has no answer")
    func badSums() {
        // 1, -3 sum to -2: shares -1/2 and 3/2, so the larger logit gets less.
        #expect(NaiveNormalization.dividedBySum([1, -3]).values == [-0.5, 1.5])
        // -1, -2, -3 sum to -6: every share is positive (1/6, 2/6, 3/6), yet the largest
        // logit gets the smallest: the order, not the sign, is what breaks.
        let allNegative = NaiveNormalization.dividedBySum([-1, -2, -3]).values ?? []
        #expect(allNegative.allSatisfy { $0 > 0 })
        #expect(allNegative == allNegative.sorted())
        let zero = NaiveNormalization.dividedBySum([1, -1])
        #expect(zero.denominator == 0)
        #expect(zero.values == nil)
        #expect(NaiveNormalization.dividedBySum([1e308, 1e308]).values == nil)
    }

    @Test("shifting to the minimum: the smallest gets 0, equal logits have no answer")
    func shiftedToMinimum() {
        // 2, 1, -1 minus -1 is 3, 2, 0, which sum to 5.
        let shifted = NaiveNormalization.shiftedToMinimum([2, 1, -1])
        #expect(shifted.denominator == 5)
        #expect(shifted.values == [0.6, 0.4, 0])
        #expect(NaiveNormalization.shiftedToMinimum([0.5, 0.5, 0.5]).values == nil)
    }
}
