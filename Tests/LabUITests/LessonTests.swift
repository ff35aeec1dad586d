import LabUI
import SoftmaxCore
import Testing

@Suite struct LessonNavigationTests {
    static func lab(chapter: Int = 0) -> LabState {
        LabState(mode: .lesson, lesson: LessonState(chapterIndex: chapter, instrument: ExplorerState(seed: 7, animates: false)))
    }

    static func pressing(_ keys: [Key], from state: LabState = lab()) -> LabState {
        var s = state
        for k in keys { s.handle(k) }
        return s
    }

    @Test func pagesForwardAndBackWithinTheChapters() {
        #expect(Self.pressing([.pageDown, .character("]")]).lesson.chapterIndex == 2)
        #expect(Self.pressing([.pageUp]).lesson.chapterIndex == 0)
        let last = Chapters.all.count - 1
        #expect(Self.pressing([.pageDown], from: Self.lab(chapter: last)).lesson.chapterIndex == last)
    }

    @Test func digitsJumpAndTwoDigitsReachTheLastChapters() {
        #expect(Self.pressing([.character("4")]).lesson.chapterIndex == 3)
        #expect(Self.pressing([.character("1"), .character("1")]).lesson.chapterIndex == 10)
        #expect(Self.pressing([.character("1"), .character("0")]).lesson.chapterIndex == 9)
        #expect(Self.pressing([.character("1"), .right, .character("1")]).lesson.chapterIndex == 0)
        #expect(Self.pressing([.character("7"), .character("1")]).lesson.chapterIndex == 0)
    }

    @Test func tabSwitchesScreensAndKeepsTheInstrument() {
        let s = Self.pressing([.right, .tab])
        #expect(s.mode == .explorer)
        #expect(s.explorer.temperature == Self.pressing([.right]).explorer.temperature)
        #expect(Self.pressing([.tab], from: s).mode == .lesson)
    }

    @Test func chaptersAreNamedForTheCommandLine() {
        #expect(Chapters.index(named: "3") == 2)
        #expect(Chapters.index(named: "dial") == 2)
        #expect(Chapters.index(named: "DIAL") == 2)
        #expect(Chapters.index(named: "12") == nil)
        #expect(Chapters.index(named: "0") == nil)
        #expect(Set(Chapters.all.map(\.name)).count == Chapters.all.count)
    }
}
