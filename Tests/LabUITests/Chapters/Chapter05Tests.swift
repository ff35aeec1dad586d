import Foundation
@testable import LabUI
import SoftmaxCore
import Testing

/// Chapter 5: one u on the cumulative bar, and the walk that picks the class.
@Suite struct Chapter05Tests {
    static func lab(logits: [Double] = [2, 1, 0.5, 0.1, -1], temperature: Temperature = .one, animates: Bool = false) -> LabState {
        LabState(mode: .lesson, lesson: LessonState(
            chapterIndex: 4, instrument: ExplorerState(logits: logits, temperature: temperature, seed: 7, animates: animates)))
    }

    static func screen(_ lab: LabState, _ w: Int = 80, _ h: Int = 24) -> String {
        LessonScreen.render(lab.lesson, width: w, height: h).text
    }

    static func running(_ p: [Double]) -> [Double] {
        var total = 0.0
        return p.map { total += $0; return total }
    }

    @Test func snapshots() {
        GoldenFile.assertMatches(Self.screen(Self.lab()), named: "chapter-05-no-draw-80x24")
        var drawn = Self.lab()
        drawn.handle(.character(" "))
        GoldenFile.assertMatches(Self.screen(drawn), named: "chapter-05-one-draw-80x24")
        GoldenFile.assertMatches(Self.screen(drawn, 120, 40), named: "chapter-05-one-draw-120x40")
        var missed = Self.lab()
        missed.lesson.instrument.lastDraw = Draw(u: 0.7, index: 1)
        GoldenFile.assertMatches(Self.screen(missed), named: "chapter-05-not-the-top-80x24")
    }

    @Test func spaceDrawsWithTheInstrumentsGenerator() {
        var lab = Self.lab()
        lab.handle(.character(" "))
        var generator = SeededGenerator(seed: 7)
        let u = generator.nextUniform()
        #expect(lab.explorer.lastDraw?.u == u)
        #expect(lab.lesson.chapterIndex == 4)
        // The class is the first whose running sum passes u, from sums computed here.
        let c = Self.running(closedFormSoftmax([2, 1, 0.5, 0.1, -1]))
        #expect(lab.explorer.lastDraw?.index == c.firstIndex { $0 > u })
    }

    @Test func theWalkIsShownOnlyOnceTheMarkerHasLanded() {
        var lab = Self.lab(animates: true)
        lab.handle(.character(" "))
        #expect(Self.screen(lab).contains("is falling"))
        #expect(!Self.screen(lab).contains("go on"))
        for _ in 0..<6 { lab.explorer.apply(.animationTicked(seconds: 0.1)) }
        #expect(lab.explorer.drop == nil)
        #expect(Self.screen(lab).contains("The walk:"))
    }

    @Test func theWalkQuotesTheRealRunningSums() throws {
        // u = 0.7 at T = 1: A's sum is below it, B's above, so the draw is B.
        let p = closedFormSoftmax([2, 1, 0.5, 0.1, -1])
        let c = Self.running(p)
        let walk = OneDrawWalk(probabilities: softmax([2, 1, 0.5, 0.1, -1]), labels: ["A", "B", "C", "D", "E"],
                               draw: Draw(u: 0.7, index: 1))
        #expect(walk.stepLines == [
            "A  \(String(format: "%.4f", c[0])) ≤ u: go on",
            "B  \(String(format: "%.4f", c[1])) > u: stop, the draw is B",
        ])
        let readout = SoftmaxReadout(logits: [2, 1, 0.5, 0.1, -1])
        let why = walk.explanation(readout: readout)
        #expect(why.contains("1 − p(A) = \(String(format: "%.1f%%", (1 - p[0]) * 100))"))
        #expect(why.contains("p(B) = \(String(format: "%.1f%%", p[1] * 100))"))

        // The same u at T = 2 walks further: sums of softmax(z / 2).
        let hot = closedFormSoftmax([2, 1, 0.5, 0.1, -1], temperature: 2)
        let hc = Self.running(hot)
        let hotWalk = OneDrawWalk(probabilities: softmax([2, 1, 0.5, 0.1, -1], temperature: try Temperature(2)),
                                  labels: ["A", "B", "C", "D", "E"], draw: Draw(u: 0.7, index: 2))
        let stop = try #require(hc.firstIndex { $0 > 0.7 })
        #expect(hotWalk.picked == stop)
        #expect(hotWalk.stepLines.count == stop + 1)
        #expect(hotWalk.stepLines.last == "\(["A", "B", "C", "D", "E"][stop])  \(String(format: "%.4f", hc[stop])) > u: stop, "
            + "the draw is \(["A", "B", "C", "D", "E"][stop])")
        let hotWhy = hotWalk.explanation(readout: SoftmaxReadout(logits: [2, 1, 0.5, 0.1, -1], temperature: try Temperature(2)))
        #expect(hotWhy.contains("1 − p(A) = \(String(format: "%.1f%%", (1 - hot[0]) * 100))"))
    }

    @Test func theTopClassIsExplainedToo() {
        let p = closedFormSoftmax([2, 1, 0.5, 0.1, -1])
        let walk = OneDrawWalk(probabilities: softmax([2, 1, 0.5, 0.1, -1]), labels: ["A", "B", "C", "D", "E"],
                               draw: Draw(u: 0.1, index: 0))
        #expect(walk.oneLine == "A \(String(format: "%.4f", p[0])) > u: stop at A")
        let why = walk.explanation(readout: SoftmaxReadout(logits: [2, 1, 0.5, 0.1, -1]))
        #expect(why.hasPrefix("A is the most likely class"))
        #expect(why.contains("misses it the other \(String(format: "%.1f%%", (1 - p[0]) * 100))"))
    }

    @Test func aUPastTheLastSumFallsBackToTheLastClassWithWeight() {
        // Rounding can leave the last running sum just below 1; a u there picks the last class with weight.
        let walk = OneDrawWalk(probabilities: [0.5, 0.25, 0.2499999], labels: ["A", "B", "C"], draw: Draw(u: 0.99999995, index: 2))
        #expect(walk.picked == 2)
        #expect(walk.ranOffTheEnd)
        #expect(walk.stepLines.last?.contains("the last class with weight, C") == true)
    }
}
