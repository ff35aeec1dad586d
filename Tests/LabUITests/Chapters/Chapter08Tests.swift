import Foundation
@testable import LabUI
import SoftmaxCore
import Testing

/// Chapter 8, "Energy, entropy, free energy": the softmax minimises F = ⟨E⟩ − T·S.
@Suite struct Chapter08Tests {
    static let index = 7

    static func lesson(logits: [Double] = [2, 1, 0.5, 0.1, -1], temperature: Temperature = .one,
                       nudged: [Double]? = nil) -> LessonState {
        var l = LessonState(chapterIndex: index, instrument: ExplorerState(logits: logits, temperature: temperature,
                                                                           seed: 7, animates: false))
        l.energy.nudged = nudged
        return l
    }

    static func pressing(_ keys: [Key], from lesson: LessonState = lesson()) -> LabState {
        var s = LabState(mode: .lesson, lesson: lesson)
        for k in keys { s.handle(k) }
        return s
    }

    static func screen(_ lesson: LessonState, width: Int = 80, height: Int = 24) -> String {
        LessonScreen.render(lesson, width: width, height: height).text
    }

    static func prose(_ lesson: LessonState) -> String {
        screen(lesson, width: 120, height: 40).split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .joined(separator: " ")
    }

    /// The table row that starts with `name`, as its cells.
    static func row(_ name: String, in lesson: LessonState, width: Int = 120, height: Int = 40) -> [String] {
        row(name, on: screen(lesson, width: width, height: height))
    }

    static func row(_ name: String, on screen: String) -> [String] {
        let line = screen.split(separator: "\n").first { $0.hasPrefix("  " + name) }
        return line.map { String($0.dropFirst(2 + name.count)).split(separator: " ").prefix(4).map(String.init) } ?? []
    }

    /// Three decimals with the typographic minus, as the chapter prints them.
    static func fixed3(_ x: Double) -> String {
        let text = String(format: "%.3f", x)
        return text == "-0.000" ? "0.000" : text.replacingOccurrences(of: "-", with: "−")
    }

    static let handMade: [Double] = [0.4, 0.3, 0.2, 0.1, 0]

    @Test func snapshots() throws {
        for (w, h) in [(80, 24), (120, 40)] {
            GoldenFile.assertMatches(Self.screen(Self.lesson(), width: w, height: h), named: "chapter-08-default-\(w)x\(h)")
            GoldenFile.assertMatches(Self.screen(Self.lesson(temperature: try Temperature(2), nudged: Self.handMade),
                                                 width: w, height: h), named: "chapter-08-nudged-\(w)x\(h)")
            GoldenFile.assertMatches(Self.screen(Self.lesson(temperature: .greedy, nudged: Self.handMade), width: w, height: h),
                                     named: "chapter-08-T0-\(w)x\(h)")
            GoldenFile.assertMatches(Self.screen(Self.lesson(temperature: .uniform, nudged: Self.handMade), width: w, height: h),
                                     named: "chapter-08-Tinf-\(w)x\(h)")
        }
    }

