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
        LabScreen.render(lab, width: w, height: h).text
    }

    static func ten(temperature: Temperature = .one) -> LabState {
        LabState(mode: .lesson, lesson: LessonState(chapterIndex: 1, instrument: ExplorerState(
            logits: Chapter01Tests.tenLogits, labels: Chapter01Tests.tenLabels, temperature: temperature, seed: 7, animates: false)))
    }

    @Test func snapshots() throws {
        GoldenFile.assertMatches(Self.screen(Self.lab()), named: "chapter-02-default-80x24")
        GoldenFile.assertMatches(Self.screen(Self.lab(), 120, 40), named: "chapter-02-default-120x40")
        var cold = Self.lab(temperature: try Temperature(0.5))
        cold.handle(.down)
        cold.handle(.down)
        cold.handle(.right)
        GoldenFile.assertMatches(Self.screen(cold), named: "chapter-02-T-held-80x24")
        var tenHeld = Self.ten(temperature: try Temperature(0.5))
        tenHeld.handle(.right)
        GoldenFile.assertMatches(Self.screen(tenHeld), named: "chapter-02-ten-classes-T-held-80x24")
    }

    /// Ten classes on 80×24 all have their row, with T at 1 or held (a line more of
    /// text), and with the notice showing: no "… more" line is needed.
    @Test func tenClassesAllFitAt80x24() throws {
        for t in [Temperature.one, try Temperature(0.5)] {
            var lab = Self.ten(temperature: t)
            for pressed in [false, true] {
                if pressed { lab.handle(.right) }
                let rows = Self.screen(lab).split(separator: "\n", omittingEmptySubsequences: false)
                for label in Chapter01Tests.tenLabels {
                    #expect(rows.contains { $0.dropFirst(4).hasPrefix(label + " ") }, "\(label) has no row")
                }
                #expect(!Self.screen(lab).contains("more"))
                // Every bar row has its percentage, and they add up to 100.0.
                let shown = rows.filter { row in Chapter01Tests.tenLabels.contains { row.dropFirst(4).hasPrefix($0 + " ") } }
                #expect(abs(shown.flatMap { percentValues(in: $0) }.reduce(0, +) - 100) < 1e-9)
                #expect(shown.map { String($0.split(separator: " ").last ?? "") }
                    == hamiltonPercents(closedFormSoftmax(Chapter01Tests.tenLogits)))
            }
        }
    }

    /// The notice ("T stays at 1") is the frame's, on the row above the key line; the
    /// chapter does not write it a second time.
    @Test func theNoticeShowsOnceOnTheFramesRow() throws {
        for lab in [Self.lab(temperature: try Temperature(0.5)), Self.ten()] {
            var pressed = lab
            pressed.handle(.right)
            for (w, h) in [(80, 24), (120, 40)] {
                let rows = Self.screen(pressed, w, h).split(separator: "\n", omittingEmptySubsequences: false)
                let carrying = rows.indices.filter { rows[$0].contains("T stays at 1 in this chapter") }
                #expect(carrying == [h - 3], "the notice is on rows \(carrying)")
            }
        }
        // The explorer's first-run hint is the frame's too: once, on the same row.
        var first = Self.lab()
        first.lesson.instrument.notice = .info("first-run hint for the test")
        let rows = Self.screen(first).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(rows.indices.filter { rows[$0].contains("first-run hint for the test") } == [21])
    }

    /// Only gaps matter, shown under the chart where there is room: the same c added
    /// to every logit leaves p(A) where it was.
    @Test func addingTheSameToEveryLogitLeavesPAlone() {
        let z = [2, 1, 0.5, 0.1, -1.0]
        let view = LogitsToProbabilities(instrument: Self.lab().explorer)
        let pA = String(format: "%.4f", closedFormSoftmax(z)[0])
        #expect(view.shiftLines.count == 4)
        for (line, c) in zip(view.shiftLines.dropFirst(), [-1.0, 1, 2]) {
            let weight = exp(2 + c)
            let sum = z.reduce(0) { $0 + exp($1 + c) }
            #expect(line.contains("= \(String(format: "%#.4g", weight)) / \(String(format: "%#.4g", sum)) = \(pA)"), "\(line)")
        }
        #expect(Self.screen(Self.lab(), 120, 40).contains(view.shiftLines[1]))
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
        #expect(Self.screen(lab).contains("T stays at 1 in this chapter; turn it in chapter 3, the dial."))
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

    /// At the extremes every number comes from its log (the references are mpmath's, from
    /// the script quoted over Chapter01ExtremeTests; e^-800 = 3.67e-348 and e^-805 = 2.47e-350
    /// by the same nstr(exp(x), 3)). The probabilities' ratio is read from their logs, and
    /// must be the gap's e^Δz.
    @Test func extremeLogitsAreWorkedOutFromLogs() {
        var lab = Self.lab(logits: [800, 0])
        var text = flattened(Self.screen(lab))
        #expect(text.contains("A vs B: gap Δz = 800.00 → ratio e^Δz = 2.73e+347"))
        #expect(text.contains("and indeed p(A) / p(B) = 1.0000 / 3.67e-348 = 2.73e+347"))
        #expect(squeezed(text).contains("B 0.00 3.67e-348 <0.1%"))
        #expect(text.contains(">99.9%"))
        lab = Self.lab(logits: [-800, 0])
        text = flattened(Self.screen(lab))
        #expect(text.contains("p(A) = e^(z−max) / Σ e^(z−max) = 3.67e-348 / 1 = 3.67e-348"))
        #expect(text.contains("ratio e^Δz = 3.67e-348"))
        lab = Self.lab(logits: [800, 0, -5])
        #expect(squeezed(Self.screen(lab)).contains("C -5.00 2.47e-350 <0.1%"))
        lab = Self.lab(logits: [1e300, 0, -1e300])
        text = flattened(Self.screen(lab, 120, 40))
        #expect(text.contains("vs C: Δz = 2e+300 → e^Δz = 10^8.69e+299"))
        #expect(text.contains("and indeed p(A) / p(B) = 1.0000 / 10^-4.34e+299 = 10^4.34e+299"))
        // Two logits further apart than the largest double: bounds, not inf.
        lab = Self.lab(logits: [1.7976931348623157e308, -1.7976931348623157e308])
        #expect(flattened(Self.screen(lab)).contains("gap Δz > 1.8e+308 → ratio e^Δz > 10^7.81e+307"))
    }

    @Test func noNumberOverflowsItsCellAtTheExtremes() {
        for z in extremeLogitSets + [[1.7976931348623157e308, -1.7976931348623157e308]] {
            for (w, h) in [(80, 24), (120, 40)] {
                for ascii in [false, true] {
                    let text = LabScreen.render(Self.lab(logits: z), width: w, height: h, options: ScreenOptions(unicode: !ascii)).text
                    expectExactAtExtremes(text, width: w, "chapter 2, \(z), \(w)×\(h)\(ascii ? " ASCII" : "")")
                }
            }
        }
    }

    /// The chapters draw BarChart and write a readout's percentages over its own: where the
    /// two agree (no probability underflows) the chart is cell for cell BarChart's, so the
    /// overwrite sits exactly on BarChart's percentage column; where they differ it is the
    /// readout's that shows.
    @Test func readoutPercentagesSitOnBarChartsColumn() {
        let p = closedFormSoftmax([2, 1, 0.5, 0.1, -1])
        let labels = ["A", "B", "C", "D", "E"]
        for (values, area) in [(nil, Rect(x: 1, y: 1, width: 60, height: 5)), (["2.00", "1.00", "0.50", "0.10", "-1.00"],
                               Rect(x: 3, y: 0, width: 40, height: 3))] {
            let chart = BarChart(labels: labels, probabilities: p, values: values, selected: 1)
            var plain = Grid(width: 70, height: 8)
            chart.render(in: area, into: &plain, options: ScreenOptions())
            var over = Grid(width: 70, height: 8)
            ChapterLines.renderBars(chart, percents: PercentText.column(p), in: area, into: &over, options: ScreenOptions())
            #expect(plain.text == over.text)
        }
        let r = SoftmaxReadout(logits: [800, 0])
        var grid = Grid(width: 40, height: 2)
        ChapterLines.renderBars(BarChart(labels: ["A", "B"], probabilities: r.probabilities), percents: ChapterLines.percents(r),
                                in: Rect(x: 0, y: 0, width: 40, height: 2), into: &grid, options: ScreenOptions())
        #expect(grid.lines[0].hasSuffix(">99.9%"))
        #expect(grid.lines[1].hasSuffix(" <0.1%"))
    }
}
