import Testing
import SoftmaxCore

/// The scipy critical value for `df` at `alpha` from ReferenceValues.swift.
func referenceCriticalValue(degreesOfFreedom df: Int, alpha: Double) throws -> Double {
    try #require(ReferenceValues.chiSquareCriticalCases.first { $0.degreesOfFreedom == df && $0.alpha == alpha }).value
}

/// Pearson's chi-square statistic for two samples of the same classes having one
/// distribution: sum (sqrt(n2/n1) a_i - sqrt(n1/n2) b_i)^2 / (a_i + b_i), df = classes - 1.
/// Written out here rather than borrowed from ChiSquareTest, which tests one sample.
func twoSampleChiSquare(_ a: [Int], _ b: [Int]) -> (statistic: Double, degreesOfFreedom: Int) {
    let n1 = Double(a.reduce(0, +)), n2 = Double(b.reduce(0, +))
    let ra = (n2 / n1).squareRoot(), rb = (n1 / n2).squareRoot()
    var x = 0.0
    var classes = 0
    for (ai, bi) in zip(a, b) where ai + bi > 0 {
        let d = ra * Double(ai) - rb * Double(bi)
        x += d * d / Double(ai + bi)
        classes += 1
    }
    return (x, classes - 1)
}

/// A 64-bit word whose alias-table column (high word of r * k) is `column`, with the
/// point within it (the low word) as low (`atTop` false) or as high as it gets.
func aliasWord(column c: UInt64, of k: UInt64, atTop: Bool) -> UInt64 {
    // The first r in the column is ceil(c 2^64 / k), the last ceil((c + 1) 2^64 / k) - 1.
    func ceilQuotient(_ c: UInt64) -> UInt64? {
        if c == k { return nil }
        let (q, r) = k.dividingFullWidth((high: c, low: 0))
        return r > 0 ? q + 1 : q
    }
    if atTop { return ceilQuotient(c + 1).map { $0 - 1 } ?? .max }
    return ceilQuotient(c)!
}

@Suite("Seeded generator")
struct SeededGeneratorTests {
    // Expected words come from the Python SplitMix64 + xoshiro256** in
    // Reference/make_reference_values.py, written from the published reference
    // algorithms (its SplitMix64 reproduces the known first output 0xE220A8397B1DCDAF
    // for seed 0), not from SeededGenerator.
    @Test("seed 7 gives the reference xoshiro256** outputs")
    func seed7Raw() {
        var g = SeededGenerator(seed: 7)
        #expect((0..<8).map { _ in g.next() } == ReferenceValues.seed7Raw)
    }

    @Test("seed 7: nextUniform() is (x >> 11) * 2^-53 of those outputs")
    func seed7Uniforms() {
        var g = SeededGenerator(seed: 7)
        let u = (0..<8).map { _ in g.nextUniform() }
        #expect(u == ReferenceValues.seed7Uniforms)
        // Spelt out for the reader: the first three, from the Python reference.
        #expect(Array(u.prefix(3)) == [0.7005764821796896, 0.2787512294737843, 0.8396274618764198])
    }

    @Test("seeds 0 and 2^64 - 1 are spread over the whole state")
    func extremeSeeds() {
        var zero = SeededGenerator(seed: 0)
        #expect((0..<3).map { _ in zero.next() } == ReferenceValues.seed0Raw)
        var max = SeededGenerator(seed: .max)
        #expect((0..<3).map { _ in max.next() } == ReferenceValues.seedMaxRaw)
    }

    @Test("the same seed replays the same draws; another seed does not")
    func replay() {
        var a = SeededGenerator(seed: 2024), b = SeededGenerator(seed: 2024), c = SeededGenerator(seed: 2025)
        let da = (0..<100).map { _ in a.next() }
        #expect(da == (0..<100).map { _ in b.next() })
        #expect(da != (0..<100).map { _ in c.next() })
        // A copy carries the state: it continues where the original is.
        var copy = a
        #expect(copy == a)
        #expect(copy.next() == a.next())
    }

