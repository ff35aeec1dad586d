import Experiments
import SoftmaxCore

/// The calibration chapter's three views, each below its text.
enum CalibrationViews {
    static let chartGap = 4

    // MARK: 1. Reliability diagrams

    /// The diagram at the dial's T beside the one at T*, and the one at T = 1 first where
    /// three fit; under each its ECE, NLL and accuracy.
    static func renderDiagrams(_ lesson: LessonState, _ f: CalibrationFigures, text: [String], in area: Rect,
                               into grid: inout Grid, options: ScreenOptions) {
        let rest = writeChapterText(text, in: area, into: &grid, options: options)
        var charts: [(caption: String, report: CalibrationReport)] = [
            ("at the dial's \(TemperatureText.equation(f.dial))", f.atDial),
        ]
        if f.fitted != nil, let after = f.atFitted {
            charts.append(("after, at \(CalibrationChapter.fittedText(f.model.fit))", after))
        }
        let width = ReliabilityChart(caption: "", diagram: f.atOne.reliability).width
        if rest.width >= 3 * width + 2 * chartGap { charts.insert(("before, at T = 1", f.atOne), at: 0) }
        let height = min(rest.height - 1, 16)
        guard height >= 5 else { return }
        for (i, chart) in charts.enumerated() {
            let x = rest.x + i * (width + chartGap)
            guard x + width <= rest.maxX else { break }
            ReliabilityChart(caption: chart.caption, diagram: chart.report.reliability)
                .render(in: Rect(x: x, y: rest.y, width: width, height: height), into: &grid, options: options)
            // The caption names the T the user set: predicting never hides it.
            grid.targets.append(HitTarget(Rect(x: x, y: rest.y, width: width, height: 1), .input))
            let metrics = "ECE \(CalibrationChapter.percent(chart.report.expectedCalibrationError))  "
                + "NLL \(CalibrationChapter.nll(chart.report.meanNLL))  acc \(CalibrationChapter.percent(chart.report.accuracy))"
            grid.write(metrics, x: x, y: rest.y + height, style: options.theme.text, limit: width + chartGap - 1)
        }
        // Where the screen is tall enough, the L2 slider's T* too, so one view shows T* moving.
        let below = Rect(x: rest.x, y: rest.y + height + 2, width: rest.width, height: rest.maxY - rest.y - height - 2)
        if below.height >= 5 {
            grid.write("T* for each C, the L2 slider (, .):", x: below.x, y: below.y, style: options.theme.emphasis,
                       limit: below.width)
            RegularizationLadderView(work: lesson.calibration.work, rung: lesson.calibration.rung)
                .render(in: Rect(x: below.x, y: below.y + 1, width: below.width, height: 3), into: &grid, options: options)
        }
    }

    // MARK: 2. The L2 slider and the curves against T

    static func renderLadder(_ lesson: LessonState, _ f: CalibrationFigures, text: [String], in area: Rect,
                             into grid: inout Grid, options: ScreenOptions) {
        let rest = writeChapterText(text, in: area, into: &grid, options: options)
        guard rest.height >= 3 else { return }
        RegularizationLadderView(work: lesson.calibration.work, rung: lesson.calibration.rung)
            .render(in: Rect(x: rest.x, y: rest.y, width: rest.width, height: 3), into: &grid, options: options)
        let curves = Rect(x: rest.x, y: rest.y + 4, width: rest.width, height: min(rest.height - 4, 14))
        guard curves.height >= 5, f.model.isCurveComplete else { return }
        let width = (curves.width - chartGap) / 2
        let points = f.model.curve
        let plots = [
            TemperatureCurvePlot(name: "test NLL against T", points: points.map { ($0.temperature, $0.meanNLL) },
                                 fitted: f.fitted?.value, dial: f.dial, dialValue: f.atDial.meanNLL,
                                 format: { NumberFormat.fixed($0, decimals: 2) }),
            TemperatureCurvePlot(name: "test ECE against T", points: points.map { ($0.temperature, $0.expectedCalibrationError) },
                                 fitted: f.fitted?.value, dial: f.dial, dialValue: f.atDial.expectedCalibrationError,
                                 format: { NumberFormat.percent($0, decimals: 0) }),
        ]
        for (i, plot) in plots.enumerated() {
            plot.render(in: Rect(x: curves.x + i * (width + chartGap), y: curves.y, width: width, height: curves.height),
                        into: &grid, options: options)
        }
    }

    // MARK: 3. A test digit

    static func renderDigit(_ lesson: LessonState, _ f: CalibrationFigures, text: [String], in area: Rect,
                            into grid: inout Grid, options: ScreenOptions) {
        let rest = writeChapterText(text, in: area, into: &grid, options: options)
        guard let data = lesson.calibration.work.data, rest.height >= 5 else { return }
        let row = lesson.calibration.shownDigit(f.model)
        let pixels = data.dataset.pixels[(data.split.test[row] * DigitsDataset.pixelCount)...].prefix(DigitsDataset.pixelCount)
        // The half-block picture the 8×8 pixels fit in, and beside it, where there is room,
        // one twice the size whose cells can show each pixel's shade.
        let small = DigitPicture(pixels: Array(pixels), scale: 1)
        small.render(at: rest.x + 2, y: rest.y + 1, into: &grid, options: options)
        var chartX = rest.x + 2 + small.width + 3
        if rest.height >= 2 * DigitPicture.rows + 1 {
            let large = DigitPicture(pixels: Array(pixels), scale: 2)
            large.render(at: chartX, y: rest.y + 1, into: &grid, options: options)
            chartX += large.width + 3
        }
        let label = f.model.test.labels[row]
        let logits = Array(f.model.test.row(row))
        let readout = SoftmaxReadout(logits: logits, temperature: f.dial)
        let labels = (0..<DigitsDataset.classCount).map { $0 == label ? "\($0) true" : "\($0)" }
        let logitTexts = LogitText.column(logits)
        let labelWidth = labels.map { TextWidth.of($0) }.max() ?? 1
        let valueWidth = logitTexts.map { TextWidth.of($0) }.max() ?? 1
        grid.write("z", x: chartX + 2 + labelWidth + valueWidth, y: rest.y, style: options.theme.dim)
        grid.write("p at \(TemperatureText.equation(f.dial))", x: chartX + 2 + labelWidth + valueWidth + 2, y: rest.y,
                   style: options.theme.dim, limit: max(0, rest.maxX - chartX - labelWidth - valueWidth - 4))
        BarChart(labels: labels, probabilities: ChartShares.of(readout), values: logitTexts)
            .render(in: Rect(x: chartX, y: rest.y + 1, width: min(rest.maxX - chartX, 60), height: rest.height - 1),
                    into: &grid, options: options)
    }
}

