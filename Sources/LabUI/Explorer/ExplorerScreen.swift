import SoftmaxCore

/// Draws the explorer: a pure function from state and screen size to a grid.
public enum ExplorerScreen {
    /// The explorer alone, with its modes, as the frame draws it.
    public static func render(_ state: ExplorerState, width: Int, height: Int, options: ScreenOptions = ScreenOptions()) -> Grid {
        LabScreen.render(LabState(mode: .explorer, lesson: LessonState(instrument: state)), width: width, height: height,
                         options: options)
    }

    static func layout(for state: ExplorerState, width: Int, height: Int, options: ScreenOptions) -> ExplorerLayout? {
        let labelWidth = state.labels.map { TextWidth.of($0) }.max() ?? 1
        return ExplorerLayout(width: width, height: height, classCount: state.classCount, labelWidth: labelWidth, big: options.big)
    }

    /// The explorer's content; the frame adds the prompt, the key lines and overlays.
    static func paint(_ state: ExplorerState, into grid: inout Grid, options: ScreenOptions) {
        guard let layout = layout(for: state, width: grid.width, height: grid.height, options: options) else { return }
        ExplorerPainter(state: state, readout: state.readout, layout: layout, options: options).paint(into: &grid)
    }
}

/// Shown instead of a broken layout when the terminal is too small.
enum TooSmallScreen {
    static func render(width: Int, height: Int, into grid: inout Grid, theme: Theme) {
        let message = "enlarge the terminal to \(ExplorerLayout.minimumWidth)×\(ExplorerLayout.minimumHeight) "
            + "(now \(width)×\(height)); keys wait until then, q quits"
        let lines = wrap(message, width: width)
        let top = max(0, (height - lines.count) / 2)
        for (i, line) in lines.enumerated() where top + i < height {
            grid.writeCentered(line, in: Rect(x: 0, y: top + i, width: width, height: 1), style: theme.emphasis)
        }
    }

    /// Greedy word wrap; a word longer than the width is cut.
    static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            let candidate = current.isEmpty ? String(word) : current + " " + word
            if TextWidth.of(candidate) <= width {
                current = candidate
            } else {
                if !current.isEmpty { lines.append(current) }
                current = String(word)
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }
}

/// One frame of the explorer, part by part.
struct ExplorerPainter {
    let state: ExplorerState
    let readout: SoftmaxReadout
    let layout: ExplorerLayout
    let options: ScreenOptions
    var theme: Theme { options.theme }
    var glyphs: Glyphs { options.glyphs }
    /// The logit column's texts, formatted together so that different logits never read the same.
    let logitTexts: [String]

    init(state: ExplorerState, readout: SoftmaxReadout, layout: ExplorerLayout, options: ScreenOptions) {
        self.state = state
        self.readout = readout
        self.layout = layout
        self.options = options
        logitTexts = LogitText.column(state.logits)
    }

    func paint(into grid: inout Grid) {
        paintTitle(&grid)
        if let area = layout.bigReadout { BigReadout(readout: SoftmaxReadoutView(state), options: options).render(in: area, into: &grid) }
        paintTemperature(&grid)
        TemperatureSlider(temperature: state.temperature, glyphs: glyphs, theme: theme).render(in: layout.slider, into: &grid)
        paintClasses(&grid)
        grid.write(FormulaText.line(readout, selected: state.selected, labels: state.labels,
                                    logitText: logitTexts[state.selected], width: layout.formula.width),
                   x: layout.formula.x, y: layout.formula.y, limit: layout.formula.width)
        paintEntropy(&grid)
        paintDraw(&grid)
    }

    private func paintTitle(_ grid: inout Grid) {
        grid.write(" Softmax Lab", x: 0, y: layout.title.y, style: theme.title)
        grid.write(" · the temperature of a softmax", x: 12, y: layout.title.y, style: theme.dim)
        grid.writeRight("K = \(state.classCount) classes ", in: layout.title, style: theme.dim)
    }

