@testable import LabUI
import Foundation
import SoftmaxCore
import Testing

/// Chapter 4, "Side by side": three temperatures of the same logits.
@Suite struct Chapter04Tests {
    static let index = 3

    static func lab(logits: [Double] = [2, 1, 0.5, 0.1, -1]) -> LabState {
        LabState(mode: .lesson, lesson: LessonState(chapterIndex: index,
                                                    instrument: ExplorerState(logits: logits, seed: 7, animates: false)))
    }

    static func pressing(_ keys: [Key], from state: LabState = lab()) -> LabState {
        var s = state
        for k in keys { s.handle(k) }
        return s
    }

    static func screen(_ state: LabState, width: Int = 80, height: Int = 24) -> String {
        LessonScreen.render(state.lesson, width: width, height: height).text
    }

    static func t(_ value: Double) throws -> Temperature { try Temperature(value) }

    @Test func snapshots() {
        for (w, h) in [(80, 24), (120, 40)] {
            GoldenFile.assertMatches(Self.screen(Self.lab(), width: w, height: h), named: "chapter-04-default-\(w)x\(h)")
        }
    }

    @Test func snapshotAfterTurningTheColumns() {
        let s = Self.pressing([.character(","), .left, .left, .character("."), .character("."), .shiftRight])
        for (w, h) in [(80, 24), (120, 40)] {
            GoldenFile.assertMatches(Self.screen(s, width: w, height: h), named: "chapter-04-turned-\(w)x\(h)")
        }
    }

    @Test func commaAndPeriodPickAColumnWithinRange() {
        #expect(Self.pressing([.character(",")]).lesson.sideBySide.column == 0)
        #expect(Self.pressing([.character(","), .character(",")]).lesson.sideBySide.column == 0)
        #expect(Self.pressing([.character(".")]).lesson.sideBySide.column == 2)
        #expect(Self.pressing([.character("."), .character("."), .character(".")]).lesson.sideBySide.column == 2)
    }

