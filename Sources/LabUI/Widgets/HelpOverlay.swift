/// The key table as a box over the screen, built from the same table input uses.
struct HelpOverlay {
    let glyphs: Glyphs
    let theme: Theme

    var lines: [(keys: String, summary: String)] {
        KeyMap.bindings.map { ($0.keyNames, $0.summary) }
    }

    func render(in area: Rect, into grid: inout Grid) {
        let keyWidth = lines.map { TextWidth.of(glyphs.text($0.keys)) }.max() ?? 0
        let textWidth = lines.map { TextWidth.of(glyphs.text($0.summary)) }.max() ?? 0
        // One column when it fits the height, else two side by side.
        let columns = lines.count + 4 <= area.height ? 1 : 2
        let rowsPerColumn = (lines.count + columns - 1) / columns
        let columnWidth = keyWidth + 2 + textWidth
        let width = min(area.width, columns * columnWidth + (columns - 1) * 3 + 4)
        let height = min(area.height, rowsPerColumn + 4)
        guard width > 4, height > 2 else { return }
        let box = Rect(x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2, width: width, height: height)
        drawFrame(box, into: &grid)
        let inner = (box.width - 4 - (columns - 1) * 3) / columns
        for (i, line) in lines.enumerated() {
            let column = i / rowsPerColumn
            let y = box.y + 2 + i % rowsPerColumn
            guard y < box.maxY - 1 else { continue }
            let x = box.x + 2 + column * (inner + 3)
            grid.write(line.keys, x: x, y: y, style: theme.emphasis, limit: keyWidth)
            grid.write(line.summary, x: x + keyWidth + 2, y: y, limit: inner - keyWidth - 2)
        }
        grid.writeCentered(" any key closes this ", in: box.row(box.height - 1), style: theme.dim)
    }

    private func drawFrame(_ box: Rect, into grid: inout Grid) {
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
        grid.writeCentered(" Keys ", in: box.row(0), style: theme.title)
    }
}
