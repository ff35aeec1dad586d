/// A compact probability chart for the chapters: per class a label, an optional
/// value column, a bar on the absolute 0-100 % scale and the percentage.
public struct BarChart {
    public var labels: [String]
    public var probabilities: [Double]
    /// Text right-aligned before each bar, such as the logit; nil for none.
    public var values: [String]?
    public var selected: Int?
    /// Classes drawn dimmed, such as those a cut removed.
    public var dimmed: Set<Int> = []

    public init(labels: [String], probabilities: [Double], values: [String]? = nil, selected: Int? = nil) {
        self.labels = labels
        self.probabilities = probabilities
        self.values = values
        self.selected = selected
    }

    /// Draws one row per class from the top of `area`. When not all fit, the last
    /// row says how many more there are and their share, so nothing goes silently.
    public func render(in area: Rect, into grid: inout Grid, options: ScreenOptions) {
        let theme = options.theme
        let labelWidth = min(12, max(1, labels.map { TextWidth.of($0) }.max() ?? 1))
        let valueWidth = values.map { $0.map { TextWidth.of($0) }.max() ?? 0 } ?? 0
        let barX = area.x + 2 + labelWidth + (valueWidth > 0 ? valueWidth + 1 : 0) + 1
        let barWidth = area.maxX - barX - 7
        guard barWidth > 0 else { return }
        let percents = PercentText.column(probabilities)
        let fits = probabilities.count <= area.height
        let rows = fits ? probabilities.count : max(0, area.height - 1)
        if !fits, area.height > 0 {
            let rest = probabilities[rows...].reduce(0, +)
            let line = "… \(probabilities.count - rows) more, \(PercentText.of(rest)) together"
            grid.write(line, x: area.x + 2, y: area.y + rows, style: theme.dim, limit: area.width - 2)
        }
        for i in probabilities.indices where i < rows {
            let y = area.y + i
            // Rows of the instrument's classes (a chart with a selection) select on a click.
            if selected != nil { grid.targets.append(HitTarget(Rect(x: area.x, y: y, width: area.width, height: 1), .classRow(i))) }
            let isSelected = i == selected
            let isDimmed = dimmed.contains(i)
            let text = isDimmed ? theme.dim : (isSelected ? theme.selectionRow : theme.text)
            if isSelected { grid.put(options.glyphs.selectionMarker, x: area.x, y: y, style: theme.selectedBar) }
            grid.write(labels[i], x: area.x + 2, y: y, style: text, limit: labelWidth)
            if let values, values.indices.contains(i) {
                grid.writeRight(values[i], in: Rect(x: area.x + 2 + labelWidth + 1, y: y, width: valueWidth, height: 1), style: text)
            }
            grid.bar(probabilities[i], in: Rect(x: barX, y: y, width: barWidth, height: 1), glyphs: options.glyphs,
                     style: isDimmed ? theme.dim : (isSelected ? theme.selectedBar : theme.bar))
            grid.writeRight(percents[i], in: Rect(x: barX + barWidth, y: y, width: 7, height: 1), style: text)
        }
    }
}
