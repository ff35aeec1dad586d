import Foundation
@testable import LabUI
import SoftmaxCore
import Testing

/// Every chapter with 2, 5 and 10 classes at 80×24 and 120×40, and in ASCII: the
/// golden screens the lesson is checked against, and the rule that no class is
/// dropped silently.
enum ChapterLayouts {
    /// Ten distinct words, so a test can find each class on the screen.
    static let labels = ["ant", "bee", "cat", "dog", "eel", "fox", "gnu", "hen", "ibis", "jay"]
    static let logits = [2.2, 1.6, 1.1, 0.7, 0.4, 0.1, -0.3, -0.8, -1.4, -2.0]

    static func lab(chapter: Int, classes: Int) -> LabState {
        let instrument = ExplorerState(logits: Array(logits.prefix(classes)), labels: Array(labels.prefix(classes)),
                                       temperature: .one, seed: 7, animates: false)
        return LabState(mode: .lesson, lesson: LessonState(chapterIndex: chapter - 1, instrument: instrument))
    }

    static func screen(_ lab: LabState, _ w: Int, _ h: Int, ascii: Bool = false) -> String {
        LabScreen.render(lab, width: w, height: h, options: ScreenOptions(unicode: !ascii, color: false)).text
    }

    static let sizes = [(80, 24), (120, 40)]
    static let classCounts = [2, 5, 10]

    /// Chapters that draw the instrument's own classes (7 draws a vocabulary of its own).
    static let drawsTheClasses: Set<Int> = [1, 2, 3, 4, 5, 6, 8, 10]
}

@Suite struct ChapterLayoutTests {
    /// Chapter 12 draws the digits model, not the explorer's logits, so its three
    /// screens here are alike: the chapter as it opens, before the data is loaded. Its
    /// trained screens are Chapter12Tests' goldens.
    @Test(arguments: 1...12)
    func goldenScreensAtEverySizeAndClassCount(_ chapter: Int) {
        let number = chapter < 10 ? "0\(chapter)" : "\(chapter)"
        for (w, h) in ChapterLayouts.sizes {
            for k in ChapterLayouts.classCounts {
                GoldenFile.assertMatches(ChapterLayouts.screen(ChapterLayouts.lab(chapter: chapter, classes: k), w, h),
                                         named: "layout/chapter-\(number)-K\(k)-\(w)x\(h)")
            }
        }
        GoldenFile.assertMatches(ChapterLayouts.screen(ChapterLayouts.lab(chapter: chapter, classes: 10), 80, 24, ascii: true),
                                 named: "layout/chapter-\(number)-K10-80x24-ascii")
    }

    /// Each class is on the screen, or a line says how many more there are.
    @Test(arguments: ChapterLayouts.drawsTheClasses.sorted())
    func noClassIsDroppedSilently(_ chapter: Int) {
        for (w, h) in ChapterLayouts.sizes {
            for k in ChapterLayouts.classCounts {
                let text = ChapterLayouts.screen(ChapterLayouts.lab(chapter: chapter, classes: k), w, h)
                let missing = ChapterLayouts.labels.prefix(k).filter { !text.contains($0) }
                #expect(missing.isEmpty || text.contains("more"), "chapter \(chapter), K = \(k), \(w)×\(h): \(missing)")
            }
        }
    }

    /// In ASCII every word of the chapter's text is whole: wrapping happens after the
    /// ASCII spelling, so "√" spelt "sqrt " never pushes a word off the edge.
    @Test(arguments: 1...12)
    func asciiKeepsWordsWhole(_ chapter: Int) {
        let text = ChapterLayouts.screen(ChapterLayouts.lab(chapter: chapter, classes: 5), 80, 24, ascii: true)
        #expect(text.allSatisfy { $0.isASCII })
        for line in text.split(separator: "\n") {
            #expect(line.count <= 80)
        }
    }
}
