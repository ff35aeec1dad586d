import PropertyBased
import Testing
import SoftmaxCore

// Laws every softmax must obey, over random logits and temperatures. Counts are kept
// moderate so the suite stays fast in a debug build.
//
// Logits lie in [-50, 50] and finite temperatures in [0.1, 20], so every exponent
// (z_i - max) / T is at most 1000 in size and the rounding of one subtraction, about
// 1.1e-16 * 100, is magnified by at most 1/T = 10: differences up to 1e-12 that can
// only come from rounding, and anything larger is a broken law.
@Suite("Properties")
struct PropertyTests {
    static let logits = Gen.double(in: -50...50).array(of: 1...12)
    /// Small integers, so that ties (and ties at the maximum) come up often.
    static let tiedLogits = Gen.int(in: -3...3).array(of: 1...8).map { $0.map(Double.init) }
    static let temperature = Gen.double(in: 0.1...20)
    static let count = 150

    static func temperatureOf(_ t: Double) -> Temperature { try! Temperature(t) }

    @Test("probabilities lie in [0, 1] and sum to 1, at every temperature including the limits")
    func sumsToOne() async {
        await propertyCheck(count: Self.count, input: Self.logits, Self.temperature) { z, t in
            for temperature in [Self.temperatureOf(t), .greedy, .uniform] {
                let p = softmax(z, temperature: temperature)
                #expect(p.allSatisfy { $0 >= 0 && $0 <= 1 })
                // K rounded quotients of a sum: a few ulps of 1 at most.
                #expect(abs(p.reduce(0, +) - 1) <= 1e-14)
            }
        }
    }

