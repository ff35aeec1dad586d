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

    static let last = Chapters.all.count - 1

    @Test func pagesForwardAndBackWithinTheChapters() {
        #expect(Self.pressing([.pageDown, .character("]")]).lesson.chapterIndex == 2)
        #expect(Self.pressing([.pageDown, .pageDown, .pageUp]).lesson.chapterIndex == 1)
        #expect(Self.pressing([.character("]"), .character("[")]).lesson.chapterIndex == 0)
        // Nothing before the first chapter.
        #expect(Self.pressing([.pageUp]).lesson.chapterIndex == 0)
        #expect(Self.pressing([.character("[")]).mode == .lesson)
    }

    @Test func pastTheLastChapterIsTheEndPageAndBackComesBack() {
        let end = Self.pressing([.character("]")], from: Self.lab(chapter: Self.last))
        #expect(end.lesson.isAtEnd)
        #expect(end.lesson.chapterIfOpen == nil)
        #expect(end.mode == .lesson)
        let screen = LessonScreen.render(end.lesson, width: 80, height: 24).text
        #expect(screen.contains("The end"))
        #expect(!screen.contains("chapter 12"))
        // One more ] stays on the end page; [ comes back to the last chapter.
        #expect(Self.pressing([.pageDown], from: end).lesson.isAtEnd)
        let back = Self.pressing([.character("[")], from: end)
        #expect(!back.lesson.isAtEnd)
        #expect(back.lesson.chapterIndex == Self.last)
    }

    @Test func theContentsOpenAChapterByItsNumber() {
        #expect(Self.pressing([.character("o"), .character("1"), .character("0"), .enter]).lesson.chapterIndex == 9)
        #expect(Self.pressing([.character("o"), .character("1"), .character("1"), .enter]).lesson.chapterIndex == 10)
        #expect(Self.pressing([.character("o"), .character("4"), .enter]).lesson.chapterIndex == 3)
        // A number that names no chapter starts again from its last digit: 7 then 1 is chapter 1.
        #expect(Self.pressing([.character("o"), .character("7"), .character("1"), .enter]).lesson.chapterIndex == 0)
        // Until Enter, the menu only chooses: the chapter open stays open.
        let choosing = Self.pressing([.character("o"), .character("4")])
        #expect(choosing.lesson.chapterIndex == 0)
        #expect(choosing.overlay == .contents(choice: 3, typed: "4"))
        // Esc closes the menu without opening anything.
        let closed = Self.pressing([.escape], from: choosing)
        #expect(closed.overlay == nil)
        #expect(closed.lesson.chapterIndex == 0)
        #expect(closed.mode == .lesson)
    }

    @Test func theContentsOpenAChapterByArrows() {
        let s = Self.pressing([.character("o"), .down, .down, .up, .down, .enter], from: Self.lab(chapter: 2))
        #expect(s.lesson.chapterIndex == 4)
        #expect(s.overlay == nil)
        // From the end page the menu starts on the first chapter.
        let end = Self.pressing([.character("]")], from: Self.lab(chapter: Self.last))
        #expect(Self.pressing([.character("o"), .enter], from: end).lesson.chapterIndex == 0)
    }

    @Test func digitsInAChapterSetTAsInTheExplorer() throws {
        let half = try Temperature(0.5)
        let start = LabState(mode: .lesson, lesson: LessonState(chapterIndex: 2,
                                                                instrument: ExplorerState(temperature: half, seed: 7, animates: false)))
        let greedy = Self.pressing([.character("0")], from: start)
        #expect(greedy.lesson.chapterIndex == 2)
        #expect(greedy.explorer.temperature == .greedy)
        let one = Self.pressing([.character("1")], from: start)
        #expect(one.explorer.temperature == .one)
        // Two digits are no jump either: "1", "0" is T = 1, then T → 0, still in chapter 3.
        let both = Self.pressing([.character("1"), .character("0")], from: start)
        #expect(both.lesson.chapterIndex == 2)
        #expect(both.explorer.temperature == .greedy)
    }

    @Test func escAndTabGoBackToTheExplorerAndKeepTheInstrument() {
        let s = Self.pressing([.right, .tab])
        #expect(s.mode == .explorer)
        #expect(s.explorer.temperature == Self.pressing([.right]).explorer.temperature)
        #expect(s.explorer.temperature != .one)
        #expect(Self.pressing([.tab], from: s).mode == .lesson)
        let escaped = Self.pressing([.down, .escape], from: Self.lab(chapter: 4))
        #expect(escaped.mode == .explorer)
        #expect(escaped.explorer.selected == 1)
        #expect(!escaped.explorer.quitRequested)
        // The lesson reopens on the chapter it left.
        #expect(Self.pressing([.tab], from: escaped).lesson.chapterIndex == 4)
    }

    @Test func chaptersAreNamedForTheCommandLine() {
        #expect(Chapters.index(named: "3") == 2)
        #expect(Chapters.index(named: "dial") == 2)
        #expect(Chapters.index(named: "DIAL") == 2)
        #expect(Chapters.index(named: "12") == 11)
        #expect(Chapters.index(named: "\(Chapters.all.count + 1)") == nil)
        #expect(Chapters.index(named: "0") == nil)
        #expect(Set(Chapters.all.map(\.name)).count == Chapters.all.count)
    }
}
