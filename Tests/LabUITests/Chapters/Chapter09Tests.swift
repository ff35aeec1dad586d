import Foundation
@testable import LabUI
import SoftmaxCore
import Testing

/// Chapter 9, "One knob, many names": α·z at T is z at T/α.
@Suite struct Chapter09Tests {
    static let index = 8

    static func lab(logits: [Double] = [2, 1, 0.5, 0.1, -1], temperature: Temperature = .one) -> LabState {
        LabState(mode: .lesson, lesson: LessonState(
            chapterIndex: index, instrument: ExplorerState(logits: logits, temperature: temperature, seed: 7, animates: false)))
    }

    static func pressing(_ keys: [Key], from state: LabState = lab()) -> LabState {
        var s = state
        for k in keys { s.handle(k) }
        return s
    }

    static func screen(_ state: LabState, width: Int = 80, height: Int = 24) -> String {
        LessonScreen.render(state.lesson, width: width, height: height).text
    }

    static func close(_ a: [Double], _ b: [Double], tolerance: Double = 1e-12) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= tolerance }
    }

    @Test func snapshots() throws {
        for (w, h) in [(80, 24), (120, 40)] {
            GoldenFile.assertMatches(Self.screen(Self.lab(), width: w, height: h), named: "chapter-09-default-\(w)x\(h)")
        }
        // α = 1/2 at T = 0.5: the logits shrunk, the bars as flat as the plain logits at T = 1.
        let shrunk = Self.pressing([.character(","), .character(",")],
                                   from: Self.lab(temperature: try Temperature(0.5)))
        for (w, h) in [(80, 24), (120, 40)] {
            GoldenFile.assertMatches(Self.screen(shrunk, width: w, height: h), named: "chapter-09-shrunk-\(w)x\(h)")
        }
    }

    @Test func commaAndPeriodStepAlphaWithinItsRange() {
        #expect(Self.pressing([.character(",")]).lesson.knob.alphaStep == -1)
        #expect(Self.pressing([.character("."), .character(".")]).lesson.knob.alphaStep == 2)
        #expect(Self.pressing(Array(repeating: .character("."), count: 9)).lesson.knob.alphaStep == 6)
        #expect(Self.pressing(Array(repeating: .character(","), count: 9)).lesson.knob.alphaStep == -6)
        #expect(Self.pressing([.character(".")]).lesson.instrument.temperature == .one)
    }

    /// The σ keys went to the clusters chapter: n and m do nothing here.
    @Test func nAndMNoLongerStepSigma() {
        let before = Self.lab()
        #expect(Self.pressing([.character("n"), .character("m")]) == before)
    }

    @Test func theExplorersKeysStillWork() throws {
        let s = Self.pressing([.right, .down, .character("+")])
        #expect(s.lesson.instrument.temperature != .one)
        #expect(s.lesson.instrument.selected == 1)
        #expect(abs(s.lesson.instrument.logits[1] - 1.1) < 1e-12)
        #expect(s.lesson.chapterIndex == Self.index)
    }

    @Test func stepsAreExactPowersOfRootTwo() {
        var k = KnobSettings()
        k.alphaStep = -6
        #expect(k.logitScale == 0.125)
        k.alphaStep = 4
        #expect(k.logitScale == 4)
        k.alphaStep = -1
        #expect(abs(k.logitScale - 1 / 2.0.squareRoot()) < 1e-15)
        k.alphaStep = 3
        #expect(abs(k.logitScale - 2 * 2.0.squareRoot()) < 1e-15)
    }

    @Test func textNumbersMatchClosedForms() throws {
        // α = √2 (one step up) at T = 1: α/T = √2 = 1.41421…; 2α = 2.83; T/α = 1/√2 = 0.707…
        let a = Self.pressing([.character(".")]).lesson
        let textA = OneKnob.text(a).joined(separator: " ")
        #expect(textA.contains("α = 1.41 at T = 1.00"))
        #expect(textA.contains("α = 2.83 at T = 2.00"))
        #expect(textA.contains("α/T = 1.41"))
        #expect(textA.contains("T/α = 0.707, colder than the dial"))

        // α = 1/2 (two steps down) at T = 2: α/T = 0.25, T/α = 4.
        var b = Self.lab(temperature: try Temperature(2))
        for key in [Key.character(","), .character(",")] { b.handle(key) }
        let textB = OneKnob.text(b.lesson).joined(separator: " ")
        #expect(textB.contains("α = 0.500 at T = 2.00"))
        #expect(textB.contains("α = 1.00 at T = 4.00"))
        #expect(textB.contains("α/T = 0.250"))
        #expect(textB.contains("T/α = 4.00, hotter than the dial"))
    }

    @Test func theLimitsOfTKeepTheirNames() {
        let greedy = OneKnob.text(Self.lab(temperature: .greedy).lesson).joined(separator: " ")
        #expect(greedy.contains("α/T = ∞"))
        #expect(greedy.contains("at T → 0; right"))
        let uniform = OneKnob.text(Self.lab(temperature: .uniform).lesson).joined(separator: " ")
        #expect(uniform.contains("α/T = 0"))
        #expect(uniform.contains("T/α → ∞"))
    }

    @Test func equalAlphaOverTGivesEqualBarsMatchingTheClosedForm() throws {
        let z = [2, 1, 0.5, 0.1, -1.0]
        for (alphaStep, t) in [(0, 1.0), (-2, 0.5), (3, 3.0)] {
            var s = Self.lab(temperature: try Temperature(t))
            s.lesson.knob.alphaStep = alphaStep
            let alpha = pow(2, Double(alphaStep) / 2)
            let panels = OneKnob.panels(s.lesson, includingPlain: true)
            #expect(panels.count == 3)
            let expected = closedFormSoftmax(z.map { alpha * $0 }, temperature: t)
            for panel in panels { #expect(Self.close(panel.probabilities, expected)) }
            #expect(Self.close(panels[0].values, z.map { alpha * $0 }))
            #expect(Self.close(panels[1].values, z.map { 2 * alpha * $0 }))
        }
    }

    /// With ten classes at 80×24 both panels show every class, and in ASCII every word of
    /// the text is whole, however the numbers wrap.
    @Test func tenClassesFitAt80x24AndAsciiKeepsWordsWhole() {
        let ten = ChapterLayouts.lab(chapter: 9, classes: 10)
        let text = ChapterLayouts.screen(ten, 80, 24)
        for label in ChapterLayouts.labels {
            #expect(text.split(separator: "\n").filter { $0.contains(" \(label) ") }.count == 1, "\(label)")
            #expect(text.split(separator: "\n").first { $0.contains(" \(label) ") }.map { $0.split(separator: "%").count } == 2)
        }
        #expect(!text.contains("more"))
        for classes in [2, 5, 10] {
            for keys in ["", ",,,,,,", "......", ","] {
                var state = ChapterLayouts.lab(chapter: 9, classes: classes)
                for c in keys { state.handle(.character(c)) }
                for (w, h) in ChapterLayouts.sizes {
                    let ascii = ChapterLayouts.screen(state, w, h, ascii: true)
                    WholeWords.expect(OneKnob.text(state.lesson), on: ascii, width: w)
                }
            }
        }
    }

    /// The claims as precise as the maths: L2 regularisation tends to shrink the logits'
    /// scale but is no uniform rescaling; T = 2σ² is for classes with one shared σ, and the
    /// chapter that shows it is named by its number as the lesson stands.
    @Test func theClaimsStateTheirConditions() throws {
        let text = OneKnob.text(Self.lab().lesson).joined(separator: " ")
        #expect(text.contains("L2 regularisation tends to shrink the logits' scale, not uniformly; a smaller α is a higher T"))
        #expect(!text.contains("L2 regularisation shrinks the logits,"))
        let clusters = try #require(Chapters.index(named: "clusters"))
        #expect(text.contains("for Gaussian classes with one shared σ, the posterior is a softmax at T = 2σ². "
                              + "Chapter \(clusters + 1) (clusters) plots them"))
    }

    /// Logits 800 and 0 in every panel: the bars read ">99.9%" and "<0.1%", never 100% and 0%.
    @Test func panelsNeverShowACertaintyThatOnlyRounds() {
        let text = Self.screen(Self.lab(logits: [800, 0]), width: 120, height: 40)
        #expect(!text.contains("100%") && !text.contains(" 0%") && !text.contains("inf"), "\(text)")
        #expect(text.components(separatedBy: ">99.9%").count - 1 == 3, "\(text)")
        #expect(text.components(separatedBy: "<0.1%").count - 1 == 3, "\(text)")
    }
}
