import Foundation
@testable import LabUI
import SoftmaxCore
import Testing

/// Percentages with one decimal, rounded together by largest remainder (Hamilton's
/// method), written out here apart from the UI: every value's tenths of a percent
/// rounded down, then one more tenth each to the largest remainders (the earlier
/// class on a tie) until the column adds up to its own rounded total. Signed, with a
/// real minus, as the chapters write shares.
/// With `probabilities`, the display rules of a probability column too: a non-zero p
/// given no tenth reads "<0.1%", one below 1 given all of them ">99.9%", and 0 "0%".
func hamiltonPercents(_ values: [Double], probabilities: Bool = false) -> [String] {
    let tenths = values.map { $0 * 1000 }
    var whole = tenths.map { floor($0) }
    var missing = Int((tenths.reduce(0, +) - whole.reduce(0, +)).rounded())
    let remainders = tenths.indices.map { ((tenths[$0] - whole[$0]) * 1e6).rounded() }
    for i in tenths.indices.sorted(by: { (remainders[$0], $1) > (remainders[$1], $0) }) where missing > 0 {
        whole[i] += 1
        missing -= 1
    }
    return values.indices.map { i in
        if probabilities {
            if values[i] <= 0 { return "0%" }
            if whole[i] == 0 { return "<0.1%" }
            if whole[i] >= 1000 { return values[i] >= 1 ? "100%" : ">99.9%" }
        }
        return (values[i] < 0 ? "−" : "") + String(format: "%.1f%%", abs(whole[i]) / 10)
    }
}

/// A screen's text with its lines trimmed and joined by spaces, so a sentence wrapped
/// over two lines reads whole.
func flattened(_ screen: String) -> String {
    screen.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: " ")
}

/// The percentages in a column of screen text, as numbers.
func percentValues(in text: Substring) -> [Double] {
    text.split(separator: " ").compactMap { word in
        guard word.hasSuffix("%") else { return nil }
        return Double(word.dropLast().replacingOccurrences(of: "−", with: "-"))
    }
}

/// Chapter 1: z/Σz, shift-to-the-minimum and softmax side by side.
@Suite struct Chapter01Tests {
    static func lesson(logits: [Double] = [2, 1, 0.5, 0.1, -1], temperature: Temperature = .one) -> LessonState {
        LessonState(chapterIndex: 0, instrument: ExplorerState(logits: logits, temperature: temperature, seed: 7, animates: false))
    }

    static func screen(_ lesson: LessonState, _ w: Int = 80, _ h: Int = 24, ascii: Bool = false) -> String {
        LessonScreen.render(lesson, width: w, height: h, options: ScreenOptions(unicode: !ascii)).text
    }

    static let tenLogits = [2.2, 1.6, 1.1, 0.7, 0.4, 0.1, -0.3, -0.8, -1.4, -2.0]
    static let tenLabels = ["ant", "bee", "cat", "dog", "eel", "fox", "gnu", "hen", "ibis", "jay"]

    static func ten(temperature: Temperature = .one) -> LessonState {
        LessonState(chapterIndex: 0, instrument: ExplorerState(logits: tenLogits, labels: tenLabels, temperature: temperature,
                                                               seed: 7, animates: false))
    }

