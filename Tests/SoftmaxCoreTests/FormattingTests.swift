import Testing
import SoftmaxCore

// Expected strings are Python's '%.Nf' % x and '%.Ng' % x, which round the exact
// binary value correctly as C's printf does; they were typed in from a Python session.
@Suite("Number formatting")
struct FormattingTests {
    @Test("fixed decimals", arguments: [
        (0.6364086465588308, 4, "0.6364"),
        (2.675, 2, "2.67"),          // 2.675 is 2.67499999... in binary
        (0.125, 2, "0.12"),          // an exact tie rounds to even
        (0.375, 2, "0.38"),
        (-0.0, 2, "-0.00"),
        (2.5, 0, "2"),
        (3.5, 0, "4"),
        (-1.0005, 3, "-1.000"),
        (0.1, 17, "0.10000000000000001"),
        (100, 1, "100.0"),
    ])
    func fixed(_ x: Double, _ decimals: Int, _ expected: String) {
        #expect(NumberFormat.fixed(x, decimals: decimals) == expected)
    }

    @Test("decimals are clamped to 0...17")
    func fixedClamp() {
        #expect(NumberFormat.fixed(2.5, decimals: -4) == "2")
        #expect(NumberFormat.fixed(0.1, decimals: 40) == "0.10000000000000001")
    }

    @Test("the widest doubles fit the buffer")
    func widest() {
        let text = NumberFormat.fixed(1e308, decimals: 0)
        #expect(text == "100000000000000001097906362944045541740492309677311846336810682903157585404911491537163328978494688899061249669721172515611590283743140088328307009198146046031271664502933027185697489699588559043338384466165001178426897626212945177628091195786707458122783970171784415105291802893207873272974885715430223118336")
        #expect(NumberFormat.fixed(-.greatestFiniteMagnitude, decimals: 17).count == 328)
    }

    @Test("significant digits", arguments: [
        (2.718281828459045, 4, "2.718"),
        (1e-300, 3, "1e-300"),
        (123456789, 3, "1.23e+08"),
        (0.05, 1, "0.05"),
        (0.1, 17, "0.10000000000000001"),
        (100000, 6, "100000"),
        (1000000, 6, "1e+06"),
        (0.0001234, 3, "0.000123"),
        (0.00001234, 3, "1.23e-05"),
    ])
    func significant(_ x: Double, _ digits: Int, _ expected: String) {
        #expect(NumberFormat.significant(x, digits: digits) == expected)
    }

    @Test("digits are clamped to 1...17")
    func significantClamp() {
        #expect(NumberFormat.significant(0.05, digits: 0) == "0.05")
        #expect(NumberFormat.significant(0.1, digits: 99) == "0.10000000000000001")
    }

    @Test("percentages")
    func percent() {
        #expect(NumberFormat.percent(0.6364086465588308, decimals: 2) == "63.64%")
        #expect(NumberFormat.percent(1) == "100.0%")
        #expect(NumberFormat.percent(0) == "0.0%")
    }

    @Test("infinities and NaN are spelt out by every format")
    func nonFinite() {
        for (x, text) in [(Double.infinity, "inf"), (-.infinity, "-inf"), (.nan, "nan")] {
            #expect(NumberFormat.fixed(x, decimals: 3) == text)
            #expect(NumberFormat.significant(x, digits: 3) == text)
            #expect(formatShortest(x) == text)
        }
        #expect(NumberFormat.percent(.infinity) == "inf%")
    }

    @Test("formatShortest: the shortest text that reads back as the same double")
    func shortest() {
        #expect(formatShortest(0.1) == "0.1")
        #expect(formatShortest(1) == "1")
        #expect(formatShortest(-2.5) == "-2.5")
        #expect(formatShortest(100) == "100")
        #expect(formatShortest(1e300) == "1e+300")
        #expect(formatShortest(0.010000000000000004) == "0.010000000000000004")
        // Round trip through the parser for a spread of values.
        for x in [0.1, 1.0 / 3, 2.675, 1e-300, .leastNonzeroMagnitude, 6.02214076e23, -0.0001234, .greatestFiniteMagnitude] {
            #expect(NumberParsing.parseDouble(formatShortest(x)) == x)
        }
    }
}
