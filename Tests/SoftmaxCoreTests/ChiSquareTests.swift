import Testing
import SoftmaxCore

/// Relative closeness, for p-values that span many orders of magnitude.
func isRelativelyClose(_ actual: Double, _ expected: Double, tolerance: Double) -> Bool {
    abs(actual - expected) <= tolerance * abs(expected)
}

// p-values and critical values against scipy.stats.chi2 (sf and isf), embedded in
// ReferenceValues.swift by make_reference_values.py and cross-checked there against
// mpmath's regularised incomplete gamma.
@Suite("Chi-square")
struct ChiSquareTests {
    /// The exponent a ln x - x - ln Gamma(a) that scales the incomplete gamma is a
    /// difference of terms of size about a ln a, each carrying a relative rounding error
    /// near 1e-16; its absolute error, which becomes the relative error of the p-value,
    /// grows with a. 1e-12 holds for small df; at df = 49999 the terms are near 2.5e5
    /// and 1e-9 is what double arithmetic allows.
    static func tolerance(degreesOfFreedom k: Int) -> Double {
        k < 100 ? 1e-12 : 1e-9
    }

    @Test("p-values match scipy.stats.chi2.sf", arguments: ReferenceValues.chiSquareSurvivalCases)
    func survival(_ c: ChiSquareSurvivalReferenceCase) {
        let p = chiSquareSurvival(c.statistic, degreesOfFreedom: c.degreesOfFreedom)
        #expect(isRelativelyClose(p, c.pValue, tolerance: Self.tolerance(degreesOfFreedom: c.degreesOfFreedom)),
                "df \(c.degreesOfFreedom), x \(c.statistic): \(p) vs scipy \(c.pValue)")
    }

    @Test("critical values match scipy.stats.chi2.isf", arguments: ReferenceValues.chiSquareCriticalCases)
    func criticalValue(_ c: ChiSquareCriticalReferenceCase) {
        let x = chiSquareCriticalValue(degreesOfFreedom: c.degreesOfFreedom, alpha: c.alpha)
        // The bisection stops at a relative width of 1e-12 and returns the midpoint, so it
        // is within 5e-13 of the root. The survival function's own error moves the root
        // by (relative error) * alpha / density, about 1e-13 relative even at df = 49999,
        // because the density there is spread over a range of width ~300 around 5e4.
        #expect(isRelativelyClose(x, c.value, tolerance: 1e-12),
                "df \(c.degreesOfFreedom), alpha \(c.alpha): \(x) vs scipy \(c.value)")
    }

    @Test("the survival function's ends: 1 at and below 0, 0 at infinity")
    func survivalEnds() {
        for k in [1, 4, 49999] {
            #expect(chiSquareSurvival(0, degreesOfFreedom: k) == 1)
            #expect(chiSquareSurvival(-3, degreesOfFreedom: k) == 1)
            #expect(chiSquareSurvival(.infinity, degreesOfFreedom: k) == 0)
        }
    }

    @Test("a perfect fit has statistic 0 and p-value 1")
    func perfectFit() {
        let test = ChiSquareTest(counts: [10, 20, 30, 40], probabilities: [0.1, 0.2, 0.3, 0.4])
        // n p_i = 10, 20, 30, 40 up to the rounding of 0.1 to 0.4, which is below 1e-14.
        #expect(test.statistic < 1e-20)
        #expect(test.degreesOfFreedom == 3)
        #expect(isRelativelyClose(test.pValue, 1, tolerance: 1e-12))
    }

    @Test("statistic by hand: (12-10)^2/10 + (18-20)^2/20 = 0.6 with 3 degrees of freedom")
    func smallExample() throws {
        let test = ChiSquareTest(counts: [12, 18, 30, 40], probabilities: [0.1, 0.2, 0.3, 0.4])
        #expect(isClose(test.statistic, 0.6, tolerance: 1e-14))
        #expect(test.degreesOfFreedom == 3)
        let scipy = try #require(ReferenceValues.chiSquareSurvivalCases.first { $0.statistic == 0.6 && $0.degreesOfFreedom == 3 })
        #expect(isRelativelyClose(test.pValue, scipy.pValue, tolerance: 1e-12))
    }

    @Test("a drawn class with E = 0 makes the statistic infinite and the p-value 0")
    func impossibleDraw() {
        let test = ChiSquareTest(counts: [5, 1, 4], probabilities: [0.5, 0, 0.5])
        #expect(test.statistic == .infinity)
        #expect(test.pValue == 0)
        // Not drawn, it simply drops out of the degrees of freedom.
        let clean = ChiSquareTest(counts: [5, 0, 5], probabilities: [0.5, 0, 0.5])
        #expect(clean.degreesOfFreedom == 1)
        #expect(clean.statistic == 0)
    }

    @Test("a single class has no degrees of freedom and p-value 1")
    func noFreedom() {
        let test = ChiSquareTest(counts: [7], probabilities: [1])
        #expect(test.degreesOfFreedom == 0)
        #expect(test.pValue == 1)
        #expect(ChiSquareTest(counts: [], probabilities: []).degreesOfFreedom == 0)
    }

    @Test("50000 uniform classes: statistic 50000 by construction, p-value as scipy at df 49999")
    func fiftyThousandClasses() throws {
        // Counts 0, 4, 2, 2 repeating against E = 2: terms 2, 2, 0, 0, so 4 per block of
        // four classes and 50000 in all, with n = 10^5.
        let k = 50_000
        let counts = (0..<k).map { [0, 4, 2, 2][$0 % 4] }
        let test = ChiSquareTest(counts: counts, probabilities: Array(repeating: 1 / Double(k), count: k))
        #expect(test.degreesOfFreedom == 49999)
        #expect(isClose(test.statistic, 50000, tolerance: 1e-12))
        let scipy = try #require(ReferenceValues.chiSquareSurvivalCases.first { $0.statistic == 50000 && $0.degreesOfFreedom == 49999 })
        #expect(isRelativelyClose(test.pValue, scipy.pValue, tolerance: 1e-9))
    }
}