    @Test("nextUniform stays in [0, 1) at the extreme words")
    func uniformRange() {
        var g = ScriptedGenerator([0, .max, 1 << 11, (1 << 11) - 1])
        #expect(g.nextUniform() == 0)
        #expect(g.nextUniform() == 1.0.nextDown)
        #expect(g.nextUniform() == 0x1p-53)
        #expect(g.nextUniform() == 0)
    }
}

@Suite("Inverse-CDF sampler")
struct InverseCDFSamplerTests {
    @Test("seed 7 picks match the Python reference")
    func seed7Picks() {
        // Python runs the same uniforms through the definition (first running sum > u).
        let sampler = InverseCDFSampler(probabilities: ReferenceValues.inverseCDFProbabilities)
        var g = SeededGenerator(seed: 7)
        let draws = ReferenceValues.inverseCDFSeed7Picks.indices.map { _ in sampler.draw(using: &g) }
        #expect(draws.map(\.index) == ReferenceValues.inverseCDFSeed7Picks)
        #expect(Array(draws.map(\.u).prefix(8)) == ReferenceValues.seed7Uniforms)
    }

    @Test("u on a cumulative boundary belongs to the next class: class i owns [c_(i-1), c_i)")
    func boundaries() {
        let sampler = InverseCDFSampler(probabilities: [0.25, 0.25, 0.25, 0.25])
        #expect(sampler.cumulative == [0.25, 0.5, 0.75, 1])
        #expect(sampler.index(for: 0) == 0)
        #expect(sampler.index(for: 0.25.nextDown) == 0)
        #expect(sampler.index(for: 0.25) == 1)
        #expect(sampler.index(for: 0.5) == 2)
        #expect(sampler.index(for: 0.75.nextDown) == 2)
        #expect(sampler.index(for: 0.75) == 3)
        #expect(sampler.index(for: 1.0.nextDown) == 3)
        // draw() hands u through unchanged.
        // The largest u below 0.25 that nextUniform can produce is 0.25 - 2^-53.
        var g = ScriptedGenerator([word(forUniform: 0.5), word(forUniform: 0.25 - 0x1p-53)])
        #expect(sampler.draw(using: &g) == Draw(u: 0.5, index: 2))
        #expect(sampler.draw(using: &g) == Draw(u: 0.25 - 0x1p-53, index: 0))
    }

    @Test("zero-probability classes are never picked, even at their boundaries")
    func zeroClasses() {
        let sampler = InverseCDFSampler(probabilities: [0, 0.5, 0, 0.5, 0])
        #expect(sampler.index(for: 0) == 1)
        #expect(sampler.index(for: 0.5.nextDown) == 1)
        #expect(sampler.index(for: 0.5) == 3)
        #expect(sampler.index(for: 1.0.nextDown) == 3)
        // u past the last sum (which rounding can cause) falls to the last class with weight.
        #expect(sampler.index(for: 1) == 3)
    }

    @Test("a u past a sum that rounded below 1 goes to the last class with weight")
    func roundedTotal() {
        // Ten tenths add up to 0.9999999999999999 in binary.
        let sampler = InverseCDFSampler(probabilities: Array(repeating: 0.1, count: 10) + [0])
        #expect(sampler.cumulative[9] < 1)
        #expect(sampler.index(for: 1.0.nextDown) == 9)
    }

    @Test("10^5 draws at seed 1 pass Pearson's chi-square at the 99.9 % critical value")
    func chiSquare() throws {
        let p = softmax([2, 1, 0.5, 0.1])
        let sampler = InverseCDFSampler(probabilities: p)
        var g = SeededGenerator(seed: 1)
        var h = Histogram(classCount: p.count)
        for _ in 0..<100_000 { h.record(sampler.draw(using: &g).index) }
        let test = ChiSquareTest(counts: h.counts, probabilities: p)
        #expect(test.degreesOfFreedom == 3)
        #expect(test.statistic < (try referenceCriticalValue(degreesOfFreedom: 3, alpha: 0.001)))
    }

