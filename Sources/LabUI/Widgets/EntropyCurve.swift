import SoftmaxCore

/// Entropy against log T over the slider's range, rising from near 0 to ln K, with
/// the current temperature marked on the curve and T = 1 marked on the axis.
struct EntropyCurve {
    let logits: [Double]
    let current: Temperature
    /// Whether the T axis also marks T = 1 (off by default, so existing screens stay as they are).
    var marksOne = false

    func render(in area: Rect, into grid: inout Grid, options: ScreenOptions) {
        guard area.width >= 12, area.height >= 4 else { return }
        let k = logits.count
        let top = EntropyReadout(nats: 0, classCount: k).maximumNats
        let plot = Rect(x: area.x + 6, y: area.y + 1, width: area.width - 6, height: area.height - 2)
        grid.write("H", x: area.x, y: area.y, style: options.theme.dim)
        grid.write("ln K", x: area.x, y: plot.y, style: options.theme.dim)
        grid.write("0", x: area.x, y: plot.maxY - 1, style: options.theme.dim)
        // The T axis: its two ends, and 1 where it falls if asked and there is room between them.
        let left = "T 0.05"
        grid.write(left, x: plot.x, y: plot.maxY, style: options.theme.dim)
        grid.writeRight("20", in: Rect(x: plot.x, y: plot.maxY, width: plot.width, height: 1), style: options.theme.dim)
        let one = plot.x + column(of: .one, width: plot.width)
        if marksOne, one > plot.x + TextWidth.of(left), one < plot.maxX - 3 {
            grid.write("1", x: one, y: plot.maxY, style: options.theme.dim)
        }
        let temperatures = logSpaced(from: TemperatureDial.minimum, to: TemperatureDial.maximum, count: plot.width)
        for (column, t) in temperatures.enumerated() {
            guard let temperature = try? Temperature(t) else { continue }
            let h = SoftmaxReadout(logits: logits, temperature: temperature).entropy
            grid.put("·", x: plot.x + column, y: row(of: h, top: top, in: plot), style: options.theme.bar)
        }
        let h = SoftmaxReadout(logits: logits, temperature: current).entropy
        grid.put(options.glyphs.sliderKnob, x: plot.x + column(of: current, width: plot.width), y: row(of: h, top: top, in: plot),
                 style: options.theme.knob)
    }

    private func column(of t: Temperature, width: Int) -> Int {
        Int((TemperatureDial.position(of: t) * Double(width - 1)).rounded())
    }

    private func row(of h: Double, top: Double, in plot: Rect) -> Int {
        let fraction = top > 0 ? h / top : 0
        return plot.maxY - 1 - Int((fraction * Double(plot.height - 1)).rounded())
    }
}
