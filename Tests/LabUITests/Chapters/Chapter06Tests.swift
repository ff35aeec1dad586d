import Foundation
@testable import LabUI
import SoftmaxCore
import Testing

/// Chapter 6: draws accumulating, and TV against n beside its expected value E[TV].
@Suite struct Chapter06Tests {
    static func lab(logits: [Double] = [2, 1, 0.5, 0.1, -1], temperature: Temperature = .one) -> LabState {
        LabState(mode: .lesson, lesson: LessonState(
            chapterIndex: 5, instrument: ExplorerState(logits: logits, temperature: temperature, seed: 7, animates: false)))
    }

    static func screen(_ lab: LabState, _ w: Int = 80, _ h: Int = 24) -> String {
        LessonScreen.render(lab.lesson, width: w, height: h).text
    }

    static func ten() -> LabState {
        LabState(mode: .lesson, lesson: LessonState(chapterIndex: 5, instrument: ExplorerState(
            logits: Chapter01Tests.tenLogits, labels: Chapter01Tests.tenLabels, seed: 7, animates: false)))
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
        for _ in 0..<(ManyDrawsHistory.searchAllowance + 10) { _ = twin.lesson.instrument.generator.next() }
        twin.handle(.character("d"))
        twin.handle(.character("d"))
        GoldenFile.assertMatches(Self.screen(twin, 120, 40), named: "chapter-06-twin-run-120x40")
        GoldenFile.assertMatches(Self.screen(twin), named: "chapter-06-twin-run-80x24")
        var many = Self.ten()
        for _ in 0..<12 { many.handle(.character("d")) }
        GoldenFile.assertMatches(Self.screen(many), named: "chapter-06-ten-classes-12000-draws-80x24")
        GoldenFile.assertMatches(Self.screen(many, 120, 40), named: "chapter-06-ten-classes-12000-draws-120x40")
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

    @Test func singleDrawsBeforeTheBatchCountToo() {
        // Space three times (chapter 5's single draws), then d: 1003 draws, the first three the singles.
        var lab = Self.lab()
        for _ in 0..<3 { lab.handle(.character(" ")) }
        lab.handle(.character("d"))
        #expect(lab.explorer.histogram.total == 1003)
        let history = ManyDrawsHistory(instrument: lab.explorer, probabilities: lab.lesson.readout.probabilities,
                                       checkpoints: [1000, 1003])
        #expect(history.isYourRun)
        #expect(history.points.map(\.n) == [1000, 1003])
        #expect(history.points.last?.tv == lab.explorer.histogram.totalVariation(from: lab.lesson.readout.probabilities))
    }

    /// Single draws count in the histogram now, so d, Space, d is one run of 2001 draws,
    /// replayed as it came; so is d, c, d, the replay skipping the cleared thousand.
    @Test func singleDrawsAndClearedDrawsKeepTheRunYours() {
        for keys in [[Key.character("d"), .character(" "), .character("d")], [.character("d"), .character("c"), .character("d")]] {
            var lab = Self.lab()
            for key in keys { lab.handle(key) }
            let p = lab.lesson.readout.probabilities
            let history = ManyDrawsHistory(instrument: lab.explorer, probabilities: p, checkpoints: [lab.explorer.histogram.total])
            #expect(history.isYourRun)
            #expect(history.points.last?.tv == lab.explorer.histogram.totalVariation(from: p))
            #expect(Self.screen(lab, 120, 40).contains("your draws, as they came"))
        }
    }

    /// When the generator has moved on further than the search goes (many draws cleared),
    /// the points are a twin run from the seed, and the screen says so.
    @Test func aGeneratorFarAlongMakesATwinRunAndSaysSo() {
        var lab = Self.lab()
        for _ in 0..<(ManyDrawsHistory.searchAllowance + 10) { _ = lab.lesson.instrument.generator.next() }
        lab.handle(.character("d"))
        let history = ManyDrawsHistory(instrument: lab.explorer, probabilities: lab.lesson.readout.probabilities,
                                       checkpoints: [1000])
        #expect(!history.isYourRun)
        #expect(Self.screen(lab, 120, 40).contains("twin run"))
        #expect(Self.screen(lab).contains("twin run"))
    }

    /// The table of TV at each power of ten stays however many times d is pressed, at
    /// both sizes and with 2, 5 and 10 classes, its last row always n now.
    @Test func theTableStaysAfterManyDraws() {
        for k in [2, 5, 10] {
            var lab = LabState(mode: .lesson, lesson: LessonState(chapterIndex: 5, instrument: ExplorerState(
                logits: Array(Chapter01Tests.tenLogits.prefix(k)), labels: Array(Chapter01Tests.tenLabels.prefix(k)),
                seed: 7, animates: false)))
            for presses in 1...12 {
                lab.handle(.character("d"))
                let n = presses * 1000
                for (w, h) in [(80, 24), (120, 40)] {
                    let text = Self.screen(lab, w, h)
                    #expect(text.contains("TV×√n"), "K = \(k), \(presses) × d, \(w)×\(h)")
                    let rows = text.split(separator: "\n")
                    let last = rows.first { $0.contains(" \(n)  ") && $0.contains("0.") }
                    #expect(last != nil, "no row for n = \(n): K = \(k), \(w)×\(h)")
                    for label in Chapter01Tests.tenLabels.prefix(k) { #expect(text.contains(label)) }
                }
            }
        }
    }

    /// The plot's axis labels never share a row's cells with the table: the table, the
    /// histogram and the plot (labels and axis included) have rectangles that do not meet,
    /// for every screen from 80×24 to 120×40 and every table length.
    @Test func tableHistogramAndPlotNeverOverlap() {
        func meet(_ a: Rect, _ b: Rect) -> Bool {
            a.x < b.maxX && b.x < a.maxX && a.y < b.maxY && b.y < a.maxY
        }
        for k in [2, 5, 10] {
            for (w, h) in [(80, 24), (100, 30), (120, 40)] {
                for textLines in 3...8 {
                    let area = Rect(x: 2, y: 2, width: w - 4, height: h - 5)
                    let rest = Rect(x: area.x, y: area.y + textLines + 1, width: area.width, height: area.height - textLines - 1)
                    for ascii in [false, true] {
                        let layout = ManyDrawsLayout(area: area, classCount: k, total: 20_000, options: ScreenOptions(unicode: !ascii))
                        for rows in 1...6 {
                            let f = layout.frames(rows: rows, in: rest)
                            #expect(!meet(f.histogram, f.plot))
                            #expect(f.plot.maxY <= rest.maxY && f.plot.maxX <= rest.maxX)
                            guard let table = f.table else { continue }
                            #expect(!meet(table, f.plot), "K = \(k), \(w)×\(h), \(rows) rows")
                            #expect(!meet(table, f.histogram))
                            #expect(table.maxY <= rest.maxY)
                            #expect(layout.tableWidth <= table.width)
                            #expect(f.plot.height >= ManyDrawsPlot.minimumHeight)
                        }
                    }
                }
            }
        }
    }

    /// On the screen: each TV label sits on the axis ("0.01 ┤"), with blank cells to its
    /// left, so it cannot be read as a column of the table.
    @Test func axisLabelsStandApartFromTheTable() {
        for k in [2, 5, 10] {
            var lab = LabState(mode: .lesson, lesson: LessonState(chapterIndex: 5, instrument: ExplorerState(
                logits: Array(Chapter01Tests.tenLogits.prefix(k)), labels: Array(Chapter01Tests.tenLabels.prefix(k)),
                seed: 7, animates: false)))
            for _ in 0..<3 {
                lab.handle(.character("d"))
                for (w, h) in [(80, 24), (120, 40)] {
                    for line in Self.screen(lab, w, h).split(separator: "\n") where line.contains("┤") {
                        let before = line[..<(line.firstIndex(of: "┤") ?? line.endIndex)]
                        let label = before.split(separator: " ").last ?? ""
                        #expect(["1", "0.1", "0.01", "0.001", "0.0001"].contains(String(label)), "\(line)")
                        // Three blank cells at least before the label.
                        #expect(before.dropLast(label.count + 1).hasSuffix("   "), "\(line)")
                    }
                }
            }
        }
    }

    /// In ASCII, after draws, the text and the table's headers are whole: "√" spelt
    /// "sqrt " widens them, and the columns widen with it.
    @Test func asciiKeepsTheTableAndTextWhole() {
        var lab = Self.ten()
        for _ in 0..<3 { lab.handle(.character("d")) }
        for (w, h) in [(80, 24), (120, 40)] {
            let text = LessonScreen.render(lab.lesson, width: w, height: h, options: ScreenOptions(unicode: false)).text
            #expect(text.allSatisfy { $0.isASCII })
            #expect(text.contains("1/sqrt n"))
            #expect(text.contains("TVxsqrt n"))
            #expect(flattened(text).contains("TV x sqrt n = "))
            #expect(text.contains("TV vs n: * TV  . E[TV]  O now"))
        }
    }

    @Test func theHistogramsPercentagesAddUpToAHundred() {
        var lab = Self.lab()
        lab.handle(.character("d"))
        let counts = lab.explorer.histogram.counts
        let expected = hamiltonPercents(counts.map { Double($0) / 1000 })
        let rows = Self.screen(lab).split(separator: "\n").filter { row in ["A", "B", "C", "D", "E"].contains { row.hasPrefix("  \($0) ") } }
        #expect(rows.count == 5)
        for (row, share) in zip(rows, expected) { #expect(row.contains(share + " ") || row.hasSuffix(share), "\(row)") }
    }

    @Test func thePlotsAxesAreLogarithmic() {
        // Three decades of n give TV (3 + 1) / 2 + 1 = 3 decades, labelled down to "0.001":
        // five characters, a space and the axis line, so 44 columns leave 37 for the plot.
        let plot = ManyDrawsPlot(total: 1000, width: 44)
        #expect(plot.labelWidth == 7)
        #expect(plot.width == 37)
        #expect(plot.decades == 3)
        #expect(plot.n(atColumn: 0) == 1)
        #expect(plot.n(atColumn: 36) == 1000)
        // Halfway along three decades is 10^1.5 = 31.6.
        #expect(plot.n(atColumn: 18) == 32)
        #expect(ManyDrawsPlot(total: 20_000, width: 40).decades == 5)
    }

    /// A short plot labels every second TV decade rather than dropping one where two
    /// would share a row: 12000 draws make 5 decades of n and (5 + 1) / 2 + 1 = 4 of TV.
    @Test func aShortPlotLabelsEverySecondDecade() {
        let plot = ManyDrawsPlot(total: 12_000, width: 40)
        #expect(plot.tvDecades == 4)
        // 9 rows: decade d at row 2d, each its own.
        #expect(plot.labelledDecades(height: 9) == [0, 1, 2, 3, 4])
        // 4 rows: decades at rows 0, 0.75, 1.5, 2.25, 3 round to 0, 1, 2, 2, 3: 2 and 3 would share.
        #expect(plot.labelledDecades(height: 4) == [0, 2, 4])
    }

    /// E[TV] = Σ_i E|X_i − n p_i| / (2n) by de Moivre's closed form, and c = Σ √(p(1−p)/(2π)),
    /// against references computed offline for the default logits 2, 1, 0.5, 0.1, -1 by
    /// this script (scipy 1.x, numpy):
    ///
    ///     import numpy as np
    ///     from scipy.stats import binom
    ///     z = np.array([2, 1, 0.5, 0.1, -1.0])
    ///     p = np.exp(z - z.max()); p /= p.sum()
    ///     def exact(n):   # E[TV], summing |k - n q| over every k of each Binomial(n, q)
    ///         k = np.arange(n + 1)
    ///         return sum((np.abs(k - n * q) * binom.pmf(k, n, q)).sum() for q in p) / (2 * n)
    ///     c = np.sqrt(p * (1 - p) / (2 * np.pi)).sum()
    ///     rng = np.random.default_rng(20261128)
    ///     for n in [1, 10, 100, 1000, 3000, 12000]:
    ///         mc = np.abs(rng.multinomial(n, p, size=200000) / n - p).sum(axis=1) / 2
    ///         print(n, exact(n), c / np.sqrt(n), mc.mean(), 2 * mc.std() / np.sqrt(len(mc)))
    ///
    /// which printed c = 0.667043000043483 and (n, exact E[TV], c/√n, Monte Carlo ± 2 s.e.):
    ///
    ///     1      0.6225217115685646    0.667043000043483     0.622344 ± 0.000927
    ///     10     0.21182005514694485   0.21093751774092015   0.212065 ± 0.000381
    ///     100    0.06688865824965687   0.06670430000434831   0.066868 ± 0.000123
    ///     1000   0.021100548708368624  0.021093751774092017  0.021095 ± 0.000039
    ///     3000   0.012179851985274645  0.012178483264991172  0.012185 ± 0.000023
    ///     12000  0.006089443915579185  0.006089241632495586  0.006091 ± 0.000011
    ///
    /// The Monte Carlo means agree with the exact sums within their error; c/√n is E[TV]
    /// only for large n (7 % off at n = 1, 0.01 % at n = 3000), and neither is 1/√n.
    static let expectedReference: [(n: Int, exact: Double)] = [
        (1, 0.6225217115685646), (10, 0.21182005514694485), (100, 0.06688865824965687),
        (1000, 0.021100548708368624), (3000, 0.012179851985274645), (12000, 0.006089443915579185),
    ]

    @Test func expectedTVMatchesTheExactBinomialSums() {
        let e = ExpectedTotalVariation(SoftmaxReadout(logits: [2, 1, 0.5, 0.1, -1]))
        #expect(abs(e.constant - 0.667043000043483) < 1e-12)
        for (n, exact) in Self.expectedReference {
            #expect(abs(e.expected(n: n) / exact - 1) < 1e-9, "n = \(n): \(e.expected(n: n)) vs \(exact)")
        }
        // c/√n is the large-n form: within 0.3 % from n = 100 on, 7 % off at n = 1.
        #expect(abs(e.constant / 1 - 0.6225217115685646) > 0.04)
        for (n, exact) in Self.expectedReference where n >= 100 {
            #expect(abs(e.constant / Double(n).squareRoot() / exact - 1) < 0.003)
        }
        // And not 1/√n: c is set by p.
        #expect(abs(e.constant - 1) > 0.3)
    }

    /// De Moivre's formula at a single binomial, against the sum over k written out here:
    /// n = 7, p = 0.3, E|X − 2.1| = Σ_k |k − 2.1| C(7, k) 0.3^k 0.7^(7−k).
    @Test func deMoivresMeanDeviationIsTheSum() {
        func choose(_ n: Int, _ k: Int) -> Double { (0..<k).reduce(1.0) { $0 * Double(n - $1) / Double($1 + 1) } }
        for (n, q) in [(7, 0.3), (10, 0.5), (1, 0.2), (12, 0.05), (5, 0.9)] {
            let sum = (0...n).reduce(0.0) { $0 + abs(Double($1) - Double(n) * q) * choose(n, $1) * pow(q, Double($1)) * pow(1 - q, Double(n - $1)) }
            let formula = exp(ExpectedTotalVariation.logMeanDeviation(n: n, logP: log(q), logQ: log1p(-q)))
            #expect(abs(formula - sum) < 1e-12, "n = \(n), p = \(q)")
        }
    }

    /// Logits 800 and 0 (mpmath, 60 digits): every draw is A, so TV = p(B) = e^-800 / (1 + e^-800)
    /// = 3.67e-348 and TV √3000 = 2.01e-346; c = √(2/π) e^-400 / (1 + e^-800) = 1.53e-174
    /// (ln c = -400.22579135264472743); E[TV] = 2 p(B) (1 − p(B))^n, ln E[TV] at n = 3000 =
    /// -799.30685281944005469. None reads 0, and the table, whose cells hold four decimals,
    /// gives bounds.
    @Test func extremeLogitsKeepTVAndItsExpectationPositive() {
        var lab = Self.lab(logits: [800, 0])
        for _ in 0..<3 { lab.handle(.character("d")) }
        let text = flattened(Self.screen(lab))
        #expect(text.contains("Now n = 3000: TV = 3.67e-348, and TV × √n = 2.01e-346"))
        #expect(text.contains("c = Σ √(p(1−p)/(2π)) = 1.53e-174"))
        let e = ExpectedTotalVariation(lab.lesson.readout)
        #expect(abs(e.logConstant - -400.22579135264472743) < 1e-9)
        #expect(abs(e.logExpected(n: 3000) - -799.30685281944005469) < 1e-9)
        #expect(squeezed(Self.screen(lab)).contains("3000 <1e-4 <1e-4 <0.01"))
        #expect(!squeezed(Self.screen(lab)).contains("0.0000"))
    }

    /// The words say which law gives what, and the plot draws E[TV], named in its legend.
    @Test func theTextSaysWhichLawGivesWhat() {
        var lab = Self.lab()
        #expect(flattened(Self.screen(lab)).contains("watch TV follow the · curve, its expected value E[TV] for these p "
            + "(for large n, c/√n with c = 0.67)"))
        lab.handle(.character("d"))
        for (w, h) in [(80, 24), (120, 40)] {
            let text = flattened(Self.screen(lab, w, h))
            #expect(text.contains("law of large numbers"))
            #expect(text.contains("1/√n pace of the central limit theorem") || text.contains("the central limit theorem sets the pace, 1/√n"))
            #expect(text.contains("c = Σ √(p(1−p)/(2π)) = 0.67"))
            #expect(text.contains("TV vs n: * TV  · E[TV]  ● now"))
        }
        // The plot's · at each column is E[TV] at that column's n.
        let e = ExpectedTotalVariation(lab.lesson.readout)
        let plot = ManyDrawsPlot(total: 1000, width: 44, expected: e)
        var grid = Grid(width: 50, height: 12)
        plot.render(history: ManyDrawsHistory(instrument: lab.explorer, probabilities: lab.lesson.readout.probabilities,
                                              checkpoints: []), current: nil, in: Rect(x: 0, y: 0, width: 50, height: 12),
                    into: &grid, options: ScreenOptions())
        let rows = grid.lines
        for c in [0, 10, 20, 36] {
            let y = 1 + plot.row(of: e.expected(n: plot.n(atColumn: c)), height: 9)
            let x = plot.labelWidth + c
            let mark = Array(rows[y])[x]
            #expect(mark == "·" || mark == "*", "column \(c): \(rows[y])")
        }
    }

    @Test func noNumberOverflowsItsCellAtTheExtremes() {
        for z in extremeLogitSets {
            var lab = Self.lab(logits: z)
            for _ in 0..<3 { lab.handle(.character("d")) }
            for (w, h) in [(80, 24), (120, 40)] {
                for ascii in [false, true] {
                    let text = LessonScreen.render(lab.lesson, width: w, height: h, options: ScreenOptions(unicode: !ascii)).text
                    // The histogram's 100% and 0% are counted frequencies: exact.
                    expectExactAtExtremes(text, width: w, probabilitiesOnly: false,
                                          "chapter 6, \(z), \(w)×\(h)\(ascii ? " ASCII" : "")")
                }
            }
        }
    }
}