    @Test("10^5 draws from a truncated distribution: cut classes never drawn, the rest fit")
    func truncatedChiSquare() throws {
        let logits = [0.3, -2.1, 4.7, 1.0, -0.6, 2.2, 0.0, -3.3, 1.9, 0.85]
        let d = truncatedSoftmax(logits, temperature: try Temperature(2), try TruncationSettings(topK: 7))
        let sampler = InverseCDFSampler(probabilities: d.probabilities)
        var g = SeededGenerator(seed: 99)
        var h = Histogram(classCount: logits.count)
        for _ in 0..<100_000 { h.record(sampler.draw(using: &g).index) }
        for i in d.kept.indices where !d.kept[i] { #expect(h.counts[i] == 0) }
        let test = ChiSquareTest(counts: h.counts, probabilities: d.probabilities)
        #expect(test.degreesOfFreedom == 6)
        #expect(test.statistic < (try referenceCriticalValue(degreesOfFreedom: 6, alpha: 0.001)))
    }
}

@Suite("Alias table")
struct AliasTableTests {
    // Expected picks from the Python script, which applies the documented recipe (column =
    // high word of r * K, own class when the low word is under the column's threshold) to
    // tables worked out by hand: for four equal weights every column is full; for
    // [0.75, 0.25] Vose's construction fills column 0 and gives column 1 a threshold of
    // one half with alias 0.
    @Test("seed 7 picks for four equal weights match the Python reference")
    func seed7Uniform() {
        let table = AliasTable(probabilities: [0.25, 0.25, 0.25, 0.25])
        var g = SeededGenerator(seed: 7)
        #expect(ReferenceValues.aliasUniform4Seed7Picks.indices.map { _ in table.draw(using: &g) } == ReferenceValues.aliasUniform4Seed7Picks)
    }

    @Test("seed 7 picks for [0.75, 0.25] match the Python reference")
    func seed7ThreeToOne() {
        let table = AliasTable(probabilities: [0.75, 0.25])
        var g = SeededGenerator(seed: 7)
        #expect(ReferenceValues.aliasThreeToOneSeed7Picks.indices.map { _ in table.draw(using: &g) } == ReferenceValues.aliasThreeToOneSeed7Picks)
    }

    @Test("draw, fill, sample and counts consume the generator alike")
    func entryPointsAgree() {
        let table = AliasTable(probabilities: softmax([2, 1, 0.5, 0.1]))
        #expect(table.classCount == 4)
        var g1 = SeededGenerator(seed: 5), g2 = SeededGenerator(seed: 5), g3 = SeededGenerator(seed: 5)
        let one = (0..<1000).map { _ in Int32(table.draw(using: &g1)) }
        let bulk = table.sample(count: 1000, using: &g2)
        #expect(one == bulk)
        let counts = table.counts(draws: 1000, using: &g3)
        #expect(counts == Histogram(draws: one.map(Int.init), classCount: 4).counts)
        #expect(g1 == g2 && g2 == g3)
        #expect(table.sample(count: 0, using: &g1) == [])
        #expect(table.counts(draws: -5, using: &g1) == [0, 0, 0, 0])
    }

