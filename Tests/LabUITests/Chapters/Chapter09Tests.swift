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
        let shrunk = Self.pressing([.character(","), .character(","), .character("m")],
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
        let s = Self.pressing([.character(".")])
        #expect(s.lesson.knob.sigmaStep == 0)
        #expect(s.lesson.instrument.temperature == .one)
    }

    @Test func nAndMStepSigmaWithinItsRange() {
        #expect(Self.pressing([.character("n")]).lesson.knob.sigmaStep == -1)
        #expect(Self.pressing([.character("m"), .character("m"), .character("m")]).lesson.knob.sigmaStep == 3)
        #expect(Self.pressing(Array(repeating: .character("m"), count: 8)).lesson.knob.sigmaStep == 6)
        #expect(Self.pressing([.character("m")]).lesson.knob.alphaStep == 0)
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
        k.sigmaStep = 3
        #expect(abs(k.standardDeviation - 2 * 2.0.squareRoot()) < 1e-15)
    }

    @Test func textNumbersMatchClosedForms() throws {
        // α = √2 (one step up) at T = 1: α/T = √2 = 1.41421…; 2α = 2.83; T/α = 1/√2 = 0.707…
        // σ = √2 (one step up): 2σ² = 4.
        let a = Self.pressing([.character("."), .character("m")]).lesson
        let textA = OneKnob.text(a).joined(separator: " ")
        #expect(textA.contains("α = 1.41 at T = 1.00"))
        #expect(textA.contains("α = 2.83 at T = 2.00"))
        #expect(textA.contains("α/T = 1.41"))
        #expect(textA.contains("T/α = 0.707, colder than the dial"))
        #expect(textA.contains("σ = 1.41"))
        #expect(textA.contains("2σ² = 4.00"))

        // α = 1/2 (two steps down) at T = 2: α/T = 0.25, T/α = 4. σ = 2^(-3/2): 2σ² = 2 · 2^(-3) = 0.25.
        var b = Self.lab(temperature: try Temperature(2))
        for key in [Key.character(","), .character(","), .character("n"), .character("n"), .character("n")] { b.handle(key) }
        let textB = OneKnob.text(b.lesson).joined(separator: " ")
        #expect(textB.contains("α = 0.500 at T = 2.00"))
        #expect(textB.contains("α = 1.00 at T = 4.00"))
        #expect(textB.contains("α/T = 0.250"))
        #expect(textB.contains("T/α = 4.00, hotter than the dial"))
        #expect(textB.contains("σ = 0.354"))
        #expect(textB.contains("2σ² = 0.250"))
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

    @Test func gaussianPanelIsTheBayesPosterior() throws {
        // p(k | x) ∝ exp(−(x − µ_k)² / (2σ²)) with x at the selected class's centre.
        for (sigmaStep, selected) in [(0, 0), (2, 3)] {
            var s = Self.lab()
            s.lesson.knob.sigmaStep = sigmaStep
            s.lesson.instrument.selected = selected
            let sigma = pow(2, Double(sigmaStep) / 2)
            let means = s.lesson.instrument.logits
            let x = means[selected]
            let weights = means.map { exp(-(x - $0) * (x - $0) / (2 * sigma * sigma)) }
            let total = weights.reduce(0, +)
            #expect(Self.close(OneKnob.gaussianPanel(s.lesson).probabilities, weights.map { $0 / total }))
        }
    }

    /// 2σ² with σ = 2^(k/2) is 2^(k+1): the T shown and used is exactly that, not the
    /// square of a rounded √2 (4.000000000000001).
    @Test func theGaussianTemperatureIsExactlyTwoSigmaSquared() throws {
        for step in KnobSettings.stepRange {
            var s = Self.lab()
            s.lesson.knob.sigmaStep = step
            let exact = Foundation.pow(2.0, Double(step + 1))
            #expect(s.lesson.knob.gaussianTemperature == exact)
            let text = OneKnob.text(s.lesson).joined(separator: " ")
            let shown = TemperatureText.value(try Temperature(exact))
            #expect(text.contains("2σ² = \(shown). "), "\(text)")
            #expect(!text.contains("00000"), "\(text)")
        }
        var smallest = Self.lab()
        smallest.lesson.knob.sigmaStep = -6
        #expect(OneKnob.text(smallest.lesson).joined().contains("2σ² = 0.03125."))
    }

    /// With ten classes at 80×24 both panels show every class, and in ASCII every word of
    /// the text and the Gaussian caption is whole, however the numbers wrap.
    @Test func tenClassesFitAt80x24AndAsciiKeepsWordsWhole() {
        let ten = ChapterLayouts.lab(chapter: 9, classes: 10)
        let text = ChapterLayouts.screen(ten, 80, 24)
        for label in ChapterLayouts.labels {
            #expect(text.split(separator: "\n").filter { $0.contains(" \(label) ") }.count == 1, "\(label)")
            #expect(text.split(separator: "\n").first { $0.contains(" \(label) ") }.map { $0.split(separator: "%").count } == 2)
        }
        #expect(!text.contains("more"))
        for classes in [2, 5, 10] {
            for keys in ["", ",,,,,,nnnnnn", "......mmmmmm", ",n"] {
                var state = ChapterLayouts.lab(chapter: 9, classes: classes)
                for c in keys { state.handle(.character(c)) }
                for (w, h) in ChapterLayouts.sizes {
                    let ascii = ChapterLayouts.screen(state, w, h, ascii: true)
                    var paragraphs = OneKnob.text(state.lesson)
                    if ascii.contains("Gaussian classes on a line") {
                        paragraphs.append(OneKnob.gaussianPanel(state.lesson).caption)
                    }
                    WholeWords.expect(paragraphs, on: ascii, width: w)
                }
            }
        }
    }

    /// The claims as precise as the maths: L2 regularisation tends to shrink the logits'
    /// scale but is no uniform rescaling, and T = 2σ² holds for Gaussian classes with equal
    /// priors and one shared isotropic covariance σ²I.
    @Test func theClaimsStateTheirConditions() {
        let text = OneKnob.text(Self.lab().lesson).joined(separator: " ")
        #expect(text.contains("L2 regularisation tends to shrink the logits' scale, not uniformly; a smaller α is a higher T"))
        #expect(!text.contains("L2 regularisation shrinks the logits,"))
        #expect(text.contains("Gaussian classes with equal priors and one shared isotropic covariance σ²I, σ = 1.00, "
                              + "score −|x−µ|²/(2σ²) plus a common term: a softmax of −|x−µ|² at T = 2σ² = 2.00."))
    }

    /// The number behind T = 2σ²: Bayes' rule with the full densities of two-dimensional
    /// Gaussian classes, N(µ_k, σ²I) with equal priors, written out with their normalising
    /// constants, gives the softmax of −|x−µ|² at T = 2σ²; with unequal priors, or each
    /// class its own σ, it does not. So the conditions on the page are needed.
    @Test func twoSigmaSquaredHoldsOnlyUnderItsConditions() throws {
        let means: [(Double, Double)] = [(0, 0), (1.5, -0.5), (-1, 2), (0.3, 0.9)]
        let x = (0.4, 0.2)
        let sigma = 1.3
        func density(_ mu: (Double, Double), _ s: Double) -> Double {
            let d2 = (x.0 - mu.0) * (x.0 - mu.0) + (x.1 - mu.1) * (x.1 - mu.1)
            return exp(-d2 / (2 * s * s)) / (2 * Double.pi * s * s)
        }
        func posterior(priors: [Double], sigmas: [Double]) -> [Double] {
            let joint = means.indices.map { priors[$0] * density(means[$0], sigmas[$0]) }
            let total = joint.reduce(0, +)
            return joint.map { $0 / total }
        }
        let scores = means.map { 0 - ((x.0 - $0.0) * (x.0 - $0.0) + (x.1 - $0.1) * (x.1 - $0.1)) }
        let softmaxAtTwoSigmaSquared = softmax(scores, temperature: try Temperature(2 * sigma * sigma))
        let equal = posterior(priors: [0.25, 0.25, 0.25, 0.25], sigmas: [sigma, sigma, sigma, sigma])
        #expect(Self.close(equal, softmaxAtTwoSigmaSquared))
        let unequalPriors = posterior(priors: [0.4, 0.3, 0.2, 0.1], sigmas: [sigma, sigma, sigma, sigma])
        #expect(zip(unequalPriors, softmaxAtTwoSigmaSquared).contains { abs($0 - $1) > 0.01 })
        let ownSpreads = posterior(priors: [0.25, 0.25, 0.25, 0.25], sigmas: [sigma, 0.8, 2, 1.1])
        #expect(zip(ownSpreads, softmaxAtTwoSigmaSquared).contains { abs($0 - $1) > 0.01 })
    }

    /// Logits 800 and 0 in every panel: the bars read ">99.9%" and "<0.1%", never 100% and 0%.
    @Test func panelsNeverShowACertaintyThatOnlyRounds() {
        let text = Self.screen(Self.lab(logits: [800, 0]), width: 120, height: 40)
        #expect(!text.contains("100%") && !text.contains(" 0%") && !text.contains("inf"), "\(text)")
        #expect(text.components(separatedBy: ">99.9%").count - 1 >= 3, "\(text)")
        #expect(text.components(separatedBy: "<0.1%").count - 1 >= 3, "\(text)")
        // Logits 1e300 and 0: the Gaussian score −(1e300)² = −1e600 is past the doubles but finite. It
        // reads "-1.00e+600", not -inf, and its class keeps weight: "<0.1%" beside the top's ">99.9%".
        let far = Self.screen(Self.lab(logits: [1e300, 0]), width: 120, height: 40)
        #expect(far.contains("Gaussian classes on a line"))
        #expect(!far.contains("inf") && !far.contains("100%") && !far.contains(" 0%"), "\(far)")
        #expect(far.contains(" -1.00e+600 "), "\(far)")
        #expect(far.components(separatedBy: ">99.9%").count - 1 == 4 && far.components(separatedBy: "<0.1%").count - 1 == 4,
                "\(far)")
    }
}

