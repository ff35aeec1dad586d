import Foundation
@testable import LabUI
import SoftmaxCore
import Testing

/// Chapter 10, "Where temperature shows up": a key per use sets its typical T.
@Suite struct Chapter10Tests {
    static let index = 9

    static func lab(logits: [Double] = [2, 1, 0.5, 0.1, -1], temperature: Temperature = .one) -> LabState {
        LabState(mode: .lesson, lesson: LessonState(
            chapterIndex: index, instrument: ExplorerState(logits: logits, temperature: temperature, seed: 7, animates: false)))
    }

    static func pressing(_ keys: String, from state: LabState = lab()) -> LabState {
        var s = state
        for c in keys { s.handle(.character(c)) }
        return s
    }

    static func screen(_ state: LabState, width: Int = 80, height: Int = 24) -> String {
        LessonScreen.render(state.lesson, width: width, height: height).text
    }

    static func percent(_ p: Double) -> String { String(format: "%.1f%%", p * 100) }
    static func entropyText(_ p: [Double]) -> String { String(format: "%.3f", -p.reduce(0) { $0 + $1 * log($1) }) }

    @Test func snapshots() {
        for (w, h) in [(80, 24), (120, 40)] {
            GoldenFile.assertMatches(Self.screen(Self.lab(), width: w, height: h), named: "chapter-10-default-\(w)x\(h)")
            GoldenFile.assertMatches(Self.screen(Self.pressing(".."), width: w, height: h), named: "chapter-10-distillation-\(w)x\(h)")
            GoldenFile.assertMatches(Self.screen(Self.pressing("... "), width: w, height: h), named: "chapter-10-guidance-\(w)x\(h)")
        }
    }

    @Test func commaAndPeriodChooseAUseAndSpaceStepsThroughItsValues() throws {
        let g = Self.pressing(".")
        #expect(g.lesson.usage.use == .generation && g.lesson.usage.step == 0)
        #expect(g.lesson.instrument.temperature == (try Temperature(0.7)))
        #expect(Self.pressing(". ").lesson.instrument.temperature == .one)
        #expect(Self.pressing(".  ").lesson.instrument.temperature == (try Temperature(0.2)))
        let wrapped = Self.pressing(".   ")
        #expect(wrapped.lesson.usage.step == 0)
        #expect(wrapped.lesson.instrument.temperature == (try Temperature(0.7)))
        #expect(Self.pressing("..").lesson.usage.use == .distillation)
        #expect(Self.pressing("..").lesson.instrument.temperature == (try Temperature(4)))
        #expect(Self.pressing(".. ").lesson.instrument.temperature == (try Temperature(4)))
        // Guidance at w = 4, 5, 8: T = 1/4, 1/5, 1/8, each shown exactly as used.
        #expect(Self.pressing("...").lesson.instrument.temperature.value == 0.25)
        #expect(Self.pressing("... ").lesson.instrument.temperature.value == 0.2)
        #expect(Self.pressing("...  ").lesson.instrument.temperature.value == 0.125)
        #expect(Self.pressing("....").lesson.instrument.temperature == (try Temperature(5)))
        #expect(Self.pressing("....  ").lesson.instrument.temperature == .one)
        #expect(Self.pressing("....    ").lesson.instrument.temperature == (try Temperature(0.2)))
        #expect(Self.pressing(".....").lesson.instrument.temperature == (try Temperature(1.5)))
        // The ends hold: past the last use and before the first.
        let last = Self.pressing(String(repeating: ".", count: TemperatureUse.allCases.count + 1))
        #expect(last.lesson.usage.use == TemperatureUse.allCases.last && last.lesson.usage.step == 0)
        let first = Self.pressing(".,")
        #expect(first.lesson.usage.use == .generation && first.lesson.usage.step == 0)
        // The first , starts from the bottom.
        #expect(Self.pressing(",").lesson.usage.use == TemperatureUse.allCases.last)
        // Moving to another use starts it at its first value.
        let switched = Self.pressing(". .")
        #expect(switched.lesson.usage.use == .distillation && switched.lesson.usage.step == 0)
    }

