import Foundation
@testable import LabUI
import SoftmaxCore
import Testing

/// Chapter 11, "Three misconceptions": calibration, the double softmax, colder T.
@Suite struct Chapter11Tests {
    static let index = 10

    static func lab(logits: [Double] = [2, 1, 0.5, 0.1, -1], temperature: Temperature = .one, page: Int = 0) -> LabState {
        var s = LabState(mode: .lesson, lesson: LessonState(
            chapterIndex: index, instrument: ExplorerState(logits: logits, temperature: temperature, seed: 7, animates: false)))
        s.lesson.misconceptions.page = page
        return s
    }

    static func pressing(_ keys: [Key], from state: LabState = lab()) -> LabState {
        var s = state
        for k in keys { s.handle(k) }
        return s
    }

    static func screen(_ state: LabState, width: Int = 80, height: Int = 24) -> String {
        LessonScreen.render(state.lesson, width: width, height: height).text
    }

    static func entropyOf(_ p: [Double]) -> Double { -p.reduce(0) { $0 + ($1 > 0 ? $1 * log($1) : 0) } }
    static func fixed3(_ x: Double) -> String { String(format: "%.3f", x) }
    static func percent(_ p: Double) -> String { String(format: "%.1f%%", p * 100) }

    @Test func snapshots() {
        for page in 0..<3 {
            for (w, h) in [(80, 24), (120, 40)] {
                GoldenFile.assertMatches(Self.screen(Self.lab(page: page), width: w, height: h),
                                         named: "chapter-11-page\(page + 1)-\(w)x\(h)")
            }
        }
    }

    @Test func nAndPStepThroughThePagesAndWrap() {
        #expect(Self.pressing([.character("n")]).lesson.misconceptions.page == 1)
        #expect(Self.pressing([.character("n"), .character("n")]).lesson.misconceptions.page == 2)
        #expect(Self.pressing([.character("n"), .character("n"), .character("n")]).lesson.misconceptions.page == 0)
        #expect(Self.pressing([.character("p")]).lesson.misconceptions.page == 2)
        let s = Self.pressing([.character("n"), .right, .down])
        #expect(s.lesson.misconceptions.page == 1)
        #expect(s.lesson.instrument.temperature != .one)
        #expect(s.lesson.instrument.selected == 1)
    }

    @Test func calibrationNumbersAreTheIllustrativeSetsOwn() throws {
        // Confidence of a two-class prediction with margin m at T: 1 / (1 + e^(−m/T)); 7 of the 10 are right.
        let margins = [3.0, 2.2, 1.5, 2.8, 1.2, 2.5, 1.8, 3.4, 2.0, 1.6]
        for t in [1.0, 2.5] {
            let text = Misconceptions.calibrationText(Self.lab(temperature: try Temperature(t)).lesson).joined(separator: " ")
            let mean = margins.map { 1 / (1 + exp(-$0 / t)) }.reduce(0, +) / 10
            #expect(text.contains("average \(Self.percent(mean)) confidence"), "\(text)")
            #expect(text.contains("7 of 10 (70.0%) are right"))
        }
    }