    @Test func greaterThanMovesFivePercentIntoTheSelectedClassKeepingTheOthersInProportion() {
        let p = softmax([2, 1, 0.5, 0.1, -1])
        let s = Self.pressing([.down, .character(">")])
        let q = s.lesson.energy.nudged ?? []
        #expect(q.count == 5)
        #expect(abs(q[1] - (p[1] + 0.05)) < 1e-12)
        #expect(abs(q.reduce(0, +) - 1) < 1e-12)
        // The others shrink by one common factor.
        let factor = (1 - p[1] - 0.05) / (1 - p[1])
        for j in [0, 2, 3, 4] { #expect(abs(q[j] - p[j] * factor) < 1e-12) }
        // Logits and T are untouched; ↓ still selected the class.
        #expect(s.lesson.instrument.logits == [2, 1, 0.5, 0.1, -1])
        #expect(s.lesson.instrument.selected == 1)
    }

    @Test func massStaysAValidDistributionAtTheEnds() {
        let full = Self.pressing(Array(repeating: .character(">"), count: 30)).lesson.energy.nudged ?? []
        #expect(full == [1, 0, 0, 0, 0])
        // Out of a one-hot, the freed mass is shared evenly.
        let back = Self.pressing([.character("<")], from: Self.lesson(nudged: full)).lesson.energy.nudged ?? []
        #expect(abs(back[0] - 0.95) < 1e-12)
        for j in 1..<5 { #expect(abs(back[j] - 0.0125) < 1e-12) }
        let empty = Self.pressing(Array(repeating: .character("<"), count: 30)).lesson.energy.nudged ?? []
        #expect(empty[0] == 0)
        #expect(abs(empty.reduce(0, +) - 1) < 1e-12)
        #expect(empty.allSatisfy { $0 >= 0 })
    }

    @Test func rResetsToTheSoftmaxAndAStaleQIsIgnored() {
        #expect(Self.pressing([.character(">"), .character("r")]).lesson.energy.nudged == nil)
        // After a class is added (here: a q of the wrong length), q follows p again.
        let stale = Self.lesson(nudged: [0.5, 0.5])
        #expect(Self.row("yours q", in: stale) == Self.row("softmax p", in: stale))
        // ← and → still turn T.
        #expect(Self.pressing([.right]).lesson.instrument.temperature != .one)
    }

    /// Python mpmath (mp.dps = 30), from the definitions:
    ///   e = [exp(z/T) for z in logits]; Z = sum(e); p = [x/Z for x in e]
    ///   <E> = -sum(p*z); S = -sum(p*log p); F = -T*log(Z)   (equal to <E> - T*S)
    ///   uniform: F = -mean(z) - T*log(K); one-hot: F = -max(z); gap = F[q] - F[p]
    @Test func numbersMatchAnIndependentComputation() throws {
        // logits 2, 1, 0.5, 0.1, -1 at T = 1: Z = 13.22910956, <E> = -1.365427676, S = 1.216991996,
        // F = -2.582419671; uniform F = -2.129437912, gap 0.4529817586; one-hot gap 0.582419671.
        let one = Self.lesson()
        #expect(Self.prose(one).contains("Now Z = 13.23, ⟨E⟩ = −1.365, S = 1.217 nats, and F = ⟨E⟩ − T×S = −T ln Z = −2.582."))
        #expect(Self.row("softmax p", in: one) == ["−1.365", "1.217", "−2.582", "0.000"])
        #expect(Self.row("uniform", in: one) == ["−0.520", "1.609", "−2.129", "0.453"])
        #expect(Self.row("one-hot A", in: one) == ["−2.000", "0.000", "−2.000", "0.582"])
        // At T = 2 with q = (0.4, 0.3, 0.2, 0.1, 0): Z = 7.308830272, <E> = -0.9886526047, S = 1.494756941,
        // F = -3.978166487; q: <E> = -1.21, S = 1.279854226, F = -3.769708452, gap 0.2084580352,
        // KL(q||p) = 0.1042290176; uniform gap 0.239290662; one-hot gap 1.978166487.
        let two = Self.lesson(temperature: try Temperature(2), nudged: Self.handMade)
        #expect(Self.prose(two).contains("Now Z = 7.309, ⟨E⟩ = −0.989, S = 1.495 nats, and F = ⟨E⟩ − T×S = −T ln Z = −3.978."))
        #expect(Self.row("yours q", in: two) == ["−1.210", "1.280", "−3.770", "0.208"])
        #expect(Self.row("uniform", in: two) == ["−0.520", "1.609", "−3.739", "0.239"])
        #expect(Self.row("one-hot A", in: two) == ["−2.000", "0.000", "−2.000", "1.978"])
        #expect(Self.prose(two).contains("F[q] − F[p] = 0.208 = T×KL(q||p) = 2.00 × 0.104 = 0.208"))
        // logits 1, 0, -1 at T = 0.5 with q uniform: Z = 8.524391382, F = -1.071465814, gap 0.5221596699,
        // KL = 1.04431934.
        let third = Self.lesson(logits: [1, 0, -1], temperature: try Temperature(0.5), nudged: [1.0 / 3, 1.0 / 3, 1.0 / 3])
        #expect(Self.prose(third).contains("F[q] − F[p] = 0.522 = T×KL(q||p) = 0.500 × 1.044 = 0.522"))
    }

    /// F[q] − F[p] = T·KL(q‖p) for any q: the table's gap against KL computed here with
    /// Foundation's log, for seeded random q's, logits and temperatures.
    @Test func gapEqualsTemperatureTimesDivergence() throws {
        var generator = SeededGenerator(seed: 2024)
        for _ in 0..<200 {
            let k = 2 + Int(generator.next() % 9)
            let logits = (0..<k).map { _ in generator.nextUniform() * 8 - 4 }
            var q = (0..<k).map { _ in generator.nextUniform() }
            let sum = q.reduce(0, +)
            q = q.map { $0 / sum }
            let t = 0.05 + generator.nextUniform() * 10
            let rows = EnergyTable.rows(logits: logits, labels: logits.map { _ in "x" },
                                        temperature: try Temperature(t), yours: q)
            let m = logits.max() ?? 0
            let logZ = m / t + Foundation.log(logits.reduce(0) { $0 + Foundation.exp(($1 - m) / t) })
            let p = logits.map { Foundation.exp($0 / t - logZ) }
            let kl = zip(q, p).reduce(0) { $0 + $1.0 * Foundation.log($1.0 / $1.1) }
            let gap = rows[3].gap
            #expect(abs(gap - t * kl) <= 1e-9 * max(1, t * kl), "k \(k) T \(t)")
            #expect(rows[1].gap >= 0 && rows[2].gap >= 0 && gap >= 0)
        }
    }

    @Test func theLimitsAreNamedNotNaN() {
        // T → 0: F[p] = −max z = −2; the uniform's F is its mean energy −0.52, a gap of 1.48; q's is
        // −(0.4·2 + 0.3·1 + 0.2·0.5 + 0.1·0.1) = −1.21, a gap of 0.79.
        let cold = Self.lesson(temperature: .greedy, nudged: Self.handMade)
        #expect(!Self.screen(cold, width: 120, height: 40).contains("nan"))
        #expect(Self.prose(cold).contains("ln Z → +∞, yet F = −T ln Z → −max z = −2.000"))
        #expect(Self.row("softmax p", in: cold) == ["−2.000", "0.000", "−2.000", "0.000"])
        #expect(Self.row("uniform", in: cold) == ["−0.520", "1.609", "−0.520", "1.480"])
        #expect(Self.row("yours q", in: cold) == ["−1.210", "1.280", "−1.210", "0.790"])
        // T → ∞: every spread-out F is −∞; the gap's limit is 0 for the uniform and +∞ for the rest.
        let hot = Self.lesson(temperature: .uniform, nudged: Self.handMade)
        #expect(!Self.screen(hot, width: 120, height: 40).contains("nan"))
        #expect(Self.prose(hot).contains("F = ⟨E⟩ − T×S → −∞"))
        #expect(Self.row("softmax p", in: hot) == ["−0.520", "1.609", "−∞", "0.000"])
        #expect(Self.row("uniform", in: hot) == ["−0.520", "1.609", "−∞", "0.000"])
        #expect(Self.row("one-hot A", in: hot) == ["−2.000", "0.000", "−2.000", "+∞"])
        #expect(Self.row("yours q", in: hot) == ["−1.210", "1.280", "−∞", "+∞"])
    }

    /// The defect: with more than five classes at 80×24 the table and q's bars vanished.
    /// Now with ten the table shows every row with the closed form's numbers, the chart
    /// every class, and the identity line, whole.
    @Test func tenClassesAt80x24ShowTheTableTheIdentityAndEveryClass() {
        let state = ChapterLayouts.lab(chapter: 8, classes: 10)
        let z = ChapterLayouts.logits
        let text = ChapterLayouts.screen(state, 80, 24)
        let weights = z.map { Foundation.exp($0) }
        let partition = weights.reduce(0, +)
        let p = weights.map { $0 / partition }
        let energy = -zip(p, z).reduce(0) { $0 + $1.0 * $1.1 }
        let entropy = -p.reduce(0) { $0 + $1 * Foundation.log($1) }
        let f = -Foundation.log(partition)
        let meanE = -z.reduce(0, +) / 10
        let uniformF = meanE - Foundation.log(10)
        #expect(Self.row("softmax p", on: text) == [Self.fixed3(energy), Self.fixed3(entropy), Self.fixed3(f), "0.000"])
        #expect(Self.row("uniform", on: text) == [Self.fixed3(meanE), Self.fixed3(Foundation.log(10)), Self.fixed3(uniformF),
                                                   Self.fixed3(uniformF - f)])
        #expect(Self.row("one-hot ant", on: text) == ["−2.200", "0.000", "−2.200", Self.fixed3(-2.2 - f)])
        #expect(Self.row("yours q", on: text) == Self.row("softmax p", on: text))
        for label in ChapterLayouts.labels { #expect(text.contains(" \(label) "), "\(label) missing:\n\(text)") }
        #expect(text.contains("yours q"))
        #expect(!text.contains("more"))
        WholeWords.expect([EnergyText.identity(EnergyTable.rows(logits: z, labels: ChapterLayouts.labels, temperature: .one,
                                                                yours: p)[3], readout: state.lesson.readout)],
                          on: ChapterLayouts.screen(state, 80, 24, ascii: true))
    }

    /// The p column and q's bars are each one distribution rounded as a whole, so each
    /// adds up to 100.0%, and the same distribution reads the same in both.
    @Test func percentageColumnsAddUpToAHundred() {
        for (w, h) in [(80, 24), (120, 40)] {
            var state = ChapterLayouts.lab(chapter: 8, classes: 10)
            for key in [Key.character(">"), .down, .down, .character(">")] { state.handle(key) }
            let lines = ChapterLayouts.screen(state, w, h).split(separator: "\n")
            let rows = ChapterLayouts.labels.compactMap { label in lines.first { $0.contains(" \(label) ") } }
            #expect(rows.count == 10)
            let cells = rows.map { $0.split(separator: " ").filter { $0.hasSuffix("%") }.map { Double($0.dropLast()) ?? -1 } }
            #expect(cells.allSatisfy { $0.count == 2 })
            let p = cells.map { $0.first ?? 0 }
            let q = cells.map { $0.last ?? 0 }
            #expect(abs(p.reduce(0, +) - 100) < 1e-9, "p: \(p)")
            #expect(abs(q.reduce(0, +) - 100) < 1e-9, "q: \(q)")
            let exact = closedFormSoftmax(ChapterLayouts.logits)
            for (shown, x) in zip(p, exact) { #expect(abs(shown - 100 * x) <= 0.1 + 1e-9) }
        }
        // Before any nudge q is p, and the two columns read the same.
        let lines = ChapterLayouts.screen(ChapterLayouts.lab(chapter: 8, classes: 10), 120, 40).split(separator: "\n")
        for label in ChapterLayouts.labels {
            let cells = lines.first { $0.contains(" \(label) ") }.map { $0.split(separator: " ").filter { $0.hasSuffix("%") } }
            #expect(cells?.count == 2 && cells?.first == cells?.last, "\(label): \(cells ?? [])")
        }
    }

    /// In ASCII the infinities are spelt whole ("+inf", "-inf"), not cut to "+i", and the text keeps its words.
    @Test func asciiSpellsTheInfinitiesWhole() {
        let hot = Self.lesson(temperature: .uniform, nudged: Self.handMade)
        for (w, h) in [(80, 24), (120, 40)] {
            let text = LessonScreen.render(hot, width: w, height: h, options: ScreenOptions(unicode: false, color: false)).text
            let row = text.split(separator: "\n").first { $0.hasPrefix("  yours q") }.map(String.init) ?? ""
            #expect(row.split(separator: " ").prefix(6).map(String.init) == ["yours", "q", "-1.210", "1.280", "-inf", "+inf"], "\(row)")
            WholeWords.expect(EnergyText.paragraphs(hot.readout), on: text, width: w)
        }
    }

    /// In the table of F at other temperatures, q = p at the dial's T = 1 is as low as
    /// the softmax there, so both are starred, though the two F's are computed apart.
    @Test func qEqualToPIsStarredWithTheSoftmax() {
        let lines = Self.screen(Self.lesson(), width: 120, height: 40).split(separator: "\n")
        guard let header = lines.firstIndex(where: { $0.hasPrefix("  at T =") }) else {
            Issue.record("no table of F at other T")
            return
        }
        let columns = lines[header].split(separator: " ").dropFirst(3).map(String.init)
        #expect(columns == ["0.100", "0.300", "1.00", "3.00", "10.0"])
        let softmaxRow = lines[header + 1].split(separator: " ").dropFirst(2).map(String.init)
        let yoursRow = lines[header + 4].split(separator: " ").dropFirst(2).map(String.init)
        #expect(lines[header + 4].hasPrefix("  yours q"))
        // The softmax is the lowest at every T; q (= p at T = 1) only at T = 1, where it ties.
        #expect(softmaxRow.allSatisfy { $0.hasSuffix("*") }, "\(softmaxRow)")
        #expect(yoursRow.map { $0.hasSuffix("*") } == [false, false, true, false, false], "\(yoursRow)")
    }
}
