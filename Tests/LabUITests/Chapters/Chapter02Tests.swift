import Foundation
@testable import LabUI
import SoftmaxCore
import Testing

/// Chapter 2: the plain softmax at T = 1, and a logit gap as a probability ratio.
@Suite struct Chapter02Tests {
    static func lab(logits: [Double] = [2, 1, 0.5, 0.1, -1], temperature: Temperature = .one) -> LabState {
        LabState(mode: .lesson, lesson: LessonState(
            chapterIndex: 1, instrument: ExplorerState(logits: logits, temperature: temperature, seed: 7, animates: false)))
    }

    static func screen(_ lab: LabState, _ w: Int = 80, _ h: Int = 24) -> String {
        LessonScreen.render(lab.lesson, width: w, height: h).text
    }

    @Test func snapshots() throws {
        GoldenFile.assertMatches(Self.screen(Self.lab()), named: "chapter-02-default-80x24")
        GoldenFile.assertMatches(Self.screen(Self.lab(), 120, 40), named: "chapter-02-default-120x40")
        var cold = Self.lab(temperature: try Temperature(0.5))
        cold.handle(.down)
        cold.handle(.down)
        cold.handle(.right)
        GoldenFile.assertMatches(Self.screen(cold), named: "chapter-02-T-held-80x24")
    }

    @Test func temperatureKeysAreTakenAndLeaveTAlone() throws {
        for key in [Key.right, .left, .character("l"), .character("h"), .shiftRight, .character("u")] {
            var lab = Self.lab(temperature: try Temperature(0.5))
            lab.handle(key)
            #expect(lab.explorer.temperature == (try Temperature(0.5)))
            #expect(lab.explorer.notice == .info("T stays at 1 in this chapter; turn it in chapter 3, the dial."))
            #expect(lab.lesson.chapterIndex == 1)
        }
        var lab = Self.lab()
        lab.handle(.right)
        #expect(Self.screen(lab).contains("T stays at 1 in this chapter"))
        // The next key that reaches the instrument clears the note.
        lab.handle(.down)
        #expect(lab.explorer.notice == nil)
    }

    @Test func selectionAndLogitKeysReachTheInstrument() {
        var lab = Self.lab()
        lab.handle(.down)
        lab.handle(.character("+"))
        lab.handle(.character("+"))
        #expect(lab.explorer.selected == 1)
        #expect(lab.explorer.logits == [2, 1.2, 0.5, 0.1, -1])
        lab.handle(.up)
        #expect(lab.explorer.selected == 0)
    }

    @Test func theGapLineMatchesTheClosedForm() throws {
        // Default logits, A selected: gap 2 - 1 = 1, ratio e.
        let plain = LogitsToProbabilities(instrument: Self.lab().explorer)
        #expect(plain.gapLine == "A vs B: gap Δz = 1.00 → ratio e^Δz = \(String(format: "%.2f", M_E))")
        let z = exp(2.0) + exp(1.0) + exp(0.5) + exp(0.1) + exp(-1.0)
        let pA = exp(2.0) / z, pB = exp(1.0) / z
        #expect(plain.ratioCheckLine.hasSuffix(
            "p(A) / p(B) = \(String(format: "%.4f", pA)) / \(String(format: "%.4f", pB)) = \(String(format: "%.2f", pA / pB))"))
        #expect(plain.formulaLine == "p(A) = e^2.00 / Σ e^z = \(String(format: "%.4g", exp(2.0))) / "
            + "\(String(format: "%.4g", z)) = \(String(format: "%.4f", pA))")

        // Logits 3, 1, 0 with T = 0.5 on the dial: the chapter still works at T = 1,
        // so a gap of 2 is a ratio e^2 = 7.39.
        let held = LogitsToProbabilities(instrument: Self.lab(logits: [3, 1, 0], temperature: try Temperature(0.5)).explorer)
        #expect(held.gapLine == "A vs B: gap Δz = 2.00 → ratio e^Δz = \(String(format: "%.2f", exp(2.0)))")
        let z2 = exp(3.0) + exp(1.0) + 1
        #expect(held.ratioCheckLine.hasSuffix(
            "= \(String(format: "%.4f", exp(3.0) / z2)) / \(String(format: "%.4f", exp(1.0) / z2)) = \(String(format: "%.2f", exp(2.0)))"))
    }

    @Test func theLastClassComparesWithTheFirst() {
        var lab = Self.lab()
        lab.handle(.up)
        let view = LogitsToProbabilities(instrument: lab.explorer)
        // E = -1 against A = 2: gap -3, ratio e^-3 = 0.0498.
        #expect(view.gapLine == "E vs A: gap Δz = −3.00 → ratio e^Δz = \(String(format: "%.4f", exp(-3.0)))")
    }
}