    @Test func spaceWithNoUseChosenStartsTheFirstUseAndDrawsNothing() throws {
        let s = Self.pressing(" ")
        #expect(s.lesson.usage.use == .generation && s.lesson.usage.step == 0)
        #expect(s.lesson.instrument.temperature == (try Temperature(0.7)))
        #expect(s.lesson.instrument.histogram.total == 0)
        #expect(Self.pressing("  ").lesson.instrument.temperature == .one)
    }

    @Test func otherKeysReachTheExplorer() {
        var s = Self.pressing("..")
        s.handle(.left)
        #expect(s.lesson.instrument.temperature.value < 4)
        #expect(s.lesson.usage.use == .distillation)
        s.handle(.down)
        #expect(s.lesson.instrument.selected == 1)
        #expect(s.lesson.chapterIndex == Self.index)
    }

    /// The defect: the detail said to press again for the next value even for a use
    /// with one. Now only a use with several values mentions Space, with its values.
    @Test func onlyUsesWithSeveralValuesInviteSpace() {
        for (keys, use) in [(".", TemperatureUse.generation), ("..", .distillation), ("...", .guidance), ("....", .exploration),
                            (".....", .calibration)] {
            let text = Usage.detail(Self.pressing(keys).lesson)
            let several = use.temperatures.count > 1
            #expect(text.contains("Space") == several, "\(use): \(text)")
            #expect(!text.split(separator: " ").contains { $0.trimmingCharacters(in: .punctuationCharacters) == "again" },
                    "\(use): \(text)")
            if several { #expect(text.contains("(1 of \(use.temperatures.count): "), "\(text)") }
        }
        #expect(Usage.detail(Self.pressing(". ").lesson).contains("Space: the next typical T (2 of 3: 0.7, 1, 0.2)."))
        #expect(Usage.detail(Self.pressing("... ").lesson).contains("(2 of 3: w = 4, 5, 8)"))
        // Turned away from the typical values, the detail no longer counts them.
        var turned = Self.pressing(".")
        turned.handle(.right)
        #expect(Usage.detail(turned.lesson).contains("Space: the next typical T (0.7, 1, 0.2)."))
    }

    /// Largest-remainder rounding of a distribution to tenths of a percent, written
    /// here apart from PercentText: floor each, then give the missing tenths to the
    /// largest remainders (earlier class first on a tie, within rounding noise).
    static func hamilton(_ p: [Double]) -> [String] {
        let scaled = p.map { $0 * 1000 }
        var tenths = scaled.map { Int($0.rounded(.down)) }
        let order = scaled.indices.sorted { a, b in
            let ra = scaled[a] - Double(tenths[a]), rb = scaled[b] - Double(tenths[b])
            return abs(ra - rb) > 1e-9 ? ra > rb : a < b
        }
        for i in order.prefix(1000 - tenths.reduce(0, +)) { tenths[i] += 1 }
        return tenths.map { String(format: "%.1f%%", Double($0) / 10) }
    }

    @Test func distillationNumbersAreLive() {
        for z in [[2, 1, 0.5, 0.1, -1.0], [3, 0, -1.5]] {
            let s = Self.pressing("..", from: Self.lab(logits: z))
            let text = Usage.detail(s.lesson)
            let p = closedFormSoftmax(z, temperature: 4)
            let shown = Self.hamilton(p)
            #expect(text.contains("the bars as soft targets at T = 4.00 (top: A \(shown[0]))."), "\(text)")
            // T² at T = 4.
            #expect(text.contains("T² = 16.0"))
            // The soft targets are the bars, each rounded as part of the whole.
            let lines = Self.screen(s).split(separator: "\n")
            for (i, label) in ["A", "B", "C", "D", "E"].prefix(z.count).enumerated() {
                let row = lines.first { $0.hasPrefix("    \(label) ") || $0.hasPrefix("  ▶ \(label) ") }
                #expect(row?.split(separator: " ").contains(Substring(shown[i])) == true, "\(label): \(row ?? "")")
            }
        }
    }

