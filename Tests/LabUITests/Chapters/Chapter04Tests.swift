@testable import LabUI
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

    @Test func arrowsTurnOnlyThePickedColumnAlongTheDialGrid() throws {
        // From 2 one step up lands on 10^(7/20) (log10 2 = 0.30103, so 6.02 steps, up to 7);
        // a far step from 1 lands on 10^(-5/20).
        let s = Self.pressing([.character("."), .right, .character(","), .shiftLeft])
        let temperatures = s.lesson.sideBySide.temperatures
        #expect(temperatures[0].value == 0.5)
        #expect(abs(temperatures[1].value - 0.5623413251903491) < 1e-12)
        #expect(abs(temperatures[2].value - 2.2387211385683394) < 1e-12)
        // The header's T follows the column in hand.
        #expect(s.lesson.instrument.temperature == temperatures[1])
    }

    @Test func turningPastTheEndsReachesTheLimits() {
        let cold = Self.pressing([.character(",")] + Array(repeating: .shiftLeft, count: 8))
        #expect(cold.lesson.sideBySide.temperatures[0] == .greedy)
        let hot = Self.pressing([.character(".")] + Array(repeating: .shiftRight, count: 8))
        #expect(hot.lesson.sideBySide.temperatures[2] == .uniform)
        #expect(Self.screen(hot).contains("T → ∞"))
        #expect(Self.screen(hot).contains("H = 1.609 nats"))  // ln 5
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
        #expect(first.contains("top class A gets 82.6%, 55.9% and 37.2%"))
        for h in ["H = 0.620 nats", "H = 1.217 nats", "H = 1.495 nats", "e^H = 1.86", "e^H = 3.38", "e^H = 4.46"] {
            #expect(first.contains(h), "missing \(h)")
        }
        // logits 1, 0, -1 at T = 10^-0.6, 1, 10^0.6 (six steps down from 0.5 and up from 2):
        //   p_A = 98.134076 %, 66.524096 %, 41.964508 %;  H = 0.094480452, 0.83239558, 1.0779072;
        //   e^H = 1.0990877, 2.2988192, 2.9385233
        let keys: [Key] = [.character(",")] + Array(repeating: .left, count: 6)
            + [.character("."), .character(".")] + Array(repeating: .right, count: 6)
        let second = Self.screen(Self.pressing(keys, from: Self.lab(logits: [1, 0, -1])), width: 120, height: 40)
        #expect(second.contains("top class A gets 98.1%, 66.5% and 42.0%"))
        for h in ["H = 0.094 nats", "H = 0.832 nats", "H = 1.078 nats", "e^H = 1.10", "e^H = 2.30", "e^H = 2.94"] {
            #expect(second.contains(h), "missing \(h)")
        }
    }

    @Test func listsReadAsEnglish() {
        #expect(SideBySideText.listed(["a"]) == "a")
        #expect(SideBySideText.listed(["a", "b"]) == "a and b")
        #expect(SideBySideText.listed(["a", "b", "c"]) == "a, b and c")
    }
}
