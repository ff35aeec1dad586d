import Foundation
@testable import LabUI
import SoftmaxCore
import Testing

@Suite struct Chapter03Tests {
    static func lesson(_ t: Temperature, logits: [Double] = [2, 1, 0.5, 0.1, -1]) -> LessonState {
        LessonState(chapterIndex: 2, instrument: ExplorerState(logits: logits, temperature: t, seed: 7, animates: false))
    }

    @Test func snapshots() throws {
        for (w, h) in [(80, 24), (120, 40)] {
            GoldenFile.assertMatches(LessonScreen.render(Self.lesson(.one), width: w, height: h).text,
                                     named: "chapter-03-T1-\(w)x\(h)")
        }
        GoldenFile.assertMatches(LessonScreen.render(Self.lesson(.greedy), width: 80, height: 24).text,
                                 named: "chapter-03-T0-80x24")
        GoldenFile.assertMatches(LessonScreen.render(Self.lesson(try Temperature(0.7), logits: [1, 1, 0]), width: 120, height: 40).text,
                                 named: "chapter-03-tie-120x40")
    }

    /// The text quotes the top probability, H and ln K; each is checked against a closed form.
    @Test(arguments: [1.0, 0.5])
    func quotedNumbersAreTheLiveOnes(_ t: Double) throws {
        let screen = flattened(LessonScreen.render(Self.lesson(try Temperature(t)), width: 80, height: 24).text)
        let z = [2, 1, 0.5, 0.1, -1.0]
        let p = closedFormSoftmax(z, temperature: t)
        let h = -p.reduce(0) { $0 + $1 * log($1) }
        // The sentence quotes the chart's own figure, rounded with its column.
        #expect(screen.contains("A, the top class, has \(hamiltonPercents(p)[0])"))
        #expect(screen.contains("H = " + NumberFormat.fixed(h, decimals: 3) + " nats"))
        #expect(screen.contains("ln 5 = " + NumberFormat.fixed(log(5), decimals: 3)))
    }

    /// Where the chart's column and a percentage rounded on its own differ, the text follows the chart.
    @Test func theSentenceAgreesWithTheChart() {
        // 2.2, 1.6, …: p(ant) = 38.956 %, which the column rounds to 38.9 % so it adds up to 100.0.
        let logits = Chapter01Tests.tenLogits
        let p = closedFormSoftmax(logits)
        let shown = hamiltonPercents(p)[0]
        #expect(shown == "38.9%")
        let text = TemperatureDialText.now(SoftmaxReadout(logits: logits), labels: Chapter01Tests.tenLabels)
        #expect(text.contains("ant, the top class, has 38.9%"))
    }

    /// A tie is named as a tie at every T, never "the top class".
    @Test func aTieIsNamedAsATie() throws {
        for t in [0.7, 1, 3] {
            let text = TemperatureDialText.now(SoftmaxReadout(logits: [1, 1, 0], temperature: try Temperature(t)),
                                               labels: ["A", "B", "C"])
            let p = closedFormSoftmax([1, 1, 0], temperature: t)
            // Two decimals: the chart's column may give a tie's two classes different tenths.
            #expect(text.contains("A and B tie at the top with \(String(format: "%.2f%%", p[0] * 100)) each"), "\(text)")
            #expect(!text.contains("the top class"))
        }
        let greedy = TemperatureDialText.now(SoftmaxReadout(logits: [1, 1, 0], temperature: .greedy), labels: ["A", "B", "C"])
        #expect(greedy.contains("A and B tie at the top with 50.00% each"))
    }

