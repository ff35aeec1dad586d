/// Cumulative regret against the step, from 0 to the horizon: each series a filled area
/// (the run being watched) or a line of one letter (an average), over a shared scale
/// whose top is a round number at or above the largest value.
struct RegretChart {
    struct Series {
        /// The cumulative regret after each step so far; shorter than the horizon while a run is under way.
        let values: [Double]
        /// The letter the line is drawn with; nil draws a filled area with the glyphs' vertical eighths.
        let marker: Character?
        let style: Style
    }

    let series: [Series]
    let horizon: Int

    /// The columns the scale's labels take at the left.
    var labelWidth: Int { TextWidth.of(Self.label(top)) + 1 }

    var top: Double { Self.roundedUp(series.compactMap(\.values.last).max() ?? 0) }

    /// Draws the plot over all but the last two rows of `area`: the axis, then its labels.
    func render(in area: Rect, into grid: inout Grid, options: ScreenOptions) {
        let theme = options.theme
        let plot = Rect(x: area.x + labelWidth, y: area.y, width: area.width - labelWidth, height: area.height - 2)
        guard plot.height >= 1, plot.width >= 10, horizon > 0 else { return }
        let top = top
        grid.write(Self.label(top), x: area.x, y: plot.y, style: theme.dim)
        grid.writeRight("0", in: Rect(x: area.x, y: plot.maxY - 1, width: labelWidth - 1, height: 1), style: theme.dim)
        for x in plot.x..<plot.maxX { grid.put(options.glyphs.horizontalRule, x: x, y: plot.maxY, style: theme.dim) }
        grid.write("0", x: plot.x, y: plot.maxY + 1, style: theme.dim)
        grid.writeCentered("step", in: Rect(x: plot.x, y: plot.maxY + 1, width: plot.width, height: 1), style: theme.dim)
        grid.writeRight("\(horizon)", in: Rect(x: plot.x, y: plot.maxY + 1, width: plot.width, height: 1), style: theme.dim)
        for line in series {
            for column in 0..<plot.width {
                // Each column shows the regret after the last step it covers.
                let t = min(horizon, (column + 1) * horizon / plot.width) - 1
                guard t >= 0, t < line.values.count else { continue }
                let fraction = min(1, max(0, line.values[t] / top))
                let x = plot.x + column
                if let marker = line.marker {
                    let row = Int((fraction * Double(plot.height - 1)).rounded())
                    grid.put(marker, x: x, y: plot.maxY - 1 - row, style: line.style)
                } else {
                    fill(column: x, eighths: Int((fraction * Double(plot.height * 8)).rounded()), in: plot,
                         into: &grid, glyphs: options.glyphs, style: line.style)
                }
            }
        }
    }

    private func fill(column x: Int, eighths: Int, in plot: Rect, into grid: inout Grid, glyphs: Glyphs, style: Style) {
        for row in 0..<plot.height {
            let filled = min(8, eighths - row * 8)
            guard filled > 0 else { break }
            grid.put(glyphs.verticalEighths[filled - 1], x: x, y: plot.maxY - 1 - row, style: style)
        }
    }

    /// The least of 1, 1.5, 2, 2.5, 3, 4, 5, 6 and 8 times a power of ten at or above x
    /// (at least 1), so the scale's top reads as a round number and the tallest curve
    /// still takes most of the height.
    static func roundedUp(_ x: Double) -> Double {
        guard x.isFinite, x > 1 else { return 1 }
        var power = 1.0
        while power * 10 < x { power *= 10 }
        return [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10].map { $0 * power }.first { $0 >= x } ?? 10 * power
    }

    static func label(_ top: Double) -> String {
        top == top.rounded() ? String(Int(top)) : String(top)
    }
}