    @Test func arrowsMoveTheDialAlongItsLadder() throws {
        // Column 2 (T = 2) picked, one rung up is 3; back on column 1 (T = 1), a far
        // step down is four rungs: 0.9, 0.8, 0.7, 0.6.
        let s = Self.pressing([.character("."), .right, .character(","), .shiftLeft])
        let shown = s.lesson.sideBySide.shown(dial: s.lesson.instrument.temperature)
        #expect(shown == [try Self.t(0.5), try Self.t(0.6), try Self.t(3)])
        #expect(s.lesson.instrument.temperature == (try Self.t(0.6)))
        #expect(s.lesson.sideBySide.column == 1)
        // Every T reached is a rung of the ladder, exactly.
        for t in shown { #expect(TemperatureDial.ladder.contains(t.value)) }
    }

    /// The header's T is the picked column's T, after every , . and arrow.
    @Test func theHeaderTIsThePickedColumnsT() throws {
        let keys: [Key] = [.character(","), .left, .character("."), .right, .right, .character("."), .shiftRight,
                           .character(","), .character(","), .left, .character("0"), .character("."), .character("1")]
        var s = Self.lab()
        for key in keys {
            s.handle(key)
            let column = s.lesson.sideBySide.column
            let picked = s.lesson.sideBySide.shown(dial: s.lesson.instrument.temperature)[column]
            #expect(picked == s.lesson.instrument.temperature)
            let rows = Self.screen(s).split(separator: "\n")
            let header = String(rows.first ?? "")
            #expect(header.hasSuffix(TemperatureText.equation(picked)), "after \(key): \(header)")
            // The picked column is the bracketed one, and shows the same T.
            #expect(rows.contains { $0.contains("[ \(TemperatureText.equation(picked)) ]") }, "after \(key)")
        }
    }

    @Test func turningPastTheEndsReachesTheLimits() {
        let cold = Self.pressing([.character(",")] + Array(repeating: .shiftLeft, count: 8))
        #expect(cold.lesson.instrument.temperature == .greedy)
        #expect(cold.lesson.sideBySide.shown(dial: cold.lesson.instrument.temperature)[0] == .greedy)
        let hot = Self.pressing([.character(".")] + Array(repeating: .shiftRight, count: 8))
        #expect(hot.lesson.sideBySide.shown(dial: hot.lesson.instrument.temperature)[2] == .uniform)
        #expect(Self.screen(hot).contains("[ T → ∞ ]"))
        #expect(Self.screen(hot).contains("H = 1.609"))  // ln 5
        // The other columns keep their T.
        #expect(hot.lesson.sideBySide.shown(dial: hot.lesson.instrument.temperature)[0] == (try? Self.t(0.5)))
    }

    /// With ten classes on 80×24 every column still shows its entropy, as the text promises.
    @Test func tenClassesKeepTheEntropyUnderEachChart() {
        let ten = LabState(mode: .lesson, lesson: LessonState(chapterIndex: Self.index, instrument: ExplorerState(
            logits: Chapter01Tests.tenLogits, labels: Chapter01Tests.tenLabels, seed: 7, animates: false)))
        let z = Chapter01Tests.tenLogits
        let text = Self.screen(ten)
        for t in [0.5, 1, 2] {
            let p = closedFormSoftmax(z, temperature: t)
            let h = -p.reduce(0) { $0 + $1 * log($1) }
            #expect(text.contains("H = \(String(format: "%.3f", h)), e^H = \(String(format: "%.2f", exp(h)))"), "T = \(t)")
        }
        for label in Chapter01Tests.tenLabels { #expect(text.contains(" \(label) ")) }
        #expect(!text.contains("more"))
    }

    @Test func otherKeysFallThroughToTheExplorer() {
        let s = Self.pressing([.down, .character("+")])
        #expect(s.lesson.instrument.selected == 1)
        #expect(s.lesson.instrument.logits[1] == 1.1)
        #expect(s.lesson.sideBySide == SideBySideSettings())
    }

    /// Reference values from Python mpmath (mp.dps = 30):
    ///   p = [exp(z/T) for z in logits]; p = [x / sum(p) for x in p]
    ///   H = -sum(x * log(x) for x in p); print(100 * p[0], H, exp(H))
    @Test func numbersOnScreenMatchAnIndependentComputation() {
        // logits 2, 1, 0.5, 0.1, -1 at T = 0.5, 1, 2:
        //   p_A = 82.646549 %, 55.854523 %, 37.191749 %;  H = 0.62028745, 1.216992, 1.4947569;
        //   e^H = 1.8594625, 3.3770144, 4.4582528
        let first = Self.screen(Self.lab(), width: 120, height: 40)
        // The sentence quotes the charts, whose columns are rounded to add up to 100.0.
        let firstTops = [0.5, 1, 2].map { hamiltonPercents(closedFormSoftmax([2, 1, 0.5, 0.1, -1], temperature: $0))[0] }
        #expect(firstTops == ["82.6%", "55.9%", "37.2%"])
        #expect(first.contains("A (the top class) gets 82.6%, 55.9% and 37.2%"))
        for h in ["H = 0.620 nats", "H = 1.217 nats", "H = 1.495 nats", "e^H = 1.86", "e^H = 3.38", "e^H = 4.46"] {
            #expect(first.contains(h), "missing \(h)")
        }
        // logits 1, 0, -1 at T = 0.2, 1, 5 (three rungs down from 0.5: 0.4, 0.3, 0.2; three up
        // from 2: 3, 4, 5), from the closed form here, the percentages rounded as their column.
        let keys: [Key] = [.character(",")] + Array(repeating: .left, count: 3)
            + [.character("."), .character(".")] + Array(repeating: .right, count: 3)
        let second = Self.screen(Self.pressing(keys, from: Self.lab(logits: [1, 0, -1])), width: 120, height: 40)
        let tops = [0.2, 1, 5].map { hamiltonPercents(closedFormSoftmax([1, 0, -1], temperature: $0))[0] }
        #expect(second.contains("A (the top class) gets \(tops[0]), \(tops[1]) and \(tops[2])"))
        for t in [0.2, 1, 5] {
            let p = closedFormSoftmax([1, 0, -1], temperature: t)
            let h = -p.reduce(0) { $0 + $1 * log($1) }
            #expect(second.contains("H = \(String(format: "%.3f", h)) nats"), "T = \(t)")
            #expect(second.contains("e^H = \(String(format: "%.2f", exp(h))) classes"), "T = \(t)")
        }
    }

    /// A tie at the top is named as one, its share to two decimals (the same for both classes).
    @Test func aTieAtTheTopIsNamedAsATie() {
        let z = [1.0, 1, 0]
        let text = SideBySideText.paragraphs(logits: z, labels: ["A", "B", "C"],
                                             temperatures: SideBySideSettings.defaultTemperatures).joined(separator: " ")
        let shares = [0.5, 1, 2].map { String(format: "%.2f%%", closedFormSoftmax(z, temperature: $0)[0] * 100) }
        #expect(text.contains("A and B (tied at the top) each get \(shares[0]), \(shares[1]) and \(shares[2])"), "\(text)")
        #expect(!text.contains("the top class"))
    }

    @Test func listsReadAsEnglish() {
        #expect(SideBySideText.listed(["a"]) == "a")
        #expect(SideBySideText.listed(["a", "b"]) == "a and b")
        #expect(SideBySideText.listed(["a", "b", "c"]) == "a, b and c")
    }

    /// Logits 800 and 0 at T = 0.5, 1 and 2: B's probability underflows at each (e^-1600,
    /// e^-800, e^-400), so A gets ">99.9%" three times, never 100%, and each entropy
    /// (mpmath: 2.15e-692, 2.93e-345, 7.66e-172 nats) reads "H < 0.001".
    @Test func underflowedSharesAreNoZeros() {
        let state = Self.lab(logits: [800, 0])
        let text = flattened(Self.screen(state))
        #expect(text.contains("Left to right, A (the top class) gets >99.9%, >99.9% and >99.9%"))
        let rows = Self.screen(state).split(separator: "\n")
        #expect(rows.filter { $0.contains("H < 0.001 nats") }.count == 1)
        #expect(rows.first { $0.contains("H < 0.001 nats") }.map { $0.components(separatedBy: "H < 0.001").count - 1 } == 3)
        let bRow = rows.first { $0.contains(" B ") }.map(String.init) ?? ""
        #expect(bRow.components(separatedBy: "<0.1%").count - 1 == 3, "\(bRow)")
    }

    @Test func noNumberOverflowsItsCellAtTheExtremes() {
        for z in extremeLogitSets {
            for (w, h) in [(80, 24), (120, 40)] {
                for ascii in [false, true] {
                    let text = LessonScreen.render(Self.lab(logits: z).lesson, width: w, height: h,
                                                   options: ScreenOptions(unicode: !ascii)).text
                    expectExactAtExtremes(text, width: w, "chapter 4, \(z), \(w)×\(h)\(ascii ? " ASCII" : "")")
                }
            }
        }
    }
}