    @Test func generationAndGuidanceNumbersAreLive() {
        for z in [[2, 1, 0.5, 0.1, -1.0], [0.3, 0.2, 0.1]] {
            let g = Usage.detail(Self.pressing(".", from: Self.lab(logits: z)).lesson)
            let p = closedFormSoftmax(z, temperature: 0.7)
            #expect(g.contains("top: A \(Self.hamilton(p)[0]), entropy \(Self.entropyText(p)) nats"), "\(g)")
            let w = Usage.detail(Self.pressing("... ", from: Self.lab(logits: z)).lesson)
            // w = 5 against a flat unconditional model: T = 1/5, and 1/6 in Ho & Salimans' form.
            let q = closedFormSoftmax(z, temperature: 0.2)
            #expect(w.contains("w = 5.00 gives T = 0.200 (T = 0.167 in their form), top: A \(Self.hamilton(q)[0])."), "\(w)")
        }
    }

    @Test func calibrationComparesTheTopClassAtOneAndAtTheFittedT() {
        for z in [[2, 1, 0.5, 0.1, -1.0], [4, 1, 0.0]] {
            let text = Usage.detail(Self.pressing(".....", from: Self.lab(logits: z)).lesson)
            let before = Self.hamilton(closedFormSoftmax(z, temperature: 1))[0]
            let after = Self.hamilton(closedFormSoftmax(z, temperature: 1.5))[0]
            #expect(text.contains("the top class goes from \(before) at T = 1 to \(after) at T = 1.50"), "\(text)")
        }
        // A tie is never "the top class".
        let tied = Usage.detail(Self.pressing(".....", from: Self.lab(logits: [1, 1, 0])).lesson)
        let p = Self.hamilton(closedFormSoftmax([1, 1, 0], temperature: 1.5))
        #expect(tied.contains("each of the 2 tied top classes goes"), "\(tied)")
        #expect(!tied.contains("the top class"))
        #expect(tied.contains("at T = 1 to \(p[0]) at T = 1.50"))
        let none = Usage.detail(Self.lab(logits: [1, 1, 0]).lesson)
        #expect(none.contains("tie: A and B"), "\(none)")
    }

    @Test func explorationNamesItsSchedule() {
        let text = Usage.detail(Self.pressing(".... ").lesson)
        #expect(text.contains("Schedule 5 → 2 → 1 → 0.5 → 0.2; now T = 2.00"))
        let p = closedFormSoftmax([2, 1, 0.5, 0.1, -1], temperature: 2)
        #expect(text.contains("top: A \(Self.hamilton(p)[0])"))
    }

