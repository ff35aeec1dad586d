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
            #expect(text.contains("Entropy \(Self.fixed3(Self.entropyOf(once))) nats once, \(Self.fixed3(Self.entropyOf(twice))) twice"),
                    "\(text)")
            #expect(text.contains("ln \(z.count) = \(Self.fixed3(log(Double(z.count))))"))
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
                    #expect(row.logLoss == .infinity)
                } else {
                    let q = closedFormSoftmax(z, temperature: row.temperature.value)
                    let h = -zip(target, q).reduce(0) { $0 + $1.0 * log($1.1) }
                    #expect(abs(row.logLoss - h) < 1e-12)
                }
            }
            let text = Misconceptions.colderText(Self.lab(logits: z, temperature: try Temperature(0.5), page: 2).lesson)
                .joined(separator: " ")
            let atHalf = -zip(target, closedFormSoftmax(z, temperature: 0.5)).reduce(0) { $0 + $1.0 * log($1.1) }
            #expect(text.contains("log-loss is \(Self.fixed3(atHalf)) at T = 0.500 and lowest, \(Self.fixed3(Self.entropyOf(target))), at T = 1.00"),
                    "\(text)")
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
                let row = lines.first { $0.contains(" \(label) ") }
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
        let rows = Self.screen(state).split(separator: "\n").filter { $0.contains("T ") && $0.contains(" A ") }
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
}
