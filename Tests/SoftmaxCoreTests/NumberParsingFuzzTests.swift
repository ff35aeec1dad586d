import SoftmaxCore
import Testing

/// A seeded random-input test of the number parser: a million strings built from
/// the characters that matter (digits, signs, exponents, points, spaces, words,
/// control characters and non-ASCII), checked against the parser's documented rules.
@Suite struct NumberParsingFuzzTests {
    static let alphabet: [String] = [
        "0", "1", "2", "5", "9", ".", "-", "+", "e", "E", " ", "\t", "i", "n", "f", "a", "x", "inf", "nan",
        "infinity", "∞", "1e308", "1e309", "\u{1b}", "\u{0}", "\u{7f}", "é", "漢", "🚀", ",", "_", "0x", "p",
    ]

    @Test func aMillionRandomStrings() {
        var generator = SeededGenerator(seed: 20_261_124)
        var accepted = 0
        for _ in 0..<1_000_000 {
            let length = Int(generator.next() % 12)
            var text = ""
            for _ in 0..<length { text += Self.alphabet[Int(generator.next() % UInt64(Self.alphabet.count))] }
            let parsed = NumberParsing.parseDouble(text)
            let trimmed = String(text.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
            if trimmed.isEmpty || trimmed.utf8.count > NumberParsing.maximumLength {
                #expect(parsed == nil, "\(text.debugDescription)")
                continue
            }
            if let parsed {
                accepted += 1
                // Whatever is accepted is either what Swift's own decimal reading gives
                // or one of the spelled-out specials.
                let decimal = Double(trimmed)
                let special = ["inf", "+inf", "infinity", "+infinity", "∞", "-inf", "-infinity", "-∞", "nan"]
                    .contains(trimmed.lowercased())
                #expect((decimal.map { $0 == parsed || ($0.isNaN && parsed.isNaN) } ?? false) || special,
                        "\(text.debugDescription) -> \(parsed)")
                // Nothing outside the decimal characters gets through as a plain number.
                if !special {
                    #expect(trimmed.unicodeScalars.allSatisfy { "0123456789.-+eE".unicodeScalars.contains($0) })
                }
            }
        }
        // The alphabet is rich enough that some strings are numbers; otherwise the test proves nothing.
        #expect(accepted > 10_000)
    }

    @Test func logitListsNeverTrapAndRefuseWithAPosition() {
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<100_000 {
            let items = Int(generator.next() % 5)
            var text = ""
            for i in 0..<items {
                if i > 0 { text += "," }
                for _ in 0..<Int(generator.next() % 4) { text += Self.alphabet[Int(generator.next() % UInt64(Self.alphabet.count))] }
            }
            do {
                let logits = try NumberParsing.parseLogits(text)
                #expect(!logits.isEmpty && logits.allSatisfy { $0.isFinite || $0.isMaskedLogit })
                #expect(logits.contains { $0.isFinite })
            } catch {
                switch error {
                case .empty: #expect(text.allSatisfy { $0 == " " })
                case .everyClassMasked: #expect(text.contains("-"))
                case .notANumber(let position, _), .notFinite(let position, _):
                    // Items may hold commas of their own, so count the fields the parser saw.
                    let fields = text.split(separator: ",", omittingEmptySubsequences: false).count
                    #expect(position >= 1 && position <= fields)
                }
            }
        }
    }
}