    @Test func doubleSoftmaxEntropiesAndLossesAreLive() throws {
        for (z, t, selected) in [([2, 1, 0.5, 0.1, -1.0], 1.0, 0), ([3, -1, 0.0], 0.5, 2)] {
            var s = Self.lab(logits: z, temperature: try Temperature(t), page: 1)
            s.lesson.instrument.selected = selected
            let text = Misconceptions.doubleSoftmaxText(s.lesson).joined(separator: " ")
            let once = closedFormSoftmax(z, temperature: t)
            let twice = closedFormSoftmax(once, temperature: 1)
            #expect(text.contains("entropy \(Self.fixed3(Self.entropyOf(once))) nats once, \(Self.fixed3(Self.entropyOf(twice))) twice"),
                    "\(text)")
            #expect(text.contains("(at most ln \(z.count) = \(Self.fixed3(log(Double(z.count)))))"))
            #expect(text.contains("goes from \(Self.fixed3(-log(once[selected]))) to \(Self.fixed3(-log(twice[selected])))"))
        }
    }

    @Test func colderTemperaturesKeepTheAccuracyAndRaiseTheLogLoss() throws {
        for z in [[2, 1, 0.5, 0.1, -1.0], [1, 0.0, 0, -2]] {
            let rows = Misconceptions.lossRows(Self.lab(logits: z, temperature: try Temperature(0.5), page: 2).lesson)
            let target = closedFormSoftmax(z, temperature: 1)
            #expect(rows.map(\.temperature.value) == [0, 0.25, 0.5, 1, 2, 4])
            #expect(rows.filter(\.isCurrent).map(\.temperature.value) == [0.5])
            for row in rows {
                #expect(abs(row.topPickAccuracy - target.max()!) < 1e-12)
                if row.temperature.isGreedy {
                    #expect(row.logLoss.value == .infinity)
                } else {
                    let q = closedFormSoftmax(z, temperature: row.temperature.value)
                    let h = -zip(target, q).reduce(0) { $0 + $1.0 * log($1.1) }
                    #expect(abs(row.logLoss.value - h) < 1e-12)
                }
            }
            let text = Misconceptions.colderText(Self.lab(logits: z, temperature: try Temperature(0.5), page: 2).lesson)
                .joined(separator: " ")
            let atHalf = -zip(target, closedFormSoftmax(z, temperature: 0.5)).reduce(0) { $0 + $1.0 * log($1.1) }
            #expect(text.contains("is lowest at T = 1: \(Self.fixed3(Self.entropyOf(target))) nats, against \(Self.fixed3(atHalf)) "
                                  + "at T = 0.500."), "\(text)")
        }
    }

    @Test func anOffGridTemperatureGetsItsOwnRow() throws {
        let rows = Misconceptions.lossRows(Self.lab(temperature: try Temperature(0.7), page: 2).lesson)
        #expect(rows.map(\.temperature.value) == [0, 0.25, 0.5, 0.7, 1, 2, 4])
    }

    /// The defect: with ten classes at 80×24 the calibration page's bars vanished. Now
    /// every page shows every class with its percentage, and the columns add up to 100.0.
    @Test func everyPageShowsEveryClassWithTenAt80x24() {
        for page in 0..<MisconceptionSettings.pageCount {
            var state = ChapterLayouts.lab(chapter: 11, classes: 10)
            state.lesson.misconceptions.page = page
            let lines = ChapterLayouts.screen(state, 80, 24).split(separator: "\n")
            #expect(!lines.contains { $0.contains(" more, ") })
            guard page < 2 else { continue }
            var shares: [Double] = []
            for label in ChapterLayouts.labels {
                // A bar's row, not the page's text ("the loss for label ant goes …").
                let row = lines.first { $0.contains(" \(label) ") && $0.contains("%") }
                let cells = row?.split(separator: " ").filter { $0.hasSuffix("%") } ?? []
                #expect(!cells.isEmpty, "page \(page + 1): \(label) missing")
                shares.append(cells.last.flatMap { Double($0.dropLast()) } ?? -1)
            }
            // Page 1's bars are the softmax; page 2's right-hand bars the double softmax: each adds up to 100.0.
            #expect(abs(shares.reduce(0, +) - 100) < 1e-9, "page \(page + 1): \(shares)")
        }
        // The calibration page's bars are the closed form's, rounded as a whole.
        let lines = ChapterLayouts.screen(ChapterLayouts.lab(chapter: 11, classes: 10), 80, 24).split(separator: "\n")
        let expected = Chapter10Tests.hamilton(closedFormSoftmax(ChapterLayouts.logits))
        for (label, share) in zip(ChapterLayouts.labels, expected) {
            #expect(lines.first { $0.contains(" \(label) ") }?.hasSuffix(" " + share) == true, "\(label) \(share)")
        }
    }

    /// The greedy pick's share is the bar's own: the T = 1 distribution rounded as a whole.
    @Test func theGreedyPickReadsAsItsBar() {
        let state = Self.lab(page: 2)
        let share = Chapter10Tests.hamilton(closedFormSoftmax([2, 1, 0.5, 0.1, -1]))[0]
        let rows = Self.screen(state).split(separator: "\n").filter { ($0.hasPrefix("    T") || $0.hasPrefix("  ▶ T")) && $0.contains(" A ") }
        #expect(rows.count == 6)
        #expect(rows.allSatisfy { $0.contains("A \(share) ") }, "\(rows)")
    }

    /// In ASCII at 80×24 every page keeps its words whole, and T → 0's infinite loss reads "inf", not "i".
    @Test func asciiKeepsEveryPageWhole() throws {
        for classes in [2, 5, 10] {
            for page in 0..<MisconceptionSettings.pageCount {
                for t in [Temperature.one, .greedy, try Temperature(0.05), try Temperature(20)] {
                    var state = ChapterLayouts.lab(chapter: 11, classes: classes)
                    state.lesson.misconceptions.page = page
                    state.lesson.instrument.temperature = t
                    let text = ChapterLayouts.screen(state, 80, 24, ascii: true)
                    let paragraphs = [Misconceptions.calibrationText, Misconceptions.doubleSoftmaxText,
                                      Misconceptions.colderText][page](state.lesson)
                    WholeWords.expect(paragraphs, on: text)
                    if page == 2 {
                        let greedy = text.split(separator: "\n").first { $0.contains("off the scale") }
                        #expect(greedy?.contains("T -> 0 ") == true && greedy?.contains(" inf  off the scale") == true,
                                "\(greedy ?? "")")
                    }
                }
            }
        }
    }

    /// Temperature scaling fits T by minimising the NLL on held-out data (Guo et al. 2017);
    /// where mean confidence meets accuracy is another T. Both for the illustrative set,
    /// from mpmath (mp.dps = 40), scipy agreeing (run from /tmp):
    ///   m = [3.0, 2.2, 1.5, 2.8, 1.2, 2.5, 1.8, 3.4, 2.0, 1.6]; ok = [1,1,0,1,0,1,1,1,0,1]
    ///   nll(T) = -mean(log σ(m/T) if right else log(1 − σ(m/T)))
    ///   findroot(diff(nll), 2) = 1.792950296717531 (scipy minimize_scalar: 1.79295032); nll there 0.5314719296
    ///   findroot(mean σ(m/T) − 0.7, 2) = 2.553712874575483 (scipy brentq: 2.553712874575485)
    ///   mean confidence at the NLL's T: 0.7666112045 (76.7%), not the 70.0% accuracy
    @Test func temperatureScalingFitsTByNLLNotByMeetingTheBars() throws {
        let fitted = try #require(Misconceptions.nllFittedTemperature)
        let meeting = try #require(Misconceptions.meetingTemperature)
        #expect(abs(fitted - 1.792950296717531) < 1e-9)
        #expect(abs(meeting - 2.553712874575483) < 1e-9)
        #expect(abs(Misconceptions.illustrativeNLL(inverseTemperature: 1 / fitted) - 0.5314719295957577) < 1e-12)
        // The NLL's T is its minimum: lower than at the meeting T, and than a step either side.
        let nll = { (t: Double) in Misconceptions.illustrativeNLL(inverseTemperature: 1 / t) }
        #expect(nll(fitted) < nll(meeting) && nll(fitted) < nll(fitted * 1.001) && nll(fitted) < nll(fitted / 1.001))
        let atFitted = Misconceptions.calibrationSummary(Self.lab(temperature: try Temperature(fitted)).lesson)
        #expect(abs(atFitted.meanConfidence - 0.7666112045122955) < 1e-9)
        let text = Misconceptions.calibrationText(Self.lab().lesson).joined(separator: " ")
        #expect(text.contains("Temperature scaling (Guo et al. 2017) fits T by minimising the NLL on held-out data: "
                              + "T = 1.79 for this set. The bars meet at T = 2.55, a different T"), "\(text)")
        #expect(!text.contains("fitting that T is calibration"))
    }

    /// At T = 0.01 every confidence of the set is σ(m/0.01) ≥ σ(120), a double of exactly 1,
    /// yet below 1: the set and the meter read ">99.9%", never 100%.
    @Test func confidencesThatOnlyRoundReadAsBounds() throws {
        let text = Self.screen(Self.lab(temperature: try Temperature(0.01)), width: 120, height: 40)
        #expect(!text.contains("100%"), "\(text)")
        #expect(text.components(separatedBy: ">99.9%").count - 1 >= 11, "\(text)")
    }

    /// PyTorch's CrossEntropyLoss expects logits and applies log-softmax itself; Keras's
    /// CategoricalCrossentropy expects probabilities unless from_logits=True. The page says
    /// so, and its losses come from log-probabilities: label B of logits 800 and 0 costs
    /// −ln p_B = 800 + ln(1 + e^−800) = 800.000 nats, where −ln of the rounded p_B was ∞.
    @Test func theLossPageNamesWhichLossExpectsWhat() {
        var state = Self.lab(logits: [800, 0], page: 1)
        state.lesson.instrument.selected = 1
        let text = Misconceptions.doubleSoftmaxText(state.lesson).joined(separator: " ")
        #expect(text.contains("Only if the loss expects probabilities. PyTorch's CrossEntropyLoss expects logits and applies "
                              + "log-softmax itself; Keras's CategoricalCrossentropy expects probabilities unless from_logits=True."))
        #expect(text.contains("Probabilities fed to a loss that expects logits are softmaxed twice"))
        #expect(text.contains("the loss for label B goes from 800.000 to "), "\(text)")
        // And the entropy once is 801·e^−800 (mpmath, mp.dps = 1000: 2.93796754193e-345), not 0.
        #expect(text.contains("entropy 2.938e-345 nats once"), "\(text)")
        let screen = Self.screen(state, width: 80, height: 24)
        #expect(!screen.contains("100%") && !screen.contains(" 0%") && !screen.contains("∞"), "\(screen)")
    }

    /// "More accurate" in both senses, from the closed form with outcomes drawn from the
    /// T = 1 bars p: the greedy pick is right p_top of the time at every T; a sampled answer
    /// is right Σ p_i q_i(T), which rises as T falls, to p_top at T → 0; the log-loss is
    /// lowest at T = 1.
    @Test func samplingAccuracyRisesAsTFallsWhileTheGreedyPicksStays() throws {
        for z in [[2, 1, 0.5, 0.1, -1.0], [1, 0.0, 0, -2], [0.3, 0.2, 0.1]] {
            let rows = Misconceptions.lossRows(Self.lab(logits: z, temperature: try Temperature(0.7), page: 2).lesson)
            let p = closedFormSoftmax(z)
            for row in rows {
                let q = row.temperature.isGreedy ? z.map { $0 == z.max()! ? 1.0 : 0 } : closedFormSoftmax(z, temperature: row.temperature.value)
                let expected = zip(p, q).reduce(0) { $0 + $1.0 * $1.1 }
                #expect(abs(row.sampledAccuracy - expected) < 1e-12, "T \(row.temperature.value)")
                #expect(abs(row.topPickAccuracy - p.max()!) < 1e-12)
            }
            // Rows run from T → 0 up: the sampled accuracy falls as T rises, from p_top.
            #expect(abs(rows[0].sampledAccuracy - p.max()!) < 1e-12)
            for (a, b) in zip(rows, rows.dropFirst()) { #expect(a.sampledAccuracy > b.sampledAccuracy) }
            let atOne = try #require(rows.first { $0.temperature == .one })
            #expect(rows.allSatisfy { $0.logLoss.value >= atOne.logLoss.value })
        }
        // Logits 800 and 0: every log-loss is below the doubles (−Σ p ln q with p_B = e^−800), yet they
        // keep their order, the least at T = 1: 801·e^−800 there, about 3200·e^−800 at T = 0.25 and
        // e^−400 at T = 2 (ln of each: −800 + ln 801, −800 + ln 3201, −400).
        let far = Misconceptions.lossRows(Self.lab(logits: [800, 0], page: 2).lesson)
        let farOne = try #require(far.first { $0.temperature == .one })
        #expect(abs(farOne.logLoss.log - (-800 + log(801.0))) < 1e-9)
        #expect(far.filter { !$0.temperature.isGreedy && $0.temperature != .one }.allSatisfy { $0.logLoss.log > farOne.logLoss.log })
        let farScreen = Self.screen(Self.lab(logits: [800, 0], page: 2))
        #expect(!farScreen.contains("0.000") && !farScreen.contains("100%") && farScreen.contains("2.94e-345"), "\(farScreen)")
        let text = Misconceptions.colderText(Self.lab(page: 2).lesson).joined(separator: " ")
        let p = closedFormSoftmax([2, 1, 0.5, 0.1, -1])
        let sampled = zip(p, p).reduce(0) { $0 + $1.0 * $1.1 }
        #expect(text.contains("A sampled answer is right Σ p_i q_i(T) of the time, which does rise as T falls, toward that "
                              + "rate: \(Self.percent(sampled)) at T = 1.00."), "\(text)")
        #expect(text.contains("the greedy pick is right as often at every T: A 55.9% if outcomes follow the T = 1 bars"))
    }
}