    private func paintTemperature(_ grid: inout Grid) {
        let row = layout.temperatureLine
        let t = state.temperature
        let value = " \(TemperatureText.equation(t)) "
        grid.targets.append(HitTarget(Rect(x: 1, y: row.y, width: TextWidth.of(value), height: 1), .input))
        var x = 1 + grid.write(value, x: 1, y: row.y, style: theme.temperature)
        let meaning: String
        if t.isGreedy {
            meaning = "greedy: the largest logit takes all"
        } else if t.isUniform {
            meaning = "uniform: every class gets 1/K"
        } else if t.value < 1 {
            meaning = "colder than T = 1: sharper"
        } else if t.value > 1 {
            meaning = "hotter than T = 1: flatter"
        } else {
            meaning = "the plain softmax"
        }
        x += 1 + grid.write(meaning, x: x + 1, y: row.y, style: theme.dim)
        grid.writeRight(TopText.of(readout, labels: state.labels) + " ", in: row.inset(left: x + 1), style: theme.emphasis)
    }

    private func paintClasses(_ grid: inout Grid) {
        let c = layout.columns
        let header = layout.header
        grid.write("class", x: c.label, y: header.y, style: theme.dim)
        grid.writeRight("logit", in: Rect(x: c.logitEnd - 5, y: header.y, width: 5, height: 1), style: theme.dim)
        grid.write("probability p = softmax(z/T)", x: c.bar, y: header.y, style: theme.dim,
                   limit: c.barWidth + ClassColumns.percentWidth)
        let n = state.histogram.total
        let drawsTitle = n == 0 ? "draws (d: 1000)" : "draws n = \(n)"
        grid.write(drawsTitle, x: c.histogram, y: header.y, style: theme.dim, limit: c.histogramWidth + ClassColumns.percentWidth)
        let frequencies = state.histogram.frequencies
        let percents = PercentText.column(readout)
        let frequencyPercents = PercentText.column(frequencies)
        for (i, row) in layout.classRows.enumerated() {
            grid.targets.append(HitTarget(row, .classRow(i)))
            grid.targets.append(HitTarget(Rect(x: 0, y: row.y, width: c.logitEnd, height: row.height), .input))
            let isSelected = i == state.selected
            let textStyle = isSelected ? theme.selectionRow : theme.text
            if isSelected { grid.put(glyphs.selectionMarker, x: 0, y: row.y, style: theme.selectedBar) }
            grid.write(state.labels[i], x: c.label, y: row.y, style: textStyle, limit: c.labelWidth)
            let logitArea = Rect(x: c.logitEnd - ClassColumns.logitWidth, y: row.y, width: ClassColumns.logitWidth, height: 1)
            if isSelected, let editor = state.editor {
                grid.writeRight(TextWidth.truncate(editor.text, to: ClassColumns.logitWidth - 1) + "▏", in: logitArea,
                                style: theme.temperature)
            } else {
                grid.writeRight(logitTexts[i], in: logitArea, style: textStyle)
            }
            let p = readout.probabilities[i]
            for y in row.y..<row.maxY {
                grid.bar(p, in: Rect(x: c.bar, y: y, width: c.barWidth, height: 1), glyphs: glyphs,
                         style: isSelected ? theme.selectedBar : theme.bar)
            }
            grid.writeRight(percents[i],
                            in: Rect(x: c.bar + c.barWidth, y: row.y, width: ClassColumns.percentWidth, height: 1), style: textStyle)
            for y in row.y..<row.maxY {
                grid.bar(n > 0 ? frequencies[i] : 0, in: Rect(x: c.histogram, y: y, width: c.histogramWidth, height: 1),
                         glyphs: glyphs, style: theme.histogramBar, fill: glyphs.histogramBlock,
                         marker: p, markerStyle: theme.trueValue)
            }
            if n > 0 {
                grid.writeRight(frequencyPercents[i],
                                in: Rect(x: c.histogram + c.histogramWidth, y: row.y, width: ClassColumns.percentWidth, height: 1))
            }
        }
    }

