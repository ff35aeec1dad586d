import Foundation
import LabUI
import SoftmaxCore
import Testing

/// Clicks are found on the rendered screen, as a person would aim them.
@Suite struct MouseTests {
    static let options = ScreenOptions()

    static func model() -> LabModel {
        LabModel(state: LabState(lesson: LessonState(instrument: ExplorerState(seed: 7, animates: false))), options: options)
    }

    /// The row and column of `text` on the 80×24 screen.
    static func find(_ text: String, in model: LabModel) -> (x: Int, y: Int)? {
        let lines = model.render(width: 80, height: 24).lines
        for (y, line) in lines.enumerated() {
            if let range = line.range(of: text) { return (line.distance(from: line.startIndex, to: range.lowerBound), y) }
        }
        return nil
    }

    static func click(_ x: Int, _ y: Int, _ kind: MouseEvent.Kind = .press) -> Key {
        .mouse(MouseEvent(kind: kind, x: x, y: y, screenWidth: 80, screenHeight: 24))
    }

    @Test func clicksOnTheTrackEndsSetItsEnds() throws {
        var m = Self.model()
        let left = try #require(Self.find("├", in: m))
        let right = try #require(Self.find("┤", in: m))
        m.handle(Self.click(left.x, left.y))
        #expect(abs(m.state.explorer.temperature.value - 0.05) < 1e-12)
        m.handle(Self.click(right.x, right.y))
        #expect(abs(m.state.explorer.temperature.value - 20) < 1e-12)
        // Halfway along a log scale from 0.05 to 20 is their geometric mean, sqrt(0.05 * 20) = 1,
        // a rung of the dial, so the click sets exactly 1.
        m.handle(Self.click((left.x + right.x) / 2, left.y))
        #expect(m.state.explorer.temperature.value == 1)
    }

    @Test func everyClickOnTheTrackSetsARungOfTheDial() throws {
        var m = Self.model()
        let left = try #require(Self.find("├", in: m))
        let right = try #require(Self.find("┤", in: m))
        for x in left.x...right.x {
            m.handle(Self.click(x, left.y))
            #expect(TemperatureDial.ladder.contains(m.state.explorer.temperature.value), "column \(x)")
        }
    }

    @Test func clicksWorkInChaptersToo() throws {
        // Chapter 3 draws the dial's slider; chapter 2 draws the bars of the classes.
        var m = Self.model()
        m.state.mode = .lesson
        m.state.lesson.go(to: 2)
        let right = try #require(Self.find("┤", in: m))
        m.handle(Self.click(right.x, right.y))
        #expect(m.state.explorer.temperature.value == 20)
        m.state.lesson.go(to: 1)
        let rowC = try #require(Self.find("  C ", in: m))
        m.handle(Self.click(rowC.x + 2, rowC.y))
        #expect(m.state.explorer.selected == 2)
    }

    @Test func theWheelFollowsTheLiveKeys() {
        // Chapter 2 holds T at 1, so the wheel, like → there, does not turn it.
        var m = Self.model()
        m.state.mode = .lesson
        m.state.lesson.go(to: 1)
        m.handle(Self.click(0, 0, .wheelUp))
        #expect(m.state.explorer.temperature == .one)
    }

    @Test func aClickOnABarSelectsItsClass() throws {
        var m = Self.model()
        let rowC = try #require(Self.find("C   ", in: m))
        m.handle(Self.click(40, rowC.y))
        #expect(m.state.explorer.selected == 2)
    }

    @Test func theWheelTurnsTheTemperature() {
        var m = Self.model()
        m.handle(Self.click(0, 0, .wheelUp))
        #expect(m.state.explorer.temperature == TemperatureDial.moved(.one, by: 1))
        m.handle(Self.click(0, 0, .wheelDown))
        m.handle(Self.click(0, 0, .wheelDown))
        #expect(m.state.explorer.temperature == TemperatureDial.moved(.one, by: -1))
    }

    @Test func clicksElsewhereChangeNothing() {
        var m = Self.model()
        let before = m.state
        m.handle(Self.click(79, 23))
        m.handle(Self.click(500, 500))
        #expect(m.state == before)
    }
}
