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
        let width = min(area.width, keyWidth + textWidth + 7)
        let height = min(area.height, lines.count + 4)
        guard width > 4, height > 2 else { return }
        let box = Rect(x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2, width: width, height: height)
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
        for (i, line) in lines.enumerated() where i + 2 < box.height - 1 {
            let y = box.y + 2 + i
            grid.write(line.keys, x: box.x + 2, y: y, style: theme.emphasis, limit: keyWidth)
            grid.write(line.summary, x: box.x + 4 + keyWidth, y: y, limit: box.width - keyWidth - 6)
        }
        grid.writeCentered(" any key closes this ", in: box.row(box.height - 1), style: theme.dim)
    }
}