    private func paintEntropy(_ grid: inout Grid) {
        let h = readout.entropyReadout
        let line = "H = \(NumberFormat.fixed(h.nats, decimals: 4)) nats = \(NumberFormat.fixed(h.bits, decimals: 4)) bits"
            + "   perplexity e^H = \(NumberFormat.fixed(h.perplexity, decimals: 2)) of \(h.classCount)"
        grid.write(line, x: layout.entropy.x, y: layout.entropy.y, limit: layout.entropy.width)
        let g = layout.gauge
        var x = g.x + grid.write("H / ln K   one-hot ", x: g.x, y: g.y, style: theme.dim)
        let barWidth = min(30, g.width - (x - g.x) - 18)
        guard barWidth > 0 else { return }
        let filled = horizontalBar(fraction: h.normalized, width: barWidth, glyphs: glyphs)
        grid.put("▕", x: x, y: g.y, style: theme.dim)
        grid.write(filled, x: x + 1, y: g.y, style: theme.bar)
        for i in TextWidth.of(filled)..<barWidth { grid.put(glyphs.lightShade, x: x + 1 + i, y: g.y, style: theme.dim) }
        grid.put("▏", x: x + 1 + barWidth, y: g.y, style: theme.dim)
        x += barWidth + 3
        x += grid.write("uniform ", x: x, y: g.y, style: theme.dim)
        grid.write(NumberFormat.fixed(h.normalized, decimals: 3), x: x + 1, y: g.y, style: theme.emphasis)
    }

    private func paintDraw(_ grid: inout Grid) {
        let bar = layout.cumulative
        grid.write("cumulative", x: 1, y: bar.y, style: theme.dim)
        let landed = state.lastDraw != nil && state.drop == nil
        CumulativeBar(probabilities: readout.probabilities, labels: state.labels,
                      lit: landed ? state.lastDraw?.index : nil, glyphs: glyphs, theme: theme)
            .render(in: bar, into: &grid)
        let result = layout.result
        if let draw = state.lastDraw {
            let x = bar.x + CumulativeBar.column(of: draw, probabilities: readout.probabilities, width: bar.width)
            let progress = state.drop?.progress ?? 1
            let fallen = Int((progress * Double(layout.dropArea.height - 1)).rounded(.down))
            grid.put(glyphs.dropMarker, x: x, y: layout.dropArea.y + fallen, style: theme.marker)
            let u = "u = \(NumberFormat.fixed(draw.u, decimals: 4))"
            if landed {
                let used = grid.write("\(u) → \(state.labels[draw.index])", x: result.x, y: result.y, style: theme.emphasis)
                grid.write(DrawText.explanation(of: draw, readout: readout, labels: state.labels), x: result.x + used + 3,
                           y: result.y, style: theme.dim, limit: result.width - used - 3)
            } else {
                grid.write(u + " …", x: result.x, y: result.y, style: theme.emphasis)
            }
        } else {
            grid.write("Space: draw u ~ U(0,1)", x: result.x, y: result.y, style: theme.dim)
        }
        let stats = layout.drawStatistics
        let n = state.histogram.total
        if n > 0 {
            let tv = state.histogram.totalVariation(from: readout.probabilities)
            // The expected distance after n draws (exact, chapter 6's closed form), which
            // shrinks like 1/√n but is not 1/√n itself.
            let expected = ExpectedTotalVariation(readout).expected(n: n)
            let line = "\(n) draw\(n == 1 ? "" : "s"): total-variation distance to p = \(NumberFormat.fixed(tv, decimals: 4)),"
                + " expected \(NumberFormat.fixed(expected, decimals: 4)) (∝ 1/√n)"
            grid.write(line, x: stats.x, y: stats.y, limit: stats.width)
        } else {
            grid.write("d: draw 1000 and watch the histogram converge", x: stats.x, y: stats.y, style: theme.dim)
        }
    }
}
