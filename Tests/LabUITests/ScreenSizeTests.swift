import LabUI
import SoftmaxCore
import Testing

/// Every terminal size from 1×1 to 400×120 draws either the whole layout or the
/// enlarge message, for the explorer (with draws, the histogram and a refusal on
/// screen) and for every chapter of the lesson.
@Suite struct ScreenSizeTests {
    static let explorer: ExplorerState = {
        var state = ExplorerState(seed: 3, animates: false)
        state.apply(.manyDrawsRequested)
        state.apply(.drawRequested)
        state.notice = .refusal("'abc' is not a number; A stays 2.00")
        return state
    }()

    static func enlargeMessage(width: Int, height: Int) -> String {
        "enlarge the terminal to 80×24 (now \(width)×\(height)); keys wait until then, q quits"
    }

    /// The whole message when there is room for it (wrapped at spaces); on a screen too
    /// small for it, only its characters, starting with its first, and no stray marks.
    static func showsTheEnlargeMessage(_ grid: Grid, width: Int, height: Int) -> Bool {
        // Straight from the cells: 17 000 screens through `text` took most of the time.
        let shown = grid.cells.compactMap { $0.symbol == " " || $0.isContinuation ? nil : $0.symbol }
        let message = Array(enlargeMessage(width: width, height: height).filter { $0 != " " })
        if width >= 40 && height >= 2 { return shown == message }
        return shown.first == "e" && shown.allSatisfy { message.contains($0) }
    }

    /// All 1×1 to 400×120 sizes below 80×24: the enlarge message, every one.
    @Test(arguments: Array(1...400))
    func everySizeBelowTheMinimumShowsTheEnlargeMessage(width: Int) {
        let heights = width < 80 ? Array(1...120) : Array(1...23)
        for height in heights {
            let grid = ExplorerScreen.render(Self.explorer, width: width, height: height)
            #expect(grid.width == width && grid.height == height)
            let shows = Self.showsTheEnlargeMessage(grid, width: width, height: height)
            #expect(shows, "\(width)×\(height):\n\(grid.text)")
        }
    }

    /// Every width from 80 to 400 at the heights a screen snaps to, and every height
    /// from 24 to 120 at the widths it snaps to: the whole layout, header to key line.
    @Test(arguments: Array(80...400).map { ($0, [24, 25, 36, 40, 60, 120]) } + Array(24...120).map { (-$0, [80, 81, 120, 200, 400]) })
    func theWholeLayoutFromTheMinimumUp(_ size: (Int, [Int])) {
        let sizes = size.0 > 0 ? size.1.map { (size.0, $0) } : size.1.map { ($0, -size.0) }
        for (width, height) in sizes {
            let grid = ExplorerScreen.render(Self.explorer, width: width, height: height)
            let lines = grid.lines
            let text = lines.joined(separator: "\n")
            #expect(lines.first?.hasPrefix(" Softmax Lab") == true, "\(width)×\(height)")
            #expect(lines.last?.contains("seed 3") == true, "the key line at \(width)×\(height)")
            #expect(text.contains("1001 draws: total-variation distance"), "\(width)×\(height)")
            #expect(text.contains("'abc' is not a number"), "\(width)×\(height)")
        }
    }

    /// Every chapter at every size below 80×24 along both edges (1 to 79 columns at 24
    /// rows, 1 to 23 rows at 80 columns) and at the sizes screens snap to above it.
    @Test(arguments: Array(0..<Chapters.all.count))
    func everyChapterAtSizesAcrossTheMinimum(chapter: Int) {
        let lesson = LessonState(chapterIndex: chapter, instrument: Self.explorer)
        let snapped = [80, 81, 100, 120, 160, 200, 300, 400].flatMap { width in [24, 25, 40, 60, 120].map { (width, $0) } }
        let sizes = (1...79).map { ($0, 24) } + (1...23).map { (80, $0) } + snapped
        for (width, height) in sizes {
            let grid = LessonScreen.render(lesson, width: width, height: height)
            #expect(grid.width == width && grid.height == height)
            if width >= 80 && height >= 24 {
                let header = grid.lines.first ?? ""
                #expect(header.contains("chapter \(chapter + 1)/\(Chapters.all.count)"), "\(width)×\(height)")
            } else {
                let shows = Self.showsTheEnlargeMessage(grid, width: width, height: height)
                #expect(shows, "\(width)×\(height):\n\(grid.text)")
            }
        }
    }
}
