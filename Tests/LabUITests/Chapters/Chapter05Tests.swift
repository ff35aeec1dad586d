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

    /// 100 % less the shown percentages of `classes`, as the chapter rounds them (with their column).
    static func missing(_ p: [Double], _ classes: [Int]) -> String {
        let shown = hamiltonPercents(p).map { Double($0.dropLast()) ?? .nan }
        return String(format: "%.1f%%", 100 - classes.reduce(0) { $0 + shown[$1] })
    }

    static func ten(draw: Draw? = nil) -> LabState {
        var lab = LabState(mode: .lesson, lesson: LessonState(chapterIndex: 4, instrument: ExplorerState(
            logits: Chapter01Tests.tenLogits, labels: Chapter01Tests.tenLabels, seed: 7, animates: false)))
        lab.lesson.instrument.lastDraw = draw
        return lab
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
        GoldenFile.assertMatches(Self.screen(Self.ten(draw: Draw(u: 0.99, index: 8))), named: "chapter-05-ten-classes-drawn-80x24")
        GoldenFile.assertMatches(Self.screen(Self.ten(draw: Draw(u: 0.99, index: 8)), 120, 40),
                                 named: "chapter-05-ten-classes-drawn-120x40")
    }

    /// Ten classes on 80×24, before and after a draw (even one that walks all the way):
    /// every class is named, on the bar or on a line under it, and the walk and its
    /// explanation are whole.
    @Test func tenClassesAreAllNamedAt80x24() {
        let p = closedFormSoftmax(Chapter01Tests.tenLogits)
        let c = Self.running(p)
        for u in [nil, 0.1, 0.7, 0.99, 0.9999] as [Double?] {
            let draw = u.map { u in Draw(u: u, index: c.firstIndex { $0 > u } ?? 9) }
            for (w, h) in [(80, 24), (120, 40)] {
                let lab = Self.ten(draw: draw)
                let text = Self.screen(lab, w, h)
                for label in Chapter01Tests.tenLabels { #expect(text.contains(label), "u = \(String(describing: u)): \(label)") }
                guard let draw else { continue }
                let walk = OneDrawWalk(probabilities: lab.lesson.readout.probabilities, labels: Chapter01Tests.tenLabels, draw: draw)
                // The explanation's last words, and the walk's stop, are on the screen.
                let why = walk.explanation(readout: lab.lesson.readout)
                let flat = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
                #expect(flat.contains(why), "\(w)×\(h), u = \(draw.u)")
                #expect(flat.contains("stop") , "\(w)×\(h), u = \(draw.u)")
            }
        }
        // The narrow stretches are named under the bar when the chart of stretches has no room.
        let drawn = Self.screen(Self.ten(draw: Draw(u: 0.99, index: 8)))
        #expect(drawn.contains("too narrow to name on the bar:"))
        #expect(drawn.contains("jay \(hamiltonPercents(p)[9])"))
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
        #expect(why.hasPrefix("B is not the most likely class (A, \(hamiltonPercents(p)[0]))"))
        #expect(why.contains("1 − p(A) = \(Self.missing(p, [0]))"))
        #expect(why.contains("p(B) = \(hamiltonPercents(p)[1])"))

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
        #expect(hotWhy.contains("1 − p(A) = \(Self.missing(hot, [0]))"))
    }

    @Test func theTopClassIsExplainedToo() {
        let p = closedFormSoftmax([2, 1, 0.5, 0.1, -1])
        let walk = OneDrawWalk(probabilities: softmax([2, 1, 0.5, 0.1, -1]), labels: ["A", "B", "C", "D", "E"],
                               draw: Draw(u: 0.1, index: 0))
        #expect(walk.oneLine == "A \(String(format: "%.4f", p[0])) > u: stop at A")
        let why = walk.explanation(readout: SoftmaxReadout(logits: [2, 1, 0.5, 0.1, -1]))
        #expect(why.hasPrefix("A is the most likely class"))
        #expect(why.contains("p(A) = \(hamiltonPercents(p)[0])"))
        #expect(why.contains("misses it the other \(Self.missing(p, [0]))"))
    }

    /// A tie at the top is a tie: neither class of it is "the most likely class".
    @Test func aTieAtTheTopIsNamedAsATie() throws {
        let z = [1.0, 1, 0]
        let p = closedFormSoftmax(z)
        let readout = SoftmaxReadout(logits: z)
        let c = Self.running(p)
        let first = OneDrawWalk(probabilities: readout.probabilities, labels: ["A", "B", "C"], draw: Draw(u: 0.1, index: 0))
        let second = OneDrawWalk(probabilities: readout.probabilities, labels: ["A", "B", "C"], draw: Draw(u: (c[0] + c[1]) / 2, index: 1))
        let other = OneDrawWalk(probabilities: readout.probabilities, labels: ["A", "B", "C"], draw: Draw(u: 0.99, index: 2))
        let texts = [first, second, other].map { $0.explanation(readout: readout) }
        #expect(texts[0].hasPrefix("A ties with B for the most likely: u lands in its stretch with probability p(A) = \(hamiltonPercents(p)[0])"))
        #expect(texts[1].hasPrefix("B ties with A for the most likely"))
        #expect(texts[2].hasPrefix("C is not among the most likely classes (A and B, \(String(format: "%.2f%%", p[0] * 100)) each)"))
        #expect(texts[2].contains("with probability \(Self.missing(p, [0, 1]))"))
        for text in texts { #expect(!text.contains("the most likely class ("), "\(text)") }
        for text in texts { #expect(!text.contains("is the most likely class")) }
        // Three tied, and at T → ∞ every class ties.
        let uniform = SoftmaxReadout(logits: [3, 1, 0], temperature: .uniform)
        let any = OneDrawWalk(probabilities: uniform.probabilities, labels: ["A", "B", "C"], draw: Draw(u: 0.5, index: 1))
        #expect(any.explanation(readout: uniform).hasPrefix("B is one of 3 classes tied for the most likely"))
    }

    /// In ASCII the walk and its explanation are whole too: wrapped as spelt, never cut.
    @Test func asciiKeepsTheWalkWhole() {
        let lab = Self.ten(draw: Draw(u: 0.99, index: 8))
        let text = LessonScreen.render(lab.lesson, width: 80, height: 24, options: ScreenOptions(unicode: false)).text
        #expect(text.allSatisfy { $0.isASCII })
        let walk = OneDrawWalk(probabilities: lab.lesson.readout.probabilities, labels: Chapter01Tests.tenLabels,
                               draw: Draw(u: 0.99, index: 8))
        let glyphs = ScreenOptions(unicode: false).glyphs
        #expect(flattened(text).contains(glyphs.text(walk.explanation(readout: lab.lesson.readout))))
        #expect(flattened(text).contains(glyphs.text(walk.oneLine)))
    }

    @Test func aUPastTheLastSumFallsBackToTheLastClassWithWeight() {
        // Rounding can leave the last running sum just below 1; a u there picks the last class with weight.
        let walk = OneDrawWalk(probabilities: [0.5, 0.25, 0.2499999], labels: ["A", "B", "C"], draw: Draw(u: 0.99999995, index: 2))
        #expect(walk.picked == 2)
        #expect(walk.ranOffTheEnd)
        #expect(walk.stepLines.last?.contains("the last class with weight, C") == true)
    }

    /// A draw at the extremes. Logits 800, 0: A is drawn (B's probability underflows, so
    /// the sampler cannot pick it), A's share reads "p(A) > 99.9%" and the miss "under
    /// 0.1%", never 0.0%. Logits -1e300, 0: the walk passes A's sum, e^-1e300 =
    /// 10^-4.34e+299 (mpmath: 1e300 / ln 10 = 4.34e+299), which is no 0.0000.
    @Test func theWalkAndItsOddsAtTheExtremes() {
        var lab = Self.lab(logits: [800, 0])
        lab.handle(.character(" "))
        var text = flattened(Self.screen(lab))
        #expect(lab.explorer.lastDraw?.index == 0)
        #expect(text.contains("u lands in its stretch with probability p(A) > 99.9%, and misses it under 0.1% of the time."))
        lab = Self.lab(logits: [-1e300, 0])
        lab.handle(.character(" "))
        text = Self.screen(lab)
        #expect(text.contains("A  10^-4.34e+299 ≤ u: go on"))
        #expect(squeezed(text).contains("A ends at 10^-4.34e+299 <0.1%"))
        #expect(squeezed(text).contains("B ends at 1.0000"))
    }

    /// The running sums' logs, by log-sum-exp: ln(e^-800 / (1 + e^-800)) = -800 to the
    /// digits a double holds, and the last is ln 1 = 0.
    @Test func logCumulativeSumsAreExact() {
        let logs = OneDrawWalk.logCumulative(SoftmaxReadout(logits: [-800, 0]))
        #expect(logs[0] == -800)
        #expect(abs(logs[1]) < 1e-300)
        let plain = OneDrawWalk.logCumulative(SoftmaxReadout(logits: [2, 1, 0.5, 0.1, -1]))
        for (l, c) in zip(plain, Self.running(closedFormSoftmax([2, 1, 0.5, 0.1, -1]))) { #expect(abs(exp(l) - c) < 1e-12) }
    }

    @Test func noNumberOverflowsItsCellAtTheExtremes() {
        for z in extremeLogitSets {
            var lab = Self.lab(logits: z)
            lab.handle(.character(" "))
            for (w, h) in [(80, 24), (120, 40)] {
                for ascii in [false, true] {
                    let text = LessonScreen.render(lab.lesson, width: w, height: h, options: ScreenOptions(unicode: !ascii)).text
                    expectExactAtExtremes(text, width: w, "chapter 5, \(z), \(w)×\(h)\(ascii ? " ASCII" : "")")
                }
            }
        }
    }
}
