/// An in-memory screen: the whole of what the terminal will show, as cells.
///
/// Every widget renders into a grid and nothing else, so a whole screen can be
/// compared as text in a test, and the terminal backend only has to send the cells
/// that differ from the last frame.
public struct Grid: Hashable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]
    /// The glyph set text is spelt in: with ASCII glyphs every write is transliterated,
    /// so no screen has to remember to.
    public var glyphs: Glyphs = .unicode
    /// What a click may land on, registered by the widgets as they draw, so a click
    /// means the same in every screen that shows the widget. Not part of equality:
    /// two grids are equal when they look the same.
    public var targets: [HitTarget] = []

    public static func == (a: Grid, b: Grid) -> Bool {
        a.width == b.width && a.height == b.height && a.cells == b.cells
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(width)
        hasher.combine(height)
        hasher.combine(cells)
    }

    /// The last-drawn target under a cell: the one on top.
    public func target(atX x: Int, y: Int) -> HitTarget? {
        targets.last { $0.area.contains(x: x, y: y) }
    }

    public init(width: Int, height: Int, filler: Character = " ") {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: Cell(filler), count: self.width * self.height)
    }

    /// A grid holding these lines of plain text, for comparing in tests.
    public init(lines: [String]) {
        let width = lines.map { TextWidth.of($0) }.max() ?? 0
        self.init(width: width, height: lines.count)
        for (y, line) in lines.enumerated() { write(line, x: 0, y: y) }
    }

    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set { cells[y * width + x] = newValue }
    }

    public func contains(x: Int, y: Int) -> Bool { x >= 0 && y >= 0 && x < width && y < height }

    /// Sets one cell; writes outside the grid are dropped.
    public mutating func put(_ symbol: Character, x: Int, y: Int, style: Style = .plain) {
        guard contains(x: x, y: y) else { return }
        clearWideNeighbours(x: x, y: y, keepingContinuation: symbol == Cell.continuationSymbol)
        if glyphs.asciiOnly && !symbol.isASCII && symbol != Cell.continuationSymbol {
            self[x, y] = Cell(glyphs.text(String(symbol)).first ?? "?", style: style)
        } else {
            self[x, y] = Cell(symbol, style: style)
        }
    }

    /// Overwriting either half of a wide character blanks the other half, so no
    /// half-character is left for the terminal to draw over its neighbour.
    private mutating func clearWideNeighbours(x: Int, y: Int, keepingContinuation: Bool) {
        if self[x, y].isContinuation && !keepingContinuation && x > 0 {
            self[x - 1, y].symbol = " "
        }
        if x + 1 < width && self[x + 1, y].isContinuation && !self[x, y].isContinuation {
            self[x + 1, y].symbol = " "
        }
    }

    /// Restyles a cell and keeps its symbol.
    public mutating func restyle(x: Int, y: Int, _ change: (inout Style) -> Void) {
        guard contains(x: x, y: y) else { return }
        change(&self[x, y].style)
    }

    /// Writes text from (x, y) rightwards, clipped to `limit` columns and to the
    /// grid. Control characters are shown as visible symbols, never sent to the
    /// terminal; a wide character takes two columns, or is replaced by a space if
    /// only one is left. Returns the columns used.
    @discardableResult
    public mutating func write(_ text: String, x: Int, y: Int, style: Style = .plain, limit: Int = .max) -> Int {
        guard y >= 0, y < height else { return 0 }
        let end = min(width, x.addingReportingOverflow(max(0, limit)).overflow ? width : x + max(0, limit))
        var column = x
        for character in glyphs.text(text) {
            let safe = TextWidth.visible(character)
            let w = TextWidth.of(safe)
            if w == 0 { continue }
            if column + w > end {
                if w == 2 && column < end { put(" ", x: column, y: y, style: style) }
                break
            }
            if column >= 0 {
                put(safe, x: column, y: y, style: style)
                if w == 2 { put(Cell.continuationSymbol, x: column + 1, y: y, style: style) }
            }
            column += w
        }
        return max(0, column - x)
    }

    /// Fills a rectangle with one symbol.
    public mutating func fill(_ rect: Rect, with symbol: Character = " ", style: Style = .plain) {
        let rows = max(0, rect.y)..<max(max(0, rect.y), min(height, rect.maxY))
        let columns = max(0, rect.x)..<max(max(0, rect.x), min(width, rect.maxX))
        for y in rows {
            for x in columns { put(symbol, x: x, y: y, style: style) }
        }
    }

    /// Each row as text, full width, with wide characters shown once.
    public var lines: [String] {
        (0..<height).map { y in
            var line = ""
            for x in 0..<width where !self[x, y].isContinuation { line.append(self[x, y].symbol) }
            return line
        }
    }

    /// The screen as text with trailing spaces dropped: the form golden files keep.
    public var text: String {
        lines.map { line in
            // One search from the end: dropping spaces one by one is quadratic on a String.
            guard let end = line.lastIndex(where: { $0 != " " }) else { return "" }
            return String(line[...end])
        }.joined(separator: "\n")
    }
}
