import LabUI
import SoftmaxCore
import Testing

/// Whole-screen snapshots of the explorer at the two sizes it is designed for.
@Suite struct ExplorerSnapshotTests {
    static let sizes = [(80, 24), (120, 40)]

    static func state(temperature: Temperature) -> ExplorerState {
        ExplorerState(logits: [2, 1, 0.5, 0.1, -1], temperature: temperature, seed: 7, animates: false)
    }

    static func snapshot(_ state: ExplorerState, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for (w, h) in sizes {
            // Monochrome, as `softmax-lab show` prints it: there the cumulative bar's
            // segments are told apart by their fill rather than by colour.
            let grid = ExplorerScreen.render(state, width: w, height: h, options: ScreenOptions(color: false))
            GoldenFile.assertMatches(grid.text, named: "explorer-\(name)-\(w)x\(h)", sourceLocation: sourceLocation)
        }
    }

    @Test func greedy() {
        Self.snapshot(Self.state(temperature: .greedy), "T0")
    }

    @Test func unitTemperature() {
        Self.snapshot(Self.state(temperature: .one), "T1")
    }

    @Test func hot() throws {
        Self.snapshot(Self.state(temperature: try Temperature(20)), "T20")
    }

    @Test func afterOneDraw() {
        var state = Self.state(temperature: .one)
        state.apply(.drawRequested)
        Self.snapshot(state, "one-draw")
    }

    @Test func afterThousandDraws() {
        var state = Self.state(temperature: .one)
        state.apply(.manyDrawsRequested)
        #expect(state.histogram.total == 1000)
        Self.snapshot(state, "1000-draws")
    }

    @Test func helpOverlay() {
        var lab = LabState(lesson: LessonState(instrument: Self.state(temperature: .one)))
        lab.handle(.character("?"))
        GoldenFile.assertMatches(LabScreen.render(lab, width: 80, height: 24, options: ScreenOptions(color: false)).text,
                                 named: "explorer-help-80x24")
    }

    @Test func editingRefusal() {
        var state = Self.state(temperature: .one)
        state.apply(.editStarted)
        for c in "abc" { state.apply(.editTyped(c)) }
        state.apply(.editCommitted)
        Self.snapshot(state, "edit-refused")
    }
}
