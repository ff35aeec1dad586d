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
        // Logits beyond the doubles' exp: Z, S, the one-hot's gap and p's shares from their logs.
        GoldenFile.assertMatches(Self.screen(Self.lesson(logits: [800, 0])), named: "chapter-08-logits-800-0-80x24")
        GoldenFile.assertMatches(Self.screen(Self.lesson(logits: [1e300, 0])), named: "chapter-08-logits-1e300-0-80x24")
        // q = (0.95, 0.05) against them: KL 39.8, and the table of F at other T.
        GoldenFile.assertMatches(Self.screen(Self.pressing([.down, .character(">")], from: Self.lesson(logits: [800, 0])).lesson,
                                             width: 120, height: 40),
                                 named: "chapter-08-logits-800-0-nudged-120x40")
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
            let gap: Double = rows[3].gap.value
            let expected: Double = t * kl
            #expect(abs(gap - expected) <= 1e-9 * max(1, expected), "k \(k) T \(t)")
            #expect(rows[1].gap.value >= 0 && rows[2].gap.value >= 0 && gap >= 0)
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
                                                                yours: state.lesson.readout.probabilities)[3],
                                                readout: state.lesson.readout)],
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

    /// Logits 800 and 0: e^800 overflows and e^−800 underflows, yet every number on the
    /// page is finite, positive where it is positive, and matches mpmath (mp.dps = 1000;
    /// at 60 digits mpmath itself loses the top class's e^−800 in S):
    ///   lnZ = 800 + log1p(exp(-800)); lp = [z - lnZ for z in (800, 0)]; p = [exp(x) for x in lp]
    ///   log10 Z = 347.435585522601 (Z = 2.73e+347); S = -sum(p*lp) = 2.93796754193e-345 (801 e^-800)
    ///   <E> = -800 + 800 p_B; F = -lnZ = -800 - 3.66787458418e-348
    ///   uniform: <E> = -400, F = -400 - ln 2 = -400.69314718056, gap 399.30685281944
    ///   one-hot A: gap = T KL = -lp[0] = log1p(e^-800) = 3.66787458418e-348
    ///   q = (0.95, 0.05), one > on B: <E> = -760, S = 0.198515243345873, F = -760.198515243346,
    ///   KL(q||p) = 0.95 ln 0.95 + 0.05 (ln 0.05 - lp[1]) = 39.8014847566541 = F[q] - F[p]
    /// The defect: Z read "inf" and KL(q‖p) "+∞", from a p_B that had underflowed to 0.
    @Test func logits800And0KeepEveryNumberFiniteAndPositive() {
        let plain = Self.lesson(logits: [800, 0])
        #expect(Self.prose(plain).contains("Now Z ≈ 2.73e+347, ⟨E⟩ = −800.000, S = 2.938e-345 nats, and F = ⟨E⟩ − T×S = "
                                           + "−T ln Z = −800.000."), "\(Self.prose(plain))")
        #expect(Self.row("softmax p", in: plain) == ["−800.000", "2.94e-345", "−800.000", "0.000"])
        #expect(Self.row("uniform", in: plain) == ["−400.000", "0.693", "−400.693", "399.307"])
        #expect(Self.row("one-hot A", in: plain) == ["−800.000", "0.000", "−800.000", "3.67e-348"])
        #expect(Self.row("yours q", in: plain) == Self.row("softmax p", in: plain))
        let nudged = Self.pressing([.down, .character(">")], from: plain).lesson
        #expect(nudged.energy.nudged == [0.95, 0.05])
        #expect(Self.row("yours q", in: nudged) == ["−760.000", "0.199", "−760.199", "39.801"])
        #expect(Self.prose(nudged).contains("Yours: F[q] − F[p] = 39.801 = T×KL(q||p) = 1.00 × 39.801 = 39.801"))
        let rows = EnergyTable.rows(logits: [800, 0], labels: ["A", "B"], temperature: .one, yours: [0.95, 0.05])
        #expect(abs(rows[3].gap.value - 39.8014847566541) < 1e-11)
        #expect(abs(rows[3].freeEnergy.value - -760.198515243346) < 1e-11)
        #expect(abs(rows[1].gap.value - 399.30685281944) < 1e-11)
        // The one-hot's gap and p's entropy are below the doubles: their logs carry them.
        #expect(abs(rows[2].gap.log - -800) < 1e-12)
        #expect(abs(rows[0].entropy.log - (-800 + Foundation.log(801))) < 1e-12)
        for state in [plain, nudged] {
            for (w, h) in [(80, 24), (120, 40)] {
                let text = Self.screen(state, width: w, height: h)
                #expect(!text.contains("inf") && !text.contains("∞") && !text.contains("nan"), "\(text)")
                #expect(!text.contains("100%") && !text.contains(" 0%") && !text.contains("0.0%"), "\(text)")
                #expect(text.contains(">99.9%") && text.contains("<0.1%"))
            }
        }
    }

    /// Logits 0 and −800: the largest logit is 0, so ⟨E⟩ = 800 p_B and F = −ln(1 + e^−800)
    /// are themselves below the doubles (mpmath as above: ⟨E⟩ = 2.93429966734e-345,
    /// S = 2.93796754193e-345, F = −3.66787458418e-348, ln Z = 3.66787458418e-348).
    @Test func aZeroTopLogitKeepsTheTinyEnergiesPositive() {
        let state = Self.lesson(logits: [0, -800])
        #expect(Self.row("softmax p", in: state) == ["2.93e-345", "2.94e-345", "−3.7e-348", "0.000"])
        #expect(Self.prose(state).contains("Now Z = 1.000, ⟨E⟩ = 2.934e-345, S = 2.938e-345 nats, and F = ⟨E⟩ − T×S = "
                                           + "−T ln Z = −3.668e-348."), "\(Self.prose(state))")
    }

    /// Logits 1e300 and 0: the numbers are written as powers of ten from their logs, each
    /// to its cell (ln Z = 1e300, log10 Z = 4.3429448e+299; log10 S = −4.3429448e+299 by
    /// mpmath from S = e^−1e300 (1e300 + 1); ⟨E⟩ = F = −1e300; the uniform's gap 5e299 − ln 2;
    /// q = (0.95, 0.05): ⟨E⟩ = −9.5e299, gap = KL = 5e298 to 15 digits).
    /// The defect: ⟨E⟩ printed as −100000000, the first ten of its 301 digits.
    @Test func logits1e300And0FitTheirCells() {
        let state = Self.lesson(logits: [1e300, 0])
        #expect(Self.row("softmax p", in: state) == ["−1e+300", "<1e-308", "−1e+300", "0.000"])
        #expect(Self.row("uniform", in: state) == ["−5e+299", "0.693", "−5e+299", "5e+299"])
        #expect(Self.row("one-hot A", in: state) == ["−1e+300", "0.000", "−1e+300", "<1e-308"])
        #expect(Self.prose(state).contains("Now Z ≈ 10^4.34e+299, ⟨E⟩ = −1e+300, S = 10^-4.343e+299 nats"),
                "\(Self.prose(state))")
        let nudged = Self.pressing([.down, .character(">")], from: state).lesson
        #expect(Self.row("yours q", in: nudged) == ["−9.5e+299", "0.199", "−9.5e+299", "5e+298"])
        for (w, h) in [(80, 24), (120, 40)] {
            let text = Self.screen(nudged, width: w, height: h)
            #expect(!text.contains("00000") && !text.contains("inf") && !text.contains("100%"), "\(text)")
        }
    }

    /// Every cell fits its column with a space to spare, at any scale and width: three
    /// decimals where they fit, else as many significant digits as fit, never 0 for a
    /// non-zero number and never inf for a finite one; a scientific cell reads back within
    /// the rounding of the digits it shows.
    @Test func cellsFitTheirWidthAtEveryScale() {
        let values: [WideNumber] = [
            WideNumber(-1.365), WideNumber(99_999.9), WideNumber(-123_456.789), WideNumber(1e5), WideNumber(-2.5e7),
            WideNumber(1e300), WideNumber(-1.7e308), WideNumber(0.0004), WideNumber(-3e-9), WideNumber(5e-324),
            WideNumber(logMagnitude: 800), WideNumber(logMagnitude: -800), WideNumber(logMagnitude: 800, negative: true),
            WideNumber(logMagnitude: 1e300), WideNumber(logMagnitude: -1e300), WideNumber(logMagnitude: -1e300, negative: true),
        ]
        for x in values {
            for width in [8, 9, 10] {
                let cell = EnergyText.cell(x, width: width)
                #expect(TextWidth.of(cell) <= width - 1, "\(x) in \(width): \(cell)")
                #expect(cell != "0.000" && !cell.contains("inf") && !cell.contains("∞"), "\(x): \(cell)")
                #expect(cell.hasPrefix("−") || cell.hasPrefix(">−") || cell.hasPrefix("<−") == x.isNegative, "\(x): \(cell)")
                // Read back as mantissa × 10^exponent, so "−2e+308" (−1.7e308 to one digit) reads too.
                let parts = cell.replacingOccurrences(of: "−", with: "-").split(separator: "e")
                if let mantissa = parts.first.flatMap({ Double($0) }), x.fitsDouble, x.value != 0 {
                    let exponent = parts.count > 1 ? Double(parts[1]) ?? 0 : 0
                    // x / 10^exponent through logs, as 10^-324 is no double.
                    let scaled = (x.value < 0 ? -1 : 1) * Foundation.pow(10, Foundation.log10(abs(x.value)) - exponent)
                    let decimals = parts[0].split(separator: ".").dropFirst().first?.count ?? 0
                    #expect(abs(mantissa - scaled) <= 0.5 * Foundation.pow(10, Double(-decimals)) * (1 + 1e-9),
                            "\(x.value): \(cell)")
                }
            }
        }
        // On screen: ten classes at 80×24 (columns of 9) with logits 1e5 times the usual ones; each
        // row reads as a name and four separate numbers.
        let big = ChapterLayouts.logits.map { $0 * 1e5 }
        let text = Self.screen(Self.lesson(logits: big), width: 80, height: 24)
        for name in ["softmax p", "uniform", "yours q"] {
            let cells = Self.row(name, on: text)
            #expect(cells.count == 4 && cells.allSatisfy { !$0.isEmpty && TextWidth.of($0) <= 8 }, "\(name): \(cells)\n\(text)")
        }
        #expect(Self.row("uniform", on: text).first == "−1.6e+04", "\(text)")
    }

    /// "* marks the lowest" is decided exactly, not by comparing rounded F's. At logits
    /// 800 and 0, p at T = 1 and p at T = 0.1 have F's equal to the last bit a double
    /// keeps (they differ by about 720 e^−800), yet q = p(T = 1) is lowest only at T = 1.
    @Test func theLowestIsExactAtExtremeScales() throws {
        for (t, column) in [(1.0, 2), (3.0, 3)] {
            let state = Self.lesson(logits: [800, 0], temperature: try Temperature(t))
            let lines = Self.screen(state, width: 120, height: 40).split(separator: "\n")
            guard let header = lines.firstIndex(where: { $0.hasPrefix("  at T =") }) else {
                Issue.record("no table of F at other T")
                return
            }
            let softmaxRow = lines[header + 1].split(separator: " ").dropFirst(2).map(String.init)
            let yoursRow = lines[header + 4].split(separator: " ").dropFirst(2).map(String.init)
            #expect(softmaxRow.allSatisfy { $0.hasSuffix("*") }, "\(softmaxRow)")
            #expect(yoursRow.map { $0.hasSuffix("*") } == (0..<5).map { $0 == column }, "T = \(t): \(yoursRow)")
            // The F's themselves read the same: the star is not read off them.
            #expect(yoursRow.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "*")) }
                    == softmaxRow.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "*")) })
        }
        // Logits all equal: p is uniform at every T, so the uniform row and a q that follows p
        // are lowest in every column, the one-hot in none.
        let flat = EnergyTable.rows(logits: [1, 1, 1], labels: ["A", "B", "C"], temperature: .one,
                                    yours: SoftmaxReadout(logits: [1, 1, 1]).probabilities)
        for t in FreeEnergyAtOtherTemperatures.temperatures {
            let column = FreeEnergyAtOtherTemperatures.column(rows: flat, logits: [1, 1, 1], at: try Temperature(t), dial: .one)
            #expect(column.map(\.isLowest) == [true, true, false, true])
        }
    }
}
