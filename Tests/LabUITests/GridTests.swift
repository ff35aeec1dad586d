import LabUI
import Testing

/// Widgets in the style of ratatui's tests: render into a grid pre-filled with a
/// filler, so a cell written by mistake shows up in the comparison.
@Suite struct GridTests {
    @Test func barsUseEighthsOfACell() {
        #expect(horizontalBar(fraction: 0.5, width: 10, glyphs: .unicode) == "█████")
        #expect(horizontalBar(fraction: 0.0625, width: 10, glyphs: .unicode) == "▋")  // 5/8 of a cell
        #expect(horizontalBar(fraction: 1, width: 3, glyphs: .unicode) == "███")
        #expect(horizontalBar(fraction: 2, width: 3, glyphs: .unicode) == "███")
        #expect(horizontalBar(fraction: 0, width: 3, glyphs: .unicode) == "")
        #expect(horizontalBar(fraction: .nan, width: 3, glyphs: .unicode) == "")
        #expect(horizontalBar(fraction: 0.5, width: 0, glyphs: .unicode) == "")
        #expect(horizontalBar(fraction: 0.5, width: 4, glyphs: .ascii) == "##")
    }

    @Test func writesAreClippedToTheirLimitAndTheGrid() {
        var grid = Grid(width: 20, height: 3, filler: "x")
        grid.write("hello world", x: 3, y: 1, limit: 5)
        grid.write("tail", x: 18, y: 2)
        grid.write("off", x: 0, y: 7)
        grid.write("left", x: -2, y: 0)
        #expect(grid == Grid(lines: [
            "ftxxxxxxxxxxxxxxxxxx",
            "xxxhelloxxxxxxxxxxxx",
            "xxxxxxxxxxxxxxxxxxta",
        ]))
    }

    @Test func controlCharactersNeverReachTheGrid() {
        var grid = Grid(width: 12, height: 1)
        grid.write("a\u{1b}[2Jb\u{7}", x: 0, y: 0)
        #expect(grid.lines[0] == "a␛[2Jb␇     ")
        #expect(!grid.cells.contains { $0.symbol.unicodeScalars.contains { $0.value < 0x20 } })
    }

    @Test func wideCharactersTakeTwoCellsAndNeverSplit() {
        var grid = Grid(width: 5, height: 1, filler: ".")
        let used = grid.write("猫猫猫", x: 0, y: 0)
        // The third cat needs two columns and only one is left: it becomes a blank.
        #expect(used == 4)
        #expect(grid.lines[0] == "猫猫 ")
        #expect(TextWidth.of("e\u{301}") == 1)
    }

    @Test func asciiGlyphsSpellOutUnicode() {
        var grid = Grid(width: 12, height: 1)
        grid.glyphs = .ascii
        grid.write("u → C ∞", x: 0, y: 0)
        #expect(grid.lines[0] == "u -> C inf  ")
    }

    @Test(arguments: [(0, 0), (0, 5), (5, 0)])
    func everySizeRendersWithoutCrashing(_ size: (Int, Int)) {
        var state = ExplorerState(seed: 3, animates: false)
        state.apply(.manyDrawsRequested)
        state.apply(.drawRequested)
        let grid = ExplorerScreen.render(state, width: size.0, height: size.1)
        #expect(grid.width == size.0 && grid.height == size.1)
        if size.0 >= 80 && size.1 >= 24 {
            #expect(grid.text.contains("Softmax Lab"))
        } else if size.0 >= 30 {
            #expect(grid.text.contains("enlarge the terminal to 80×24 (now \(size.0)×\(size.1))"))
        }
    }

    @Test func tooSmallMessageWrapsOnANarrowScreen() {
        let grid = ExplorerScreen.render(ExplorerState(seed: 1), width: 20, height: 10)
        #expect(grid.text.contains("enlarge the"))
        #expect(grid.text.contains("20×10)"))
        #expect(grid.text.contains("q quits"))
    }
}
