import Testing
import SoftmaxCore

/// A logit of -inf masks its class. Two kinds of check: closed forms on logits small
/// enough to work by hand, and the defining property that every quantity equals the
/// one for the same logits with the masked classes removed.
@Suite("Masked classes (-inf logits)")
struct MaskedClassTests {
    static let temperatures: [Temperature] = [.greedy, try! Temperature(0.5), .one, try! Temperature(7), .uniform]
    /// Masked classes first, in the middle, last, several, and beside tied maxima.
    static let maskedLogits: [[Double]] = [
        [2, -.infinity, 1],
        [-.infinity, 2, 1, 0.5],
        [3, 1, -.infinity, -.infinity, 3, -2],
        [0, -.infinity],
        [-.infinity, -.infinity, -40, 0, 1e-15],
        [-.infinity, 800, 0],
    ]

    static func unmasked(_ logits: [Double]) -> [Double] { logits.filter { $0 != -.infinity } }
    static func unmaskedIndices(_ logits: [Double]) -> [Int] { logits.indices.filter { logits[$0] != -.infinity } }

    // MARK: closed forms

    @Test("2, -inf, 1: closed forms at T = 0, 0.5, 1 and infinity")
    func closedForms() throws {
        let logits: [Double] = [2, -.infinity, 1]
        let e = expOf(1.0)
        let greedy = SoftmaxReadout(logits: logits, temperature: .greedy)
        #expect(greedy.probabilities == [1, 0, 0])
        #expect(greedy.logProbabilities == [0, -.infinity, -.infinity])
        #expect(greedy.entropy == 0)
        #expect(greedy.freeEnergy == -2)
        #expect(greedy.meanEnergy == -2)
        #expect(greedy.topIndex == 0)

        let one = SoftmaxReadout(logits: logits, temperature: .one)
        #expect(isClose(one.probabilities, [e / (e + 1), 0, 1 / (e + 1)]))
        #expect(one.probabilities[1] == 0)
        #expect(one.logProbabilities[1] == -.infinity)
        #expect(isClose(one.logPartition, ln(expOf(2) + e)))
        #expect(isClose(one.meanEnergy, -(2 * e + 1) / (e + 1)))
        #expect(isClose(one.freeEnergy, -ln(expOf(2) + e)))
        #expect(isClose(one.entropy, one.meanEnergy - one.freeEnergy))

        let half = SoftmaxReadout(logits: logits, temperature: try Temperature(0.5))
        #expect(isClose(half.probabilities, [1 / (1 + expOf(-2)), 0, 1 / (1 + expOf(2))]))

        let uniform = SoftmaxReadout(logits: logits, temperature: .uniform)
        #expect(uniform.probabilities == [0.5, 0, 0.5])
        #expect(uniform.logProbabilities == [-ln(2), -.infinity, -ln(2)])
        #expect(isClose(uniform.entropy, ln(2)))
        #expect(isClose(uniform.logPartition, ln(2)))
        #expect(uniform.meanEnergy == -1.5)
        #expect(uniform.freeEnergy == -.infinity)
        #expect(uniform.entropyReadout.normalized == 1)
        #expect(isClose(uniform.entropyReadout.perplexity, 2))
        #expect(uniform.unmaskedCount == 2)
    }

    @Test("T -> infinity with one unmasked class: all its mass, and F stays finite")
    func uniformOverOneClass() {
        let r = SoftmaxReadout(logits: [-.infinity, 3, -.infinity], temperature: .uniform)
        #expect(r.probabilities == [0, 1, 0])
        #expect(r.topIndex == 1)
        #expect(r.entropy == 0)
        #expect(r.freeEnergy == -3)
        #expect(r.entropyReadout.normalized == 0)
    }

    @Test("a masked class is never the top, not even at T -> infinity where every other class ties")
    func neverTheTop() {
        for t in Self.temperatures {
            #expect(SoftmaxReadout(logits: [-.infinity, 1, 1], temperature: t).topIndex == 1)
            #expect(SoftmaxReadout(logits: [-.infinity, -3], temperature: t).topIndex == 1)
            #expect(rankByScaledLogits([-.infinity, 1, -.infinity, 2], temperature: t).suffix(2) == [0, 2])
        }
    }