    /// The verdicts as they stand on the screen: each from its ✗ or ✓ to the line before
    /// the next mark or blank row, joined.
    static func verdictsOnScreen(_ text: String) -> [String] {
        var out: [String] = []
        var current: String?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let body = line.dropFirst(2)
            if line.hasPrefix("  "), body.hasPrefix("✗ ") || body.hasPrefix("✓ ") || body.hasPrefix("x ") || body.hasPrefix("v ") {
                if let current { out.append(current) }
                current = String(body.dropFirst(2)).trimmingCharacters(in: .whitespaces)
            } else if let c = current, line.hasPrefix("    "), !line.trimmingCharacters(in: .whitespaces).isEmpty,
                      !line.contains("on these logits") {
                current = c + " " + line.trimmingCharacters(in: .whitespaces)
            } else if let c = current {
                out.append(c)
                current = nil
            }
        }
        if let current { out.append(current) }
        return out
    }

    @Test func snapshots() {
        GoldenFile.assertMatches(Self.screen(Self.lesson()), named: "chapter-01-default-80x24")
        GoldenFile.assertMatches(Self.screen(Self.lesson(), 120, 40), named: "chapter-01-default-120x40")
        GoldenFile.assertMatches(Self.screen(Self.lesson(logits: [0.5, 3, -4])), named: "chapter-01-negative-sum-80x24")
        GoldenFile.assertMatches(Self.screen(Self.ten(temperature: .greedy)), named: "chapter-01-ten-classes-T-set-aside-80x24")
    }

    @Test func theDefaultLogitsShowTheBreak() {
        // Σz = 2 + 1 + 0.5 + 0.1 - 1 = 2.6, so E gets -1/2.6; the column is rounded as a whole.
        let z = [2, 1, 0.5, 0.1, -1.0]
        let divided = hamiltonPercents(z.map { $0 / 2.6 })
        let row = Self.screen(Self.lesson()).split(separator: "\n").first { $0.contains(" E ") && $0.contains("-1.00") }
        let text = String(row ?? "")
        #expect(text.contains(divided[4] + " ✗"))
        #expect(text.contains("0.0% ✗"))
        // softmax: e^z / (e^2 + e^1 + e^0.5 + e^0.1 + e^-1).
        #expect(text.contains(hamiltonPercents(closedFormSoftmax(z))[4]))
    }

    @Test func verdictsQuoteNumbersComputedIndependently() {
        let z = [2, 1, 0.5, 0.1, -1.0]
        let plain = WhySoftmax(logits: z, labels: ["A", "B", "C", "D", "E"])
        #expect(plain.dividedBySumVerdict.broken)
        #expect(plain.dividedBySumVerdict.text.contains("E gets \(hamiltonPercents(z.map { $0 / 2.6 })[4])"))
        // D is 0.1 - (-1) = 1.10 above E.
        #expect(plain.shiftedVerdict.text.contains("E, the smallest, gets exactly 0, though only 1.10 below D"))
        #expect(plain.softmaxVerdict.text.contains("even E keeps \(hamiltonPercents(closedFormSoftmax(z))[4])"))
        #expect(plain.softmaxVerdict.text.contains("A is 1.00 above B, so e^1.00 = \(String(format: "%.3g", M_E)) times"))

        // 0.5 + 3 - 4 = -0.5: B, the largest, gets 3 / -0.5 = -600 %.
        let negative = WhySoftmax(logits: [0.5, 3, -4], labels: ["A", "B", "C"])
        #expect(negative.dividedBySumVerdict.text.contains("sum to −0.50"))
        #expect(negative.dividedBySumVerdict.text.contains("B, the largest, gets −600.0%"))
        #expect(negative.shiftedVerdict.text.contains("C, the smallest, gets exactly 0, though only 4.50 below A"))
        let p2 = closedFormSoftmax([0.5, 3, -4])
        #expect(negative.softmaxVerdict.text.contains("even C keeps \(hamiltonPercents(p2)[2])"))
        #expect(negative.softmaxVerdict.text.contains("e^2.50 = \(String(format: "%.3g", exp(2.5)))"))
    }

    @Test func aTieForTheLargestLogitIsNamedAsATie() {
        // 3 + 3 - 7 = -1: A and B, tied for the largest, each get 3 / -1 = -300 %, and C 700 %.
        let tied = WhySoftmax(logits: [3, 3, -7], labels: ["A", "B", "C"])
        #expect(tied.dividedBySumVerdict.text.contains("A and B, the largest, each get −300.0%"))
        #expect(tied.dividedBySumVerdict(short: true).text.contains("A and B, the largest, each get −300.0%"))
        #expect(tied.dividedTexts == ["−300.0%", "−300.0%", "700.0%"])
        // The smallest, tied too.
        let low = WhySoftmax(logits: [1, -2, -2], labels: ["A", "B", "C"])
        #expect(low.shiftedVerdict.text.contains("B and C, the smallest, each get exactly 0"))
    }

    /// Each column adds up to 100.0, as its value sums to 1: the shares are rounded
    /// together, negative ones included, and the verdicts quote the column.
    @Test func everyColumnAddsUpToAHundred() {
        for lesson in [Self.ten(), Self.lesson(), Self.lesson(logits: [2.2, 1.6, 1.1, 0.7, 0.4])] {
            let z = lesson.instrument.logits
            let sum = z.reduce(0, +)
            let low = z.min() ?? 0
            let shiftedSum = z.reduce(0) { $0 + $1 - low }
            let p = closedFormSoftmax(z)
            let expected = [hamiltonPercents(z.map { $0 / sum }), hamiltonPercents(z.map { ($0 - low) / shiftedSum }),
                            hamiltonPercents(p)]
            // The table's rows: a class's name, then its shares.
            let rows = Self.screen(lesson).split(separator: "\n").filter { row in
                lesson.instrument.labels.contains { row.dropFirst(4).hasPrefix($0 + " ") } && percentValues(in: row).count >= 2
            }
            #expect(rows.count == z.count)
            var totals = [0.0, 0.0, 0.0]
            for (i, row) in rows.enumerated() {
                let values = percentValues(in: row)
                #expect(values.count == 3, "\(row)")
                for k in 0..<min(3, values.count) {
                    totals[k] += values[k]
                    #expect(row.contains(expected[k][i]), "\(row) lacks \(expected[k][i])")
                }
            }
            for total in totals { #expect(abs(total - 100) < 1e-9, "a column adds up to \(total)") }
        }
        // The default logits' z/Σz by largest remainder: 2/2.6 = 76.92 %, 1/2.6 = 38.46 %, …
        #expect(WhySoftmax.shareColumn([2, 1, 0.5, 0.1, -1].map { $0 / 2.6 })
            == hamiltonPercents([2, 1, 0.5, 0.1, -1].map { $0 / 2.6 }))
    }

    /// Ten classes on 80×24, even with T set aside (one more line): all three verdicts
    /// are whole, each in its full or its short wording, and every class is listed.
    @Test func tenClassesAt80x24KeepEveryVerdictWhole() throws {
        for t in [Temperature.one, try Temperature(0.5), .greedy] {
            for ascii in [false, true] {
                let lesson = Self.ten(temperature: t)
                let text = Self.screen(lesson, ascii: ascii)
                let c = WhySoftmax(logits: Self.tenLogits, labels: Self.tenLabels)
                let glyphs = ScreenOptions(unicode: !ascii).glyphs
                let verdicts = Self.verdictsOnScreen(text)
                #expect(verdicts.count == 3, "\(text)")
                for (k, shown) in verdicts.enumerated() where k < 3 {
                    let accepted = [c.verdicts(short: false)[k].text, c.verdicts(short: true)[k].text].map(glyphs.text)
                    #expect(accepted.contains(shown), "verdict \(k) reads \(shown)")
                }
                for label in Self.tenLabels { #expect(text.contains(" \(label) "), "\(label) missing") }
                if t != .one { #expect(text.contains("T = 1")) }
            }
        }
    }

    /// Wherever the page fits, every verdict is whole, at every size and class count.
    @Test func verdictsAreWholeAtEverySize() {
        for (w, h) in [(80, 24), (120, 40), (100, 30)] {
            for k in [2, 5, 10] {
                let lesson = LessonState(chapterIndex: 0, instrument: ExplorerState(
                    logits: Array(Self.tenLogits.prefix(k)), labels: Array(Self.tenLabels.prefix(k)), seed: 7, animates: false))
                let c = WhySoftmax(logits: lesson.instrument.logits, labels: lesson.instrument.labels)
                let verdicts = Self.verdictsOnScreen(Self.screen(lesson, w, h))
                #expect(verdicts.count == 3)
                for (i, shown) in verdicts.enumerated() where i < 3 {
                    #expect([c.verdicts(short: false)[i].text, c.verdicts(short: true)[i].text].contains(shown),
                            "K = \(k), \(w)×\(h): \(shown)")
                }
            }
        }
    }

    @Test func theChecklistShowsWhereThereIsRoom() {
        #expect(Self.screen(Self.lesson(), 120, 40).contains("same answer after +1 on every logit"))
        // Two classes leave room for it on 80×24; ten do not, and it is left out whole.
        let two = LessonState(chapterIndex: 0, instrument: ExplorerState(logits: [2.2, 1.6], labels: ["ant", "bee"], seed: 7))
        #expect(Self.screen(two).contains("a gap Δz always means a ratio e^Δz"))
        #expect(!Self.screen(Self.ten()).contains("on these logits"))
    }

    @Test func asciiSpellsTheHeadersWhole() {
        let text = Self.screen(Self.ten(), ascii: true)
        #expect(text.contains("z/sumz"))
        #expect(text.contains("(z-min)/sum"))
        #expect(text.allSatisfy { $0.isASCII })
    }

    @Test func divisionsByZeroAreNamed() {
        // 1 + 3 - 4 = 0.
        let zero = WhySoftmax(logits: [1, 3, -4], labels: ["A", "B", "C"])
        #expect(zero.dividedBySumVerdict.text.contains("divides by zero"))
        #expect(Self.screen(LessonState(chapterIndex: 0, instrument: ExplorerState(logits: [1, 3, -4], seed: 7)))
            .contains("/0 ✗"))
        let equal = WhySoftmax(logits: [1, 1, 1, 1], labels: ["A", "B", "C", "D"])
        #expect(equal.shiftedVerdict.text.contains("divides 0 by 0 (softmax gives each 25.0%)"))
        #expect(!equal.dividedBySumVerdict.text.contains("moves"))
    }

    @Test func checklistMarksWhatEachRecipeGetsRight() {
        let c = WhySoftmax(logits: [2, 1, 0.5, 0.1, -1], labels: ["A", "B", "C", "D", "E"]).checklist
        let table = Dictionary(uniqueKeysWithValues: c.map { ($0.0, $0.1) })
        // Columns: z/Σz, (z−min)/Σ, softmax.
        #expect(table[.positive] == [false, false, true])
        #expect(table[.sumsToOne] == [true, true, true])
        #expect(table[.keepsOrder] == [true, true, true])
        #expect(table[.ignoresShift] == [false, true, true])
        #expect(table[.gapSetsRatio] == [false, false, true])
        // A negative sum reverses the order.
        let flipped = WhySoftmax(logits: [0.5, 3, -4], labels: ["A", "B", "C"]).checklist
        #expect(flipped.first { $0.0 == .keepsOrder }?.1 == [false, true, true])
    }

    @Test func keysPassThroughToTheInstrument() {
        var lab = LabState(mode: .lesson, lesson: Self.lesson())
        lab.handle(.down)
        lab.handle(.character("+"))
        #expect(lab.lesson.chapterIndex == 0)
        #expect(lab.explorer.selected == 1)
        #expect(lab.explorer.logits == [2, 1.1, 0.5, 0.1, -1])
    }

    @Test func aTemperatureOtherThanOneIsSetAside() throws {
        let text = flattened(Self.screen(Self.lesson(temperature: try Temperature(0.5))))
        #expect(text.contains("Softmax here is plain, at T = 1; the header's T = 0.500 waits for chapter 3"))
        // The softmax column stays at T = 1: E still has e^-1 / Σ e^z.
        #expect(text.contains(hamiltonPercents(closedFormSoftmax([2, 1, 0.5, 0.1, -1]))[4]))
    }
}
