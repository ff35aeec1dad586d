import Foundation
@testable import LabUI
import SoftmaxCore
import Testing

/// The modes the frame draws for every screen: each is visible, and Esc backs out of it.
@Suite struct FrameModeTests {
    static func screen(_ s: LabState, _ w: Int = 80, _ h: Int = 24) -> String {
        LabScreen.render(s, width: w, height: h, options: ScreenOptions(color: false)).text
    }

    @Test(arguments: 0..<Chapters.all.count)
    func anEditInAnyChapterIsShownAndTyped(_ chapter: Int) {
        var s = KeyWalk.pressing([.enter, .character("3")], from: KeyWalk.lab(.lesson, chapter: chapter))
        #expect(Self.screen(s).contains("new logit for A: 3"))
        s.handle(.enter)
        #expect(s.explorer.logits[0] == 3)
        #expect(!Self.screen(s).contains("new logit for"))
    }

    @Test func escBacksOutOneLevelAtATime() {
        var s = KeyWalk.pressing([.character("t")], from: KeyWalk.lab(.lesson, chapter: 4))
        #expect(s.explorer.editor != nil)
        s.handle(.escape)
        #expect(s.explorer.editor == nil && s.mode == .lesson)
        s.handle(.character("?"))
        s.handle(.escape)
        #expect(!s.showsHelp && s.mode == .lesson)
        s.handle(.character("o"))
        s.handle(.escape)
        #expect(s.overlay == nil && s.mode == .lesson)
        s.handle(.escape)
        #expect(s.mode == .explorer && !s.explorer.quitRequested)
        s.handle(.escape)
        #expect(s.explorer.quitRequested)
    }

    @Test func typedTemperatureInAChapterIsTheHeadersT() {
        var s = KeyWalk.pressing([.character("t")], from: KeyWalk.lab(.lesson, chapter: 2))
        #expect(Self.screen(s).contains("new T (0 greedy, inf uniform):"))
        for c in "0.7" { s.handle(.character(c)) }
        s.handle(.enter)
        #expect(s.explorer.temperature.value == 0.7)
        #expect(Self.screen(s).split(separator: "\n").first?.contains("T = 0.700") == true)
        // A refusal shows inline and keeps T.
        s = KeyWalk.pressing([.character("t"), .character("-"), .character("2"), .enter], from: s)
        #expect(s.explorer.temperature.value == 0.7)
        #expect(Self.screen(s).contains("T = 0.700 is kept"))
    }

    @Test func theContentsOpenAChapterByNumberOrArrows() {
        let byNumber = KeyWalk.pressing([.character("o"), .character("1"), .character("1"), .enter], from: KeyWalk.lab(.lesson))
        #expect(byNumber.lesson.chapterIndex == 10 && byNumber.overlay == nil)
        let byArrows = KeyWalk.pressing([.character("o"), .down, .down, .enter], from: KeyWalk.lab(.lesson))
        #expect(byArrows.lesson.chapterIndex == 2)
        // From the explorer too: the contents open the lesson.
        let fromExplorer = KeyWalk.pressing([.tab, .character("o"), .character("7"), .enter], from: KeyWalk.lab())
        #expect(fromExplorer.mode == .lesson && fromExplorer.lesson.chapterIndex == 6)
        let shown = Self.screen(KeyWalk.pressing([.character("o"), .character("4")], from: KeyWalk.lab(.lesson)))
        #expect(shown.contains("Contents") && shown.contains("chapter 4 · Enter opens it"))
    }

    @Test func digitsInAChapterMeanWhatTheyMeanInTheExplorer() {
        let s = KeyWalk.pressing([.character("1"), .character("0")], from: KeyWalk.lab(.lesson, chapter: 3))
        #expect(s.lesson.chapterIndex == 3)
        #expect(s.explorer.temperature == .greedy)
    }

    @Test func whileTheScreenIsTooSmallKeysWaitAndQQuits() {
        var s = KeyWalk.lab(.lesson, chapter: 2)
        s.screenFits = false
        let before = s
        for key in [Key.right, .character("]"), .enter, .tab, .escape] { s.handle(key) }
        #expect(s == before)
        s.handle(.character("q"))
        #expect(s.explorer.quitRequested)
    }

    @Test func predictHidesOutcomesUntilRevealed() {
        var s = KeyWalk.pressing([.character("v")], from: KeyWalk.lab())
        let unchanged = Self.screen(s)
        s.handle(.right)
        let veiled = Self.screen(s)
        // T is shown (the change), the bars and percentages (the outcome) are not.
        #expect(veiled.contains("T = 1.20"))
        let revealed = Self.screen(KeyWalk.pressing([.character("v")], from: s))
        let barRowA = { (text: String) in text.split(separator: "\n").first { $0.hasPrefix("▶ A") }.map(String.init) ?? "" }
        #expect(barRowA(revealed) != barRowA(veiled))
        #expect(barRowA(veiled).contains("░"))
        #expect(barRowA(veiled).contains("2.00"))  // the logit, which the user set, stays
        #expect(!barRowA(revealed).contains("░"))
        #expect(barRowA(unchanged) != barRowA(veiled))
    }

    @Test func predictWorksInAChapter() {
        var s = KeyWalk.pressing([.character("v"), .right], from: KeyWalk.lab(.lesson, chapter: 2))
        #expect(Self.screen(s).contains("░"))
        s.handle(.character("v"))
        #expect(s.prediction == nil)
    }

