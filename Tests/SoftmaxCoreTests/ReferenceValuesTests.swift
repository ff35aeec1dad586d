import Testing
import SoftmaxCore

// Checks against ReferenceValues.swift, which make_reference_values.py computes with
// mpmath at 30 digits from the same double inputs.
//
// Tolerance 1e-12, absolute for values up to magnitude 1 and relative above (see
// isClose). The inputs are identical doubles, so the only error left is SoftmaxCore's
// rounding: a handful of operations per value at 2^-53 (about 1.1e-16) each, with
// condition numbers near 1 for these formulas, stays well below 1e-14. A wrong formula
// (a missing 1/T, a shift that is not undone in ln Z, a sign) is off by far more than
// 1e-12. Log-probabilities as large as -20000 need the relative form: one ulp there
// is already 3.6e-12.
@Suite("Reference values (mpmath, 30 digits)")
struct ReferenceValuesTests {
    static let cases = ReferenceValues.softmaxCases

    @Test("the reference table covers what it should")
    func coverage() {
        let vectors = Set(Self.cases.map(\.logits))
        let temperatures = Set(Self.cases.map(\.temperature))
        #expect(vectors.count >= 4)
        #expect(temperatures.isSuperset(of: [0.1, 1, 10]))
        #expect(vectors.contains { $0.count == 10 })
    }

    @Test("probabilities", arguments: cases)
    func probabilities(_ c: SoftmaxReferenceCase) throws {
        let p = softmax(c.logits, temperature: try Temperature(c.temperature))
        #expect(isClose(p, c.probabilities), "\(p)")
    }

    @Test("log-probabilities", arguments: cases)
    func logProbabilities(_ c: SoftmaxReferenceCase) throws {
        let logP = logSoftmax(c.logits, temperature: try Temperature(c.temperature))
        #expect(isClose(logP, c.logProbabilities), "\(logP)")
        // The point of logSoftmax: finite even where the probability underflows to 0.
        #expect(logP.allSatisfy { $0.isFinite })
    }

    @Test("readout: entropy, ln Z, mean energy, free energy", arguments: cases)
    func readout(_ c: SoftmaxReferenceCase) throws {
        let r = SoftmaxReadout(logits: c.logits, temperature: try Temperature(c.temperature))
        #expect(isClose(r.probabilities, c.probabilities))
        #expect(isClose(r.logProbabilities, c.logProbabilities))
        #expect(isClose(r.entropy, c.entropy), "entropy \(r.entropy)")
        #expect(isClose(r.logPartition, c.logPartition), "ln Z \(r.logPartition)")
        #expect(isClose(r.meanEnergy, c.meanEnergy), "<E> \(r.meanEnergy)")
        #expect(isClose(r.freeEnergy, c.freeEnergy), "F \(r.freeEnergy)")
    }

    @Test("readout: Boltzmann weights, shifted and unshifted, and Z", arguments: cases)
    func weights(_ c: SoftmaxReferenceCase) throws {
        let r = SoftmaxReadout(logits: c.logits, temperature: try Temperature(c.temperature))
        #expect(isClose(r.shiftedWeights, c.shiftedWeights), "\(r.shiftedWeights)")
        #expect(isClose(r.shiftedPartition, c.shiftedPartition))
        // exp(z_i / T) and Z overflow for the large logits; isClose wants infinity there too.
        #expect(isClose(c.logits.indices.map { r.weight($0) }, c.weights))
        #expect(isClose(r.partitionFunction, c.partitionFunction), "Z \(r.partitionFunction)")
    }

    @Test("entropy readout derived from the reference entropy", arguments: cases)
    func entropyReadout(_ c: SoftmaxReferenceCase) throws {
        let r = SoftmaxReadout(logits: c.logits, temperature: try Temperature(c.temperature)).entropyReadout
        let k = Double(c.logits.count)
        // bits = nats / ln 2, normalised = H / ln K, perplexity = e^H: closed forms of the mpmath entropy.
        #expect(isClose(r.bits, c.entropy / 0.693147180559945309417232121458))
        #expect(isClose(r.normalized, c.entropy / ln(k)))
        #expect(isClose(r.perplexity, expOf(c.entropy)))
    }

    @Test("plain entropy() of the reference probabilities", arguments: cases)
    func entropyOfProbabilities(_ c: SoftmaxReferenceCase) {
        // From probabilities alone, ln p loses accuracy only where p underflows, and
        // those classes carry no entropy a double can see.
        #expect(isClose(entropy(c.probabilities), c.entropy))
    }

    @Test("logSumExp", arguments: ReferenceValues.logSumExpCases)
    func logSumExpMatches(_ c: LogSumExpReferenceCase) {
        let v = logSumExp(c.input)
        #expect(v.isFinite)
        #expect(isClose(v, c.value), "\(c.input): \(v)")
    }

    @Test("KL divergence, cross-entropy, total variation", arguments: ReferenceValues.divergenceCases)
    func divergences(_ c: DivergenceReferenceCase) {
        #expect(isClose(klDivergence(c.p, c.q), c.kl))
        #expect(isClose(crossEntropy(c.p, c.q), c.crossEntropy))
        #expect(isClose(totalVariationDistance(c.p, c.q), c.totalVariation))
        #expect(isClose(entropy(c.p), c.entropyOfP))
    }
}
