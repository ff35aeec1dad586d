import Foundation
@testable import LabUI
import SoftmaxCore
import Testing

/// Chapter 6: draws accumulating, and TV against n beside 1/√n.
@Suite struct Chapter06Tests {
    static func lab(logits: [Double] = [2, 1, 0.5, 0.1, -1], temperature: Temperature = .one) -> LabState {
        LabState(mode: .lesson, lesson: LessonState(
            chapterIndex: 5, instrument: ExplorerState(logits: logits, temperature: temperature, seed: 7, animates: false)))
    }

    static func screen(_ lab: LabState, _ w: Int = 80, _ h: Int = 24) -> String {
        LessonScreen.render(lab.lesson, width: w, height: h).text
    }

    /// ½ Σ |count/n − p|, computed here from the counts.
    static func tv(_ counts: [Int], _ p: [Double]) -> Double {
        let n = Double(counts.reduce(0, +))
        return zip(counts, p).reduce(0) { $0 + abs(Double($1.0) / n - $1.1) } / 2
    }

    @Test func snapshots() {
        GoldenFile.assertMatches(Self.screen(Self.lab()), named: "chapter-06-no-draws-80x24")
        var drawn = Self.lab()
        drawn.handle(.character("d"))
        GoldenFile.assertMatches(Self.screen(drawn), named: "chapter-06-1000-draws-80x24")
        GoldenFile.assertMatches(Self.screen(drawn, 120, 40), named: "chapter-06-1000-draws-120x40")
        var twin = Self.lab()
        twin.handle(.character("d"))
        twin.handle(.character(" "))
        twin.handle(.character("d"))
        GoldenFile.assertMatches(Self.screen(twin, 120, 40), named: "chapter-06-twin-run-120x40")
    }

    @Test func dDrawsAThousandAndCClears() {
        var lab = Self.lab()
        lab.handle(.character("d"))
        #expect(lab.explorer.histogram.total == 1000)
        lab.handle(.character("d"))
        #expect(lab.explorer.histogram.total == 2000)
        lab.handle(.character("c"))
        #expect(lab.explorer.histogram.total == 0)
        #expect(lab.lesson.chapterIndex == 5)
    }

    @Test func theTextQuotesTVFromTheCounts() throws {
        for (t, logits) in [(1.0, [2.0, 1, 0.5, 0.1, -1]), (2.0, [3.0, 0, -2])] {
            var lab = Self.lab(logits: logits, temperature: try Temperature(t))
            lab.handle(.character("d"))
            let counts = lab.explorer.histogram.counts
            let tv = Self.tv(counts, closedFormSoftmax(logits, temperature: t))
            let paragraphs = ManyDrawsText.paragraphs(instrument: lab.explorer, readout: lab.lesson.readout,
                                                      history: ManyDrawsHistory(instrument: lab.explorer,
                                                                                probabilities: lab.lesson.readout.probabilities,
                                                                                checkpoints: [1, 10, 100]))
            let line = paragraphs.joined(separator: " ")
            #expect(line.contains("n = 1000: TV = \(String(format: "%.4f", tv))"))
            #expect(line.contains("TV × √n = \(String(format: "%.2f", tv * 1000.0.squareRoot()))"))
        }
    }

    @Test func theReplayIsTheUsersOwnRunWhenItCanBe() {
        var lab = Self.lab()
        lab.handle(.character("d"))
        let p = lab.lesson.readout.probabilities
        let history = ManyDrawsHistory(instrument: lab.explorer, probabilities: p, checkpoints: [1, 10, 100, 1000])
        #expect(history.isYourRun)
        #expect(history.points.map(\.n) == [1, 10, 100, 1000])
        let expected = Self.tv(lab.explorer.histogram.counts, closedFormSoftmax([2, 1, 0.5, 0.1, -1]))
        #expect(abs((history.points.last?.tv ?? -1) - expected) < 1e-12)
        // The first draw alone: TV = 1 - p of the class it picked, with u the seed's first uniform.
        var g = SeededGenerator(seed: 7)
        let u = g.nextUniform()
        var total = 0.0
        let first = closedFormSoftmax([2, 1, 0.5, 0.1, -1]).map { total += $0; return total }.firstIndex { $0 > u } ?? 0
        let pFirst = closedFormSoftmax([2, 1, 0.5, 0.1, -1])[first]
        #expect(abs((history.points.first?.tv ?? -1) - (1 - pFirst)) < 1e-12)
    }

    @Test func singleDrawsBeforeTheBatchAreSkipped() {
        // Space three times (chapter 5's single draws), then d: the batch starts at the fourth uniform.
        var lab = Self.lab()
        for _ in 0..<3 { lab.handle(.character(" ")) }
        lab.handle(.character("d"))
        let history = ManyDrawsHistory(instrument: lab.explorer, probabilities: lab.lesson.readout.probabilities,
                                       checkpoints: [1000])
        #expect(history.isYourRun)
        #expect(history.points.last?.tv == lab.explorer.histogram.totalVariation(from: lab.lesson.readout.probabilities))
    }

    @Test func aGapInTheDrawsMakesATwinRunAndSaysSo() {
        var lab = Self.lab()
        lab.handle(.character("d"))
        lab.handle(.character(" "))
        lab.handle(.character("d"))
        let history = ManyDrawsHistory(instrument: lab.explorer, probabilities: lab.lesson.readout.probabilities,
                                       checkpoints: [2000])
        #expect(!history.isYourRun)
        #expect(Self.screen(lab).contains("twin run"))
    }

    @Test func thePlotsAxesAreLogarithmic() {
        let plot = ManyDrawsPlot(total: 1000, width: 37 + ManyDrawsPlot.labelWidth)
        #expect(plot.decades == 3)
        #expect(plot.n(atColumn: 0) == 1)
        #expect(plot.n(atColumn: 36) == 1000)
        // Halfway along three decades is 10^1.5 = 31.6.
        #expect(plot.n(atColumn: 18) == 32)
        #expect(ManyDrawsPlot(total: 20_000, width: 40).decades == 5)
    }
}
