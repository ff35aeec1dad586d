import Foundation
import SoftmaxCore
import Testing
@testable import LogitFiles

/// The byte parser must mean what SoftmaxCore's `NumberParsing.parseDouble` means: the
/// same cells read as numbers, as the same doubles. Checked on chosen cases and on
/// seeded random text, against parseDouble itself.
@Suite struct ByteNumbersTests {
    private func parsed(_ text: String) -> Double? {
        Array(text.utf8).withUnsafeBytes { ByteNumbers.parseDouble($0, 0, $0.count) }
    }

    /// Both nil, or the same bits (any NaN matching any NaN).
    private func agrees(_ text: String) -> Bool {
        let ours = parsed(text), reference = NumberParsing.parseDouble(text)
        switch (ours, reference) {
        case (nil, nil): return true
        case let (a?, b?): return a.bitPattern == b.bitPattern || (a.isNaN && b.isNaN)
        default: return false
        }
    }

    @Test(arguments: [
        "0", "-0", "+0.0", "0.1", "-0.5", "1.", ".5", "+.5", "1e5", "1E+05", "1.5e-0003", "00012",
        "123456789012345", "9007199254740992", "9007199254740993", "12345678901234567890123",
        "0.000000000000000000000000001", "1e22", "1e23", "1e-22", "1e-23", "4.940656458412465442e-324",
        "1.000000000000000053e+300", "1e400", "-1e400", "1e-400", "0e99999999999", "1e0000000000000000005",
        " 2 ", "\t-3\t", "", " ", "1e", "1e+", ".", "-", "+", "--1", "1.2.3", "1e5.0", "1ee5", "e5", "0x10",
        "1_0", "nan", "NaN", "inf", "-Infinity", "∞", "-∞", "1,5", "१", String(repeating: "1", count: 64),
        String(repeating: "1", count: 65), "1" + String(repeating: "0", count: 63),
    ])
    func chosenCellsAgreeWithParseDouble(text: String) {
        #expect(agrees(text), "\(text): \(String(describing: parsed(text))) vs \(String(describing: NumberParsing.parseDouble(text)))")
    }

    /// The fast path is exact where it applies: 0.1 is the double nearest to 1/10.
    @Test func theFastPathRoundsCorrectly() {
        #expect(parsed("0.1") == 0.1)
        #expect(parsed("-0")?.sign == .minus)
        #expect(parsed("123456789012345e-22") == 123456789012345e-22)
    }

    /// Random text over the characters of numbers (and a few others), so that malformed
    /// signs, points and exponents meet the parser in every arrangement.
    @Test func seededRandomTextAgreesWithParseDouble() {
        var random = SeededGenerator(seed: 0xB17E5)
        let alphabet = Array("0123456789012345678900000.....+-eE ") + ["n", "a", "i", "f", "\t", "x"]
        var disagreements: [String] = []
        for _ in 0..<30_000 {
            let length = Int(random.next() % 24)
            let text = String((0..<length).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] })
            if !agrees(text) { disagreements.append(text) }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(10))")
    }

    /// Doubles of every size as programs write them: shortest round trip, numpy's
    /// '%.18e', '%.17g', '%.6f' and '%g'.
    @Test func seededRandomDoublesInEveryFormatAgree() {
        var random = SeededGenerator(seed: 42)
        var disagreements: [String] = []
        for _ in 0..<10_000 {
            let value = Double(bitPattern: random.next())
            guard value.isFinite else { continue }
            let scaled = value.exponent < 80 && value.exponent > -80 ? value : random.nextUniform() * 200 - 100
            for text in ["\(value)", "\(scaled)", String(format: "%.18e", value), String(format: "%.17g", scaled),
                         String(format: "%.6f", scaled), String(format: "%g", value)]
            where !agrees(text) {
                disagreements.append(text)
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(10))")
    }

    @Test(arguments: [("3", 3), ("-2", -2), ("3.0", 3), ("3.000000000000000000e+00", 3), ("1e2", 100)])
    func wholeNumbersAreLabels(text: String, label: Int) {
        #expect(Array(text.utf8).withUnsafeBytes { ByteNumbers.parseLabel($0, 0, $0.count) } == label)
    }

    @Test(arguments: ["2.5", "nan", "inf", "1e300", "-9007199254740994", "x", ""])
    func otherNumbersAreNotLabels(text: String) {
        #expect(Array(text.utf8).withUnsafeBytes { ByteNumbers.parseLabel($0, 0, $0.count) } == nil)
    }
}
