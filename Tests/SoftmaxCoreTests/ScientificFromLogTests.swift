import SoftmaxCore
import Testing

/// Numbers beyond the doubles, written from their logarithm: e^800 is 2.73e+347,
/// not inf. References from mpmath at 50 digits (Reference/make_scientific_values.py).
@Suite struct ScientificFromLogTests {
    static let references: [(Double, String)] = [
        (800.0, "2.73e+347"),
        (-800.0, "3.67e-348"),
        (100000.0, "2.81e+43429"),
        (-100000.0, "3.56e-43430"),
        (-745.2, "2.31e-324"),
        (709.9, "2.02e+308"),
        (2000.5, "6.4e+868"),
        (-2000.5, "1.56e-869"),
        (1000.0, "1.97e+434"),
        (230258.50929940457, "1.0e+100000"),
    ]

    /// Mantissa and exponent as numbers, so "6.40e+868" equals mpmath's "6.4e+868".
    static func parts(_ text: String) -> (Double, Int)? {
        let pieces = text.split(separator: "e")
        guard pieces.count == 2, let m = Double(pieces[0]), let e = Int(pieces[1]) else { return nil }
        return (m, e)
    }

    @Test(arguments: references.indices)
    func matchesMpmath(_ i: Int) throws {
        let (x, expected) = Self.references[i]
        let shown = NumberFormat.scientific(fromLog: x, digits: 3)
        let a = try #require(Self.parts(shown), "\(shown)")
        let b = try #require(Self.parts(expected))
        #expect(a.0 == b.0 && a.1 == b.1, "e^\(x): \(shown) vs \(expected)")
    }

    @Test func withinTheDoublesItIsThePlainNumber() {
        #expect(NumberFormat.scientific(fromLog: 1.0) == NumberFormat.significant(2.718281828459045, digits: 3))
        #expect(NumberFormat.scientific(fromLog: -.infinity) == "0")
        #expect(NumberFormat.scientific(fromLog: .infinity) == "inf")
    }

    /// e^-2e300: no mantissa digit is known; the power of ten is (-2e300 / ln 10 = -8.6859e299).
    @Test func beyondAnyMantissaItGivesThePowerOfTen() {
        #expect(NumberFormat.scientific(fromLog: -2e300) == "10^-8.69e+299")
        #expect(NumberFormat.scientific(fromLog: 1e16, digits: 3) == "10^4.34e+15")
        // Every log a double can hold gives text, never a trap.
        for x in [1e15, 2.3e15, 1.7976931348623157e308, -1.7976931348623157e308, Double.leastNonzeroMagnitude] {
            #expect(!NumberFormat.scientific(fromLog: x).isEmpty)
        }
    }
}
