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
            GoldenFile.assertMatches(Self.screen(Self.pressing("t"), width: w, height: h), named: "chapter-10-distillation-\(w)x\(h)")
        }
    }

    @Test func eachKeySetsItsUsesTemperaturesInTurn() throws {
        let g = Self.pressing("g")
        #expect(g.lesson.usage.use == .generation && g.lesson.usage.step == 0)
        #expect(g.lesson.instrument.temperature == (try Temperature(0.7)))
        #expect(Self.pressing("gg").lesson.instrument.temperature == .one)
        #expect(Self.pressing("ggg").lesson.instrument.temperature == (try Temperature(0.2)))
        let wrapped = Self.pressing("gggg")
        #expect(wrapped.lesson.usage.step == 0)
        #expect(wrapped.lesson.instrument.temperature == (try Temperature(0.7)))
        #expect(Self.pressing("t").lesson.instrument.temperature == (try Temperature(4)))
        #expect(Self.pressing("tt").lesson.instrument.temperature == (try Temperature(4)))
        #expect(abs(Self.pressing("w").lesson.instrument.temperature.value - 1.0 / 3) < 1e-15)
        #expect(abs(Self.pressing("ww").lesson.instrument.temperature.value - 0.2) < 1e-15)
        #expect(Self.pressing("bbb").lesson.instrument.temperature == .one)
        #expect(Self.pressing("bbbbb").lesson.instrument.temperature == (try Temperature(0.2)))
        #expect(Self.pressing("f").lesson.instrument.temperature == (try Temperature(1.5)))
        // Another use's key starts that use at its first value.
        let switched = Self.pressing("ggt")
        #expect(switched.lesson.usage.use == .distillation && switched.lesson.usage.step == 0)
    }

    @Test func otherKeysReachTheExplorer() {
        var s = Self.pressing("t")
        s.handle(.left)
        #expect(s.lesson.instrument.temperature.value < 4)
        #expect(s.lesson.usage.use == .distillation)
        s.handle(.down)
        #expect(s.lesson.instrument.selected == 1)
        #expect(s.lesson.chapterIndex == Self.index)
    }

    @Test func distillationNumbersAreLive() {
        for (z, key) in [([2, 1, 0.5, 0.1, -1.0], "t"), ([3, 0, -1.5], "t")] {
            let s = Self.pressing(key, from: Self.lab(logits: z))
            let text = Usage.detail(s.lesson)
            let p = closedFormSoftmax(z, temperature: 4)
            let labels = ["A", "B", "C", "D", "E"]
            let targets = p.indices.map { "\(labels[$0]) \(Self.percent(p[$0]))" }.joined(separator: ", ")
            #expect(text.contains("Soft targets at T = 4.00: \(targets)."), "\(text)")
            // T² at T = 4.
            #expect(text.contains("T² = 16.0"))
        }
    }

    @Test func generationAndGuidanceNumbersAreLive() {
        for z in [[2, 1, 0.5, 0.1, -1.0], [0.3, 0.2, 0.1]] {
            let g = Usage.detail(Self.pressing("g", from: Self.lab(logits: z)).lesson)
            let p = closedFormSoftmax(z, temperature: 0.7)
            #expect(g.contains("top token gets A \(Self.percent(p.max()!)), entropy \(Self.entropyText(p)) nats"), "\(g)")
            let w = Usage.detail(Self.pressing("ww", from: Self.lab(logits: z)).lesson)
            // w = 5 against a flat unconditional model: T = 1/5.
            let q = closedFormSoftmax(z, temperature: 0.2)
            #expect(w.contains("w = 5.00 gives T = 0.200, top class A \(Self.percent(q.max()!)), entropy \(Self.entropyText(q))"),
                    "\(w)")
        }
    }

    @Test func calibrationComparesTheTopClassAtOneAndAtTheFittedT() {
        for z in [[2, 1, 0.5, 0.1, -1.0], [4, 1, 0.0]] {
            let text = Usage.detail(Self.pressing("f", from: Self.lab(logits: z)).lesson)
            let before = closedFormSoftmax(z, temperature: 1).max()!
            let after = closedFormSoftmax(z, temperature: 1.5).max()!
            #expect(text.contains("from \(Self.percent(before)) at T = 1 to \(Self.percent(after)) at T = 1.50"), "\(text)")
        }
    }

    @Test func explorationNamesItsSchedule() {
        let text = Usage.detail(Self.pressing("bb").lesson)
        #expect(text.contains("Schedule 5 → 2 → 1 → 0.5 → 0.2; now T = 2.00"))
        let p = closedFormSoftmax([2, 1, 0.5, 0.1, -1], temperature: 2)
        #expect(text.contains("best action A \(Self.percent(p.max()!))"))
    }
}
