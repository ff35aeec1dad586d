@testable import LabUI
import SoftmaxCore
import Testing

/// Defects found in review, each pinned by a test.
@Suite struct ReviewRegressionTests {
    @Test func overwritingHalfAWideCharacterBlanksTheOtherHalf() {
        var grid = Grid(width: 6, height: 1)
        grid.write("漢字", x: 0, y: 0)
        grid.put("│", x: 1, y: 0)
        #expect(grid.lines[0] == " │字  ")
        grid.put("x", x: 2, y: 0)
        #expect(grid.lines[0] == " │x   ")
        #expect(!grid.cells.contains { $0.isContinuation })
    }

    @Test func emojiSequencesAreCutToOneCell() {
        // A family (joined by U+200D) and a flag (two regional indicators) would leak
        // their extra code points into the next cells of a terminal.
        #expect(TextWidth.visible("👨‍👩‍👧").unicodeScalars.count == 1)
        #expect(TextWidth.visible("🇯🇵").unicodeScalars.count == 1)
        #expect(TextWidth.visible("e\u{301}").unicodeScalars.count == 2)
        #expect(TextWidth.of("🚀") == 2)
    }

    @Test func startingOffTheScaleStepsOntoIt() throws {
        #expect(TemperatureDial.moved(try Temperature(1e-300), by: 1).value == TemperatureDial.minimum)
        #expect(TemperatureDial.moved(try Temperature(1000), by: -1).value == TemperatureDial.maximum)
    }

    @Test func differentLogitsNeverReadTheSame() {
        let texts = LogitText.column([1, 1.0000001, 2, 2])
        #expect(texts[0] != texts[1])
        #expect(texts[2] == texts[3])
    }

    @Test func theMarkerLandsInTheLitSegment() {
        // Seed 25 draws u = 0.8918..., just below D's rounded left edge on an 80-column screen.
        var state = ExplorerState(seed: 25, animates: false)
        state.apply(.drawRequested)
        let draw = try! #require(state.lastDraw)
        let probabilities = state.readout.probabilities
        for width in 5...200 {
            let column = CumulativeBar.column(of: draw, probabilities: probabilities, width: width)
            let edges = CumulativeBar.boundaries(of: probabilities, width: width)
            if edges[draw.index + 1] > edges[draw.index] {
                #expect(column >= edges[draw.index] && column < edges[draw.index + 1], "width \(width)")
            }
        }
    }

    @Test func theFormulaLineKeepsItsResultWhenNarrow() {
        var state = ExplorerState(logits: [100, 93.3, 99.5], labels: ["AAAAAAAAAA", "BBBBBBBBBB", "C"], seed: 1)
        state.apply(.nextClassSelected)
        let screen = ExplorerScreen.render(state, width: 80, height: 24).text
        let p = NumberFormat.fixed(state.readout.probabilities[1], decimals: 4)
        #expect(screen.contains("= \(p)"))
    }

    @Test func escapeClosesTheHelpInsteadOfQuitting() {
        var lab = LabState(lesson: LessonState(instrument: ExplorerState(seed: 1)))
        lab.handle(.character("?"))
        lab.handle(.escape)
        #expect(!lab.showsHelp)
        #expect(!lab.explorer.quitRequested)
        lab.handle(.character("?"))
        lab.handle(.controlC)
        #expect(lab.explorer.quitRequested)
    }
}