    @Test("zero-weight classes are never drawn, even at the edges of every column")
    func zeroClasses() {
        let weights = [0, 0.5, 0, 0.5, 0, 1e-3, 0]
        let table = AliasTable(probabilities: weights)
        let k = UInt64(weights.count)
        var words: [UInt64] = [0, 1, .max, .max - 1, 1 << 63, (1 << 63) - 1]
        for c in 0..<k {
            words.append(aliasWord(column: c, of: k, atTop: false))
            words.append(aliasWord(column: c, of: k, atTop: true))
        }
        var scripted = ScriptedGenerator(words)
        for _ in words {
            let i = table.draw(using: &scripted)
            #expect(weights[i] > 0, "class \(i)")
        }
        var g = SeededGenerator(seed: 3)
        let counts = table.counts(draws: 100_000, using: &g)
        for i in weights.indices where weights[i] == 0 { #expect(counts[i] == 0) }
    }

    @Test("weights need not sum to 1; negative, NaN and all-zero weights are handled")
    func weightCleaning() {
        var g = SeededGenerator(seed: 8)
        // Scaled weights [3, 1] are the same distribution as [0.75, 0.25].
        var a = SeededGenerator(seed: 7)
        let scaled = AliasTable(probabilities: [3, 1])
        #expect((0..<16).map { _ in scaled.draw(using: &a) } == ReferenceValues.aliasThreeToOneSeed7Picks)
        // Negative and NaN count as zero.
        let dirty = AliasTable(probabilities: [-1, 2, .nan, 2])
        let dirtyCounts = dirty.counts(draws: 10_000, using: &g)
        #expect(dirtyCounts[0] == 0 && dirtyCounts[2] == 0)
        // No positive weight at all: uniform, as documented.
        let none = AliasTable(probabilities: [0, 0, 0, 0])
        var u = SeededGenerator(seed: 7)
        #expect(ReferenceValues.aliasUniform4Seed7Picks.indices.map { _ in none.draw(using: &u) } == ReferenceValues.aliasUniform4Seed7Picks)
    }

    @Test("10^5 draws at seed 2 pass Pearson's chi-square at the 99.9 % critical value")
    func chiSquare() throws {
        let p = softmax([2, 1, 0.5, 0.1])
        var g = SeededGenerator(seed: 2)
        let counts = AliasTable(probabilities: p).counts(draws: 100_000, using: &g)
        let test = ChiSquareTest(counts: counts, probabilities: p)
        #expect(test.degreesOfFreedom == 3)
        #expect(test.statistic < (try referenceCriticalValue(degreesOfFreedom: 3, alpha: 0.001)))
    }

    @Test("10^5 draws from a distribution with cut classes fit it, cut classes never drawn")
    func truncatedChiSquare() throws {
        let logits = [0.3, -2.1, 4.7, 1.0, -0.6, 2.2, 0.0, -3.3, 1.9, 0.85]
        let d = truncatedSoftmax(logits, temperature: try Temperature(2), try TruncationSettings(topK: 7))
        var g = SeededGenerator(seed: 100)
        let counts = AliasTable(probabilities: d.probabilities).counts(draws: 100_000, using: &g)
        for i in d.kept.indices where !d.kept[i] { #expect(counts[i] == 0) }
        let test = ChiSquareTest(counts: counts, probabilities: d.probabilities)
        #expect(test.degreesOfFreedom == 6)
        #expect(test.statistic < (try referenceCriticalValue(degreesOfFreedom: 6, alpha: 0.001)))
    }

    @Test("alias and inverse-CDF draws agree in distribution (two-sample chi-square and TV)")
    func agreesWithInverseCDF() throws {
        let p = softmax([2, 1, 0.5, 0.1], temperature: try Temperature(0.7))
        var ga = SeededGenerator(seed: 11), gb = SeededGenerator(seed: 12)
        let alias = AliasTable(probabilities: p).counts(draws: 100_000, using: &ga)
        let sampler = InverseCDFSampler(probabilities: p)
        var inverse = Histogram(classCount: p.count)
        for _ in 0..<100_000 { inverse.record(sampler.draw(using: &gb).index) }
        let (x, df) = twoSampleChiSquare(alias, inverse.counts)
        #expect(df == 3)
        #expect(x < (try referenceCriticalValue(degreesOfFreedom: 3, alpha: 0.001)))
        // TV between two samples of 10^5 over four classes is of order 0.003; 0.01 is far
        // beyond chance but well under any real disagreement worth the name.
        #expect(totalVariationDistance(Histogram(counts: alias).frequencies, inverse.frequencies) < 0.01)
    }
}