    @Test func theEndPageFollowsTheLastChapter() {
        let s = KeyWalk.pressing([.character("]")], from: KeyWalk.lab(.lesson, chapter: Chapters.all.count - 1))
        #expect(s.lesson.isAtEnd)
        let text = Self.screen(s)
        #expect(text.contains("That is the whole lesson"))
        for chapter in Chapters.all { #expect(text.contains(chapter.title)) }
        #expect(KeyWalk.pressing([.character("[")], from: s).lesson.chapterIndex == Chapters.all.count - 1)
    }

    @Test func bigCapsTheChapterNear100ColumnsAndDrawsNothingFaint() {
        let options = ScreenOptions(color: true, big: true)
        let grid = LabScreen.render(KeyWalk.lab(.lesson, chapter: 2), width: 200, height: 60, options: options)
        let widest = grid.lines.dropFirst().dropLast(2).map { line in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            return trimmed.isEmpty ? 0 : trimmed.count
        }.max() ?? 0
        #expect(widest <= LessonScreen.projectorLineLength)
        #expect(!grid.cells.contains { $0.style.dim })
        // The big digits are there too.
        #expect(grid.text.contains("█▀"))
    }
}

/// Shown percentages of one distribution add up to exactly 100.0.
@Suite struct PercentColumnTests {
    @Test func theColumnSumsToExactlyAHundred() {
        var generator = SeededGenerator(seed: 11)
        for _ in 0..<2000 {
            let k = Int(generator.nextUniform() * 9) + 2
            let logits = (0..<k).map { _ in (generator.nextUniform() - 0.5) * 8 }
            let t = 0.1 + generator.nextUniform() * 5
            let z = logits.map { exp($0 / t) }
            let p = z.map { $0 / z.reduce(0, +) }
            let tenths = PercentText.tenths(p)
            #expect(tenths.reduce(0, +) == 1000, "\(p)")
            // Largest remainder never moves a class more than one tenth from its exact share.
            for (share, shown) in zip(p, tenths) { #expect(abs(share * 1000 - Double(shown)) < 1) }
        }
    }

    @Test func theExplorersFirstScreenAddsToAHundred() {
        // The default logits at T = 1 round one by one to 55.9 + 20.5 + 12.5 + 8.4 + 2.8 = 100.1 (Python).
        let r = SoftmaxReadout(logits: [2, 1, 0.5, 0.1, -1], temperature: .one)
        let shown = PercentText.column(r.probabilities).compactMap { Double($0.dropLast()) }
        #expect(abs(shown.reduce(0, +) - 100) < 1e-9)
    }

    @Test func tiesAreNamedAsTies() {
        let two = SoftmaxReadout(logits: [1, 1, 0], temperature: .one)
        #expect(TopText.of(two, labels: ["A", "B", "C"]).hasPrefix("tie: A and B"))
        let all = SoftmaxReadout(logits: [0, 0, 0, 0], temperature: .one)
        #expect(TopText.of(all, labels: ["A", "B", "C", "D"]) == "4-way tie, 25.0% each")
        let one = SoftmaxReadout(logits: [2, 1], temperature: .one)
        #expect(TopText.of(one, labels: ["A", "B"]).hasPrefix("top: A"))
    }
}

@Suite struct OverlayTests {
    /// The help and the contents clear the screen behind them: nothing of the bars or
    /// percentages shows beside the box.
    @Test(arguments: [(80, 24), (120, 40)])
    func overlaysLeaveNoStrayCells(_ size: (Int, Int)) {
        for keys in [[Key.character("?")], [.tab, .character("o")]] {
            let s = KeyWalk.pressing(keys, from: KeyWalk.lab())
            let lines = LabScreen.render(s, width: size.0, height: size.1).lines
            for line in lines.dropFirst().dropLast() {
                #expect(!line.contains("%") || line.contains("│") || line.contains("|"), "\(line)")
                #expect(!line.contains("█"), "\(line)")
            }
        }
    }
}

@Suite struct DrawTextTests {
    @Test func aDrawOfATiedClassIsNamedATie() {
        let r = SoftmaxReadout(logits: [1, 1, 0], temperature: .one)
        let text = DrawText.explanation(of: Draw(u: 0.1, index: 0), readout: r, labels: ["A", "B", "C"])
        #expect(text.hasPrefix("tied for likeliest with 1 other"))
        #expect(!text.contains("the likeliest class"))
        let single = SoftmaxReadout(logits: [2, 1, 0], temperature: .one)
        #expect(DrawText.explanation(of: Draw(u: 0.1, index: 0), readout: single, labels: ["A", "B", "C"])
            .hasPrefix("the likeliest class"))
    }
}

@Suite struct PercentBeyondTheDoublesTests {
    /// Logits 800, 0: B's probability e^-800 / (1 + e^-800) underflows to 0 and A's
    /// rounds to 1, yet neither is exact; only T → 0 makes A certain.
    @Test func aProbabilityThatOnlyRoundsToOneIsNotAHundredPercent() {
        let r = SoftmaxReadout(logits: [800, 0], temperature: .one)
        #expect(r.probabilities == [1, 0])
        #expect(PercentText.column(r) == [">99.9%", "<0.1%"])
        let greedy = SoftmaxReadout(logits: [800, 0], temperature: .greedy)
        #expect(PercentText.column(greedy) == ["100%", "0%"])
    }
}
