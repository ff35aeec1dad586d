import Testing
import SoftmaxCore

// The readout at the two limits, where the formulas for finite T divide by 0 or
// infinity; expected values are the limits worked out by hand.
@Suite("Readout")
struct ReadoutTests {
    @Test("T = 0 with m tied maxima: S = ln m, <E> = F = -max z, ln Z = +-infinity")
    func greedyReadout() {
        let r = SoftmaxReadout(logits: [1, 3, 3, 2], temperature: .greedy)
        #expect(r.probabilities == [0, 0.5, 0.5, 0])
        #expect(isClose(r.entropy, ln(2), tolerance: 1e-15))
        #expect(r.meanEnergy == -3)
        #expect(r.freeEnergy == -3)
        // ln Z = ln sum exp(z / T) ~ max z / T as T -> 0.
        #expect(r.logPartition == .infinity)
        #expect(!r.entropy.isNaN && !r.meanEnergy.isNaN)

        let negative = SoftmaxReadout(logits: [-2, -5], temperature: .greedy)
        #expect(negative.logPartition == -.infinity)
        #expect(negative.entropy == 0)
        #expect(negative.freeEnergy == 2)
        #expect(negative.meanEnergy == 2)

        // With max z = 0 the terms of Z tend to 1 for each maximum and 0 for the rest: Z -> m.
        let zeroMax = SoftmaxReadout(logits: [0, -1, 0, 0], temperature: .greedy)
        #expect(isClose(zeroMax.logPartition, ln(3), tolerance: 1e-15))
        #expect(isClose(zeroMax.entropy, ln(3), tolerance: 1e-15))
    }

    @Test("T = infinity: S = ln K, ln Z = ln K, <E> = -mean z, F = -infinity")
    func uniformReadout() {
        let logits = [2.0, 1, 0.5, 0.1]
        let r = SoftmaxReadout(logits: logits, temperature: .uniform)
        #expect(isClose(r.entropy, ln(4), tolerance: 1e-15))
        #expect(isClose(r.logPartition, ln(4), tolerance: 1e-15))
        // The mean of 2, 1, 0.5 and 0.1 is 0.9.
        #expect(isClose(r.meanEnergy, -0.9, tolerance: 1e-15))
        // F = -T ln K diverges for K > 1.
        #expect(r.freeEnergy == -.infinity)
        #expect(isClose(r.entropyReadout.normalized, 1, tolerance: 1e-15))
        #expect(isClose(r.entropyReadout.perplexity, 4, tolerance: 1e-14))

        // One class: S = 0, so F = <E> - T S = E_1 at every T, infinity included.
        let single = SoftmaxReadout(logits: [1.5], temperature: .uniform)
        #expect(single.freeEnergy == -1.5)
        #expect(single.entropy == 0)
        #expect(single.meanEnergy == -1.5)
    }

    @Test("the readout's probabilities are softmax's, and the derived fields follow")
    func derivedFields() throws {
        let logits = [0.5, 2, -1, 2]
        let t = try Temperature(0.8)
        let r = SoftmaxReadout(logits: logits, temperature: t)
        #expect(r.probabilities == softmax(logits, temperature: t))
        #expect(r.logProbabilities == logSoftmax(logits, temperature: t))
        #expect(r.classCount == 4)
        #expect(r.topIndex == 1)
        #expect(r.topProbability == r.probabilities[1])
        #expect(r.energies == [-0.5, -2, 1, -2])
        #expect(r.cumulativeProbabilities == cumulativeSums(r.probabilities))
        #expect(r.logits == logits && r.temperature == t)
        #expect(SoftmaxReadout(logits: logits).temperature == .one)
    }

    @Test("largest logit, tied maxima, and the weights at the limits")
    func weightsAtLimits() {
        let logits = [1.0, 3, -2, 3]
        let greedy = SoftmaxReadout(logits: logits, temperature: .greedy)
        #expect(greedy.maxLogit == 3)
        #expect(greedy.tiedMaximumCount == 2)
        // exp(z / T) as T -> 0: infinity for z > 0, 0 for z < 0, and 1 for z = 0.
        #expect(logits.indices.map { greedy.weight($0) } == [.infinity, .infinity, 0, .infinity])
        #expect(SoftmaxReadout(logits: [0, -1], temperature: .greedy).weight(0) == 1)
        // Shifted weights: 1 on each maximum, 0 elsewhere, summing to the number of ties.
        #expect(greedy.shiftedWeights == [0, 1, 0, 1])
        #expect(greedy.shiftedPartition == 2)
        #expect(greedy.partitionFunction == .infinity)
        #expect(SoftmaxReadout(logits: [-1, -2], temperature: .greedy).partitionFunction == 0)

        // T -> infinity: every weight is 1, Z = K.
        let uniform = SoftmaxReadout(logits: logits, temperature: .uniform)
        #expect(logits.indices.map { uniform.weight($0) } == [1, 1, 1, 1])
        #expect(uniform.shiftedWeights == [1, 1, 1, 1])
        #expect(uniform.shiftedPartition == 4)
        #expect(isClose(uniform.partitionFunction, 4, tolerance: 1e-15))

        #expect(SoftmaxReadout(logits: [-7, -7, -7]).tiedMaximumCount == 3)
        #expect(SoftmaxReadout(logits: [0.5]).maxLogit == 0.5)
    }

    @Test("shifted weights stay finite in [0, 1] with the maxima at exactly 1, where exp(z / T) overflows")
    func shiftedWeightsFinite() throws {
        let r = SoftmaxReadout(logits: [1e300, -1e300, 1e300], temperature: try Temperature(0.5))
        #expect(r.shiftedWeights == [1, 0, 1])
        #expect(r.shiftedPartition == 2)
        #expect(r.weight(0) == .infinity)
        #expect(r.weight(1) == 0)
        #expect(r.partitionFunction == .infinity)
    }

    @Test("F = -T ln Z at finite T, so ln Z = -F / T")
    func freeEnergyIsMinusTLogZ() throws {
        for t in [0.05, 0.3, 1, 4, 50] {
            let r = SoftmaxReadout(logits: [1.25, -0.5, 3, 0], temperature: try Temperature(t))
            #expect(isClose(r.freeEnergy, -t * r.logPartition, tolerance: 1e-13))
        }
    }

    @Test("normalizedEntropyOf clamps to [0, 1] and is 0 for a single class")
    func normalizedEntropy() {
        #expect(isClose(normalizedEntropyOf(ln(4), classCount: 4), 1, tolerance: 1e-15))
        #expect(normalizedEntropyOf(ln(4) * 1.001, classCount: 4) == 1)
        #expect(normalizedEntropyOf(-1e-17, classCount: 4) == 0)
        #expect(normalizedEntropyOf(0.7, classCount: 1) == 0)
        #expect(normalizedEntropyOf(0.7, classCount: 0) == 0)
        #expect(isClose(normalizedEntropyOf(ln(2), classCount: 4), 0.5, tolerance: 1e-15))
    }
}