/// The rungs of C with T* under each trained one, and which way it moves the model.
struct RegularizationLadderView {
    let work: CalibrationWork
    let rung: Int
    static let rungWidth = 8
    static let labelWidth = 4

    func render(in area: Rect, into grid: inout Grid, options: ScreenOptions) {
        let theme = options.theme
        grid.write("C", x: area.x, y: area.y, style: theme.dim)
        grid.write("T*", x: area.x, y: area.y + 1, style: theme.dim)
        for (i, c) in RegularizationLadder.values.enumerated() {
            let cell = Rect(x: area.x + Self.labelWidth + i * Self.rungWidth, y: area.y, width: Self.rungWidth, height: 3)
            guard cell.maxX <= area.maxX else { break }
            grid.targets.append(HitTarget(cell, .regularizationRung(i)))
            let isCurrent = i == RegularizationLadder.clamped(rung)
            let name = RegularizationLadder.text(c)
            grid.writeRight((isCurrent ? String(options.glyphs.selectionMarker) : "") + name,
                            in: Rect(x: cell.x, y: cell.y, width: cell.width - 1, height: 1),
                            style: isCurrent ? theme.selectionRow : theme.text)
            let fit = work.models[c]?.fit
            let value = fit.map(Self.fittedValue) ?? (work.training?.trainer.inverseRegularization == c ? "…" : "·")
            grid.writeRight(value, in: Rect(x: cell.x, y: cell.y + 1, width: cell.width - 1, height: 1),
                            style: isCurrent ? theme.emphasis : theme.text)
            if let t = fit?.temperature, t != 1 {
                grid.writeRight(t > 1 ? "soften" : "sharpen", in: Rect(x: cell.x, y: cell.y + 2, width: cell.width - 1, height: 1),
                                style: theme.dim)
            }
        }
    }

    /// T* in three significant digits, or the limit the fit found.
    static func fittedValue(_ fit: TemperatureFit) -> String {
        switch fit {
        case .converged(let t, _, _): NumberFormat.significant(t, digits: 3).withTrailingZeros(significant: 3)
        case .sharpensWithoutLimit: "→ 0"
        case .flattensWithoutLimit: "→ ∞"
        case .notConverged: "?"
        }
    }
}

/// A digit of the 8×8 set drawn in the terminal. At scale 1, half blocks: each cell
/// holds two pixels, one above the other, so 8 columns by 4 rows, each pixel on where
/// its value (0–16) is at least half. At scale 2 each pixel is two cells wide and a row
/// high, shaded by its value. In ASCII, characters of growing ink stand for the shades.
struct DigitPicture {
    static let side = 8
    static let rows = 4
    let pixels: [UInt8]
    let scale: Int

    var width: Int { Self.side * scale }
    var height: Int { Self.rows * scale }

    static let shades: [Character] = [" ", "░", "▒", "▓", "█"]
    static let asciiShades: [Character] = [" ", ".", ":", "-", "=", "+", "*", "#", "%", "@"]

    func pixel(_ x: Int, _ y: Int) -> Int { Int(pixels[y * Self.side + x]) }

    func render(at x0: Int, y y0: Int, into grid: inout Grid, options: ScreenOptions) {
        let style = options.theme.text
        for y in 0..<Self.side where scale == 2 {
            for x in 0..<Self.side {
                let symbol = shade(Double(pixel(x, y)) / 16, ascii: options.glyphs.asciiOnly)
                grid.put(symbol, x: x0 + 2 * x, y: y0 + y, style: style)
                grid.put(symbol, x: x0 + 2 * x + 1, y: y0 + y, style: style)
            }
        }
        for row in 0..<Self.rows where scale == 1 {
            for x in 0..<Self.side {
                let top = pixel(x, 2 * row), bottom = pixel(x, 2 * row + 1)
                let symbol: Character
                if options.glyphs.asciiOnly {
                    symbol = shade(Double(top + bottom) / 32, ascii: true)
                } else {
                    let half = DigitsDataset.maximumPixelValue / 2
                    symbol = top >= half ? (bottom >= half ? "█" : "▀") : (bottom >= half ? "▄" : " ")
                }
                grid.put(symbol, x: x0 + x, y: y0 + row, style: style)
            }
        }
    }

    /// The character whose ink is nearest `fraction` (0 to 1) of a full cell.
    private func shade(_ fraction: Double, ascii: Bool) -> Character {
        let ramp = ascii ? Self.asciiShades : Self.shades
        return ramp[min(ramp.count - 1, Int((fraction * Double(ramp.count - 1)).rounded()))]
    }
}
