import SoftmaxCore

extension Chapters {
    /// The slider with both limits marked, the bars (whose order never changes), and
    /// entropy against log T from 0 up to ln K with the current T on the curve; on a
    /// tall screen, the same logits read at a few round temperatures.
    static let temperatureDial = ChapterDefinition(
        title: "The temperature dial",
        name: "dial",
        featured: ["temperatureRaised", "temperatureEditStarted", "uniformChosen", "greedyChosen"],
        render: { lesson, area, grid, options in
            let r = lesson.readout
            let labels = lesson.instrument.labels
            let text = [
                "Divide every logit by T before the softmax. Below 1 the gaps grow and the top class "
                    + "takes more; above 1 they shrink and the bars even out. The order of the bars never changes.",
                TemperatureDialText.now(r, labels: labels),
            ]
            var rest = writeChapterText(text, in: area, into: &grid, options: options)
            TemperatureSlider(temperature: r.temperature, glyphs: options.glyphs, theme: options.theme)
                .render(in: Rect(x: rest.x, y: rest.y, width: rest.width, height: min(2, rest.height)), into: &grid)
            rest = Rect(x: rest.x, y: rest.y + 3, width: rest.width, height: max(0, rest.height - 3))
            let k = r.classCount
            // The curve reads best a little taller than the bars, but not the whole height of a tall screen.
            let plotHeight = min(rest.height, max(k, 14))
            let half = rest.width / 2
            ChapterLines.renderBars(BarChart(labels: labels, probabilities: r.probabilities,
                                             values: lesson.instrument.logits.map(LogitText.short)),
                                    percents: ChapterLines.percents(r),
                                    in: Rect(x: rest.x, y: rest.y, width: half - 1, height: min(k, rest.height)),
                                    into: &grid, options: options)
            EntropyCurve(logits: lesson.instrument.logits, current: r.temperature, marksOne: true)
                .render(in: Rect(x: rest.x + half + 1, y: rest.y, width: rest.width - half - 1, height: plotHeight),
                        into: &grid, options: options)
            let tableTop = rest.y + plotHeight + 1
            TemperatureDialText.renderReadings(logits: lesson.instrument.logits, current: r.temperature,
                                               in: Rect(x: rest.x, y: tableTop, width: rest.width, height: rest.maxY - tableTop),
                                               into: &grid, options: options)
        }
    )
}

/// The chapter's live sentence and its table of readings.
enum TemperatureDialText {
    /// "Now T = 1.00: ant, the top class, has 38.9% …", quoting the chart's own
    /// percentage (">99.9%" where the others' shares only underflow); a tie is named as a
    /// tie, never as "the top class", with its share to two decimals (the chart's column,
    /// rounded to add up to 100.0, can split a tie's tenths). An entropy that rounds to
    /// 0.000 over several classes reads "H < 0.001".
    static func now(_ r: SoftmaxReadout, labels: [String]) -> String {
        // A masked class (logit -inf) cannot occur, so the most entropy is ln of the others.
        let k = r.unmaskedCount
        let shown = ChapterLines.percents(r)
        let top = ChapterLines.topNames(r, labels: labels)
        let who = top.count == 1
            ? "\(top.names), the top class, has \(shown[r.topIndex])"
            : "\(top.names) tie at the top with \(ChapterLines.tiedShare(r.topProbability)) each"
        return "Now \(TemperatureText.equation(r.temperature)): \(who), and the entropy is "
            + "\(ChapterLines.entropyEquation(r)) nats of at most ln \(k) = "
            + "\(NumberFormat.fixed(EntropyReadout(nats: 0, classCount: k).maximumNats, decimals: 3))."
    }

    /// The round temperatures the table reads the logits at, besides the current one.
    static let readings: [Double] = [0.1, 0.5, 1, 2, 10]

    /// On a tall screen: the top probability, H and e^H at a few temperatures and at
    /// the current one, marked, so the curve's numbers can be read off.
    static func renderReadings(logits: [Double], current: Temperature, in area: Rect, into grid: inout Grid,
                               options: ScreenOptions) {
        var temperatures = readings.compactMap { try? Temperature($0) }
        if !temperatures.contains(current) { temperatures.append(current) }
        temperatures.sort { TemperatureDial.position(of: $0) < TemperatureDial.position(of: $1) }
        guard area.height >= temperatures.count + 2, area.width >= 50 else { return }
        let theme = options.theme
        grid.write("the same logits at a few temperatures:", x: area.x, y: area.y, style: theme.dim, limit: area.width)
        let columns = [(12, "T"), (12, "top p"), (12, "H (nats)"), (10, "e^H")]
        var x = area.x
        for (width, title) in columns {
            ChapterLines.writeRight(title, in: Rect(x: x, y: area.y + 1, width: width, height: 1), style: theme.dim,
                                    into: &grid, options: options)
            x += width
        }
        for (row, t) in temperatures.enumerated() {
            let r = SoftmaxReadout(logits: logits, temperature: t)
            let h = r.entropyReadout
            let y = area.y + 2 + row
            let isCurrent = t == current
            let style = isCurrent ? theme.temperature : theme.text
            let cells = [TemperatureText.equation(t), ChapterLines.percents(r)[r.topIndex],
                         ChapterLines.entropyValue(r), NumberFormat.fixed(h.perplexity, decimals: 2)]
            x = area.x
            for ((width, _), text) in zip(columns, cells) {
                ChapterLines.writeRight(text, in: Rect(x: x, y: y, width: width, height: 1), style: style, into: &grid,
                                        options: options)
                x += width
            }
            if isCurrent { grid.write("← now", x: x + 2, y: y, style: theme.temperature) }
        }
    }
}