    /// At 120×40 the table reads the logits at round temperatures; each row against the closed form.
    @Test func theReadingsTableMatchesTheClosedForm() throws {
        let screen = LessonScreen.render(Self.lesson(try Temperature(0.7)), width: 120, height: 40).text
        let z = [2, 1, 0.5, 0.1, -1.0]
        let parts = screen.components(separatedBy: "the same logits at a few temperatures:")
        #expect(parts.count == 2)
        let table = parts.last ?? ""
        for t in [0.1, 0.5, 0.7, 1, 2, 10] {
            let p = closedFormSoftmax(z, temperature: t)
            let h = -p.reduce(0) { $0 + ($1 > 0 ? $1 * log($1) : 0) }
            let row = table.split(separator: "\n").first { $0.contains(TemperatureText.equation(try! Temperature(t)) + " ") }
            let cells = row.map { $0.split(separator: " ").map(String.init) } ?? []
            #expect(cells.contains(hamiltonPercents(p, probabilities: true)[0]), "T = \(t): \(cells)")
            #expect(cells.contains(String(format: "%.3f", h)), "T = \(t): \(cells)")
            #expect(cells.contains(String(format: "%.2f", exp(h))), "T = \(t): \(cells)")
            #expect(cells.contains("now") == (t == 0.7))
        }
        // 80×24 has no room for it, and leaves it out whole.
        #expect(!LessonScreen.render(Self.lesson(.one), width: 80, height: 24).text.contains("a few temperatures"))
    }

    /// Every class keeps its row at 80×24, ten of them too.
    @Test func tenClassesFitAt80x24() {
        let lesson = LessonState(chapterIndex: 2, instrument: ExplorerState(
            logits: Chapter01Tests.tenLogits, labels: Chapter01Tests.tenLabels, seed: 7, animates: false))
        let rows = LessonScreen.render(lesson, width: 80, height: 24).text.split(separator: "\n")
        for label in Chapter01Tests.tenLabels {
            #expect(rows.contains { $0.dropFirst(4).hasPrefix(label + " ") }, "\(label)")
        }
    }

    /// Logits 800 and 0: B's probability e^-800 underflows, yet the chart reads "<0.1%"
    /// and A ">99.9%", and the entropy, H ≈ 801 e^-800, reads "H < 0.001", not 0.000.
    /// mpmath (60 digits), H = -Σ p ln p with p = softmax(z / T):
    ///     H([800, 0], T = 1) = 2.93e-345,  T = 10: 1.46e-33,  T = 2: 7.66e-172,  T = 0.5: 2.15e-692
    /// all positive and below 0.0005. At T → 0 A takes all and H is exactly 0.
    @Test func anUnderflowedClassStillCountsAt800() throws {
        let text = flattened(LessonScreen.render(Self.lesson(.one, logits: [800, 0]), width: 80, height: 24).text)
        #expect(text.contains("A, the top class, has >99.9%, and the entropy is H < 0.001 nats of at most ln 2 = 0.693"))
        #expect(squeezed(text).contains("B 0.00 <0.1%"))
        // The table at round temperatures, on a tall screen: every row's top p and H are bounds.
        let tall = squeezed(LessonScreen.render(Self.lesson(.one, logits: [800, 0]), width: 120, height: 40).text)
        for t in ["T = 0.100", "T = 0.500", "T = 1.00", "T = 2.00", "T = 10.0"] {
            #expect(tall.contains("\(t) >99.9% <0.001 1.00"), "\(t)")
        }
        let greedy = flattened(LessonScreen.render(Self.lesson(.greedy, logits: [800, 0]), width: 80, height: 24).text)
        #expect(greedy.contains("A, the top class, has 100%, and the entropy is H = 0.000 nats"))
    }

    @Test func noNumberOverflowsItsCellAtTheExtremes() {
        for z in extremeLogitSets {
            for (w, h) in [(80, 24), (120, 40)] {
                for ascii in [false, true] {
                    let text = LessonScreen.render(Self.lesson(.one, logits: z), width: w, height: h,
                                                   options: ScreenOptions(unicode: !ascii)).text
                    expectExactAtExtremes(text, width: w, "chapter 3, \(z), \(w)×\(h)\(ascii ? " ASCII" : "")")
                }
            }
        }
    }
}
