/// The live key table as a box over the screen: exactly the bindings keys reach
/// now, grouped by context, innermost first. Pages when it does not fit.
struct HelpOverlay {
    let sections: [(title: String, bindings: [KeyBinding])]
    let page: Int
    let options: ScreenOptions

    enum Line {
        case heading(String)
        case binding(keys: String, summary: String)
    }

    var lines: [Line] {
        var out: [Line] = []
        for (title, bindings) in sections {
            out.append(.heading(title))
            out += bindings.map { .binding(keys: $0.keyNames, summary: $0.summary) }
        }
        return out
    }

    /// The box's pages: lines split into one or two columns of `rows` each.
    static func pages(of lines: [Line], rows: Int, columns: Int) -> [[Line]] {
        let perPage = max(1, rows * columns)
        return stride(from: 0, to: lines.count, by: perPage).map { Array(lines[$0..<min(lines.count, $0 + perPage)]) }
    }

    func render(in area: Rect, into grid: inout Grid) {
        let glyphs = options.glyphs, theme = options.theme
        let all = lines
        var keyWidth = 0, textWidth = 0
        for case .binding(let keys, let summary) in all {
            keyWidth = max(keyWidth, TextWidth.of(glyphs.text(keys)))
            textWidth = max(textWidth, TextWidth.of(glyphs.text(summary)))
        }
        let columnWidth = keyWidth + 2 + textWidth
        let columns = 2 * columnWidth + 3 + 4 <= area.width && all.count + 4 > area.height ? 2 : 1
        let rows = max(1, area.height - 4)
        let pages = Self.pages(of: all, rows: rows, columns: columns)
        let shown = pages.isEmpty ? [] : pages[min(page, pages.count - 1)]
        let rowsUsed = min(rows, (shown.count + columns - 1) / columns)
        let width = min(area.width, columns * columnWidth + (columns - 1) * 3 + 4)
        let height = min(area.height, rowsUsed + 4)
        guard width > 4, height > 2 else { return }
        let box = Rect(x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2, width: width, height: height)
        Box.draw(box, title: " Keys ", into: &grid, options: options)
        let inner = (box.width - 4 - (columns - 1) * 3) / columns
        for (i, line) in shown.enumerated() {
            let x = box.x + 2 + (i / rowsUsed) * (inner + 3)
            let y = box.y + 2 + i % rowsUsed
            switch line {
            case .heading(let title): grid.write(title, x: x, y: y, style: theme.title, limit: inner)
            case .binding(let keys, let summary):
                grid.write(keys, x: x, y: y, style: theme.emphasis, limit: keyWidth)
                grid.write(summary, x: x + keyWidth + 2, y: y, limit: inner - keyWidth - 2)
            }
        }
        let footer = pages.count > 1
            ? " page \(min(page, pages.count - 1) + 1)/\(pages.count): PgDn more, PgUp back, Esc closes "
            : " Esc or any other key closes this "
        grid.writeCentered(footer, in: box.row(box.height - 1), style: theme.dim)
    }
}

/// A framed box cleared over the screen.
enum Box {
    static func draw(_ box: Rect, title: String, into grid: inout Grid, options: ScreenOptions) {
        let glyphs = options.glyphs, theme = options.theme
        grid.fill(box)
        for x in box.x..<box.maxX {
            grid.put(glyphs.horizontalRule, x: x, y: box.y, style: theme.dim)
            grid.put(glyphs.horizontalRule, x: x, y: box.maxY - 1, style: theme.dim)
        }
        for y in box.y..<box.maxY {
            grid.put(glyphs.boxVertical, x: box.x, y: y, style: theme.dim)
            grid.put(glyphs.boxVertical, x: box.maxX - 1, y: y, style: theme.dim)
        }
        grid.put(glyphs.boxTopLeft, x: box.x, y: box.y, style: theme.dim)
        grid.put(glyphs.boxTopRight, x: box.maxX - 1, y: box.y, style: theme.dim)
        grid.put(glyphs.boxBottomLeft, x: box.x, y: box.maxY - 1, style: theme.dim)
        grid.put(glyphs.boxBottomRight, x: box.maxX - 1, y: box.maxY - 1, style: theme.dim)
        grid.writeCentered(title, in: box.row(0), style: theme.title)
    }
}

/// The table of contents: every chapter, the chosen one marked, and the number typed.
struct ContentsOverlay {
    let choice: Int
    let typed: String
    /// The chapter open now (0-based), or the end page.
    let current: Int
    let options: ScreenOptions

    func render(in area: Rect, into grid: inout Grid) {
        let titles = Chapters.all.enumerated().map { i, c in "\(i + 1 < 10 ? " " : "")\(i + 1)  \(c.title)" }
        // Room for the marker, the title and "(open)" beside it.
        let width = min(area.width, max(44, (titles.map { TextWidth.of($0) }.max() ?? 0) + 15))
        let height = min(area.height, titles.count + 4)
        let box = Rect(x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2, width: width, height: height)
        Box.draw(box, title: " Contents ", into: &grid, options: options)
        // Where the box cannot hold every chapter, the list scrolls to keep the choice in it.
        let rows = max(1, box.height - 4)
        let first = max(0, min(choice - rows / 2, titles.count - rows))
        for (i, title) in titles.enumerated() where i >= first && i < first + rows {
            let y = box.y + 2 + i - first
            let chosen = i == choice
            if chosen { grid.put(options.glyphs.selectionMarker, x: box.x + 2, y: y, style: options.theme.selectedBar) }
            grid.write(title, x: box.x + 4, y: y, style: chosen ? options.theme.selectionRow : .plain, limit: box.width - 13)
            if i == current { grid.writeRight("(open) ", in: Rect(x: box.x, y: y, width: box.width - 1, height: 1)) }
        }
        let prompt = typed.isEmpty ? " a number or ↑↓, then Enter · Esc closes " : " chapter \(typed) · Enter opens it "
        grid.writeCentered(prompt, in: box.row(box.height - 1), style: options.theme.dim)
    }
}