    @Test("order is preserved: z_i > z_j implies p_i >= p_j, and equal logits get equal p")
    func orderPreserved() async {
        await propertyCheck(count: Self.count, input: Self.tiedLogits, Self.temperature) { z, t in
            for temperature in [Self.temperatureOf(t), .greedy, .uniform] {
                let p = softmax(z, temperature: temperature)
                for i in z.indices {
                    for j in z.indices where z[i] > z[j] { #expect(p[i] >= p[j]) }
                    for j in z.indices where z[i] == z[j] { #expect(p[i] == p[j]) }
                }
            }
        }
        await propertyCheck(count: Self.count, input: Self.logits, Self.temperature) { z, t in
            let p = softmax(z, temperature: Self.temperatureOf(t))
            for i in z.indices {
                for j in z.indices where z[i] > z[j] { #expect(p[i] >= p[j]) }
            }
        }
    }

    @Test("shift invariance: softmax(z + c) = softmax(z)")
    func shiftInvariance() async {
        await propertyCheck(count: Self.count, input: Self.logits, Self.temperature, Gen.double(in: -100...100)) { z, t, c in
            let temperature = Self.temperatureOf(t)
            let shifted = z.map { $0 + c }
            #expect(isClose(softmax(shifted, temperature: temperature), softmax(z, temperature: temperature)))
            // Log-probabilities reach -10^4 here, so compare them relatively.
            #expect(isClose(logSoftmax(shifted, temperature: temperature), logSoftmax(z, temperature: temperature)))
        }
        // Small integers shift exactly, so here the law holds to the last bit, at the limits too.
        await propertyCheck(count: Self.count, input: Self.tiedLogits, Self.temperature, Gen.int(in: -1000...1000)) { z, t, c in
            let shifted = z.map { $0 + Double(c) }
            for temperature in [Self.temperatureOf(t), .greedy, .uniform] {
                #expect(softmax(shifted, temperature: temperature) == softmax(z, temperature: temperature))
            }
        }
    }

    @Test("scale symmetry: softmax(a z, a T) = softmax(z, T)")
    func scaleSymmetry() async {
        await propertyCheck(count: Self.count, input: Self.logits, Self.temperature, Gen.double(in: 0.01...100)) { z, t, a in
            let scaled = softmax(z.map { a * $0 }, temperature: Self.temperatureOf(a * t))
            #expect(isClose(scaled, softmax(z, temperature: Self.temperatureOf(t))))
        }
    }

    @Test("entropy rises with T and stays in [0, ln K]")
    func entropyMonotone() async {
        await propertyCheck(count: Self.count, input: Self.logits, Self.temperature, Self.temperature) { z, t1, t2 in
            let (low, high) = (min(t1, t2), max(t1, t2))
            let hLow = SoftmaxReadout(logits: z, temperature: Self.temperatureOf(low)).entropy
            let hHigh = SoftmaxReadout(logits: z, temperature: Self.temperatureOf(high)).entropy
            let h0 = SoftmaxReadout(logits: z, temperature: .greedy).entropy
            let hInf = SoftmaxReadout(logits: z, temperature: .uniform).entropy
            let lnK = ln(Double(z.count))
            // dH/dT = Var(E) / T^3 >= 0; equal up to rounding when the variance is ~0.
            #expect(h0 <= hLow + 1e-12)
            #expect(hLow <= hHigh + 1e-12)
            #expect(hHigh <= hInf + 1e-12)
            #expect(hLow >= 0 && hHigh <= lnK + 1e-12)
            #expect(isClose(hInf, lnK, tolerance: 1e-14))
        }
    }

    @Test("F = <E> - T S, and the softmax minimises F over all distributions")
    func freeEnergyIdentity() async {
        let weights = Gen.double(in: 0...1).array(of: 12)
        await propertyCheck(count: Self.count, input: Self.logits, Self.temperature, weights) { z, t, w in
            let temperature = Self.temperatureOf(t)
            let r = SoftmaxReadout(logits: z, temperature: temperature)
            let scale = max(1, abs(r.meanEnergy), t * r.entropy, abs(r.freeEnergy))
            #expect(abs(r.freeEnergy - (r.meanEnergy - t * r.entropy)) <= 1e-12 * scale)
            #expect(isClose(r.logPartition, logSumExp(z.map { $0 / t }), tolerance: 1e-12))

            // Gibbs: F[q] >= F[softmax] for any q, with equality only at the softmax.
            let raw = Array(w.prefix(z.count))
            let total = raw.reduce(0, +)
            guard total > 0 else { return }
            let q = raw.map { $0 / total }
            #expect(freeEnergy(of: q, logits: z, temperature: temperature) >= r.freeEnergy - 1e-12 * scale)
        }
    }

    @Test("KL >= 0, KL(p || p) = 0, H(p, q) = H(p) + KL(p || q), TV in [0, 1]")
    func divergences() async {
        await propertyCheck(count: Self.count, input: Self.logits, Self.temperature, Self.temperature) { z, t1, t2 in
            let p = softmax(z, temperature: Self.temperatureOf(t1))
            let q = softmax(z.reversed(), temperature: Self.temperatureOf(t2))
            let kl = klDivergence(p, q)
            #expect(kl >= 0)
            #expect(klDivergence(p, p) == 0)
            if kl.isFinite {
                #expect(isClose(crossEntropy(p, q), entropy(p) + kl, tolerance: 1e-10))
            }
            let tv = totalVariationDistance(p, q)
            #expect(tv >= 0 && tv <= 1)
            #expect(tv == totalVariationDistance(q, p))
            #expect(totalVariationDistance(p, p) == 0)
            // Pinsker: TV <= sqrt(KL / 2).
            #expect(tv <= (kl / 2).squareRoot() + 1e-12)
        }
    }

    @Test("logSumExp lies between max and max + ln K")
    func logSumExpBounds() async {
        await propertyCheck(count: Self.count, input: Gen.double(in: -1e6...1e6).array(of: 1...12)) { x in
            let m = x.max()!
            let v = logSumExp(x)
            #expect(v >= m)
            #expect(v <= m + ln(Double(x.count)) + 1e-9 * max(1, abs(m)))
        }
    }

    @Test("truncation keeps a non-empty prefix of the ranking and renormalises to 1")
    func truncation() async {
        let settings = zip(Gen.int(in: 1...14).optional, Gen.double(in: 0.01...1).optional, Gen.double(in: 0...1).optional)
        await propertyCheck(count: Self.count, input: Self.tiedLogits, Self.temperature, settings) { z, t, s in
            let cut = try! TruncationSettings(topK: s.0, topP: s.1, minP: s.2)
            let d = truncatedSoftmax(z, temperature: Self.temperatureOf(t), cut)
            let keptCount = d.kept.filter { $0 }.count
            #expect(keptCount >= 1)
            if let k = s.0 { #expect(keptCount <= k) }
            #expect(abs(d.probabilities.reduce(0, +) - 1) <= 1e-14)
            let p = softmax(z, temperature: Self.temperatureOf(t))
            let order = rankByProbability(p)
            #expect(order.prefix(keptCount).allSatisfy { d.kept[$0] })
            // Survivors keep their proportions.
            let top = order[0]
            for i in z.indices where d.kept[i] {
                #expect(isClose(d.probabilities[i] / d.probabilities[top], p[i] / p[top]))
            }
        }
    }

    @Test("inverse-CDF index rises with u and never lands on a zero class")
    func inverseCDF() async {
        let weights = Gen.int(in: 0...3).array(of: 1...8)
        await propertyCheck(count: Self.count, input: weights, Gen.double(in: 0..<1), Gen.double(in: 0..<1)) { w, u1, u2 in
            let total = Double(w.reduce(0, +))
            guard total > 0 else { return }
            let p = w.map { Double($0) / total }
            let sampler = InverseCDFSampler(probabilities: p)
            let (a, b) = (sampler.index(for: min(u1, u2)), sampler.index(for: max(u1, u2)))
            #expect(a <= b)
            #expect(p[a] > 0 && p[b] > 0)
        }
    }

    @Test("formatShortest reads back as the same double")
    func shortestRoundTrip() async {
        await propertyCheck(count: Self.count, input: Gen.double(in: -1e300...1e300)) { x in
            #expect(NumberParsing.parseDouble(formatShortest(x)) == x)
        }
    }
}