    /// The defect: with many classes at 80×24 the bars lost classes. Now with ten, every
    /// use chosen or none, each class has its row and the detail is whole; in ASCII too.
    @Test func tenClassesFitAt80x24WithEveryUse() {
        for keys in ["", ".", ". ", "..", "...", "... ", "....", ".....", ","] {
            var state = ChapterLayouts.lab(chapter: 10, classes: 10)
            for c in keys { state.handle(.character(c)) }
            for (w, h) in ChapterLayouts.sizes {
                let text = ChapterLayouts.screen(state, w, h)
                for label in ChapterLayouts.labels {
                    #expect(text.split(separator: "\n").contains { $0.contains(" \(label) ") && $0.contains("%") },
                            "\(keys) \(w)x\(h): \(label)\n\(text)")
                }
                #expect(!text.contains("more"))
                let ascii = ChapterLayouts.screen(state, w, h, ascii: true)
                WholeWords.expect([Usage.introduction, Usage.detail(state.lesson)] + TemperatureUse.allCases.map(\.summary),
                                  on: ascii, width: w)
            }
        }
    }

    /// Only T → 0 is deterministic: at T = 0.2, the low end of "near-deterministic", a draw
    /// still misses the greedy pick 1 − p_top(0.2) of the time, from the closed form. For
    /// logits 2, 1, 0.5, 0.1, −1 that is 1 − 1/(1 + e^−5 + e^−7.5 + e^−9.5 + e^−15) = 0.7%;
    /// for 800 and 0 it is e^−4000, below the doubles, and reads "<0.1%", never 0%.
    @Test func onlyTZeroIsDeterministic() {
        #expect(TemperatureUse.generation.summary == "0.7–1 varied, 0.1–0.3 near-deterministic, 0 greedy")
        for z in [[2, 1, 0.5, 0.1, -1.0], [1, 1, 0.0], [3, 2.9, -1]] {
            let text = Usage.detail(Self.pressing(".", from: Self.lab(logits: z)).lesson)
            let p = closedFormSoftmax(z, temperature: 0.2)
            let miss = 1 - p[0]
            #expect(text.contains("Only T → 0 is deterministic: at T = 0.2 a draw still differs from the greedy pick "
                                  + "\(Self.percent(miss)) of the time."), "\(text)")
            #expect(miss > 0)
        }
        let extreme = Usage.detail(Self.pressing(".", from: Self.lab(logits: [800, 0])).lesson)
        #expect(extreme.contains("differs from the greedy pick <0.1% of the time"), "\(extreme)")
        #expect(extreme.contains("top: A >99.9%"), "\(extreme)")
    }

    /// Guidance as temperature depends on the convention. With a flat unconditional u
    /// (the same log-probability for every class) and c = ln softmax(z): u + w(c−u) is
    /// the softmax of z at T = 1/w, and Ho & Salimans' (1+w)c − wu at T = 1/(1+w). Both
    /// checked here against the closed form, and both T on the page for w = 4, 5, 8.
    @Test func guidanceShowsBothConventions() throws {
        let z = [2, 1, 0.5, 0.1, -1.0]
        let c = closedFormSoftmax(z).map { log($0) }
        let u = Array(repeating: log(0.2), count: z.count)
        for (step, w) in [4.0, 5, 8].enumerated() {
            let guided = zip(u, c).map { $0 + w * ($1 - $0) }
            let theirs = zip(u, c).map { (1 + w) * $1 - w * $0 }
            let fromGuided = closedFormSoftmax(guided)
            let fromTheirs = closedFormSoftmax(theirs)
            for (a, b) in zip(fromGuided, closedFormSoftmax(z, temperature: 1 / w)) { #expect(abs(a - b) < 1e-12) }
            for (a, b) in zip(fromTheirs, closedFormSoftmax(z, temperature: 1 / (1 + w))) { #expect(abs(a - b) < 1e-12) }
            let text = Usage.detail(Self.pressing("..." + String(repeating: " ", count: step)).lesson)
            let ours = String(format: "%.3f", 1 / w), hers = String(format: "%.3f", 1 / (1 + w))
            #expect(text.contains("gives T = \(ours) (T = \(hers) in their form)"), "\(text)")
            #expect(text.contains("u + w(c−u) is T = 1/w") && text.contains("Ho & Salimans write (1+w)c − wu, T = 1/(1+w)"))
        }
    }

    @Test func calibrationSaysHowTIsFitted() {
        #expect(Usage.detail(Self.pressing(".....").lesson).contains("fit T by minimising the NLL on held-out data"))
        #expect(TemperatureUse.calibration.summary == "one T fitted to held-out NLL, usually above 1")
    }
}


/// Chapter 10 as a map: g goes to the chosen use's lab.
@Suite struct Chapter10MapTests {
    @Test func enterOpensTheChosenUsesLab() {
        for use in TemperatureUse.allCases {
            var s = Chapter10Tests.lab()
            s.lesson.usage.use = use
            s.handle(.character("g"))
            if let lab = use.lab {
                #expect(s.lesson.chapterIndex == Chapters.index(named: lab), "\(use)")
                #expect(s.lesson.chapter.name == lab)
            } else {
                #expect(s.lesson.chapterIndex == Chapter10Tests.index)
                #expect(s.explorer.notice?.text.contains("has no lab") == true)
            }
        }
    }

    @Test func everyLabTheMapNamesIsAChapter() {
        for use in TemperatureUse.allCases where use.lab != nil {
            #expect(use.labIndex != nil, "\(use): no chapter named \(use.lab ?? "")")
        }
    }

    @Test func theMapNumbersEachLabsChapter() {
        let text = LessonScreen.render(Chapter10Tests.lab().lesson, width: 80, height: 24).text
        for use in TemperatureUse.allCases {
            let row = text.split(separator: "\n").first { $0.contains(use.name) } ?? ""
            if let index = use.labIndex {
                #expect(row.hasSuffix(" \(index + 1)"), "\(row)")
            }
        }
    }
}
