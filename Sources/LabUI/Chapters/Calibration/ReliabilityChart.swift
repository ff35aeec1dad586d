#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Experiments
import SoftmaxCore

/// A reliability diagram as bars: for each confidence bin, a column whose height is
/// the accuracy of the predictions in it, and beside it a dot at the bin's mean
/// confidence, where the bar would end if the model were calibrated. A bar below its
/// dot is overconfidence, above it underconfidence; the dots of all bins make the diagonal.
struct ReliabilityChart {
    let caption: String
    let diagram: ReliabilityDiagram
    /// The columns of one bin: the bar and the dot.
    static let binWidth = 2
    /// The y labels and the axis before the bins.
    static let margin = 2

    /// The width the chart needs for its bins.
    var width: Int { Self.margin + diagram.bins.count * Self.binWidth }

    /// Caption, plot rows, the axis and its labels: at least two rows of plot.
    func render(in area: Rect, into grid: inout Grid, options: ScreenOptions) {
        let theme = options.theme
        guard area.height >= 5, area.width >= width else { return }
        grid.write(caption, x: area.x, y: area.y, style: theme.emphasis, limit: area.width)
        let plotRows = area.height - 3
        let plot = Rect(x: area.x + Self.margin, y: area.y + 1, width: diagram.bins.count * Self.binWidth, height: plotRows)
        grid.write("1", x: area.x, y: plot.y, style: theme.dim)
        grid.write("0", x: area.x, y: plot.maxY - 1, style: theme.dim)
        for y in plot.y..<plot.maxY { grid.put(options.glyphs.boxVertical, x: area.x + 1, y: y, style: theme.dim) }
        let axisY = plot.maxY
        grid.put(options.glyphs.boxBottomLeft, x: area.x + 1, y: axisY, style: theme.dim)
        for x in plot.x..<plot.maxX { grid.put(options.glyphs.horizontalRule, x: x, y: axisY, style: theme.dim) }
        grid.write("0", x: plot.x, y: axisY + 1, style: theme.dim)
        grid.writeRight("1", in: Rect(x: plot.x, y: axisY + 1, width: plot.width, height: 1), style: theme.dim)
        let label = "confidence"
        if plot.width >= TextWidth.of(label) + 6 {
            grid.write(label, x: plot.x + (plot.width - TextWidth.of(label)) / 2, y: axisY + 1, style: theme.dim)
        }
        for (b, bin) in diagram.bins.enumerated() {
            let x = plot.x + b * Self.binWidth
            if bin.count > 0 {
                column(height: bin.accuracy, x: x, in: plot, into: &grid, glyphs: options.glyphs, style: theme.bar)
            }
            // An empty bin's dot sits at its centre, dim: the diagonal, with nothing to compare.
            let confidence = bin.count > 0 ? bin.meanConfidence : (Double(b) + 0.5) / Double(diagram.bins.count)
            let row = min(plot.height - 1, Int(confidence * Double(plot.height)))
            grid.put("·", x: x + 1, y: plot.maxY - 1 - row, style: bin.count > 0 ? theme.marker : theme.dim)
        }
    }

    /// A bar from the bottom of the plot to `height` (0 to 1) of it, to an eighth of a cell.
    private func column(height: Double, x: Int, in plot: Rect, into grid: inout Grid, glyphs: Glyphs, style: Style) {
        let eighths = Int((min(max(height, 0), 1) * Double(plot.height * 8)).rounded())
        for row in 0..<plot.height {
            let filled = min(8, eighths - row * 8)
            guard filled > 0 else { break }
            grid.put(glyphs.verticalEighths[filled - 1], x: x, y: plot.maxY - 1 - row, style: style)
        }
    }
}

/// A quantity against T over the dial's range, log-scaled as the slider is, with T*
/// marked on the axis and the dial's T marked on the curve.
struct TemperatureCurvePlot {
    let name: String
    let points: [(temperature: Double, value: Double)]
    let fitted: Double?
    let dial: Temperature
    /// The quantity at the dial's T, computed there rather than read off the samples.
    let dialValue: Double
    /// How the top of the axis is labelled ("2.30", "25%").
    let format: (Double) -> String

    func render(in area: Rect, into grid: inout Grid, options: ScreenOptions) {
        let theme = options.theme
        guard area.height >= 5, area.width >= 16, !points.isEmpty else { return }
        let finite = points.map(\.value).filter(\.isFinite)
        let top = max(finite.max() ?? 1, 1e-12)
        let topText = format(top)
        let margin = TextWidth.of(topText) + 1
        let plot = Rect(x: area.x + margin, y: area.y + 1, width: area.width - margin, height: area.height - 3)
        grid.write(name, x: area.x, y: area.y, style: theme.emphasis, limit: area.width)
        grid.write(topText, x: area.x, y: plot.y, style: theme.dim)
        grid.writeRight("0", in: Rect(x: area.x, y: plot.maxY - 1, width: margin - 1, height: 1), style: theme.dim)
        let axisY = plot.maxY
        for x in plot.x..<plot.maxX { grid.put(options.glyphs.horizontalRule, x: x, y: axisY, style: theme.dim) }
        grid.write("T 0.05", x: plot.x, y: axisY + 1, style: theme.dim)
        grid.writeRight("20", in: Rect(x: plot.x, y: axisY + 1, width: plot.width, height: 1), style: theme.dim)
        func columnOf(_ t: Double) -> Int {
            guard let temperature = try? Temperature(t) else { return 0 }
            return Int((TemperatureDial.position(of: temperature) * Double(plot.width - 1)).rounded())
        }
        func rowOf(_ value: Double) -> Int {
            let fraction = value.isFinite ? min(1, max(0, value / top)) : 1
            return plot.maxY - 1 - Int((fraction * Double(plot.height - 1)).rounded())
        }
        // Each column shows the sampled T nearest its own (in log T).
        for column in 0..<plot.width {
            let position = plot.width > 1 ? Double(column) / Double(plot.width - 1) : 0
            let t = TemperatureDial.temperature(at: position)
            guard let nearest = points.min(by: { abs(log($0.temperature / t.value)) < abs(log($1.temperature / t.value)) })
            else { continue }
            grid.put("·", x: plot.x + column, y: rowOf(nearest.value), style: theme.bar)
        }
        if let fitted, fitted >= TemperatureDial.minimum, fitted <= TemperatureDial.maximum {
            let x = plot.x + columnOf(fitted)
            grid.put(options.glyphs.dropMarker == "▼" ? "▲" : "^", x: x, y: axisY, style: theme.marker)
            let label = "T*"
            if x + 1 + TextWidth.of(label) < plot.maxX - 2 && x > plot.x + 6 {
                grid.write(label, x: x - 1, y: axisY + 1, style: theme.marker)
            }
        }
        if !dial.isGreedy && !dial.isUniform, dial.value >= TemperatureDial.minimum, dial.value <= TemperatureDial.maximum {
            grid.put(options.glyphs.sliderKnob, x: plot.x + columnOf(dial.value), y: rowOf(dialValue), style: theme.knob)
        }
    }
}
