import LabUI
import SoftmaxCore
import Testing

/// A class whose logit is -inf in the explorer: typed in, drawn as masked, never drawn.
@Suite struct MaskedClassExplorerTests {
    static func typing(_ text: String, into state: ExplorerState) -> ExplorerState {
        var s = state
        s.apply(.editStarted)
        for c in text { s.apply(.editTyped(c)) }
        s.apply(.editCommitted)
        return s
    }

    @Test func typingMinusInfMasksTheSelectedClass() {
        let start = ExplorerState(logits: [2, 1, 0.5], temperature: .one, seed: 7, animates: false)
        let s = Self.typing("-inf", into: start)
        #expect(s.editor == nil)
        #expect(s.logits == [-.infinity, 1, 0.5])
    }

    @Test func maskingTheLastUnmaskedClassIsRefusedInline() {
        let start = ExplorerState(logits: [2, -.infinity], temperature: .one, seed: 7, animates: false)
        let s = Self.typing("-inf", into: start)
        #expect(s.logits == [2, -.infinity])
        #expect(s.editor?.refusal == "-inf would mask every class; A stays 2.00")
    }

    @Test(arguments: [Temperature.greedy, .one, .uniform])
    func theMaskedRowSaysMaskedAndIsNeverDrawn(temperature: Temperature) {
        var s = ExplorerState(logits: [2, -.infinity, 1], temperature: temperature, seed: 7, animates: false)
        s.apply(.classSelected(1))
        s.apply(.manyDrawsRequested)
        #expect(s.histogram.counts[1] == 0)
        #expect(s.histogram.total > 0)
        let screen = ExplorerScreen.render(s, width: 80, height: 24)
        let row = screen.lines.first { $0.hasPrefix("▶ B") } ?? ""
        #expect(row.contains("-inf"))
        #expect(row.contains("masked"))
        #expect(!row.contains("0.0%"))
        let text = screen.text.lowercased()
        #expect(!text.contains("nan"))
        #expect(text.contains("p(b) = 0 at every t: its logit is -inf, so b is masked"))
    }

    /// Every chapter with a masked class: chapters whose sums need finite logits (1, 2
    /// and 8) say the class is masked instead of running their sums through -inf; no
    /// chapter prints NaN or an unreadable power of ten.
    @Test(arguments: Chapters.all.indices)
    func everyChapterTakesAMaskedClass(_ index: Int) {
        let lesson = LessonState(chapterIndex: index, instrument: ExplorerState(
            logits: [2, -.infinity, 1], temperature: .one, seed: 7, animates: false))
        let text = LessonScreen.render(lesson, width: 80, height: 24).text
        let note = text.contains("Class B is masked: its logit is -inf")
        #expect(note == Chapters.all[index].needsFiniteLogits, "\(text)")
        #expect(!text.lowercased().contains("nan"))
        #expect(!text.contains("e+307") && !text.contains("e+308"), "\(text)")
    }
}
