import Testing
import SoftmaxCore

@Suite("Histogram")
struct HistogramTests {
    @Test("records draws, ignores indices outside the classes")
    func record() {
        var h = Histogram(classCount: 3)
        for i in [0, 2, 2, 5, -1, 1, 2] { h.record(i) }
        #expect(h.counts == [1, 1, 3])
        #expect(h.total == 5)
        #expect(h.frequencies == [0.2, 0.2, 0.6])
        h.clear()
        #expect(h.counts == [0, 0, 0] && h.total == 0)
    }

    @Test("frequencies are all zero before the first draw")
    func empty() {
        #expect(Histogram(classCount: 4).frequencies == [0, 0, 0, 0])
        #expect(Histogram(classCount: -2).counts == [])
    }

    @Test("the initialisers from counts and from draws agree")
    func initialisers() {
        let a = Histogram(counts: [2, 0, 1])
        let b = Histogram(draws: [0, 2, 0], classCount: 3)
        #expect(a == b)
        #expect(a.total == 3)
    }

    @Test("total variation from the truth")
    func totalVariation() {
        let h = Histogram(counts: [1, 3])
        // |0.25 - 0.5| + |0.75 - 0.5| = 0.5, halved.
        #expect(h.totalVariation(from: [0.5, 0.5]) == 0.25)
        #expect(h.totalVariation(from: [0.25, 0.75]) == 0)
    }
}
