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

/// A screen's text with every run of spaces and line breaks made one space, so a table
/// row reads as its cells in order.
func squeezed(_ screen: String) -> String {
    screen.split(whereSeparator: \.isWhitespace).joined(separator: " ")
}

/// The percentages in a column of screen text, as numbers.
func percentValues(in text: Substring) -> [Double] {
    text.split(separator: " ").compactMap { word in
        guard word.hasSuffix("%") else { return nil }
        return Double(word.dropLast().replacingOccurrences(of: "−", with: "-"))
    }
}

/// The logits a teacher types to see what happens where e^z leaves the doubles.
let extremeLogitSets: [[Double]] = [[800, 0], [1e300, 0], [-1e300, 0], [1e300, 0, -1e300], [-800, 0], [800, 0, -5]]

/// What no chapter shows at the extremes: a line past the screen's width, a run of more
/// than six digits (a number not written to fit its cell), "inf" or "nan" (but for the
/// slider's end, T->inf in ASCII); and, unless
/// the screen also shows counted frequencies (`probabilitiesOnly` false), a class that
/// has weight at "0%" or one that is not certain at "100%".
func expectExactAtExtremes(_ text: String, width: Int, probabilitiesOnly: Bool = true, _ context: String,
                           sourceLocation: SourceLocation = #_sourceLocation) {
    for line in text.split(separator: "\n") {
        #expect(line.count <= width, "\(context): a line of \(line.count)", sourceLocation: sourceLocation)
    }
    let longest = text.split { !$0.isNumber }.map(\.count).max() ?? 0
    #expect(longest <= 6, "\(context): a number \(longest) digits long\n\(text)", sourceLocation: sourceLocation)
    // The slider's end, T → ∞, is spelt "T->inf" in ASCII: the limit of T, no number.
    let numbers = text.replacingOccurrences(of: "T->inf", with: "")
    #expect(!numbers.contains("inf") && !numbers.contains("nan"), "\(context)\n\(text)", sourceLocation: sourceLocation)
    if probabilitiesOnly {
        let words = text.split(separator: " ")
        #expect(!words.contains("0%") && !words.contains("100%"), "\(context)\n\(text)", sourceLocation: sourceLocation)
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

        // 0.5 + 3 - 4 = -0.5: B, the largest, gets 3 / -0.5 = -600 %, the smallest share.
        let negative = WhySoftmax(logits: [0.5, 3, -4], labels: ["A", "B", "C"])
        #expect(negative.dividedBySumVerdict.text.contains("sum to −0.50"))
        #expect(negative.dividedBySumVerdict.text.contains("reverses the order: B, the largest, gets the smallest share, −600.0%"))
        #expect(negative.shiftedVerdict.text.contains("C, the smallest, gets exactly 0, though only 4.50 below A"))
        let p2 = closedFormSoftmax([0.5, 3, -4])
        #expect(negative.softmaxVerdict.text.contains("even C keeps \(hamiltonPercents(p2)[2])"))
        #expect(negative.softmaxVerdict.text.contains("e^2.50 = \(String(format: "%.3g", exp(2.5)))"))
    }

    @Test func aTieForTheLargestLogitIsNamedAsATie() {
        // 3 + 3 - 7 = -1: A and B, tied for the largest, each get 3 / -1 = -300 %, and C 700 %.
        let tied = WhySoftmax(logits: [3, 3, -7], labels: ["A", "B", "C"])
        #expect(tied.dividedBySumVerdict.text.contains("A and B, the largest, each get the smallest share, −300.0%"))
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
        #expect(Shares.dividedBySum([2, 1, 0.5, 0.1, -1]).map(WhySoftmax.shareColumn)
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


/// Chapter 1 at the extremes a teacher types: logits of 800 or 1e300, where e^z and the
/// probabilities leave the doubles. Every number is worked out from its log and written
/// to fit its cell; no finite number reads inf and no positive one 0.
///
/// The references were computed with mpmath at 60 digits (nstr(x, 3) for three
/// significant digits), by this script:
///
///     from mpmath import mp, mpf, exp, log, nstr
///     mp.dps = 60
///     sci = lambda x, d=3: nstr(x, d, min_fixed=0, max_fixed=0)
///     sci(exp(800))                               # 2.73e+347    e^800
///     sci(exp(-800) / (1 + exp(-800)))            # 3.67e-348    p(B) for logits 800, 0
///     sci(mpf('1e300') / log(10))                 # 4.34e+299    e^1e300 = 10^4.34e+299
///     sci(mpf('2e300') / log(10))                 # 8.69e+299    p(C) = e^-2e300 for 1e300, 0, -1e300
///     z = [mpf('1e300'), mpf('-1e300'), mpf('1e-300')]
///     [sci(100 * v / sum(z), 2) for v in z]       # 1.0e+602, -1.0e+602, 1.0e+2   (z/Σz in %)
///     sci(mpf('1.7976931348623157e308') / log(10))  # 7.81e+307  e^(largest double) = 10^7.81e+307
@Suite struct Chapter01ExtremeTests {
    static func lesson(_ logits: [Double]) -> LessonState { Chapter01Tests.lesson(logits: logits) }

    static let extremes: [[Double]] = [[800, 0], [1e300, 0], [-1e300, 0], [1e300, 0, -1e300], [-800, 0], [800, 0, -5],
                                       [1.7976931348623157e308, -1.7976931348623157e308], [1e300, -1e300, 1e-300]]

    @Test func e800IsARatioNotInfinity() {
        let c = WhySoftmax(logits: [800, 0], labels: ["A", "B"])
        #expect(c.softmaxVerdict.text.contains("A is 800.00 above B, so e^800.00 = 2.73e+347 times as likely"))
        #expect(c.softmaxVerdict(short: true).text.contains("e^800.00 = 2.73e+347 times as likely"))
        // B's probability e^-800 / (1 + e^-800) underflows as a double, but not as a log.
        #expect(c.softmaxVerdict.text.contains("even B keeps p = 3.67e-348"))
        #expect(c.softmaxTexts == [">99.9%", "<0.1%"])
        let text = Chapter01Tests.screen(Self.lesson([800, 0]))
        #expect(!text.contains("inf"))
        let row = text.split(separator: "\n").first { $0.contains(" B ") && $0.contains("0.00") }.map(String.init) ?? ""
        #expect(row.hasSuffix("<0.1%"), "\(row)")
    }

    @Test func logitsOf1e300AreWrittenInPowersOfTen() {
        let c = WhySoftmax(logits: [1e300, 0], labels: ["A", "B"])
        #expect(c.softmaxVerdict.text.contains("A is 1e+300 above B, so e^1e+300 = 10^4.34e+299 times as likely"))
        #expect(c.softmaxVerdict.text.contains("even B keeps p = 10^-4.34e+299"))
        #expect(c.shiftedVerdict.text.contains("B, the smallest, gets exactly 0, 1e+300 below A"))
        let three = WhySoftmax(logits: [1e300, 0, -1e300], labels: ["A", "B", "C"])
        #expect(three.softmaxVerdict.text.contains("even C keeps p = 10^-8.69e+299"))
        #expect(three.softmaxTexts == [">99.9%", "<0.1%", "<0.1%"])
        // Σz = -1e300: the order reverses, and B's 0 / -1e300 is the smallest share.
        let negative = WhySoftmax(logits: [-1e300, 0], labels: ["A", "B"])
        #expect(negative.dividedBySumVerdict.text.contains("the logits sum to −1e+300, and dividing by a negative sum reverses the order"))
    }

    /// z/Σz can give a share past the doubles: 1e300 / 1e-300 is 1e600, written from its log.
    @Test func aShareBeyondTheDoublesIsNoInfinity() {
        let c = WhySoftmax(logits: [1e300, -1e300, 1e-300], labels: ["A", "B", "C"])
        #expect(c.dividedTexts == ["1.0e+602%", "−1.0e+602%", "100.0%"])
    }

    /// Logits further apart than the largest double: the gap is no number, but it is more
    /// than 1.8e+308, and the ratio more than e^1.8e+308 = 10^7.81e+307.
    @Test func aGapPastTheDoublesIsABound() {
        let c = WhySoftmax(logits: [1.7976931348623157e308, -1.7976931348623157e308], labels: ["A", "B"])
        #expect(c.softmaxVerdict.text.contains("A is more than 1.8e+308 above B, so more than 10^7.81e+307 times as likely"))
        #expect(c.softmaxVerdict.text.contains("even B keeps p < 1/10^7.81e+307"))
        #expect(c.softmaxTexts == [">99.9%", "<0.1%"])
        #expect(!c.shiftedVerdict.text.contains("equal"))
    }

    /// Under the ✓ verdict the checklist keeps the truth: softmax gives every class a
    /// share above 0, in the logits' order, with ratio e^Δz, however far the doubles underflow.
    @Test func theChecklistReadsLogsNotUnderflowedDoubles() {
        for z in Self.extremes {
            let c = WhySoftmax(logits: z, labels: Array(["A", "B", "C"].prefix(z.count)))
            for (property, results) in c.checklist {
                #expect(results[2], "softmax fails '\(property.name)' on \(z)")
            }
        }
        // z/Σz on 1e300, 0: B gets 0 and +1 moves it to 1/(1e300 + 1) > 0, so neither holds.
        let table = Dictionary(uniqueKeysWithValues: WhySoftmax(logits: [1e300, 0], labels: ["A", "B"]).checklist.map { ($0.0, $0.1) })
        #expect(table[.positive] == [false, false, true])
        #expect(table[.ignoresShift] == [false, true, true])
        #expect(table[.keepsOrder] == [true, true, true])
        // All negative: every z/Σz share is positive, only the order is reversed.
        let negatives = Dictionary(uniqueKeysWithValues: WhySoftmax(logits: [-1, -2, -3], labels: ["A", "B", "C"]).checklist.map { ($0.0, $0.1) })
        #expect(negatives[.positive] == [true, false, true])
        #expect(negatives[.keepsOrder] == [false, true, true])
    }

    /// The wording: with every logit negative it is the order that z/Σz reverses, and
    /// every share is positive, so no sentence says the signs flip.
    @Test func aNegativeSumReversesTheOrder() {
        let c = WhySoftmax(logits: [-1, -2, -3], labels: ["A", "B", "C"])
        // -1 / -6 = 16.7 %, the smallest share for the largest logit.
        #expect(c.dividedBySumVerdict.text.contains("the logits sum to −6.00, and dividing by a negative sum reverses the order: "
            + "A, the largest, gets the smallest share, 16.7%"))
        #expect(c.dividedBySumVerdict(short: true).text.contains("reverses the order"))
        for verdict in c.verdicts(short: false) + c.verdicts(short: true) { #expect(!verdict.text.contains("sign")) }
        let intro = flattened(Chapter01Tests.screen(Self.lesson([-1, -2, -3])))
        #expect(intro.contains("probabilities must be at least 0 and sum to 1"))
    }

    /// Every extreme at both sizes and in ASCII: each line within the screen, no run of
    /// digits longer than a cell, no "inf" and no "nan".
    @Test func everyNumberFitsItsCell() throws {
        for z in Self.extremes {
            for (w, h) in [(80, 24), (120, 40)] {
                for ascii in [false, true] {
                    let text = Chapter01Tests.screen(Self.lesson(z), w, h, ascii: ascii)
                    for line in text.split(separator: "\n") { #expect(line.count <= w) }
                    let longest = text.split { !$0.isNumber }.map(\.count).max() ?? 0
                    #expect(longest <= 6, "\(z) at \(w)×\(h): a number \(longest) digits long")
                    #expect(!text.contains("inf") && !text.contains("nan"), "\(z) at \(w)×\(h)")
                    // The three verdicts are whole.
                    #expect(Chapter01Tests.verdictsOnScreen(text).count == 3, "\(z) at \(w)×\(h)\n\(text)")
                }
            }
        }
    }

    @Test func snapshots() {
        GoldenFile.assertMatches(Chapter01Tests.screen(Self.lesson([800, 0])), named: "chapter-01-logits-800-0-80x24")
        GoldenFile.assertMatches(Chapter01Tests.screen(Self.lesson([1e300, 0])), named: "chapter-01-logits-1e300-0-80x24")
    }
}
