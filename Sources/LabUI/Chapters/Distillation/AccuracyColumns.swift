import SoftmaxCore

/// Test accuracy against T as a column per temperature, with horizontal lines for
/// what the students of hard labels score: a column that rises above a line is a
/// student the soft targets taught better. The scale starts at a round percentage
/// below everything shown (said on the axis), so the few points that separate the
/// students are visible.
struct AccuracyColumns {
    struct Column {
        let label: String
        /// nil while that student is still being trained.
        let accuracy: Double?
        /// The column of the dial's T.
        let isDial: Bool
    }

    struct Line {
        let name: String
        let accuracy: Double
        /// Drawn solid (the main comparison) or dashed, every other cell.
        let solid: Bool
    }

    let caption: String
    let columns: [Column]
    let lines: [Line]

    static let columnWidth = 6
    static let barWidth = 4
    /// "100%" and the axis before the first column.
    static let margin = 5
    /// The scale's ends are multiples of this.
    static let step = 0.05

    var width: Int { Self.margin + columns.count * Self.columnWidth }

    /// The scale: from the multiple of 5% below the lowest value to the one at or above the highest.
    var range: (low: Double, high: Double) {
        let values = columns.compactMap(\.accuracy) + lines.map(\.accuracy)
        guard let lowest = values.min(), let highest = values.max() else { return (0, 1) }
        let low = max(0, ((lowest - 0.005) / Self.step).rounded(.down) * Self.step)
        let high = min(1, max(low + Self.step, ((highest + 0.005) / Self.step).rounded(.up) * Self.step))
        return (low, high)
    }

    /// Caption and legend, plot rows, the axis, the T labels and the accuracies: at least 3 rows of plot.
    func render(in area: Rect, into grid: inout Grid, options: ScreenOptions) {
        let theme = options.theme, glyphs = options.glyphs
        guard area.height >= 7, area.width >= width else { return }
        var x = grid.write(caption, x: area.x, y: area.y, style: theme.emphasis, limit: area.width)
        for line in lines {
            let mark = glyphs.text("─")
            let legend = "  " + (line.solid ? mark + mark : mark + " ") + " \(line.name) "
                + NumberFormat.percent(line.accuracy, decimals: 1)
            guard x + TextWidth.of(legend) <= area.width else { break }
            x += grid.write(glyphs.text(legend), x: area.x + x, y: area.y, style: theme.text)
        }
        let plot = Rect(x: area.x + Self.margin, y: area.y + 1, width: columns.count * Self.columnWidth,
                        height: area.height - 4)
        let (low, high) = range
        grid.writeRight(NumberFormat.percent(high, decimals: 0), in: Rect(x: area.x, y: plot.y, width: Self.margin - 1, height: 1),
                        style: theme.dim)
        grid.writeRight(NumberFormat.percent(low, decimals: 0),
                        in: Rect(x: area.x, y: plot.maxY - 1, width: Self.margin - 1, height: 1), style: theme.dim)
        for y in plot.y..<plot.maxY { grid.put(glyphs.boxVertical, x: plot.x - 1, y: y, style: theme.dim) }
        grid.put(glyphs.boxBottomLeft, x: plot.x - 1, y: plot.maxY, style: theme.dim)
        for x in plot.x..<plot.maxX { grid.put(glyphs.horizontalRule, x: x, y: plot.maxY, style: theme.dim) }
        let eighthsPerUnit = Double(plot.height * 8) / (high - low)
        // Lines first, so a column that reaches one stands in front of it. A line is
        // drawn low, in the middle or high in its cell, by where its value falls in it,
        // so a column a little above it rises past it.
        for line in lines {
            let position = min(Double(plot.height) - 1e-9, (line.accuracy - low) * Double(plot.height) / (high - low))
            let row = Int(position)
            let glyph = lineGlyph(within: position - Double(row), glyphs)
            for x in stride(from: plot.x, to: plot.maxX, by: line.solid ? 1 : 2) {
                grid.put(glyph, x: x, y: plot.maxY - 1 - row, style: theme.dim)
            }
        }
        grid.write("T", x: area.x + 1, y: plot.maxY + 1, style: theme.dim)
        for (i, column) in columns.enumerated() {
            let x = plot.x + i * Self.columnWidth + 1
            let labelStyle = column.isDial ? theme.selectionRow : theme.dim
            grid.writeRight((column.isDial ? String(glyphs.selectionMarker) : "") + column.label,
                            in: Rect(x: x - 1, y: plot.maxY + 1, width: Self.barWidth + 1, height: 1), style: labelStyle)
            guard let accuracy = column.accuracy else {
                grid.writeRight(glyphs.text("…"), in: Rect(x: x - 1, y: plot.maxY + 2, width: Self.barWidth + 1, height: 1),
                                style: theme.dim)
                continue
            }
            let eighths = Int(((accuracy - low) * eighthsPerUnit).rounded())
            for row in 0..<plot.height {
                let filled = min(8, eighths - row * 8)
                guard filled > 0 else { break }
                for dx in 0..<Self.barWidth {
                    grid.put(glyphs.verticalEighths[filled - 1], x: x + dx, y: plot.maxY - 1 - row,
                             style: column.isDial ? theme.selectedBar : theme.bar)
                }
            }
            grid.writeRight(NumberFormat.fixed(accuracy * 100, decimals: 1),
                            in: Rect(x: x - 1, y: plot.maxY + 2, width: Self.barWidth + 1, height: 1),
                            style: column.isDial ? theme.selectionRow : theme.text)
        }
    }

    /// A horizontal stroke at the bottom, middle or top of a cell, for a fraction 0–1 of its height.
    private func lineGlyph(within fraction: Double, _ glyphs: Glyphs) -> Character {
        if fraction < 1.0 / 3 { return glyphs.asciiOnly ? "_" : "▁" }
        if fraction < 2.0 / 3 || glyphs.asciiOnly { return glyphs.horizontalRule }
        return "▔"
    }
}
