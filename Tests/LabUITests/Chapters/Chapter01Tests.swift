import Foundation
@testable import LabUI
import SoftmaxCore
import Testing

/// Chapter 1: z/Σz, shift-to-the-minimum and softmax side by side.
@Suite struct Chapter01Tests {
    static func lesson(logits: [Double] = [2, 1, 0.5, 0.1, -1]) -> LessonState {
        LessonState(chapterIndex: 0, instrument: ExplorerState(logits: logits, seed: 7, animates: false))
    }

    static func screen(_ lesson: LessonState, _ w: Int = 80, _ h: Int = 24) -> String {
        LessonScreen.render(lesson, width: w, height: h).text
    }

    /// Percent with one decimal and a real minus sign, as the chapter writes shares.
    static func percent(_ x: Double) -> String {
        (x < 0 ? "−" : "") + String(format: "%.1f%%", abs(x) * 100)
    }

    @Test func snapshots() {
        GoldenFile.assertMatches(Self.screen(Self.lesson()), named: "chapter-01-default-80x24")
        GoldenFile.assertMatches(Self.screen(Self.lesson(), 120, 40), named: "chapter-01-default-120x40")
        GoldenFile.assertMatches(Self.screen(Self.lesson(logits: [0.5, 3, -4])), named: "chapter-01-negative-sum-80x24")
    }

    @Test func theDefaultLogitsShowTheBreak() {
        // Σz = 2 + 1 + 0.5 + 0.1 - 1 = 2.6, so E gets -1/2.6.
        let row = Self.screen(Self.lesson()).split(separator: "\n").first { $0.contains(" E ") && $0.contains("-1.00") }
        let text = String(row ?? "")
        #expect(text.contains(Self.percent(-1 / 2.6) + " ✗"))
        #expect(text.contains("0.0% ✗"))
        // softmax: e^-1 / (e^2 + e^1 + e^0.5 + e^0.1 + e^-1).
        let z = exp(2.0) + exp(1.0) + exp(0.5) + exp(0.1) + exp(-1.0)
        #expect(text.contains(Self.percent(exp(-1.0) / z)))
    }

    @Test func verdictsQuoteNumbersComputedIndependently() {
        let z = exp(2.0) + exp(1.0) + exp(0.5) + exp(0.1) + exp(-1.0)
        let plain = WhySoftmax(logits: [2, 1, 0.5, 0.1, -1], labels: ["A", "B", "C", "D", "E"])
        #expect(plain.dividedBySumVerdict.broken)
        #expect(plain.dividedBySumVerdict.text.contains("E gets \(Self.percent(-1 / 2.6))"))
        // D is 0.1 - (-1) = 1.10 above E.
        #expect(plain.shiftedVerdict.text.contains("E, the smallest, gets exactly 0, though only 1.10 below D"))
        #expect(plain.softmaxVerdict.text.contains("even E keeps \(Self.percent(exp(-1.0) / z))"))
        #expect(plain.softmaxVerdict.text.contains("A is 1.00 above B, so e^1.00 = \(String(format: "%.3g", M_E)) times"))

        // 0.5 + 3 - 4 = -0.5: B, the largest, gets 3 / -0.5 = -600 %.
        let negative = WhySoftmax(logits: [0.5, 3, -4], labels: ["A", "B", "C"])
        #expect(negative.dividedBySumVerdict.text.contains("sum to −0.50"))
        #expect(negative.dividedBySumVerdict.text.contains("B, the largest, gets \(Self.percent(3 / -0.5))"))
        #expect(negative.shiftedVerdict.text.contains("C, the smallest, gets exactly 0, though only 4.50 below A"))
        let z2 = exp(0.5) + exp(3.0) + exp(-4.0)
        #expect(negative.softmaxVerdict.text.contains("even C keeps \(Self.percent(exp(-4.0) / z2))"))
        #expect(negative.softmaxVerdict.text.contains("e^2.50 = \(String(format: "%.3g", exp(2.5)))"))
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
        var lesson = Self.lesson()
        lesson.instrument.temperature = try Temperature(0.5)
        let text = Self.screen(lesson)
        #expect(text.contains("T = 1"))
        // The softmax column stays at T = 1: E still has e^-1 / Σ e^z.
        let z = exp(2.0) + exp(1.0) + exp(0.5) + exp(0.1) + exp(-1.0)
        #expect(text.contains(Self.percent(exp(-1.0) / z)))
    }
}
