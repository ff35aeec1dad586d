import Testing
import SoftmaxCore

// Entropy of hand-picked distributions whose entropy is a closed form.
@Suite("Entropy")
struct EntropyTests {
    @Test("uniform over K classes has H = ln K nats = log2 K bits, perplexity K")
    func uniform() {
        for k in [1, 2, 3, 8, 100] {
            let p = Array(repeating: 1 / Double(k), count: k)
            #expect(isClose(entropy(p), ln(Double(k)), tolerance: 1e-14))
            #expect(isClose(perplexity(p), Double(k), tolerance: 1e-13))
            let readout = EntropyReadout(probabilities: p)
            #expect(readout.classCount == k)
            #expect(isClose(readout.nats, ln(Double(k)), tolerance: 1e-14))
        }
        #expect(isClose(entropyBits([0.25, 0.25, 0.25, 0.25]), 2, tolerance: 1e-15))
        #expect(isClose(entropyBits([0.5, 0.5]), 1, tolerance: 1e-15))
    }

    @Test("zero-probability classes add nothing; a point mass has H = 0")
    func zeros() {
        #expect(entropy([1, 0, 0]) == 0)
        #expect(entropy([0, 0.5, 0, 0.5]) == entropy([0.5, 0.5]))
        #expect(entropy([]) == 0)
        #expect(perplexity([0, 1]) == 1)
    }

    @Test("H(1/2, 1/4, 1/4) = 1.5 bits")
    func dyadic() {
        #expect(isClose(entropyBits([0.5, 0.25, 0.25]), 1.5, tolerance: 1e-15))
        #expect(isClose(entropy([0.5, 0.25, 0.25]), 1.5 * ln(2), tolerance: 1e-15))
    }

    @Test("EntropyReadout converts nats to bits, normalised entropy and perplexity")
    func entropyReadout() {
        let r = EntropyReadout(nats: ln(8), classCount: 16)
        #expect(isClose(r.bits, 3, tolerance: 1e-15))
        #expect(isClose(r.normalized, 0.75, tolerance: 1e-15))
        #expect(isClose(r.perplexity, 8, tolerance: 1e-14))
        #expect(EntropyReadout(nats: 0, classCount: 1).normalized == 0)
        #expect(EntropyReadout(probabilities: [0.5, 0.5]) == EntropyReadout(nats: entropy([0.5, 0.5]), classCount: 2))
    }

    @Test("freeEnergy(of:) is <E> - T S for any distribution, with the T limits")
    func freeEnergyOfDistribution() throws {
        let logits = [2.0, 0, -1]
        let q = [0.5, 0.5, 0]
        // <E> = -(0.5 * 2 + 0.5 * 0) = -1, S = ln 2.
        #expect(isClose(freeEnergy(of: q, logits: logits, temperature: try Temperature(3)), -1 - 3 * ln(2), tolerance: 1e-15))
        #expect(freeEnergy(of: q, logits: logits, temperature: .greedy) == -1)
        #expect(freeEnergy(of: q, logits: logits, temperature: .uniform) == -.infinity)
        // A point mass has S = 0, so F stays finite even at T = infinity.
        #expect(freeEnergy(of: [0, 1, 0], logits: logits, temperature: .uniform) == 0)
        // The softmax itself attains F = -T ln Z.
        let t = try Temperature(0.7)
        let r = SoftmaxReadout(logits: logits, temperature: t)
        #expect(isClose(freeEnergy(of: r.probabilities, logits: logits, temperature: t), r.freeEnergy, tolerance: 1e-14))
    }
}