    @Test("probability 0, log-probability -inf, weight 0 and z/T = -inf at every T")
    func maskedClassValues() {
        for logits in Self.maskedLogits {
            for t in Self.temperatures {
                let r = SoftmaxReadout(logits: logits, temperature: t)
                for i in logits.indices where logits[i] == -.infinity {
                    #expect(r.probabilities[i] == 0)
                    #expect(r.logProbabilities[i] == -.infinity)
                    #expect(r.weight(i) == 0)
                    #expect(r.shiftedWeights[i] == 0)
                    #expect(scaledLogit(logits[i], temperature: t) == -.infinity)
                    #expect(probabilityRatio(logitGap: -.infinity, temperature: t) == 0)
                }
                #expect(logSoftmax(logits, temperature: t) == r.logProbabilities)
            }
        }
    }

    // MARK: the same as with the class removed

    @Test("every readout equals the one with the masked classes removed, at T = 0, 0.5, 1, 7 and infinity",
          arguments: maskedLogits)
    func sameAsRemoved(logits: [Double]) {
        let kept = Self.unmaskedIndices(logits)
        let removed = Self.unmasked(logits)
        for t in Self.temperatures {
            let r = SoftmaxReadout(logits: logits, temperature: t)
            let s = SoftmaxReadout(logits: removed, temperature: t)
            #expect(kept.map { r.probabilities[$0] } == s.probabilities, "T = \(t)")
            #expect(kept.map { r.logProbabilities[$0] } == s.logProbabilities, "T = \(t)")
            #expect(r.probabilities.reduce(0, +) == s.probabilities.reduce(0, +))
            #expect(r.entropy == s.entropy, "T = \(t)")
            #expect(r.logPartition == s.logPartition, "T = \(t)")
            #expect(r.freeEnergy == s.freeEnergy, "T = \(t)")
            #expect(r.meanEnergy == s.meanEnergy, "T = \(t)")
            #expect(r.entropyReadout == s.entropyReadout, "T = \(t)")
            #expect(r.entropyReadout.perplexity == s.entropyReadout.perplexity)
            #expect(r.maxLogit == s.maxLogit)
            #expect(r.tiedMaximumCount == s.tiedMaximumCount)
            #expect(r.topIndex == kept[s.topIndex], "T = \(t)")
            #expect(r.topProbability == s.topProbability)
            #expect(Array(rankByScaledLogits(logits, temperature: t).prefix(kept.count))
                == rankByScaledLogits(removed, temperature: t).map { kept[$0] })
            for (j, i) in kept.enumerated() {
                #expect(r.logMassOutside(i) == s.logMassOutside(j))
            }
            #expect(freeEnergy(of: r.probabilities, logits: logits, temperature: t)
                == freeEnergy(of: s.probabilities, logits: removed, temperature: t))
            let values = r.probabilities + [r.entropy, r.meanEnergy, r.logPartition, r.freeEnergy, r.entropyReadout.normalized]
            #expect(!values.contains { $0.isNaN }, "T = \(t)")
            // KL and cross-entropy between two temperatures.
            let q = SoftmaxReadout(logits: logits, temperature: .one).probabilities
            let qRemoved = SoftmaxReadout(logits: removed, temperature: .one).probabilities
            #expect(klDivergence(r.probabilities, q) == klDivergence(s.probabilities, qRemoved))
            #expect(crossEntropy(r.probabilities, q) == crossEntropy(s.probabilities, qRemoved))
        }
    }

    @Test("bulk softmax rows with masked classes match the scalar softmax at every T")
    func batchRows() {
        let rows: [[Double]] = [[2, -.infinity, 1, 0.5], [-.infinity, -.infinity, 0, 3]]
        for t in Self.temperatures {
            let (p, h) = softmaxRows(rows.flatMap { $0 }, columns: 4, temperature: t)
            for (r, row) in rows.enumerated() {
                let scalar = SoftmaxReadout(logits: Self.unmasked(row), temperature: t)
                let bulk = Array(p[r * 4..<(r + 1) * 4])
                #expect(row.indices.filter { row[$0] == -.infinity }.allSatisfy { bulk[$0] == 0 })
                #expect(isClose(Self.unmaskedIndices(row).map { bulk[$0] }, scalar.probabilities, tolerance: 1e-14), "T = \(t)")
                #expect(isClose(h[r], scalar.entropy, tolerance: 1e-14), "T = \(t)")
            }
        }
    }

    @Test("a scale on the logits leaves a masked class masked, even a scale of 0 or below")
    func scaledLogitsStayMasked() {
        #expect(scaledLogits([2, -.infinity], by: 0.5) == [1, -.infinity])
        #expect(scaledLogits([2, -.infinity], by: 0) == [0, -.infinity])
        #expect(scaledLogits([2, -.infinity], by: -1) == [-2, -.infinity])
    }

    // MARK: cuts

    @Test("top-k, top-p and min-p never keep a masked class, and cut as if it were not there",
          arguments: maskedLogits)
    func cutsAsIfRemoved(logits: [Double]) throws {
        let kept = Self.unmaskedIndices(logits)
        let removed = Self.unmasked(logits)
        let settings = try [
            TruncationSettings(topK: 1), TruncationSettings(topK: 2), TruncationSettings(topK: 10),
            TruncationSettings(topP: 0.5), TruncationSettings(topP: 0.99),
            TruncationSettings(minP: 0.2), TruncationSettings(minP: 1),
            TruncationSettings(topK: 2, topP: 0.9, minP: 0.05), .none,
        ]
        for t in Self.temperatures {
            for s in settings {
                let d = truncatedSoftmax(logits, temperature: t, s)
                let e = truncatedSoftmax(removed, temperature: t, s)
                for i in logits.indices where logits[i] == -.infinity {
                    #expect(!d.kept[i], "T = \(t), \(s)")
                    #expect(d.probabilities[i] == 0)
                }
                #expect(kept.map { d.kept[$0] } == e.kept, "T = \(t), \(s)")
                #expect(kept.map { d.probabilities[$0] } == e.probabilities, "T = \(t), \(s)")
            }
        }
    }

    @Test("top-k counts only the unmasked classes: k = 2 keeps both finite logits of -inf, 2, -inf, 1")
    func topKCountsUnmasked() throws {
        let logits: [Double] = [-.infinity, 2, -.infinity, 1]
        for t in Self.temperatures {
            let d = truncatedSoftmax(logits, temperature: t, try TruncationSettings(topK: 2))
            #expect(d.kept == [false, true, false, true], "T = \(t)")
        }
        // At T -> infinity every unmasked class ties, and top-1 keeps the first of them.
        let first = truncatedSoftmax(logits, temperature: .uniform, try TruncationSettings(topK: 1))
        #expect(first.kept == [false, true, false, false])
        #expect(first.probabilities == [0, 1, 0, 0])
    }

    // MARK: samplers

    @Test("no sampler draws a masked class, at any T (seeded)")
    func samplersNeverDrawMasked() {
        for logits in Self.maskedLogits {
            for t in Self.temperatures {
                let p = softmax(logits, temperature: t)
                var generator = SeededGenerator(seed: 7)
                let sampler = InverseCDFSampler(probabilities: p)
                for _ in 0..<2_000 {
                    #expect(logits[sampler.draw(using: &generator).index] != -.infinity)
                }
                let counts = AliasTable(probabilities: p).counts(draws: 20_000, using: &generator)
                #expect(logits.indices.filter { logits[$0] == -.infinity }.allSatisfy { counts[$0] == 0 }, "T = \(t)")
                #expect(counts.reduce(0, +) == 20_000)
            }
        }
    }

    @Test("u = 0 and u just below 1 land on unmasked classes when masked ones sit at either end")
    func inverseCDFEnds() {
        let p = softmax([-.infinity, 1, 2, -.infinity], temperature: .one)
        let sampler = InverseCDFSampler(probabilities: p)
        #expect(sampler.index(for: 0) == 1)
        #expect(sampler.index(for: 1 - 0x1p-53) == 2)
        #expect(sampler.index(for: 1) == 2)
    }

    @Test("chi-square counts degrees of freedom over the unmasked classes only")
    func chiSquareDegrees() {
        let p = softmax([0, -.infinity, 0], temperature: .one)
        let test = ChiSquareTest(counts: [50, 0, 50], probabilities: p)
        #expect(test.degreesOfFreedom == 1)
        #expect(test.statistic == 0)
    }

    @Test("every class masked: no NaN, probability 0 everywhere (callers refuse it)")
    func everyClassMasked() {
        for t in Self.temperatures {
            let r = SoftmaxReadout(logits: [-.infinity, -.infinity], temperature: t)
            #expect(r.probabilities == [0, 0])
            #expect(r.logProbabilities == [-.infinity, -.infinity])
            let values = [r.entropy, r.meanEnergy, r.logPartition, r.freeEnergy, r.entropyReadout.normalized]
            #expect(!values.contains { $0.isNaN }, "T = \(t)")
            #expect(truncatedSoftmax([-.infinity], temperature: t, .none).kept == [false])
        }
    }
}
