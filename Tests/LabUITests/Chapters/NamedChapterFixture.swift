@testable import LabUI
import SoftmaxCore

/// A lab open at a chapter found by its `--chapter` name (its number depends on where the
/// lesson places it), with seed 7 and no animation, and the keys and screens its tests use.
enum NamedChapterFixture {
    static func lab(_ name: String, temperature: Temperature = .one) -> LabState {
        LabState(mode: .lesson, lesson: LessonState(
            chapterIndex: Chapters.index(named: name)!,
            instrument: ExplorerState(temperature: temperature, seed: 7, animates: false)))
    }

    static func pressing(_ keys: [Key], from state: LabState) -> LabState {
        var s = state
        for k in keys { s.handle(k) }
        return s
    }

    static func render(_ state: LabState, _ w: Int, _ h: Int, ascii: Bool, color: Bool, big: Bool) -> Grid {
        LabScreen.render(state, width: w, height: h, options: ScreenOptions(unicode: !ascii, color: color, big: big))
    }
}
