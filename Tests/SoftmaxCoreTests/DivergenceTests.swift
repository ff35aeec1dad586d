import Testing
import SoftmaxCore

// Closed forms and the edge cases of the divergences; mpmath values are in
// ReferenceValuesTests.
@Suite("Divergences")
struct DivergenceTests {
    @Test("KL(p || q) is infinite when q misses a class p uses, and ignores classes p does not use")
    func supports() {
        #expect(klDivergence([0.5, 0.5], [1, 0]) == .infinity)
        #expect(crossEntropy([0.5, 0.5], [1, 0]) == .infinity)
        // p = (1, 0), q = (1/2, 1/2): KL = ln 2, cross-entropy = ln 2.
        #expect(isClose(klDivergence([1, 0], [0.5, 0.5]), ln(2), tolerance: 1e-15))
        #expect(isClose(crossEntropy([1, 0], [0.5, 0.5]), ln(2), tolerance: 1e-15))
        #expect(klDivergence([0, 1], [0.3, 0.7]) > 0)
        #expect(isClose(klDivergence([0, 1], [0.3, 0.7]), -ln(0.7), tolerance: 1e-15))
    }

    @Test("KL(p || p) = 0 and cross-entropy H(p, p) = H(p)")
    func selfDivergence() {
        let p = [0.1, 0.2, 0.3, 0.4]
        #expect(klDivergence(p, p) == 0)
        #expect(isClose(crossEntropy(p, p), entropy(p), tolerance: 1e-15))
    }

    @Test("total variation: 0 for equal, 1 for disjoint supports")
    func totalVariation() {
        #expect(totalVariationDistance([0.3, 0.7], [0.3, 0.7]) == 0)
        #expect(totalVariationDistance([1, 0, 0], [0, 0.5, 0.5]) == 1)
        #expect(totalVariationDistance([0.5, 0.5], [0.25, 0.75]) == 0.25)
        // Not probability vectors at all: still clamped to the documented range.
        #expect(totalVariationDistance([3, 0], [0, 3]) == 1)
    }
}
